from typing import TYPE_CHECKING

try:
    from app.config import load_config_async
except ImportError:
    load_config_async = None
if TYPE_CHECKING:
    from app.config import load_config_async


def reload(path):
    return load_config_async(path).sections


def wire_all(managers, set_websocket_manager_async):
    for manager in managers:
        set_websocket_manager_async(manager)
