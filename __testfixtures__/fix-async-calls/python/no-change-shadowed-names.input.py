from app.ws import factory
from app.ws.factory import create_websocket_manager


async def parameter_named_like_the_module(factory):
    return factory.create_websocket_manager(None).name


async def local_named_like_the_module():
    factory = Other()
    return factory.create_websocket_manager(None).name


class Wiring:
    set_websocket_manager = staticmethod(print)
    result = set_websocket_manager_async(None)


def comprehension(managers):
    return [set_websocket_manager_async(m) for set_websocket_manager in managers]


def matched(command):
    match command:
        case [set_websocket_manager]:
            set_websocket_manager_async(set_websocket_manager)
