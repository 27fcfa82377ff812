"""Which CORS origin patterns let other sites' origins through (WW1178's helper)."""

from __future__ import annotations

import pytest

from webwarden.rules.auditing._origin_regex import other_site_origin


@pytest.mark.parametrize(
    ("pattern", "origin"),
    [
        (r"(http|https)://(.*).example.com", "http://a.example.com.attacker.example"),
        (r"^https://(www\.)?example\.com", "https://example.com.attacker.example"),
        (r"^https://api.example\.com$", "https://api-example.com"),
        (r"^https://.*example\.com$", "https://attackeraexample.com"),
        (r"^https://app.example.co.uk$", "https://app.example-co.uk"),
        (r"^http://localhost", "http://localhost.attacker.example"),
        (r".*", "https://attacker.example"),
        (r"^https?://", "https://attacker.example"),
    ],
)
def test_loose_pattern(pattern: str, origin: str) -> None:
    assert other_site_origin(pattern) == origin


@pytest.mark.parametrize(
    "pattern",
    [
        r"^https://\w+\.example\.com$",
        r"^https://[\w-]+\.example\.com$",
        r"^https://[^/]+\.example\.com$",
        r"https://[^.]+\.example\.com$",
        r"^https://.*\.example\.com$",
        r"^https?://([a-z0-9-]+\.)*example\.com(:\d+)?$",
        r"^https://(foo|bar)\.example\.co\.uk$",
        r"^https://a\.example\.com:\d+",
        r"^http://localhost:\d+$",
        r"^http://127.0.0.1:\d+$",
        r"^(?!x)https://a\.b\.com$",
        r"^(https://)?example\.com$",
        r"([unclosed",
    ],
)
def test_tight_or_unknown_pattern(pattern: str) -> None:
    assert other_site_origin(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "origin"),
    [
        pytest.param(r"https?://.*", "https://attacker.example", id="any-origin"),
        pytest.param(r"https://.*example\.com", "https://attackeraexample.com", id="glued-name"),
        pytest.param(r"https://api.example\.com", "https://api-example.com", id="unescaped-dot"),
    ],
)
def test_loose_pattern_matched_in_full(pattern: str, origin: str) -> None:
    assert other_site_origin(pattern, full=True) == origin


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param(r"https://app\.example\.com", id="no-dollar-needed"),
        pytest.param(r"https://[\w-]+\.example\.com", id="subdomains"),
        pytest.param(r"http://localhost:\d+", id="local-ports"),
    ],
)
def test_tight_pattern_matched_in_full(pattern: str) -> None:
    assert other_site_origin(pattern, full=True) is None
