"""Values that are integers, which compare as numbers, not as text (WW744)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_INTEGER_TYPES = frozenset({"int", "builtins.int"})


def integer_value(ctx: FileContext, node: ast.expr) -> bool:
    """`int(raw)`, a local assigned one (`current = int(redis.get(key))`), or a parameter
    of the enclosing function annotated `int` (`def run(key: str, expected_token: int)`):
    `int.__eq__` compares numbers, which stop only at a differing 30-bit digit (a counter
    or a one-time code fits in one), so how long it takes tells an attacker nothing he
    could build a guess on one character at a time (as for `uuid.UUID`)."""
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    if isinstance(value, ast.Call) and ctx.call_name(value) in _INTEGER_TYPES:
        return True
    return isinstance(node, ast.Name) and value is None and _annotated_int(ctx, node)


def _annotated_int(ctx: FileContext, node: ast.Name) -> bool:
    """Whether `node` names a parameter of the function around it annotated `int`."""
    function = next(
        (
            a
            for a in ctx.ancestors(node)
            if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        ),
        None,
    )
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    arguments = function.args
    for param in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
        if param.arg == node.id:
            annotation = param.annotation
            return isinstance(annotation, ast.Name) and annotation.id == "int"
    return False
