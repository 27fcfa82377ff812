"""Response headers a view or hook copies from a dict it builds.

`headers = {"X-Frame-Options": "DENY"}`, then `headers["Expect-CT"] = value`, then
`for header, value in headers.items(): response.headers.add(header, value)` (or
`response.headers[header] = headers[header]` in a loop over the keys, or
`response.headers.update(headers)`): each key of the dict is a header the response gets.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

Entry = tuple[ast.expr, ast.expr | None]
"""A header's name node and its value node (None when the copy does not pass it on)."""

_LOOPS = (ast.For, ast.AsyncFor)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)


def dict_entries(ctx: FileContext, name: ast.Name) -> list[tuple[ast.expr, ast.expr]] | None:
    """The entries of the dict display `name` was made as, and those its scope adds with
    `name["key"] = value`; None when `name` was not made as a dict display."""
    made = ctx.scopes.made_by(name)
    if not isinstance(made, ast.Dict):
        return None
    entries = [(k, v) for k, v in zip(made.keys, made.values, strict=True) if k is not None]
    scope = ctx.scopes.binding_scope(name)
    assignments = ast.walk(scope) if scope is not None else iter(())
    for node in assignments:
        if isinstance(node, ast.Assign):
            entries.extend(
                (target.slice, node.value)
                for target in node.targets
                if isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Name)
                and target.value.id == name.id
                and ctx.scopes.binding_scope(target.value) is scope
            )
    return entries


def looped_headers(ctx: FileContext, name: ast.expr | None, value: ast.expr | None) -> list[Entry]:
    """The headers a copy inside a loop over a dict's keys sets, when `name` is the loop's
    key (`for header, value in headers.items():`, `for header in headers:`): each entry
    of the dict, with its value when `value` is the loop's value or `headers[header]`."""
    if not isinstance(name, ast.Name):
        return []
    loop = _loop_binding(ctx, name)
    if loop is None:
        return []
    source, value_name = _looped_dict(loop, name.id)
    entries = dict_entries(ctx, source) if source is not None else None
    if source is None or entries is None:
        return []
    passes_value = (isinstance(value, ast.Name) and value.id == value_name) or (
        isinstance(value, ast.Subscript)
        and isinstance(value.value, ast.Name)
        and value.value.id == source.id
        and isinstance(value.slice, ast.Name)
        and value.slice.id == name.id
    )
    return [(key, entry if passes_value else None) for key, entry in entries]


def _loop_binding(ctx: FileContext, name: ast.Name) -> ast.For | ast.AsyncFor | None:
    """The loop around `name` whose target binds it, in the same function."""
    child: ast.AST = name
    for holder in ctx.ancestors(name):
        if isinstance(holder, _SCOPES):
            return None
        if isinstance(holder, _LOOPS) and child in holder.body:
            target = holder.target
            names = target.elts if isinstance(target, ast.Tuple) else [target]
            if any(isinstance(n, ast.Name) and n.id == name.id for n in names):
                return holder
        child = holder
    return None


def _looped_dict(loop: ast.For | ast.AsyncFor, key: str) -> tuple[ast.Name | None, str | None]:
    """The dict a loop walks with `key` as its key, and the name of its value if any:
    `for key, value in d.items()`, `for key in d`, `for key in d.keys()`."""
    target, walked = loop.target, loop.iter
    method = ""
    if isinstance(walked, ast.Call) and isinstance(walked.func, ast.Attribute):
        if walked.args or walked.keywords:
            return None, None
        method, walked = walked.func.attr, walked.func.value
    if not isinstance(walked, ast.Name):
        return None, None
    if isinstance(target, ast.Name) and target.id == key and method in {"", "keys"}:
        return walked, None
    if (
        method == "items"
        and isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and isinstance(target.elts[0], ast.Name)
        and target.elts[0].id == key
    ):
        second = target.elts[1]
        return walked, second.id if isinstance(second, ast.Name) else None
    return None, None
