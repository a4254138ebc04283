from app.ws.factory import create_websocket_manager


async def start(ctx, conn):
    manager = create_websocket_manager(ctx)
    manager.add_connection(conn)


class Handler:
    async def on_message(self, ctx, message):
        user = fetch_user(message.user_id)
        return user.name

    async def on_error(self, ctx):
        try:
            self.manager = create_websocket_manager(ctx)
        except ConnectionError:
            self.manager = create_websocket_manager(ctx.fallback)
        self.manager.send("ready")


async def comprehensions(ids):
    users = [fetch_user(i) for i in ids]
    by_id = {i: fetch_user(i) for i in ids}
    async for event in stream():
        fetch_user(event.user_id)
    return users, by_id


async def nested(ctx):
    async def inner():
        return fetch_user(ctx.user_id).name

    return await inner()
