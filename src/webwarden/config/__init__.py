"""Configuration: `[tool.webwarden]` in pyproject.toml, overridden by command-line flags."""

from __future__ import annotations

from webwarden.config.loader import find_config_file as find_config_file
from webwarden.config.loader import load_config as load_config
from webwarden.config.model import AcceptedRisk as AcceptedRisk
from webwarden.config.model import Config as Config
from webwarden.errors import ConfigError as ConfigError
