"""Headers read from nginx and Apache configurations shipped with a project."""

from __future__ import annotations

import pytest

from webwarden.model.server_headers import (
    denies_framing,
    is_server_config,
    sends_hsts,
    server_config_text,
    server_headers,
)


def test_nginx_and_apache_headers_with_their_lines() -> None:
    text = (
        "server {\n"
        "    # add_header X-Frame-Options SAMEORIGIN;\n"
        '    add_header X-Frame-Options "DENY" always;\n'
        "}\n"
        "<VirtualHost *:80>\n"
        "  Header onsuccess unset X-Frame-Options\n"
        "  Header always set Content-Security-Policy \"frame-ancestors 'none'\"\n"
        "</VirtualHost>\n"
    )
    found = [(h.name, h.value, h.location.line) for h in server_headers("site.conf", text)]
    assert found == [
        ("x-frame-options", "DENY", 3),
        ("content-security-policy", "frame-ancestors 'none'", 7),
    ]


@pytest.mark.parametrize(
    ("name", "value", "denies"),
    [
        pytest.param("x-frame-options", "SAMEORIGIN", True, id="sameorigin"),
        pytest.param("x-frame-options", "ALLOW-FROM https://a.example", False, id="allow-from"),
        pytest.param("content-security-policy", "default-src 'self'", False, id="csp-no-frames"),
        pytest.param(
            "content-security-policy",
            "default-src 'self'; frame-ancestors 'self' https://*.example.org",
            True,
            id="csp-own-ancestors",
        ),
        pytest.param(
            "content-security-policy", "frame-ancestors https: 'self'", False, id="csp-any-https"
        ),
    ],
)
def test_denies_framing(name: str, value: str, denies: bool) -> None:
    header = server_headers("a.conf", f'add_header {name} "{value}";')[0]
    assert denies_framing(header) is denies


def test_server_config_names() -> None:
    assert is_server_config("roles/app/templates/site.conf.j2")
    assert is_server_config("deploy/nginx.template")
    assert is_server_config("docker/apache2-site.tmpl")
    assert is_server_config("deploy/nginx/shop.nginx")
    assert not is_server_config("app/config.py")
    assert not is_server_config("app/templates/page.template")


def test_unquoted_values_end_at_a_space() -> None:
    text = (
        "add_header X-Frame-Options SAMEORIGIN always;\nHeader set X-Frame-Options DENY env=html\n"
    )
    assert [h.value for h in server_headers("a.conf", text)] == ["SAMEORIGIN", "DENY"]


@pytest.mark.parametrize(
    ("value", "sends"),
    [
        pytest.param('"max-age=31536000; includeSubDomains"', True, id="a-year"),
        pytest.param("max-age=0", False, id="zero"),
        pytest.param('"includeSubDomains"', False, id="no-max-age"),
    ],
)
def test_sends_hsts(value: str, sends: bool) -> None:
    (header,) = server_headers("nginx.conf", f"add_header Strict-Transport-Security {value};\n")
    assert sends_hsts(header) is sends


_NGINX_SITE = "server {\n    listen 80;\n    server_name {{ domain }};\n}\n"
_APACHE_SITE = "<VirtualHost *:443>\n  ServerName {{ domain }}\n</VirtualHost>\n"
_HELP_PAGE = '<pre>\nadd_header Strict-Transport-Security "max-age=31536000";\n</pre>\n'


@pytest.mark.parametrize(
    ("relpath", "text", "read"),
    [
        pytest.param("deploy/site.conf", "", True, id="named-conf"),
        pytest.param("roles/web/templates/shop.j2", _NGINX_SITE, True, id="nginx-role-template"),
        pytest.param("deploy/vhost.tmpl", _APACHE_SITE, True, id="apache-template"),
        pytest.param("app/templates/help.jinja", _HELP_PAGE, False, id="page-quoting-a-line"),
        pytest.param("app/templates/shop.html", _NGINX_SITE, False, id="not-a-template-suffix"),
        pytest.param("roles/web/templates/env.j2", "SERVER_NAME=shop\n", False, id="env-file"),
        pytest.param("deployment/nginx/shop", _NGINX_SITE, True, id="site-file-in-nginx-folder"),
        pytest.param("etc/sites-available/shop", _NGINX_SITE, True, id="sites-available"),
        pytest.param("deployment/nginx/README", "Copy this folder.\n", False, id="other-file"),
        pytest.param("deployment/shop", _NGINX_SITE, False, id="folder-not-named-for-server"),
    ],
)
def test_server_config_text_by_name_or_content(relpath: str, text: str, read: bool) -> None:
    found = server_config_text(relpath, lambda: text)
    assert (found is not None) is read
