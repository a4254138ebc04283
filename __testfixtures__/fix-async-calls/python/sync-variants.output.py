from app.config import load_config
from app import registry as registry_module


def wire(registry, manager):
    registry.set_websocket_manager(manager)
    registry_module.default.set_websocket_manager(manager)


class Wiring:
    def __init__(self, registry, manager):
        registry.set_websocket_manager(manager)
        self.config = load_config("app.toml")

    on_reset = lambda self, registry: registry.set_websocket_manager_async(None)


def configure(path=load_config("defaults.toml")):
    return path


async def still_async(registry, manager):
    await registry.set_websocket_manager_async(manager)
    await registry.set_websocket_manager_async(manager)
