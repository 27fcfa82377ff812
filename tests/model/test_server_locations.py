"""The `location` blocks of nginx configurations, and which paths only nginx reaches."""

from __future__ import annotations

import pytest

from webwarden.model.server_locations import ServerLocation, internal_only, server_locations

_CONFIG = """
server {
    location /files/ {
        internal;
        alias /srv/files/;
    }
    location /files/public/ {
        if ($request_method = POST) { internal; }
        root /srv;
    }
    location = /status { internal; }
    location ~* \\.php$ { fastcgi_pass php; }
    location {{ WEB_ADMIN }} { internal; }
    location @fallback { internal; }
    location / { proxy_pass http://app; }
}
"""


def test_locations_with_their_own_internal_directive() -> None:
    assert server_locations(_CONFIG) == [
        ServerLocation("/files/", "prefix", internal=True),
        ServerLocation("/files/public/", "prefix", internal=False),
        ServerLocation("/status", "exact", internal=True),
        ServerLocation("\\.php$", "regex", internal=False),
        ServerLocation("/", "prefix", internal=False),
    ]


@pytest.mark.parametrize(
    ("path", "internal"),
    [
        pytest.param("/files/<name>", True, id="internal-prefix"),
        pytest.param("/files/public/<name>", False, id="longer-prefix-wins"),
        pytest.param("/files/run.php", False, id="regex-tried-first"),
        pytest.param("/status", True, id="exact"),
        pytest.param("/status/full", False, id="exact-only"),
        pytest.param("/notes", False, id="served"),
        pytest.param("notes", False, id="no-path"),
    ],
)
def test_internal_only(path: str, internal: bool) -> None:
    assert internal_only(path, server_locations(_CONFIG)) is internal
