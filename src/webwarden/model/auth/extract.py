"""The authentication facts of one module."""

from __future__ import annotations

import ast
import itertools
import re

from webwarden.model.auth.evidence import MFA, MFA_SETTINGS, RATE_LIMITERS, THROTTLE_NAMES, matches
from webwarden.model.auth.facts import AuthFacts
from webwarden.model.auth.logins import login_entries
from webwarden.model.auth.passwords import hashes_passwords, password_fields, raw_writes
from webwarden.model.module import FileContext, identifier_words

_DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
_THROTTLE_WORDS = frozenset({"ratelimit", "ratelimited", "throttle", "throttled", "lockout"})


def _names(ctx: FileContext) -> set[str]:
    """Imported modules, dotted strings (`"axes.middleware.AxesMiddleware"`, `"axes"` in
    `INSTALLED_APPS`) and identifiers of the module."""
    found = set(ctx.names.aliases.values())
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if (
                len(node.value) < 120 and _DOTTED.match(node.value)
            ) or node.value in THROTTLE_NAMES:
                found.add(node.value)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            found.add(node.name)
    return found


def _protections(ctx: FileContext) -> frozenset[str]:
    found: set[str] = set()
    for name in _names(ctx):
        if (key := matches(name, RATE_LIMITERS)) is not None:
            found.add(f"ratelimit:{key}")
        if (key := matches(name, MFA)) is not None:
            found.add(f"mfa:{key}")
        if name in THROTTLE_NAMES:
            found.add("ratelimit:throttle settings")
        if name in MFA_SETTINGS:
            found.add("mfa:flask_security.two_factor")
        words = identifier_words(name.rpartition(".")[2])
        joined = {"".join(pair) for pair in itertools.pairwise(words)}
        if (_THROTTLE_WORDS & set(words)) or "ratelimit" in joined:
            found.add(f"ratelimit:{name}")
    return frozenset(found)


def extract_auth(ctx: FileContext) -> AuthFacts | None:
    """The authentication facts of `ctx`'s module, or None when it has none."""
    facts = AuthFacts(
        tuple(login_entries(ctx)),
        _protections(ctx),
        tuple(password_fields(ctx)),
        tuple(raw_writes(ctx)),
        hashes_passwords(ctx),
    )
    if facts == AuthFacts():
        return None
    return facts
