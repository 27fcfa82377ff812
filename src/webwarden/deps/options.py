"""The `[tool.webwarden.deps]` table (and the matching command-line flags), validated."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from webwarden.config import Config
from webwarden.config.paths import cache_dir as cache_dir
from webwarden.errors import ConfigError

DEFAULT_INDEX_URL = "https://pypi.org"
_PYTHON_VERSION = re.compile(r"^3\.\d+(\.\d+)?$")


def default_store_path(folder: Path | None = None) -> Path:
    """Where the local advisory store lives unless `--db`/`deps.db` says otherwise."""
    return (folder or cache_dir()) / "advisories.sqlite3"


@dataclass(frozen=True, slots=True)
class DepsOptions:
    """How the dependency audit runs; see README "Dependencies" for each key."""

    enabled: bool = True
    offline: bool = False
    """Never touch the network: only the local store (and cached index answers)."""
    db: Path | None = None
    """The local advisory store, or a folder/zip/file of OSV records to audit against;
    None means the default store, used when it exists."""
    python: Path | None = None
    """Audit the environment of this interpreter or virtualenv instead of project files."""
    python_version: str | None = None
    platform: str | None = None
    outdated: bool = False
    osv_url: str = "https://api.osv.dev"
    index_url: str = DEFAULT_INDEX_URL
    timeout: float = 10.0
    """Seconds any one request may take."""
    deadline: float = 60.0
    """Seconds all advisory-API requests of one run may take together."""
    stale_days: int = 30
    cache_dir: Path | None = None


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"`deps.{key}` must be true or false, got {value!r}")
    return value


def _number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"`deps.{key}` must be a positive number, got {value!r}")
    return float(value)


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str | Path) or not str(value):
        raise ConfigError(f"`deps.{key}` must be a string, got {value!r}")
    return str(value)


def _python_version(key: str, value: Any) -> str:
    text = _text(key, value)
    if not _PYTHON_VERSION.match(text):
        raise ConfigError(f"`deps.{key}` must look like 3.12 or 3.12.1, got {value!r}")
    return text


_KEYS = {
    "enabled": ("enabled", _bool),
    "offline": ("offline", _bool),
    "db": ("db", lambda k, v: Path(_text(k, v))),
    "python": ("python", lambda k, v: Path(_text(k, v))),
    "python-version": ("python_version", _python_version),
    "platform": ("platform", _text),
    "outdated": ("outdated", _bool),
    "osv-url": ("osv_url", _text),
    "index-url": ("index_url", _text),
    "timeout": ("timeout", _number),
    "deadline": ("deadline", _number),
    "stale-days": ("stale_days", lambda k, v: int(_number(k, v))),
    "cache-dir": ("cache_dir", lambda k, v: Path(_text(k, v))),
}


def parse_deps_table(table: Mapping[str, Any], base: Path | None = None) -> DepsOptions:
    """Validate a `deps` table; relative paths are taken from `base` (the config's folder)."""
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"unknown key `deps.{key}` (known: {known})")
        field, parse = _KEYS[key]
        value = parse(key, raw)
        if isinstance(value, Path) and base is not None and not value.is_absolute():
            value = base / value
        values[field] = value
    if os.environ.get("WEBWARDEN_OFFLINE") == "1":
        values["offline"] = True
    return DepsOptions(**values)


def deps_options(config: Config) -> DepsOptions:
    """The dependency options of a run's configuration."""
    table = config.extra.get("deps", {})
    if not isinstance(table, Mapping):
        raise ConfigError("`deps` must be a table")
    base = config.config_file.parent if config.config_file else None
    return parse_deps_table(table, base)


def with_deps(config: Config, overrides: Mapping[str, Any]) -> Config:
    """`config` with command-line `deps` keys laid over the file's `deps` table."""
    import dataclasses

    table = config.extra.get("deps", {})
    merged = {**(table if isinstance(table, Mapping) else {}), **overrides}
    parse_deps_table(merged)
    return dataclasses.replace(config, extra={**config.extra, "deps": merged})
