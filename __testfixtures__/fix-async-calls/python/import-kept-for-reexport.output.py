from app.config import load_config_async, load_config

__all__ = ["load_config_async", "reload"]


def helper():
    from app.config import load_config
    return load_config


def reload(path):
    return load_config(path).sections
