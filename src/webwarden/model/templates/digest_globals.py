"""Functions whose every result is a digest's hex digits (or a number): text no markup.

`app.add_template_global(hash_string, "hash")`, where `hash_string(value)` returns
`hashlib.sha256(...).hexdigest()`: whatever a template hands it, `{{ hash(user)|safe }}`
writes `0-9a-f` only.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_NUMBERS = frozenset({"int", "float", "len", "round", "abs"})


def digest_functions(ctx: FileContext) -> tuple[str, ...]:
    """The module's top-level functions every `return` of which is a digest's
    `hexdigest()` (of `hashlib`, `hmac`), a number, or `str()` of one, at least one
    being a digest."""
    if not ctx.mentions("hexdigest"):
        return ()
    top = {id(node): node for node in ctx.tree.body if isinstance(node, _Function)}
    returns: dict[int, list[ast.expr | None]] = {}
    for node in ctx.nodes(ast.Return):
        assert isinstance(node, ast.Return)  # noqa: S101 - nodes() of that type
        owner = next((a for a in ctx.ancestors(node) if isinstance(a, _Function)), None)
        if owner is not None and id(owner) in top:
            returns.setdefault(id(owner), []).append(node.value)
    # NOTE: a nested function's `return` counts as its owner's: that can only refuse one.
    return tuple(
        top[key].name
        for key, values in returns.items()
        if all(_inert(ctx, value) for value in values) and any(map(_digest, values))
    )


def _digest(value: ast.expr | None) -> bool:
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "hexdigest"
        and not value.args
        and not value.keywords
    )


def _inert(ctx: FileContext, value: ast.expr | None) -> bool:
    if _digest(value):
        return True
    if isinstance(value, ast.Constant):
        return isinstance(value.value, int | float) or value.value is None
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value)
    if name == "str" and len(value.args) == 1 and not value.keywords:
        return _inert(ctx, value.args[0])
    return name in _NUMBERS
