"""Context names a library's class adds to the templates its subclasses name."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.facts import ContextName

_BUILT_LINKS = {"djoser.email.": ("url", "uid", "token")}
"""Base classes (by prefix) -> the names their `get_context_data` sets to text it builds
from the project's settings and the user's key: djoser's emails format the
`ACTIVATION_URL` (or `PASSWORD_RESET_CONFIRM_URL`...) setting with the user's id in URL-safe
base64 and a token of letters, digits and `-`, which its own templates write `|safe`."""


def library_names(ctx: FileContext, node: ast.ClassDef) -> list[ContextName]:
    """What the library the class derives from puts into its template's context, as text
    holding no markup (cleaned)."""
    for base in node.bases:
        name = ctx.qualified(base) or ""
        for prefix, names in _BUILT_LINKS.items():
            if name.startswith(prefix):
                where = ctx.location(node)
                return [ContextName(each, where, cleaned=True) for each in names]
    return []
