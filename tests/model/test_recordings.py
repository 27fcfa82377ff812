from __future__ import annotations

import textwrap

import pytest

from webwarden.model.recordings import local_exchange_lines, may_be_recording
from webwarden.parse.keyvalues import yaml_documents

CASSETTE = textwrap.dedent(
    """\
    interactions:
    - request:
        method: GET
        uri: http://localhost:8080/realms/test/protocol/openid-connect/certs
      response:
        body:
          string: '{"keys": []}'
    - request:
        method: GET
        uri: https://api.example.org/items
      response:
        body:
          string: '[]'
    - request:
        uri: http://keycloak.test/userinfo
      response:
        status:
          code: 200
    version: 1
    """
)


def test_local_exchange_lines_cover_exchanges_with_a_developer_machine() -> None:
    lines = local_exchange_lines(yaml_documents(CASSETTE))
    assert lines == frozenset({2, 3, 4, 5, 6, 7, 14, 15, 16, 17, 18})


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("interactions: []\n", id="no-exchange"),
        pytest.param("interactions:\n- request: {method: GET}\n", id="no-uri"),
        pytest.param("- interactions: []\n", id="not-a-mapping"),
        pytest.param("interactions: {request: {uri: 'http://localhost/'}}\n", id="not-a-list"),
    ],
)
def test_no_local_exchanges(text: str) -> None:
    assert local_exchange_lines(yaml_documents(text)) == frozenset()


def test_http_interactions_of_ruby_vcr_and_betamax() -> None:
    text = "http_interactions:\n- request:\n    uri: http://127.0.0.1:3000/\n"
    assert local_exchange_lines(yaml_documents(text)) == frozenset({2, 3})


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param("login.yaml", CASSETTE, True, id="cassette"),
        pytest.param("login.yml", "http_interactions:\n", True, id="betamax"),
        pytest.param("login.json", CASSETTE, False, id="json"),
        pytest.param("compose.yaml", "services:\n  interactions: 1\n", False, id="nested-key"),
    ],
)
def test_may_be_recording(name: str, text: str, expected: bool) -> None:
    assert may_be_recording(name, text) is expected
