from app.config import load_config_async, CONFIG_PATH
from app.config import (
    DEFAULTS,
    load_config_async as load_async,
)


def reload():
    return load_config_async(CONFIG_PATH).merge(DEFAULTS)


def reload_defaults():
    load_async(DEFAULTS)


async def reload_later():
    return (await load_config_async(CONFIG_PATH)).merge(DEFAULTS)
