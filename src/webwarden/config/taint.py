"""`[tool.webwarden.taint]`: the project's own sources, sanitisers and guards.

```toml
[tool.webwarden.taint]
sources = ["myapp.http.get_param"]            # calls (or names) returning request data
sanitisers = ["myapp.security.clean"]         # result safe for every sink kind
guards = ["myapp.security.is_allowed"]        # true in an `if`: argument safe for every kind

[tool.webwarden.taint.sanitisers-for]         # result safe for some kinds only
"myapp.sql.quote_identifier" = ["sql"]
```
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from webwarden.errors import ConfigError

SINK_KINDS = (
    "sql",
    "template",
    "html",
    "command",
    "code",
    "path",
    "url",
    "redirect",
    "deserialise",
    "header",
    "ldap",
    "nosql",
    "fields",
    "dispatch",
    "script",
    "option",
    "graphql",
    "jwt",
    "regex",
    "redos",
    "decompress",
)
"""The kinds a sanitiser can be stated for (one per family of taint rules)."""
_KEYS = ("sources", "sanitisers", "sanitisers-for", "guards", "guards-for")
_WHERE = "[tool.webwarden.taint]"


@dataclass(frozen=True, slots=True)
class TaintOptions:
    """The validated `[tool.webwarden.taint]` table."""

    sources: frozenset[str] = frozenset()
    sanitisers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    guards: Mapping[str, frozenset[str]] = field(default_factory=dict)
    session_keys: frozenset[str] = frozenset()
    """Not configured: the session keys the project stores request data under, which the
    analysis reads as request data (see `analysis.taint.stored`)."""
    session_cleansed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Not configured: what the data under each of `session_keys` is safe for (the
    request's own URL kept there is safe as a redirect target)."""
    session_relayed: frozenset[str] = frozenset()
    """Not configured: those of `session_keys` holding request data only as what another
    object answered when handed it, read as approximate request data."""
    converted_arguments: frozenset[str] = frozenset()
    """Not configured: `holder:name` of the request-parser arguments the project declares
    with a converting type or fixed choices (see `analysis.taint.parser_arguments`)."""


def _names(key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{_WHERE}: `{key}` must be a list of qualified names, got {value!r}")
    for name in value:
        if not all(part.isidentifier() for part in name.split(".")):
            raise ConfigError(f"{_WHERE}: `{key}`: {name!r} is not a dotted Python name")
    return value


def _kinds(key: str, value: Any) -> dict[str, frozenset[str]]:
    if not isinstance(value, dict):
        raise ConfigError(f'{_WHERE}: `{key}` must be a table of "name" = ["kind", ...]')
    found: dict[str, frozenset[str]] = {}
    for name, kinds in value.items():
        _names(key, [name])
        if not isinstance(kinds, list) or not kinds:
            raise ConfigError(f"{_WHERE}: `{key}.{name}` must be a non-empty list of sink kinds")
        for kind in kinds:
            if kind not in SINK_KINDS:
                raise ConfigError(
                    f"{_WHERE}: `{key}.{name}`: unknown sink kind {kind!r} "
                    f"(one of {', '.join(SINK_KINDS)})"
                )
        found[name] = frozenset(kinds)
    return found


def parse_taint(table: Mapping[str, Any]) -> TaintOptions:
    """Validate the table; unknown keys and malformed values are `ConfigError`s."""
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            raise ConfigError(f"{_WHERE}: unknown key `{key}`{hint}")
    every = frozenset(SINK_KINDS)
    sanitisers = dict.fromkeys(_names("sanitisers", table.get("sanitisers", [])), every)
    sanitisers.update(_kinds("sanitisers-for", table.get("sanitisers-for", {})))
    guards = dict.fromkeys(_names("guards", table.get("guards", [])), every)
    guards.update(_kinds("guards-for", table.get("guards-for", {})))
    return TaintOptions(frozenset(_names("sources", table.get("sources", []))), sanitisers, guards)


def taint_options(extra: Mapping[str, object]) -> TaintOptions:
    """The taint options of a run's `Config.extra` (validated when the config was loaded)."""
    found = extra.get("taint")
    if isinstance(found, TaintOptions):
        return found
    return parse_taint(found) if isinstance(found, dict) else TaintOptions()
