"""The authentication facts of one module."""

from __future__ import annotations

import ast
import re

from webwarden.model.auth.evidence import (
    MFA,
    MFA_SETTINGS,
    RATE_LIMITERS,
    THROTTLE_NAMES,
    matches,
)
from webwarden.model.auth.facts import AuthFacts
from webwarden.model.auth.logins import login_entries
from webwarden.model.auth.passwords import hashes_passwords, password_fields, raw_writes
from webwarden.model.module import FileContext

_DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
_THROTTLING = re.compile(r"rate_?limit|throttl|lockout", re.IGNORECASE)


def _modules(ctx: FileContext) -> set[str]:
    """Imported modules and dotted strings (`"axes.middleware.AxesMiddleware"`, `"axes"` in
    `INSTALLED_APPS`, `"rest_framework.throttling.UserRateThrottle"`)."""
    found = set(ctx.names.aliases.values())
    for node in ctx.nodes(ast.Constant):
        value = getattr(node, "value", None)
        if isinstance(value, str) and len(value) < 120 and _DOTTED.match(value):
            found.add(value)
    return found


def _identifiers(ctx: FileContext) -> set[str]:
    """Names, attributes, functions, classes and string keys of the module."""
    found = {getattr(node, "id", "") for node in ctx.nodes(ast.Name)}
    found.update(getattr(node, "attr", "") for node in ctx.nodes(ast.Attribute))
    found.update(
        getattr(node, "name", "")
        for node in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    )
    found.update(
        value
        for node in ctx.nodes(ast.Constant)
        if isinstance(value := getattr(node, "value", None), str) and value in THROTTLE_NAMES
    )
    return found


def _protections(ctx: FileContext) -> frozenset[str]:
    found: set[str] = set()
    for module in _modules(ctx):
        if (key := matches(module, RATE_LIMITERS)) is not None:
            found.add(f"ratelimit:{key}")
        if (key := matches(module, MFA)) is not None:
            found.add(f"mfa:{key}")
    for name in _identifiers(ctx):
        if name in THROTTLE_NAMES:
            found.add("ratelimit:throttle settings")
        elif _THROTTLING.search(name):
            found.add(f"ratelimit:{name}")
        if name in MFA_SETTINGS:
            found.add("mfa:flask_security.two_factor")
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
