"""Keycloak realm exports that set up an identity server on a developer's machine."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path

from webwarden.analysis.secrets import is_development_host, url_host
from webwarden.discover import SourceFile
from webwarden.model.module import identifier_words


def development_realm(name: str, text: str) -> str:
    """`a development identity realm` for a Keycloak realm export (a JSON object with its
    `realm` name and `clients`) every absolute URL of which is to a developer's machine
    (`http://localhost:8043/`, `http://app.odl.local:8043/auth/complete/`): what a
    compose file imports into a local Keycloak, whose client secrets open nothing
    anywhere else; so is one naming no absolute URL at all whose `sslRequired` is
    `none` (plain HTTP from any address, which only a developer's realm accepts); "" for
    any other file (a realm that also names a public host, such as an upstream identity
    provider, is not one)."""
    document = realm_export(name, text)
    if document is None:
        return ""
    hosts = [host for value in _strings(document) if (host := url_host(value)) is not None]
    if hosts and all(is_development_host(host) for host in hosts):
        return "a development identity realm"
    if not hosts and document.get("sslRequired") == "none":
        # NOTE: no URL of any deployment (clients' URLs relative or `*`), and plain HTTP
        # accepted from every address: Keycloak's setting for a developer's machine (its
        # default, `external`, refuses it but from private addresses).
        return "a development identity realm"
    return ""


def realm_export(name: str, text: str) -> dict[str, object] | None:
    """The Keycloak realm export a JSON file holds: an object with its `realm` name and
    a list of `clients` (None: another file)."""
    if not name.endswith(".json") or '"realm"' not in text or '"clients"' not in text:
        return None
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict) or not isinstance(document.get("realm"), str):
        return None
    return document if isinstance(document.get("clients"), list) else None


def _strings(value: object) -> Iterator[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for member in value.values():
            yield from _strings(member)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


_MAX_REALM = 4 * 1024 * 1024
_TEST_WORDS = frozenset({"test", "tests", "testing"})
_MIN_SECRET = 8
"""Shorter client secrets (`secret`, `changeme`) are words another file may hold for
another reason."""


def development_realm_secrets(files: Iterable[SourceFile]) -> frozenset[str]:
    """The client secrets (`clients[].secret`) of the project's development identity
    realms (see `development_realm`) and of realm exports named for tests
    (`test-realm.json`), but for Keycloak's mask (`**********`) and short ones: a file
    configuring a client with one of them logs in to that local or test server."""
    found: set[str] = set()
    for file in files:
        name = posixpath.basename(file.relpath)
        if not name.endswith(".json") or file.size > _MAX_REALM:
            continue
        text = _read(file)
        document = realm_export(name, text)
        if document is None or not (_named_for_tests(name) or development_realm(name, text)):
            continue
        clients = document["clients"]
        assert isinstance(clients, list)  # noqa: S101 - checked by `realm_export`
        for client in clients:
            secret = client.get("secret") if isinstance(client, dict) else None
            if isinstance(secret, str) and len(secret) >= _MIN_SECRET and secret.strip("*"):
                found.add(secret)
    return frozenset(found)


def _named_for_tests(name: str) -> bool:
    return bool(_TEST_WORDS.intersection(identifier_words(name.rpartition(".")[0])))


def _read(file: SourceFile) -> str:
    try:
        return Path(file.abspath).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def line_of(path: Path, number: int) -> str:
    """The line `number` (from 1) of the file at `path` ("" when it cannot be read)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for at, line in enumerate(handle, 1):
                if at == number:
                    return line
    except OSError:
        return ""
    return ""
