from app.config import load_config
try:
    pass
except ImportError:
    pass
import os
from app.config import (
    load_config,  # the sync loader
    CONFIG_PATH,
)


def reload():
    return load_config(os.environ.get("CONFIG", CONFIG_PATH)).sections
