from app.config import load_config
import os
from app.config import (
    load_config,  # the sync loader
    CONFIG_PATH,
)
from app.config import DEFAULTS


def reload():
    return load_config(os.environ.get("CONFIG", CONFIG_PATH)).merge(DEFAULTS)
