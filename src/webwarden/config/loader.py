"""Find and read `[tool.webwarden]`, validate every key, merge command-line overrides.

Keys use the TOML spelling (`fail-on`); command-line flags are passed in as the same keys,
so both go through one validation. An unknown key is an error with a suggestion.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from webwarden.config.model import AcceptedRisk, Config
from webwarden.config.taint import parse_taint
from webwarden.errors import ConfigError
from webwarden.findings import Confidence, Severity

EXTRA_TABLES: set[str] = {"deps", "logs", "probe", "taint", "secrets", "django", "flask"}
"""Sub-tables owned by later subsystems; they validate their own contents."""

_SIZE = re.compile(r"^\s*(\d+)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 10**6,
    "mib": 2**20,
    "gb": 10**9,
    "gib": 2**30,
}
FORMATS = ("text", "json", "sarif", "html")


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"`{key}` must be a list of strings, got {value!r}")
    return tuple(value)


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"`{key}` must be true or false, got {value!r}")
    return value


def _choice(key: str, value: Any, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value.lower() not in choices:
        raise ConfigError(f"`{key}` must be one of {', '.join(choices)}; got {value!r}")
    return value.lower()


def _severity(key: str, value: Any) -> Severity:
    return Severity(_choice(key, value, [s.value for s in Severity]))


def _confidence(key: str, value: Any) -> Confidence:
    return Confidence(_choice(key, value, [c.value for c in Confidence]))


def _test_severity(key: str, value: Any) -> Severity | None:
    choice = _choice(key, value, [*(s.value for s in Severity), "keep"])
    return None if choice == "keep" else Severity(choice)


def _size(key: str, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str) and (match := _SIZE.match(value)):
        return int(match.group(1)) * _SIZE_UNITS[(match.group(2) or "b").lower()]
    raise ConfigError(f'`{key}` must be a positive size such as 2097152 or "2MiB", got {value!r}')


def _path(key: str, value: Any) -> Path:
    if not isinstance(value, str | Path) or not str(value):
        raise ConfigError(f"`{key}` must be a path, got {value!r}")
    return Path(value)


def _jobs(key: str, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ConfigError(f"`{key}` must be a number of processes (0: one per CPU), got {value!r}")


def _per_file_ignores(key: str, value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f'`{key}` must be a table of glob = ["CODE", ...], got {value!r}')
    return tuple((glob, _strings(f"{key}.{glob}", codes)) for glob, codes in value.items())


def _accepted_risk(key: str, entry: Mapping[str, Any]) -> AcceptedRisk:
    unknown = set(entry) - {"rule", "path", "reason", "expires"}
    if unknown:
        raise ConfigError(f"`{key}` entry has unknown key(s): {', '.join(sorted(unknown))}")
    rule, reason = entry.get("rule"), entry.get("reason")
    if not isinstance(rule, str) or not rule:
        raise ConfigError(f"`{key}` entry needs `rule` (a code), got {entry!r}")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"`{key}` entry for {rule} needs a `reason` saying why it is accepted")
    path = entry.get("path")
    if path is not None and not isinstance(path, str):
        raise ConfigError(f"`{key}` entry for {rule}: `path` must be a glob string")
    expires = entry.get("expires")
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError:
            raise ConfigError(f"`{key}` entry for {rule}: `expires` must be YYYY-MM-DD") from None
    if isinstance(expires, dt.datetime):
        expires = expires.date()
    if expires is not None and not isinstance(expires, dt.date):
        raise ConfigError(f"`{key}` entry for {rule}: `expires` must be a date like 2026-12-31")
    return AcceptedRisk(rule=rule, reason=reason.strip(), path=path, expires=expires)


def _ignore(key: str, value: Any) -> dict[str, Any]:
    """`ignore` holds codes to switch off and/or accepted-risk tables (with a reason)."""
    if isinstance(value, str | dict):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"`{key}` must be a list of codes or of tables, got {value!r}")
    codes = tuple(v for v in value if isinstance(v, str))
    tables = [v for v in value if isinstance(v, dict)]
    if len(codes) + len(tables) != len(value):
        raise ConfigError(f"`{key}` must hold codes (strings) or tables, got {value!r}")
    return {"ignore": codes, "accepted": tuple(_accepted_risk(key, t) for t in tables)}


def _extra_table(key: str, raw: dict[str, Any], where: str) -> object:
    """A subsystem's table, validated by its parser when it has one."""
    if key == "taint":
        try:
            return parse_taint(raw)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    return raw


