"""`[tool.webwarden.logs]`: validated settings of the log monitor.

Global keys are listed in `GLOBAL_KEYS`; a sub-table named after a log rule (its name or
code) sets that rule's `threshold` and `window`:

    [tool.webwarden.logs.login-brute-force]
    threshold = 20
    window = "10m"
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from webwarden.errors import ConfigError
from webwarden.logs.formats import FORMATS
from webwarden.logs.formats.gunicorn import compile_format
from webwarden.logs.formats.jsonl import DEFAULT_FIELDS
from webwarden.rules.base import LogRule
from webwarden.rules.registry import REDIRECTS, all_rules

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_DURATION = re.compile(r"^\s*(\d+)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

LOGIN_PATHS = (
    "/login",
    "/signin",
    "/sign-in",
    "/sign_in",
    "/log-in",
    "/logon",
    "/authenticate",
    "/us-signin",
)
"""Form logins, matched as path suffixes: Django's `LoginView` and admin, django-allauth,
Flask-Login views and Flask-AppBuilder (`/login`), Flask-Security (`/login`, `/us-signin`),
ihatemoney (`/authenticate`)."""
TOKEN_PATHS = (
    "/api/login",
    "/api/auth/login",
    "/v1/auth/login",
    "/api/authenticate",
    "/token/login",
    "/rest-auth/login",
    "/dj-rest-auth/login",
    "/api/token",
    "/token/pair",
    "/api-token-auth",
    "/auth/token",
    "/oauth/token",
    "/o/token",
    "/token/obtain",
    "/jwt/create",
    "/session",
)
"""API logins, which answer 200 with a token and 400/401 on failure: DRF
`obtain_auth_token`, simplejwt and django-ninja-jwt, django-oauth-toolkit, Djoser
(`/auth/token/login`), dj-rest-auth, django-rest-knox, allauth's headless API
(`/_allauth/browser/v1/auth/login`), a REST `POST /session`. Matched before `LOGIN_PATHS`,
whose `/login` they end with."""
RESET_PATHS = (
    "/password_reset",
    "/password-reset",
    "/password/reset",
    "/reset-password",
    "/reset_password",
    "/forgot-password",
    "/forgot_password",
    "/forgot",
)


@dataclass(frozen=True, slots=True)
class RuleOptions:
    """A log rule's threshold (evidence per window) and window in seconds."""

    threshold: int
    window: float


@dataclass(frozen=True, slots=True)
class LogSettings:
    """Every setting of a log-monitoring run; see README.md "Log monitoring"."""

    format: str = "auto"
    access_log_format: str | None = None
    json_fields: Mapping[str, str] = field(default_factory=dict)
    show_ips: bool = False
    trusted_clients: tuple[Network, ...] = ()
    login_paths: tuple[str, ...] = LOGIN_PATHS
    login_failure_status: frozenset[int] = frozenset({200, 401, 403})
    login_success_status: frozenset[int] = frozenset({301, 302, 303})
    token_paths: tuple[str, ...] = TOKEN_PATHS
    token_failure_status: frozenset[int] = frozenset({400, 401, 403})
    token_success_status: frozenset[int] = frozenset({200, 201})
    reset_paths: tuple[str, ...] = RESET_PATHS
    max_clients: int = 50_000
    """How many clients (or accounts) each rule tracks at once; the least recent go first."""
    max_findings: int = 1000
    """How many findings each rule lists; the rest are counted in a WW032 notice."""
    rules: Mapping[str, RuleOptions] = field(default_factory=dict)
    """Rule code -> options given in the configuration."""

    def options(self, rule: type[LogRule]) -> RuleOptions:
        """The rule's threshold and window: configured, else the rule's defaults."""
        return self.rules.get(rule.code) or RuleOptions(rule.threshold, rule.window)

    def trusted(self, client: str | None) -> bool:
        """Whether `client` is in `trusted-clients` (monitoring, your own scanner)."""
        if not self.trusted_clients or not client:
            return False
        try:
            address = ipaddress.ip_address(client)
        except ValueError:
            return False
        return any(address in network for network in self.trusted_clients)


