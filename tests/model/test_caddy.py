"""Tests for `webwarden.model.caddy`."""

from __future__ import annotations

from textwrap import dedent

import pytest

from webwarden.model.caddy import caddy_redirects, caddy_sends_hsts, is_caddyfile


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        pytest.param("Caddyfile", True, id="plain-name"),
        pytest.param("deploy/Caddyfile.prod", True, id="suffixed-name"),
        pytest.param("deploy/site.caddyfile", True, id="caddyfile-suffix"),
        pytest.param("docs/caddy.md", False, id="documentation"),
        pytest.param("nginx.conf", False, id="nginx"),
    ],
)
def test_is_caddyfile(relpath: str, expected: bool) -> None:
    assert is_caddyfile(relpath) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("shop.example.com {\n reverse_proxy web:8000\n}", True, id="named-host"),
        pytest.param("localhost\nreverse_proxy web:8000\n", True, id="one-site-no-braces"),
        pytest.param(
            "localhost\nreverse_proxy web:8000 {\n header_up Host {host}\n}\n",
            True,
            id="one-site-no-braces-nested-block",
        ),
        pytest.param(
            "https://a.example.com:8443 {\n handle {\n  reverse_proxy web:8000\n }\n}",
            True,
            id="https-port-nested-handle",
        ),
        pytest.param(":80 {\n reverse_proxy web:8000\n}", False, id="port-only"),
        pytest.param("a.example.com:80 {\n reverse_proxy web:8000\n}", False, id="port-80"),
        pytest.param("http://a.example.com {\n reverse_proxy web:8000\n}", False, id="http-scheme"),
        pytest.param("{$DOMAIN} {\n reverse_proxy web:8000\n}", False, id="variable-address"),
        pytest.param(
            "{\n auto_https off\n}\na.example.com {\n reverse_proxy web:8000\n}",
            False,
            id="auto-https-off",
        ),
        pytest.param("a.example.com {\n file_server\n}", False, id="no-proxy"),
        pytest.param(
            "a.example.com {\n reverse_proxy web:8000\n}\n:8080 {\n reverse_proxy web:8000\n}",
            False,
            id="one-plain-proxy-among-others",
        ),
        pytest.param(
            "(snip) {\n reverse_proxy web:8000\n}\n:8080 {\n respond ok\n}",
            False,
            id="snippet-only",
        ),
    ],
)
def test_caddy_redirects(text: str, expected: bool) -> None:
    assert caddy_redirects(dedent(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('header Strict-Transport-Security "max-age=31536000"', True, id="directive"),
        pytest.param("header * Strict-Transport-Security max-age=300;", True, id="all-paths"),
        pytest.param(
            'header {\n\t+Strict-Transport-Security "max-age=63072000; preload"\n}',
            True,
            id="block-line-added",
        ),
        pytest.param('header Strict-Transport-Security "max-age=0"', False, id="switched-off"),
        pytest.param('# header Strict-Transport-Security "max-age=300"', False, id="commented"),
        pytest.param("header -Strict-Transport-Security", False, id="removed"),
        pytest.param('header /api/* Strict-Transport-Security "max-age=300"', False, id="one-path"),
        pytest.param("reverse_proxy web:8000", False, id="none"),
    ],
)
def test_caddy_sends_hsts(text: str, expected: bool) -> None:
    assert caddy_sends_hsts(text) is expected
