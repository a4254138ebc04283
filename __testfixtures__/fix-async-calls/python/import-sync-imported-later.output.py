from app.config import load_config

CONFIG = load_config("app.toml")

from app.config import load_config  # noqa: E402


def reload():
    return load_config("app.toml")
