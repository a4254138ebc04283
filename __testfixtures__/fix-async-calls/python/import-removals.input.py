from app.config import load_config
try:
    from app.config import load_config_async
except ImportError:
    pass
from app.config import load_config_async; import os
from app.config import (
    load_config,  # the sync loader
    load_config_async,  # the async loader
    CONFIG_PATH,
)


def reload():
    return load_config_async(os.environ.get("CONFIG", CONFIG_PATH)).sections
