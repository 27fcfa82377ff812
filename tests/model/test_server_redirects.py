from __future__ import annotations

import pytest

from webwarden.model.server_redirects import redirects_to_https, serves_https_only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "server {\n  return 301 https://$host$request_uri;\n}", True, id="nginx-return"
        ),
        pytest.param(
            "server {\n  return 308 https://www.example.com$request_uri;\n}",
            True,
            id="nginx-fixed-host",
        ),
        pytest.param(
            "rewrite ^ https://$server_name$request_uri? permanent;", True, id="nginx-rewrite"
        ),
        pytest.param("Redirect permanent / https://shop.example.com/", True, id="apache-redirect"),
        pytest.param(
            "RewriteCond %{HTTPS} off\nRewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]",
            True,
            id="apache-rewrite",
        ),
        pytest.param("# return 301 https://$host$request_uri;", False, id="commented-out"),
        pytest.param(
            "location /docs { return 301 https://docs.example.com/; }",
            False,
            id="one-path-elsewhere",
        ),
        pytest.param("Redirect /old https://example.com/new", False, id="apache-one-path"),
        pytest.param(
            "location /old {\n    return 301 https://$host/new;\n}", False, id="nginx-one-path"
        ),
        pytest.param("location / { proxy_pass http://app:8000; }", False, id="proxy-only"),
    ],
)
def test_redirects_to_https(text: str, expected: bool) -> None:
    assert redirects_to_https(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("server {\n  listen 443 ssl http2;\n}", True, id="ssl-listener"),
        pytest.param(
            "server {\n  listen 443 ssl;\n  listen [::]:443 quic reuseport;\n}",
            True,
            id="ssl-and-quic",
        ),
        pytest.param("server {\n  listen 8443;\n  ssl on;\n}", True, id="ssl-on"),
        pytest.param(
            "upstream app { server web:8000; }\nserver { listen 443 ssl; }",
            True,
            id="upstream-servers-are-no-blocks",
        ),
        pytest.param(
            "# server { listen 80; }\nserver { listen 443 ssl; }", True, id="commented-out"
        ),
        pytest.param(
            "server { listen 443 ssl; }\nserver { listen 80; }", False, id="plain-listener"
        ),
        pytest.param(
            "server { listen 443 ssl; listen 8080; }", False, id="plain-port-in-same-block"
        ),
        pytest.param("server { server_name shop.example.com; }", False, id="no-listen-is-80"),
        pytest.param("events {}\nhttp {}", False, id="no-server"),
    ],
)
def test_serves_https_only(text: str, expected: bool) -> None:
    assert serves_https_only(text) is expected
