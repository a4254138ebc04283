from other.factory import create_websocket_manager
from app.ws import factory as ws_factory


async def other_module(ctx):
    manager = create_websocket_manager(ctx)
    manager.add_connection(ctx.conn)


async def shadowed(ctx, create_websocket_manager):
    manager = create_websocket_manager(ctx)
    return manager.name


async def lookalikes(ctx, client):
    client.fetch_users(ctx)
    fetch_user_sync(ctx)
    ws_factory.create_websocket_manager_later(ctx)
    text = "fetch_user(ctx)"  # fetch_user(ctx) in a comment
    return text
