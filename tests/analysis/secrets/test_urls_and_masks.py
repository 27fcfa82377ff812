from __future__ import annotations

import pytest

from webwarden.analysis.secrets import (
    find_credential_urls,
    is_development_host,
    is_local_host,
    mask,
)
from webwarden.analysis.secrets.mask import mask_columns, mask_occurrences
from webwarden.analysis.secrets.urls import base_scheme, default_port


def test_database_url() -> None:
    (url,) = find_credential_urls('x = "postgresql+psycopg2://shop:s3cr3t@db.internal:5432/shop"')
    assert url.masked == "postgresql+psycopg2://shop:****@db.internal:5432/shop"
    assert url.is_database
    assert not url.is_local
    assert url.host == "db.internal"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("postgresql://shop:${DB_PASSWORD}@db/shop", id="template"),
        pytest.param("postgresql://shop:%(password)s@db/shop", id="format"),
        pytest.param("postgresql://user:password@localhost/db", id="docs"),
        pytest.param("postgresql://shop@db/shop", id="no-password"),
        pytest.param("https://example.com/a:b@c", id="at-in-path"),
        pytest.param(
            "http://lms.local:18000/asset-v1:org+type@asset+block@logo.jpg", id="port-then-path"
        ),
        pytest.param("https://lms.local:8443?next=/u@me", id="port-then-query"),
        pytest.param("ftp://anonymous:ada@lovelace.org@ftp.gnu.org/gnu", id="anonymous-ftp"),
        pytest.param("ftp://Anonymous:guest@mirror.example.net/pub", id="anonymous-capital"),
        pytest.param(
            "https://5b0c3e8f1a2d4c6e9f7a1b3d5e7c9f02:9e1d3c5b7a9f4e2d8c6b0a1f3e5d7c93"
            "@o12.ingest.sentry.io/4504",
            id="legacy-sentry-dsn",
        ),
    ],
)
def test_no_credential_url(text: str) -> None:
    assert list(find_credential_urls(text)) == []


def test_password_with_a_slash_after_letters() -> None:
    (url,) = find_credential_urls("redis://:8fQk9/zT2w@cache.internal:6379/0")
    assert url.masked == "redis://:****@cache.internal:6379/0"


def test_sentry_dsn_shape_under_another_scheme() -> None:
    # Two 32-hex keys and a number for a path, but a broker's URL: a login.
    text = "amqp://5b0c3e8f1a2d4c6e9f7a1b3d5e7c9f02:9e1d3c5b7a9f4e2d8c6b0a1f3e5d7c93@mq/12"
    (url,) = find_credential_urls(text)
    assert url.masked == "amqp://5b0c3e8f1a2d4c6e9f7a1b3d5e7c9f02:****@mq/12"


def test_http_url_is_not_a_database() -> None:
    (url,) = find_credential_urls("https://deploy:Pr0d-77@ci.example.com/hook")
    assert not url.is_database


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("[::1]", True),
        ("/var/run/postgresql", True),
        ("", True),
        ("db.example.com", False),
        ("10.0.0.5", False),
        ("db", False),
    ],
)
def test_local_hosts(host: str, local: bool) -> None:
    assert is_local_host(host) is local


def test_base_scheme() -> None:
    assert base_scheme("postgresql+psycopg2") == "postgresql"
    assert base_scheme("mongodb+srv") == "mongodb+srv"


@pytest.mark.parametrize(
    ("scheme", "port"),
    [
        pytest.param("postgresql+psycopg2", 5432, id="driver-suffix"),
        pytest.param("MySQL", 3306, id="upper-case"),
        pytest.param("rediss", 6379, id="redis-over-tls"),
        pytest.param("mongodb+srv", None, id="srv-lookup-has-no-port"),
        pytest.param("https", None, id="not-a-database"),
    ],
)
def test_default_port(scheme: str, port: int | None) -> None:
    assert default_port(scheme) == port


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("AKIA8LL4HE5Y9V0CB07V", "AKIA****"),
        ("Sm7p-Relay-2024", "Sm****"),
        ("hunter22", "****"),
    ],
)
def test_mask_never_shows_much(value: str, shown: str) -> None:
    assert mask(value) == shown


def test_mask_columns_and_occurrences() -> None:
    assert mask_columns('key = "hunter22"', 7, 15) == 'key = "****"'
    assert mask_columns("x", 5, 9, "hunter22") == "x****"
    assert mask_occurrences("user=a password=hunter22 again hunter22", ["hunter22", ""]) == (
        "user=a password=**** again ****"
    )


@pytest.mark.parametrize(
    ("host", "development"),
    [
        pytest.param("localhost", True, id="localhost"),
        pytest.param("127.0.0.1", True, id="loopback"),
        pytest.param("keycloak.test", True, id="test-name"),
        pytest.param("App.Odl.Local.", True, id="mdns-name-case-and-dot"),
        pytest.param("login.example.com", False, id="public"),
        pytest.param("10.0.0.5", False, id="private-address"),
    ],
)
def test_is_development_host(host: str, development: bool) -> None:
    assert is_development_host(host) is development
