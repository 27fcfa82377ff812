"""Comparisons that tell whether a Django form's field changed (WW744): the value the
form started with (`form.initial`) against the one submitted (`form.cleaned_data`)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_INITIAL, _CLEANED = "initial", "cleaned_data"
_REFUSALS = frozenset({"abort", "add_error"})


def form_field_changed(ctx: FileContext, node: ast.Compare, test_of: ast.If) -> bool:
    """`if old["password"] != new["password"]: save(new["password"])` with `old =
    form.initial` and `new = form.cleaned_data`: one field of the form as it was shown
    and as it came back, the `if` refusing nothing (no `return`, `raise`, `abort` or
    `add_error`), so it acts on a change and checks nobody."""
    left, right = _form_field(ctx, node.left), _form_field(ctx, node.comparators[0])
    if left is None or right is None or left[1] != right[1]:
        return False
    if {left[0], right[0]} != {_INITIAL, _CLEANED}:
        return False
    return not any(_refuses(n) for statement in test_of.body for n in ast.walk(statement))


def _form_field(ctx: FileContext, node: ast.expr) -> tuple[str, str] | None:
    """`("initial", "key")` for `form.initial["key"]`, `initial.get("key")` past
    `initial = form.initial`, and the same of `cleaned_data`."""
    match node:
        case ast.Subscript(value=container, slice=ast.Constant(value=str() as key)):
            pass
        case ast.Call(
            func=ast.Attribute(value=container, attr="get"),
            args=[ast.Constant(value=str() as key), *_],
        ):
            pass
        case _:
            return None
    if isinstance(container, ast.Name):
        container = ctx.lookup(container) or container
    if isinstance(container, ast.Attribute) and container.attr in (_INITIAL, _CLEANED):
        return container.attr, key
    return None


def _refuses(node: ast.AST) -> bool:
    if isinstance(node, ast.Return | ast.Raise):
        return True
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in _REFUSALS
