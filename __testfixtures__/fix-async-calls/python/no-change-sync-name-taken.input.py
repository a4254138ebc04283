from app.config import load_config_async
from legacy.config import load_config


def reload(path):
    return load_config_async(path).sections


def reload_now(path):
    config = load_config_async(path)
    return config, load_config


def reload_local(path, load_config=None):
    config = load_config_async(path)
    return config
