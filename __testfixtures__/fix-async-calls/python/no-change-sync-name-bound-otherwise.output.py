from app.config import load_config_async
import legacy.loader as load_config
from app.registry import set_websocket_manager_async

__all__ = ["set_websocket_manager_async"]


def reload(path):
    return load_config_async(path).sections


for set_websocket_manager in ():
    pass


def wire(manager):
    set_websocket_manager_async(manager)
