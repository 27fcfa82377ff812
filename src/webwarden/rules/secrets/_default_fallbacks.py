"""Variables whose default is a well-known password (WW243): `${ADMIN_PASSWORD:-admin}`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.secrets import credential_kind, mask
from webwarden.analysis.secrets.values import DEFAULT_PASSWORDS
from webwarden.model.module import TextFile
from webwarden.model.secrets.snippets import mask_known
from webwarden.rules.secrets._text_secrets import FALLBACK, TextSecret

_WELL_KNOWN_KIND = "a well-known default password"
_INSTRUCTIONS = frozenset({"changeme", "change_me", "changeit"})
"""Defaults that say what to do with them rather than work as a password."""
_LOGIN_KIND = "a password"


def default_password_fallbacks(file: TextFile) -> Iterator[tuple[TextSecret, str]]:
    """Each variable named a password whose default is one every scanner tries first
    (`${ADMIN_PASSWORD:-admin}`, tox's `{env:ADMIN_PASSWORD:admin}`, `root`, `123456`;
    not `changeme`, which says to change it), with its masked line. The value-based
    search leaves such words out as placeholders; as a default they are the password of
    every install that leaves the variable unset (a Docker image's entrypoint making its
    admin account with it)."""
    text = file.text
    if "${" not in text and "{env:" not in text:
        return  # NOTE: most files, tested at C speed
    for number, line in enumerate(file.lines, start=1):
        if "{" not in line:
            continue
        for match in FALLBACK.finditer(line):
            group = "default" if match["default"] is not None else "tox_default"
            default = match[group].strip().strip("\"'")
            if default.lower() not in DEFAULT_PASSWORDS or default.lower() in _INSTRUCTIONS:
                continue
            key = match["name"] or match["tox_name"]
            if credential_kind(key) != _LOGIN_KIND:
                continue
            start, end = match.span(group)
            masked = mask(default)
            secret = TextSecret(_WELL_KNOWN_KIND, key, number, start, end, masked, True)
            yield secret, mask_known(line[:start] + masked + line[end:])
