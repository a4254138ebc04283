from app.ws.factory import create_websocket_manager


async def returned(ctx):
    return fetch_user(ctx.user_id)


async def returned_through_branches(ctx, cached):
    if ctx.fast:
        return cached or fetch_user(ctx.user_id)
    return fetch_user(ctx.user_id) if ctx.user_id else None


async def returned_from_async_with(ctx):
    async with ctx.lock:
        return create_websocket_manager(ctx)


async def stored_then_returned(ctx):
    pending = fetch_user(ctx.user_id)
    return pending


def sync_def_returns_the_coroutine(ctx):
    return fetch_user(ctx.user_id)


async def lambda_returns_the_coroutine(ctx):
    later = lambda: fetch_user(ctx.user_id)
    return await later()


def sync_def_stores_then_returns(ctx):
    pending = fetch_user(ctx.user_id)
    return pending