Parser = Callable[[str, Any], Any]
_FIELDS: dict[str, tuple[str, Parser]] = {
    "select": ("select", _strings),
    "extend-select": ("extend_select", _strings),
    "exclude": ("exclude", _strings),
    "extend-exclude": ("extend_exclude", _strings),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "respect-gitignore": ("respect_gitignore", _bool),
    "max-file-size": ("max_file_size", _size),
    "fail-on": ("fail_on", _severity),
    "min-severity": ("min_severity", _severity),
    "min-confidence": ("min_confidence", _confidence),
    "format": ("format", lambda k, v: _choice(k, v, FORMATS)),
    "output": ("output", _path),
    "test-paths": ("test_paths", _strings),
    "test-severity": ("test_severity", _test_severity),
    "docs-paths": ("docs_paths", _strings),
    "docs-severity": ("docs_severity", _test_severity),
    "other-tool-markers": ("other_tool_markers", _bool),
    "report-unused-ignores": ("report_unused_ignores", _bool),
    "baseline": ("baseline", _path),
    "jobs": ("jobs", _jobs),
    "cache": ("cache", _bool),
    "cache-dir": ("cache_dir", _path),
}
KNOWN_KEYS = frozenset({*_FIELDS, "ignore"})


def _unknown_key(key: str, where: str) -> ConfigError:
    close = difflib.get_close_matches(key, sorted(KNOWN_KEYS | EXTRA_TABLES), n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return ConfigError(f"{where}: unknown key `{key}`{hint}")


def parse_table(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Validate a `[tool.webwarden]` table; return `Config` field values."""
    values: dict[str, Any] = {}
    extra: dict[str, object] = {}
    for key, raw in table.items():
        if key == "ignore":
            values.update(_ignore(key, raw))
        elif key in _FIELDS:
            name, parse = _FIELDS[key]
            try:
                values[name] = parse(key, raw)
            except ConfigError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        elif key in EXTRA_TABLES:
            if not isinstance(raw, dict):
                raise ConfigError(f"{where}: `{key}` must be a table")
            extra[key] = _extra_table(key, raw, where)
        else:
            raise _unknown_key(key, where)
    if extra:
        values["extra"] = extra
    return values


def _read_table(path: Path) -> dict[str, Any] | None:
    """The webwarden table of `path`, or None when the file has none."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    is_pyproject = path.name == "pyproject.toml"
    table = document.get("tool", {}).get("webwarden") if is_pyproject else document
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.webwarden] must be a table")
    return table


def absolute(path: Path) -> Path:
    """`path` made absolute and normalised, symlinks kept: reported paths stay as the
    user wrote them (a scanned symlink to a tree is not replaced by its target)."""
    return Path(os.path.normpath(Path.cwd() / path))


def find_config_file(start: Path) -> Path | None:
    """The nearest pyproject.toml with a `[tool.webwarden]` table at or above `start`.

    The search stops at a repository root (a directory holding `.git`).
    """
    here = absolute(start)
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _read_table(candidate) is not None:
            return candidate
        if (directory / ".git").exists():
            return None
    return None


def _default_root(paths: Sequence[Path]) -> Path:
    first = absolute(paths[0]) if paths else Path.cwd()
    return first if first.is_dir() else first.parent


def load_config(
    paths: Sequence[Path] = (),
    *,
    config_file: Path | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | None = None,
    root: Path | None = None,
) -> Config:
    """Build the run's `Config` from the config file (found or given) and `overrides`.

    `overrides` uses the TOML key names (`"fail-on": "high"`); values from the command line
    win over the file. `root` (the base of reported paths) defaults to the config file's
    directory, else the first scanned directory.
    """
    values: dict[str, Any] = {}
    found: Path | None = None
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: configuration file not found")
        found = config_file
    elif not isolated:
        found = find_config_file(paths[0] if paths else Path.cwd())
    if found is not None:
        table = _read_table(found)
        values.update(parse_table(table or {}, str(found)))
        # NOTE: paths in a configuration file are its own, whatever directory webwarden is
        # run from (those given on the command line are the shell's).
        for key in ("baseline", "cache_dir", "output"):
            given = values.get(key)
            if isinstance(given, Path) and not given.is_absolute():
                values[key] = found.parent / given
    if overrides:
        from_cli = parse_table(overrides, "command line")
        # NOTE: codes ignored on the command line add to those of the file, as in ruff.
        for key in ("ignore", "accepted"):
            if key in from_cli:
                from_cli[key] = (*values.get(key, ()), *from_cli[key])
        values.update(from_cli)
    values["config_file"] = found
    values["root"] = absolute(root or (found.parent if found else _default_root(paths)))
    return dataclasses.replace(Config(), **values)
