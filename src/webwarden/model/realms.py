"""Keycloak realm exports that set up an identity server on a developer's machine."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from webwarden.analysis.secrets import is_local_host

_URL_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/@\s]*@)?(\[[^\]]*\]|[^/:?#\s]*)", re.IGNORECASE)
_DEVELOPMENT_SUFFIXES = (".localhost", ".local", ".test")
"""Names no public DNS resolves (RFC 6761, and mDNS's `.local`): hosts a developer's
machine or its compose network names."""


def development_realm(name: str, text: str) -> str:
    """`a development identity realm` for a Keycloak realm export (a JSON object with its
    `realm` name and `clients`) every absolute URL of which is to a developer's machine
    (`http://localhost:8043/`, `http://app.odl.local:8043/auth/complete/`): what a
    compose file imports into a local Keycloak, whose client secrets open nothing
    anywhere else; so is one naming no absolute URL at all whose `sslRequired` is
    `none` (plain HTTP from any address, which only a developer's realm accepts); "" for
    any other file (a realm that also names a public host, such as an upstream identity
    provider, is not one)."""
    if not name.endswith(".json") or '"realm"' not in text or '"clients"' not in text:
        return ""
    try:
        document = json.loads(text)
    except ValueError:
        return ""
    if not isinstance(document, dict) or not isinstance(document.get("realm"), str):
        return ""
    if not isinstance(document.get("clients"), list):
        return ""
    hosts = [match[1] for value in _strings(document) if (match := _URL_HOST.match(value))]
    if hosts and all(_development_host(host) for host in hosts):
        return "a development identity realm"
    if not hosts and document.get("sslRequired") == "none":
        # NOTE: no URL of any deployment (clients' URLs relative or `*`), and plain HTTP
        # accepted from every address: Keycloak's setting for a developer's machine (its
        # default, `external`, refuses it but from private addresses).
        return "a development identity realm"
    return ""


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


def _development_host(host: str) -> bool:
    name = host.lower().rstrip(".")
    return is_local_host(name) or name.endswith(_DEVELOPMENT_SUFFIXES)
