from __future__ import annotations

import base64

import pytest

from webwarden.parse.keyvalues import Entry, yaml_documents, yaml_entries
from webwarden.rules.secrets._text_secrets import (
    BASIC_LOGIN_KIND,
    app_signing_key,
    find_text_secrets,
)


def _basic(pair: str) -> str:
    return base64.b64encode(pair.encode()).decode()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(f"Authorization: Basic {_basic('bot:7hG2-vLq9')}", True, id="login"),
        pytest.param(f"Basic {_basic('username:password')}", False, id="sample-pair"),
        pytest.param(f"Basic {_basic('no-colon-7hG2vLq9')}", False, id="no-colon"),
        pytest.param("Basic QUJDREVGR0g=", False, id="no-colon-either"),
        pytest.param("Basic authentication is on", False, id="prose"),
        pytest.param("Basic //////////8=", False, id="not-utf-8"),
        pytest.param(f"NotBasic {_basic('bot:7hG2-vLq9')}", False, id="glued-to-a-word"),
        pytest.param(f"X-Basic {_basic('bot:7hG2-vLq9')}", False, id="inside-a-name"),
    ],
)
def test_basic_auth_logins(text: str, found: bool) -> None:
    kinds = [secret.kind for secret in find_text_secrets(text, [])]
    assert (BASIC_LOGIN_KIND in kinds) is found


def _entries_of(text: str) -> tuple[list[str], list[Entry]]:
    """The keys found, and whether the entries were read (a list of one mark)."""
    read: list[Entry] = []

    def entries() -> list[Entry]:
        read.append(Entry("mark", "", 0, 0, 0))
        return list(yaml_entries(yaml_documents(text)))

    return [secret.key for secret in find_text_secrets(text, entries)], read


def test_entries_are_read_only_when_a_name_or_a_token_needs_them() -> None:
    data = "devices:\n- name: r1\n  model: c9300\n  ip: 10.0.0.1\n" * 50
    assert _entries_of(data) == ([], [])
    keys, read = _entries_of("db:\n  password: q8Zr3Lw0Tn5Vb7Xc\n")
    assert keys == ["password"]
    assert read
    token = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY2z4A"
    keys, read = _entries_of(f"github:\n  bot: {token}\n")
    assert keys == ["bot"]
    assert read


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param("SECRET_KEY", True, id="framework-key"),
        pytest.param("DJANGO_SECRET_KEY", True, id="framework-named-key"),
        pytest.param("JWT_SECRET_KEY", True, id="named-for-what-it-signs"),
        pytest.param("SLACK_SIGNING_SECRET", False, id="another-service-signing-secret"),
        pytest.param("AWS_SECRET_KEY", False, id="another-service-key"),
    ],
)
def test_app_signing_key(key: str, expected: bool) -> None:
    assert app_signing_key(key) is expected
