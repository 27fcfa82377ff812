"""Values that are `uuid.UUID` objects, which compare as numbers, not as text (WW744)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_UUID_TYPES = frozenset({"uuid.UUID"})


def uuid_object(ctx: FileContext, node: ast.expr) -> bool:
    """`uuid.UUID(request.data["secret"])`, or a local assigned one: `UUID.__eq__` compares
    the two 128-bit integers (and is never equal to text), and an integer comparison
    stops only at a differing 30-bit digit, so how long it takes tells an attacker
    nothing he could build a guess on one character at a time."""
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    return isinstance(value, ast.Call) and ctx.call_name(value) in _UUID_TYPES
