"""`[tool.webwarden.logs]`: every key validated, rule tables, clear errors."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest

from webwarden.errors import ConfigError
from webwarden.logs.settings import LogSettings, RuleOptions, duration, parse_settings
from webwarden.rules.registry import get_rule


def test_defaults() -> None:
    settings = parse_settings({})
    assert settings == LogSettings()
    rule = get_rule("WW790")
    assert settings.options(rule) == RuleOptions(10, 300.0)  # type: ignore[arg-type]


def test_every_key() -> None:
    settings = parse_settings(
        {
            "format": "json",
            "access-log-format": '%(h)s %(t)s "%(r)s" %(s)s',
            "json-fields": {"client": "req.ip"},
            "show-ips": True,
            "trusted-clients": ["10.0.0.0/8", "2001:db8::1"],
            "login-paths": ["/Auth/Login/"],
            "login-failure-status": [401],
            "login-success-status": [302],
            "token-paths": ["/api/jwt"],
            "token-failure-status": [401],
            "token-success-status": [200],
            "reset-paths": ["/forgot"],
            "max-clients": 100,
            "max-findings": 5,
            "login-brute-force": {"threshold": 20, "window": "10m"},
            "WW1196": {"window": 30},
        },
        {"show-ips": False},
    )
    assert settings.format == "json"
    assert settings.json_fields == {"client": "req.ip"}
    assert settings.show_ips is False  # the command line wins
    assert settings.trusted_clients == (
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("2001:db8::1"),
    )
    assert settings.login_paths == ("/auth/login",)
    assert settings.rules == {"WW790": RuleOptions(20, 600.0), "WW1196": RuleOptions(600, 30.0)}
    assert settings.trusted("10.1.2.3")
    assert not settings.trusted("203.0.113.1")
    assert not settings.trusted("not-an-ip")
    assert not settings.trusted(None)


def test_a_renamed_rule_keeps_its_old_table_name() -> None:
    old = parse_settings({"django-suspicious-operation": {"threshold": 3}})
    new = parse_settings({"logged-security-warning": {"threshold": 3}})
    assert old.rules == new.rules == {"WW1199": RuleOptions(3, 3600.0)}


@pytest.mark.parametrize(
    ("table", "error"),
    [
        pytest.param(
            {"fromat": "json"}, "unknown key `fromat` \\(did you mean `format`\\?\\)", id="typo"
        ),
        pytest.param({"login-brute-forse": {}}, "did you mean `login-brute-force`", id="rule-typo"),
        pytest.param({"format": "xml"}, "`logs.format` must be one of auto, combined", id="format"),
        pytest.param({"access-log-format": "%(q)s"}, "needs `%\\(t\\)s`", id="gunicorn"),
        pytest.param({"access-log-format": ""}, "non-empty string", id="empty-gunicorn"),
        pytest.param({"json-fields": ["client"]}, "must be a table", id="json-fields-type"),
        pytest.param(
            {"json-fields": {"ip": "x"}}, "`logs.json-fields.ip` is not a field", id="json-field"
        ),
        pytest.param({"json-fields": {"client": 3}}, "non-empty string", id="json-field-path"),
        pytest.param({"show-ips": "yes"}, "true or false", id="bool"),
        pytest.param({"trusted-clients": "10.0.0.1"}, "list of addresses", id="networks-type"),
        pytest.param(
            {"trusted-clients": ["10.0.0.300"]}, "does not appear to be an IPv4", id="network"
        ),
        pytest.param({"login-paths": ["login"]}, 'starting with "/"', id="paths"),
        pytest.param({"login-failure-status": [700]}, "HTTP status codes", id="status"),
        pytest.param({"max-clients": 10}, "integer >= 100", id="max-clients"),
        pytest.param({"max-findings": 0}, "integer >= 1", id="max-findings"),
        pytest.param({"WW490": 3}, "must be a table with `threshold`", id="rule-type"),
        pytest.param({"WW490": {"treshold": 2}}, "unknown key\\(s\\) treshold", id="rule-key"),
        pytest.param(
            {"WW490": {"threshold": True}}, "threshold` must be an integer", id="threshold"
        ),
        pytest.param({"WW490": {"window": "5 minutes"}}, "must be a duration", id="window"),
        pytest.param({"WW101": {}}, "unknown key `WW101`", id="not-a-log-rule"),
    ],
)
def test_errors(table: dict[str, Any], error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        parse_settings(table)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        pytest.param(90, 90.0, id="int"),
        pytest.param(1.5, 1.5, id="float"),
        pytest.param("30s", 30.0, id="s"),
        pytest.param("5m", 300.0, id="m"),
        pytest.param(" 2h ", 7200.0, id="h"),
        pytest.param("1d", 86400.0, id="d"),
        pytest.param("45", 45.0, id="bare"),
    ],
)
def test_durations(value: object, seconds: float) -> None:
    assert duration("w", value) == seconds


@pytest.mark.parametrize("value", [0, -5, "0m", "5 weeks", False, None])
def test_bad_durations(value: object) -> None:
    with pytest.raises(ConfigError, match="`w` must be a duration"):
        duration("w", value)
