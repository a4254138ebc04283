# `# unawaited: ignore[reason]` on a call's line silences that line's sites, and only them.
async def start(registry):
    pending = fetch_user(1)  # unawaited: ignore[asserted on as a coroutine below]
    user = fetch_user(2)  # noqa: E501  # unawaited: ignore
    # unawaited: ignore[a comment on a line of its own silences that line only]
    other = await fetch_user(3)
    # Prose that mentions unawaited: ignore is not a pragma.
    last = await fetch_user(4)
    return pending, user.name, other.name, last.name


def start_sync(registry):
    registry.set_websocket_manager_async(1)  # unawaited: ignore[the sync variant drops events here]
    registry.set_websocket_manager(2)
