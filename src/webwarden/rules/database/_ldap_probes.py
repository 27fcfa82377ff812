"""ldap3 connections a function opens only to look at the server (WW344's low case)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

CONNECTIONS = frozenset({"ldap3.Connection", "ldap3.core.connection.Connection"})
_CREDENTIALS_AT = (1, 2)
"""Positions of `Connection(server, user, password, ...)`."""
_CREDENTIALS = frozenset({"user", "password", "sasl_credentials", "sasl_mechanism"})
_ASKING = frozenset(
    {
        "bind",
        "rebind",
        "search",
        "extend",
        "add",
        "modify",
        "delete",
        "compare",
        "modify_dn",
        "paged_search",
    }
)
"""Connection methods that send credentials, ask the directory or change it (or hand on
what was asked: `extend` holds the extended operations)."""


def probing_function(ctx: FileContext, node: ast.AST) -> str | None:
    """The name of the function holding `node` when every ldap3 `Connection` it makes is
    given no credentials and kept in a plain local, and it calls no method that binds,
    asks or changes anything (`bind`, `search`, `modify` ...) nor returns, yields or
    stores a connection: a certificate probe or a liveness check. None otherwise (also
    outside a function, or when it makes no connection)."""
    function = next(
        (a for a in reversed(ctx.ancestors(node)) if isinstance(a, ast.FunctionDef)), None
    )
    if function is None:
        return None
    connections: set[str] = set()
    made = False
    for inner in ast.walk(function):
        if isinstance(inner, ast.Call):
            if ctx.call_name(inner) in CONNECTIONS:
                made = True
                if _credentials(ctx, inner) or not _kept_locally(ctx, inner, connections):
                    return None
            elif isinstance(inner.func, ast.Attribute) and inner.func.attr in _ASKING:
                return None
    if not made:
        return None
    for inner in ast.walk(function):
        if isinstance(inner, ast.Return | ast.Yield | ast.YieldFrom) and _names_one(
            inner.value, connections
        ):
            return None
    return function.name


def _credentials(ctx: FileContext, call: ast.Call) -> bool:
    if ctx.has_kwargs_splat(call) or any(isinstance(a, ast.Starred) for a in call.args):
        return True
    if len(call.args) > min(_CREDENTIALS_AT):
        return True
    return any(k.arg in _CREDENTIALS for k in call.keywords)


def _kept_locally(ctx: FileContext, call: ast.Call, names: set[str]) -> bool:
    """Whether the connection is bound to a plain local (noted in `names`)."""
    parent = ctx.parent(call)
    if isinstance(parent, ast.Assign) and all(isinstance(t, ast.Name) for t in parent.targets):
        names.update(t.id for t in parent.targets if isinstance(t, ast.Name))
        return True
    if isinstance(parent, ast.withitem) and isinstance(parent.optional_vars, ast.Name):
        names.add(parent.optional_vars.id)
        return True
    return False


def _names_one(value: ast.expr | None, names: set[str]) -> bool:
    return isinstance(value, ast.Name) and value.id in names
