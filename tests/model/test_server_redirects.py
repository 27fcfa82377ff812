from __future__ import annotations

import pytest

from webwarden.model.server_redirects import redirects_to_https


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
