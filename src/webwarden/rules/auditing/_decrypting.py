"""Ciphers a program makes only to decrypt (WW1144)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_DECRYPTING = frozenset({"decrypt", "decryptor"})
"""What reads with a cipher: PyCryptodome's `decrypt()`, `cryptography`'s `decryptor()`."""
_CIPHER = "cryptography.hazmat.primitives.ciphers.Cipher"
_DEPTH = 3
"""How many hand-offs are followed: an algorithm into a name, that into a `Cipher`, that
into another name."""


def decrypts_only(ctx: FileContext, node: ast.expr, depth: int = _DEPTH) -> bool:
    """`ARC4.new(key).decrypt(data)`, `Cipher(TripleDES(key), mode).decryptor()`: a
    cipher made to read what was written with it elsewhere (a legacy file format, an
    S/MIME message whose sender chose the cipher), also when kept in a local name or
    handed to `cryptography`'s `Cipher` whose every use decrypts."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Attribute) and parent.value is node:
        return parent.attr in _DECRYPTING and isinstance(ctx.parent(parent), ast.Call)
    if not depth:
        return False
    if isinstance(parent, ast.Call) and node in parent.args[:1]:
        return ctx.call_name(parent) == _CIPHER and decrypts_only(ctx, parent, depth - 1)
    if isinstance(parent, ast.Assign) and parent.value is node and len(parent.targets) == 1:
        uses = _uses(ctx, parent)
        return bool(uses) and all(decrypts_only(ctx, use, depth - 1) for use in uses)
    return False


def _uses(ctx: FileContext, assignment: ast.Assign) -> list[ast.Name]:
    """The reads of the name `assignment` binds in the function holding it (none at module
    level): whatever else the name is bound to there, each read must decrypt."""
    if ctx.scopes.enclosing_function(assignment) is None:
        return []
    return ctx.scopes.reads_of_assigned(assignment)
