"""Request body limits of the web server configurations shipped with a project."""

from __future__ import annotations

import pytest

from webwarden.model.server_limits import limits_body_size


@pytest.mark.parametrize(
    ("text", "limited"),
    [
        pytest.param("server {\n    client_max_body_size 5M;\n}\n", True, id="nginx-megabytes"),
        pytest.param("http {\n  client_max_body_size 1048576;\n}\n", True, id="nginx-bytes"),
        pytest.param(
            "<VirtualHost *:80>\n  LimitRequestBody 102400\n</VirtualHost>\n", True, id="apache"
        ),
        pytest.param("server {\n    client_max_body_size 0;\n}\n", False, id="nginx-off"),
        pytest.param("<Directory />\n  LimitRequestBody 0\n</Directory>\n", False, id="apache-off"),
        pytest.param("server {\n    # client_max_body_size 5M;\n}\n", False, id="commented-out"),
        pytest.param("server {\n    listen 80;\n}\n", False, id="not-set"),
    ],
)
def test_limits_body_size(text: str, limited: bool) -> None:
    assert limits_body_size(text) is limited