def duration(key: str, value: Any) -> float:
    """`90`, `"90s"`, `"5m"`, `"1h"`, `"1d"` -> seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    if isinstance(value, str) and (match := _DURATION.match(value)) and int(match.group(1)) > 0:
        return float(int(match.group(1)) * _UNITS[match.group(2) or "s"])
    raise ConfigError(f'`{key}` must be a duration such as 300, "30s", "5m" or "1h"; got {value!r}')


def _positive(key: str, value: Any, minimum: int = 1) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
        return value
    raise ConfigError(f"`{key}` must be an integer >= {minimum}, got {value!r}")


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"`{key}` must be a non-empty string, got {value!r}")
    return value


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"`{key}` must be true or false, got {value!r}")
    return value


def _paths(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.startswith("/") for v in value
    ):
        raise ConfigError(f'`{key}` must be a list of paths starting with "/", got {value!r}')
    return tuple(v.lower().rstrip("/") or "/" for v in value)


def _statuses(key: str, value: Any) -> frozenset[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 599 for v in value
    ):
        raise ConfigError(f"`{key}` must be a list of HTTP status codes, got {value!r}")
    return frozenset(value)


def _networks(key: str, value: Any) -> tuple[Network, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"`{key}` must be a list of addresses or networks, got {value!r}")
    try:
        return tuple(ipaddress.ip_network(v, strict=False) for v in value)
    except ValueError as exc:
        raise ConfigError(f"`{key}`: {exc}") from None


def _format(key: str, value: Any) -> str:
    if not isinstance(value, str) or value not in FORMATS:
        raise ConfigError(f"`{key}` must be one of {', '.join(FORMATS)}; got {value!r}")
    return value


def _access_log_format(key: str, value: Any) -> str:
    compile_format(_string(key, value))
    return str(value)


def _json_fields(key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f'`{key}` must be a table such as {{ client = "remote_ip" }}')
    for name, path in value.items():
        if name not in DEFAULT_FIELDS:
            raise ConfigError(
                f"`{key}.{name}` is not a field; known: {', '.join(sorted(DEFAULT_FIELDS))}"
            )
        _string(f"{key}.{name}", path)
    return dict(value)


_GLOBAL: dict[str, tuple[str, Any]] = {
    "format": ("format", _format),
    "access-log-format": ("access_log_format", _access_log_format),
    "json-fields": ("json_fields", _json_fields),
    "show-ips": ("show_ips", _bool),
    "trusted-clients": ("trusted_clients", _networks),
    "login-paths": ("login_paths", _paths),
    "login-failure-status": ("login_failure_status", _statuses),
    "login-success-status": ("login_success_status", _statuses),
    "token-paths": ("token_paths", _paths),
    "token-failure-status": ("token_failure_status", _statuses),
    "token-success-status": ("token_success_status", _statuses),
    "reset-paths": ("reset_paths", _paths),
    "max-clients": ("max_clients", lambda k, v: _positive(k, v, 100)),
    "max-findings": ("max_findings", _positive),
}
GLOBAL_KEYS = frozenset(_GLOBAL)


def _log_rules() -> dict[str, type[LogRule]]:
    rules: dict[str, type[LogRule]] = {}
    for rule in all_rules():
        if issubclass(rule, LogRule):
            rules[rule.code.lower()] = rule
            rules[rule.name] = rule
    for old, code in REDIRECTS.items():
        if (renamed := rules.get(code.lower())) is not None:
            rules[old.lower()] = renamed
    return rules


def _rule_options(key: str, rule: type[LogRule], value: Any) -> RuleOptions:
    if not isinstance(value, dict):
        raise ConfigError(f"`{key}` must be a table with `threshold` and/or `window`")
    unknown = set(value) - {"threshold", "window"}
    if unknown:
        raise ConfigError(
            f"`{key}`: unknown key(s) {', '.join(sorted(unknown))} (threshold, window)"
        )
    threshold = _positive(f"{key}.threshold", value.get("threshold", rule.threshold))
    window = duration(f"{key}.window", value.get("window", rule.window))
    return RuleOptions(threshold, window)


def parse_settings(
    table: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
) -> LogSettings:
    """Validate `[tool.webwarden.logs]` (then command-line `overrides`, same keys)."""
    values: dict[str, Any] = {}
    rules: dict[str, RuleOptions] = {}
    log_rules = _log_rules()
    for key, raw in {**table, **(overrides or {})}.items():
        where = f"logs.{key}"
        if key in _GLOBAL:
            name, parse = _GLOBAL[key]
            values[name] = parse(where, raw)
        elif (rule := log_rules.get(key.lower())) is not None:
            rules[rule.code] = _rule_options(where, rule, raw)
        else:
            candidates = sorted(GLOBAL_KEYS | {rule.name for rule in log_rules.values()})
            close = difflib.get_close_matches(key, candidates, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            raise ConfigError(f"[tool.webwarden.logs]: unknown key `{key}`{hint}")
    return LogSettings(**values, rules=rules)
