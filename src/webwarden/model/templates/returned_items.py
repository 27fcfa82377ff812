"""Items of a dict a function builds and returns, each judged on its own.

A feed's views hand their page what a helper of another module builds from the request
(`feed_params = from_request_get_feed_params(request)`, which sets `feed_params["start"]
= int(request.args.get("start", 0))` beside `feed_params["filters"] = request.args.get(
"filters")`): written into a script, `{{ feed_params.start }}` is a number whatever was
asked, though the dict also holds text. Each module tells, for its top-level functions
every `return` of which gives the one local dict they build, which keys that dict is set
to only inert values under (`returned_item` names them); the template model settles them
with the functions that return inert values (`number_functions.settle`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TypeGuard

from webwarden.model.module import FileContext
from webwarden.model.templates.collected_context import CollectedContext
from webwarden.model.templates.feeds import Feeds, FunctionScope
from webwarden.model.templates.inert_reads import DICT_READS

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Pow)
"""Operators of `d["n"] += value` that keep a number a number (not `%`, which formats)."""
_REFUSED = ast.Starred(ast.Name("", ast.Load()), ast.Load())
"""Stands for a value set on a key that no judgement passes."""


def returned_item(function: str, key: str) -> str:
    """The name of the item `key` of what `function` returns (`from_request_get_feed_params()
    ['start']`), as `number_functions` lists it when that item is always inert."""
    return f"{function}()[{key!r}]"


def returned_items(
    ctx: FileContext, results: dict[int, list[ast.expr]], functions: list[_Function]
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """For each of `functions` (top-level, whose returns `results` holds) every `return` of
    which gives the same local, bound once to a new dict (`{}`, a display of constant keys,
    `dict()`) that the function only reads and sets constant keys of: each key whose every
    value is inert in the function's own scope (see `CollectedContext.inert_assuming`),
    named by `returned_item`, with the project's functions that judgement assumes."""
    for function in functions:
        returned = results.get(id(function), [])
        names = {value.id if isinstance(value, ast.Name) else "" for value in returned}
        if len(names) != 1 or "" in names:
            continue
        name = names.pop()
        scope = FunctionScope.in_module(ctx, function, view=False)
        made = scope.assignments.get(name, [])
        if len(made) != 1 or not _new_dict(made[0]):
            continue
        values = _key_values(function, name, made[0])
        if values is None:
            continue
        collected = CollectedContext(ctx, Feeds(ctx, scope))
        for key, set_to in values.items():
            judged = [collected.inert_assuming(value) for value in set_to]
            if all(passed for passed, _ in judged):
                assumed = [need for _, needs in judged for need in needs]
                yield returned_item(function.name, key), tuple(dict.fromkeys(assumed))


def _new_dict(value: ast.expr) -> bool:
    """`{}`, `{"start": 0}` (string keys only, no `**` spread) or `dict()`."""
    if isinstance(value, ast.Dict):
        return all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys)
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "dict"
        and not value.args
        and not value.keywords
    )


def _key_values(function: _Function, name: str, made: ast.expr) -> dict[str, list[ast.expr]] | None:
    """Every value each constant key of the local dict `name` is set to (by its display,
    `name["key"] = value` or `name["key"] += value`), or None when the function uses the
    dict any other way: a key it computes, a method that changes it (`update`), or the
    dict handed to a call or bound to another name, which may set any key."""
    values: dict[str, list[ast.expr]] = {}
    if isinstance(made, ast.Dict):
        for key, value in zip(made.keys, made.values, strict=True):
            values.setdefault(getattr(key, "value", ""), []).append(value)
    allowed: set[int] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Subscript) and _named(node.value, name):
            allowed.add(id(node.value))
            if isinstance(node.ctx, ast.Load):
                continue
            key = node.slice
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return None
            if isinstance(node.ctx, ast.Store):
                values.setdefault(key.value, [])
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and _named(target.value, name):
                    values.setdefault(_constant_key(target), []).append(node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Subscript):
            if _named(node.target.value, name):
                step = node.value if isinstance(node.op, _ARITHMETIC) else _REFUSED
                values.setdefault(_constant_key(node.target), []).append(step)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if _named(node.func.value, name) and node.func.attr in DICT_READS:
                allowed.add(id(node.func.value))
        elif isinstance(node, ast.Return) and node.value is not None:
            allowed.add(id(node.value))
        elif isinstance(node, ast.Compare):
            allowed.update(id(each) for each in node.comparators if _named(each, name))
    for node in ast.walk(function):
        if _named(node, name) and isinstance(node.ctx, ast.Load) and id(node) not in allowed:
            return None
    return values


def _named(node: ast.AST, name: str) -> TypeGuard[ast.Name]:
    return isinstance(node, ast.Name) and node.id == name


def _constant_key(target: ast.Subscript) -> str:
    """The key of a subscript target `_key_values` already found constant."""
    return str(getattr(target.slice, "value", ""))
