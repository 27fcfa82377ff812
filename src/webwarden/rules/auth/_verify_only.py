"""passlib contexts a program makes only to check hashes stored elsewhere (WW741)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_CHECKING = frozenset({"verify", "identify", "needs_update"})
"""What a `CryptContext` does without making a hash: `verify_and_update`, `hash` and
`encrypt` make one with the default scheme."""
_DERIVING = frozenset({"using", "copy"})
"""What makes another context of the same schemes (`ctx.using(salt=...).verify(...)`)."""


def verifies_only(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the context `node` makes is kept in a name whose every use only checks a
    password against a hash (`LEGACY.verify(password, stored)`, `LEGACY.identify(stored)`),
    also through a loop over a list of such contexts (`for scheme in [LDAP, MCF]:
    scheme.verify(...)`): the hashes come from another system's user table and the
    program never writes one with it."""
    statement = ctx.parent(node)
    if not (isinstance(statement, ast.Assign) and statement.value is node):
        return False
    reads = ctx.scopes.reads_of_assigned(statement)
    return bool(reads) and all(_checks(ctx, read) or _looped_over(ctx, read) for read in reads)


def _checks(ctx: FileContext, read: ast.expr) -> bool:
    """`read.verify(...)`, `read.identify(...)`, `read.using(...).verify(...)`."""
    method = ctx.parent(read)
    for _ in range(2):
        if not (isinstance(method, ast.Attribute) and method.value is read):
            return False
        call = ctx.parent(method)
        if not (isinstance(call, ast.Call) and call.func is method):
            return False
        if method.attr in _CHECKING:
            return True
        if method.attr not in _DERIVING:
            return False
        read, method = call, ctx.parent(call)
    return False


def _looped_over(ctx: FileContext, read: ast.Name) -> bool:
    """An item of a list or tuple written as the `for` loop's iterable, whose loop
    variable is only used to check hashes in the loop's body."""
    items = ctx.parent(read)
    loop = ctx.parent(items) if isinstance(items, ast.List | ast.Tuple) else None
    if not (isinstance(loop, ast.For) and loop.iter is items and isinstance(loop.target, ast.Name)):
        return False
    name = loop.target.id
    uses = [
        node
        for statement in loop.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and node.id == name
    ]
    return bool(uses) and all(isinstance(use.ctx, ast.Load) and _checks(ctx, use) for use in uses)
