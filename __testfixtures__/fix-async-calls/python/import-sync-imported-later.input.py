from app.config import load_config_async

CONFIG = load_config_async("app.toml")

from app.config import load_config  # noqa: E402


def reload():
    return load_config("app.toml")
