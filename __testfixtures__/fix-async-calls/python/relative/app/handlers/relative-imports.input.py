from ..ws.factory import create_websocket_manager as make_manager
from ..ws import factory
from .. import config


async def start(ctx):
    manager = make_manager(ctx)
    other = factory.create_websocket_manager(ctx)
    return manager.name, other.name


def load():
    return config.load_config_async("app.toml").sections
