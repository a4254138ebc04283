from ..ws.factory import create_websocket_manager as make_manager
from ..ws import factory
from .. import config


async def start(ctx):
    manager = await make_manager(ctx)
    other = await factory.create_websocket_manager(ctx)
    return manager.name, other.name


def load():
    return config.load_config("app.toml").sections
