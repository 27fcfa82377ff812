"""Compose database services that let every client in without a password.

What the official images do when the file says nothing more: `redis` runs with no
password and, unlike a Redis built from source, with protected mode off (the image
turns it off, as Docker publishes no port unless told to); `memcached` asks for no
login unless started with SASL (`-S`); and PostgreSQL's images accept every client
without a password when `POSTGRES_HOST_AUTH_METHOD=trust`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from webwarden.parse.yaml_nodes import node_get, node_items, node_text
from webwarden.rules.database._compose import compose_services, environment_entries

if TYPE_CHECKING:
    import yaml

_OFFICIAL_PREFIXES = ("docker.io/library/", "library/", "docker.io/")
_OPEN_BY_DEFAULT = {
    "redis": re.compile(r"requirepass|aclfile|\.conf\b|\$"),
    "memcached": re.compile(r"(?:^|\s)(?:-S|--enable-sasl)\b|\$"),
}
"""Official images asking for no password, and the command words that may set one: a
password, an ACL file, a configuration file, a variable's value."""


def passwordless_services(documents: list[yaml.Node]) -> dict[str, str]:
    """The services of the compose documents that let every client in without a
    password, by name, each with why (the image's default, or `trust`)."""
    found: dict[str, str] = {}
    for document in documents:
        for name, service in compose_services(document):
            reason = _asks_no_password(service)
            if reason:
                found[name] = reason
    return found


def _asks_no_password(service: yaml.Node) -> str:
    environment = {key: value.strip() for key, value, _ in environment_entries(service)}
    if environment.get("POSTGRES_HOST_AUTH_METHOD", "").lower() == "trust":
        return "`POSTGRES_HOST_AUTH_METHOD=trust` lets every client in without a password"
    repository = _official_repository(node_text(node_get(service, "image")))
    setting = _OPEN_BY_DEFAULT.get(repository)
    if setting is None or node_get(service, "entrypoint") is not None:
        return ""
    command = node_get(service, "command")
    words = " ".join(node_text(item) for item in node_items(command)) or node_text(command)
    if setting.search(words):
        return ""
    return f"the official `{repository}` image asks for no password"


def _official_repository(image: str) -> str:
    """The name of an official image (`redis` of `redis:7`, `docker.io/library/redis`);
    "" for another publisher's (`bitnami/redis`), whose own variables may set one."""
    name = image.strip().lower().partition("@")[0]
    name = name.rpartition(":")[0] if ":" in name.rpartition("/")[2] else name
    for prefix in _OFFICIAL_PREFIXES:
        name = name.removeprefix(prefix)
    return "" if "/" in name else name
