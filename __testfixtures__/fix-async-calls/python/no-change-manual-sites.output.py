from app.ws.factory import create_websocket_manager

manager = create_websocket_manager(None)


def sync_handler(ctx):
    user = fetch_user(ctx.user_id)
    return user.name


class Settings:
    user = fetch_user(0)


async def generator_expression(ids):
    return any(fetch_user(i).active for i in ids)


async def iterated(ctx):
    async with create_websocket_manager(ctx) as manager:
        manager.send("hi")
    async for user in fetch_user(ctx):
        print(user)


async def async_comprehension(ctx):
    return [user async for user in fetch_user(ctx)]


async def debug_text(key):
    print(f"{fetch_user(key)=}")


async def annotated_locals(key):
    value: fetch_user(key) = 3
    return value
