"""Compose database services that let every client in without a password."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.parse.keyvalues import yaml_documents
from webwarden.rules.database._open_services import passwordless_services


def _open(service: str) -> list[str]:
    text = "services:\n  store:\n" + textwrap.indent(textwrap.dedent(service), "    ")
    return list(passwordless_services(yaml_documents(text)))


@pytest.mark.parametrize(
    "service",
    [
        pytest.param("image: redis\n", id="official-untagged"),
        pytest.param("image: docker.io/redis:7\n", id="official-from-docker-hub"),
        pytest.param("image: redis@sha256:0123abcd\n", id="official-by-digest"),
        pytest.param("image: memcached:1.6\ncommand: memcached -m 64\n", id="memcached"),
        pytest.param(
            "image: postgis/postgis:16-3.4\nenvironment:\n  - POSTGRES_HOST_AUTH_METHOD=trust\n",
            id="postgres-trust",
        ),
    ],
)
def test_services_asking_for_no_password(service: str) -> None:
    assert _open(service) == ["store"]


@pytest.mark.parametrize(
    "service",
    [
        pytest.param("image: registry.local:5000/redis:7\n", id="private-registry"),
        pytest.param("image: redis:7\nentrypoint: /start.sh\n", id="own-entrypoint"),
        pytest.param("image: redis:7\ncommand: [redis-server, --aclfile, /acl]\n", id="acl"),
        pytest.param("image: redis:7\ncommand: redis-server $REDIS_ARGS\n", id="variable"),
        pytest.param("image: memcached\ncommand: memcached -S\n", id="memcached-sasl"),
        pytest.param("image: postgres:16\n", id="postgres-default"),
    ],
)
def test_services_that_may_ask_for_one(service: str) -> None:
    assert _open(service) == []
