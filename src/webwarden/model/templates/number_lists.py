"""Template filters that return a sequence of whole numbers: the page numbers a
pagination filter lists (`return paginator.page_range`, `return [n for n in
range(start, end + 1)][:size]`), which a template loops over and writes (`{% for i in
page.paginator|proper_paginate:page.number %}`, then `onclick="go({{ i }})"`).

A `range(...)` yields integers whatever its bounds; so does Django's
`Paginator.page_range`, and `get_elided_page_range(...)` yields integers and the
paginator's `ELLIPSIS` ("…"). A slice of one, a list or comprehension of its items,
or a local every assignment of which gives one, holds nothing else.
"""

from __future__ import annotations

import ast

from webwarden.model.templates.safe_marking import Function
from webwarden.model.tree import walk

_PAGE_RANGES = frozenset({"page_range"})
"""Django's `Paginator.page_range`: `range(1, num_pages + 1)`."""
_PAGE_RANGE_CALLS = frozenset({"get_elided_page_range"})
"""Django's `Paginator.get_elided_page_range(...)`: page numbers and `"…"`."""
_WRAPPERS = frozenset({"list", "tuple", "sorted", "reversed"})


def returns_number_list(function: Function) -> bool:
    """Whether every `return` of `function` that gives a value gives a sequence of whole
    numbers (see the module's docstring); a bare `return` gives None, over which a
    template's loop runs no time."""
    returned = [node.value for node in walk(function) if isinstance(node, ast.Return)]
    given = [value for value in returned if value is not None]
    locals_ = _assignments(function)
    return bool(given) and all(_numbers(value, locals_, set()) for value in given)


def _assignments(function: Function) -> dict[str, list[ast.expr | None]]:
    """Each local name with the values assigned to it (None for a binding of another
    kind: a loop, an augmented assignment, a `with`, an unpacking)."""
    found: dict[str, list[ast.expr | None]] = {}
    for node in walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for name in _names(target):
                    alone = isinstance(target, ast.Name)
                    found.setdefault(name, []).append(node.value if alone else None)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign | ast.For | ast.withitem):
            bound = node.optional_vars if isinstance(node, ast.withitem) else node.target
            for name in _names(bound) if bound is not None else ():
                found.setdefault(name, []).append(None)
        elif isinstance(node, ast.NamedExpr):
            found.setdefault(node.target.id, []).append(None)
    return found


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List | ast.Starred):
        inner = target.elts if not isinstance(target, ast.Starred) else [target.value]
        return [name for element in inner for name in _names(element)]
    return []


def _numbers(value: ast.expr, locals_: dict[str, list[ast.expr | None]], seen: set[str]) -> bool:
    """Whether `value` is a sequence of whole numbers."""
    if isinstance(value, ast.Attribute):
        return value.attr in _PAGE_RANGES
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name) and func.id == "range":
            return True
        if isinstance(func, ast.Attribute) and func.attr in _PAGE_RANGE_CALLS:
            return True
        wrapped = isinstance(func, ast.Name) and func.id in _WRAPPERS
        return wrapped and len(value.args) == 1 and _numbers(value.args[0], locals_, seen)
    if isinstance(value, ast.Subscript):
        return isinstance(value.slice, ast.Slice) and _numbers(value.value, locals_, seen)
    if isinstance(value, ast.ListComp | ast.GeneratorExp):
        return _counted(value, locals_, seen)
    if isinstance(value, ast.List | ast.Tuple):
        return all(_whole(element) for element in value.elts)
    if isinstance(value, ast.Name) and value.id not in seen:
        assigned = locals_.get(value.id, [])
        seen = seen | {value.id}
        return bool(assigned) and all(
            given is not None and _numbers(given, locals_, seen) for given in assigned
        )
    return False


def _counted(
    comprehension: ast.ListComp | ast.GeneratorExp,
    locals_: dict[str, list[ast.expr | None]],
    seen: set[str],
) -> bool:
    """`[n for n in range(a, b)]`: each element is the item of a sequence of numbers (or
    a whole-number literal), with no other loop."""
    if len(comprehension.generators) != 1:
        return False
    loop = comprehension.generators[0]
    element = comprehension.elt
    if _whole(element):
        return True
    return (
        isinstance(loop.target, ast.Name)
        and isinstance(element, ast.Name)
        and element.id == loop.target.id
        and _numbers(loop.iter, locals_, seen)
    )


def _whole(value: ast.expr) -> bool:
    return (
        isinstance(value, ast.Constant)
        and isinstance(value.value, int)
        and not isinstance(value.value, bool)
    )
