"""Keycloak realm exports of a developer's or a test's identity server, and their secrets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from webwarden.discover import SourceFile
from webwarden.discover.files import FileKind
from webwarden.model.realms import development_realm_secrets, line_of, realm_export

_GIVEN = "c2VjcmV0LW9mLWEtdGVzdC1jbGllbnQ"


def _realm(urls: list[str], given: str = _GIVEN) -> str:
    client = {"clientId": "app", "secret": given, "redirectUris": urls}
    return json.dumps({"realm": "app", "clients": [client]})


def _secrets(tmp_path: Path, files: dict[str, str]) -> frozenset[str]:
    found = []
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        found.append(SourceFile(str(path), name, FileKind.TEXT, len(text)))
    return development_realm_secrets(found)


@pytest.mark.parametrize(
    ("name", "urls", "expected"),
    [
        pytest.param("realm.json", ["http://localhost:8000/*"], {_GIVEN}, id="local-urls"),
        pytest.param("test-realm.json", ["https://shop.example.org/*"], {_GIVEN}, id="test-name"),
        pytest.param("realm.json", ["https://shop.example.org/*"], set(), id="public-host"),
    ],
)
def test_development_realm_secrets(
    tmp_path: Path, name: str, urls: list[str], expected: set[str]
) -> None:
    assert _secrets(tmp_path, {f"keycloak/{name}": _realm(urls)}) == expected


def test_masked_and_short_secrets_are_no_ones(tmp_path: Path) -> None:
    files = {
        "a/test-realm.json": _realm([], given="**********"),
        "b/test-realm.json": _realm([], given="secret"),
    }
    assert _secrets(tmp_path, files) == frozenset()


def test_realm_export_needs_its_name_and_clients() -> None:
    assert realm_export("realm.json", _realm([])) is not None
    assert realm_export("realm.json", json.dumps({"realm": "x"})) is None
    assert realm_export("realm.yaml", _realm([])) is None
    assert realm_export("realm.json", '{"realm": "x", "clients": [') is None


def test_line_of(tmp_path: Path) -> None:
    target = tmp_path / "config.yaml"
    target.write_text("first\nsecond\n", encoding="utf-8")
    assert line_of(target, 2) == "second\n"
    assert line_of(target, 3) == ""
    assert line_of(tmp_path / "missing.yaml", 1) == ""
