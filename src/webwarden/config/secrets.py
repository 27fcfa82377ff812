"""`[tool.webwarden.secrets]`: options of the secret rules."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from webwarden.config.model import Config
from webwarden.errors import ConfigError

TABLE = "secrets"
_KEYS = ("git",)


@dataclass(frozen=True, slots=True)
class SecretsOptions:
    """What the secret rules may do beyond reading files."""

    git: bool = True
    """Ask `git` which `.env` files are committed or ignored (WW244); without it only
    `.gitignore` files are read."""


def secrets_options(config: Config) -> SecretsOptions:
    """The validated `[tool.webwarden.secrets]` table of `config`."""
    table = config.extra.get(TABLE, {})
    if not isinstance(table, dict):
        raise ConfigError(f"`{TABLE}` must be a table")
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(str(key), _KEYS, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            raise ConfigError(f"[tool.webwarden.{TABLE}]: unknown key `{key}`{hint}")
    git = table.get("git", True)
    if not isinstance(git, bool):
        raise ConfigError(f"[tool.webwarden.{TABLE}]: `git` must be true or false")
    return SecretsOptions(git=git)
