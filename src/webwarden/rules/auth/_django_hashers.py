"""Django password hasher classes a fast hash is written in, and whether settings use them."""

from __future__ import annotations

import ast

from webwarden.findings import Finding, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.project import ProjectModel
from webwarden.rules.context import FileContext

_HASHERS = "django.contrib.auth.hashers."
HASHER_TAG = "django-hasher:"
"""The tag of a finding made in a method of a Django password hasher class, with its name."""


def enclosing_class(ctx: FileContext, node: ast.AST) -> tuple[ast.ClassDef, list[str]] | None:
    """The class `node` is in, with the qualified names of the bases that have one; None
    outside a class."""
    holder = next((a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef)), None)
    if holder is None:
        return None
    return holder, [q for b in holder.bases if (q := ctx.qualified(b)) is not None]


def hasher_class(holder: tuple[ast.ClassDef, list[str]] | None) -> str | None:
    """The name of the class (as `enclosing_class` gives it) when it derives from one of
    Django's password hashers (`BasePasswordHasher`, `MD5PasswordHasher`...), else None."""
    if holder is None:
        return None
    cls, bases = holder
    return cls.name if any(b.startswith(_HASHERS) for b in bases) else None


def lowered_if_unlisted(finding: Finding, project: ProjectModel) -> Finding:
    """Low when the finding is in a hasher class that no settings module of the project
    lists in `PASSWORD_HASHERS` (nor leaves to Django's defaults): Django hashes and
    checks users' passwords only with the hashers listed there, so the class hashes only
    what the code hands it directly (an API token's digest). Unchanged when a settings
    module lists it, when a value is not known, or when the project has no settings."""
    tag = next((t for t in finding.tags if t.startswith(HASHER_TAG)), None)
    django = project.django
    if tag is None or django is None or not django.settings:
        return finding
    name = tag.removeprefix(HASHER_TAG)
    for module in django.settings.values():
        for possibility in module.get("PASSWORD_HASHERS"):
            listed = possibility.shipped
            if not isinstance(listed, list | tuple):
                return finding
            if any(not isinstance(h, str) or h.rpartition(".")[2] == name for h in listed):
                return finding
    reason = f"`{name}` is in no `PASSWORD_HASHERS`: it hashes only what the code hands it"
    return lower_for_context(finding, Severity.LOW, reason)
