from app.config import load_config
from app.config import load_config_async; import os
from app.config import (
    load_config,  # the sync loader
    load_config_async,  # the async loader
    CONFIG_PATH,
)
from app.config import DEFAULTS, \
    load_config_async


def reload():
    return load_config_async(os.environ.get("CONFIG", CONFIG_PATH)).merge(DEFAULTS)
