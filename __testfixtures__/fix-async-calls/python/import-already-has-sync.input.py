import asyncio
from app.config import load_config, load_config_async, CONFIG_PATH
from app.config import load_config_async as fetch_config


def reload():
    current = load_config(CONFIG_PATH)
    fresh = load_config_async(CONFIG_PATH)
    return current, fresh


def refetch():
    fetch_config(CONFIG_PATH)
    asyncio.run(fetch_config(CONFIG_PATH))
