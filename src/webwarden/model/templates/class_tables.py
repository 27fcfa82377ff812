"""Items of the tables a module's code defines, which a method returns as they are.

A model's `get_status_colour()` returns `ConnectionStatus.colours.get(self.status)`:
an item of a table of a class (or of a module's constant, `BADGES[self.kind]`), written
by the code's author and only chosen by the object's value. Such an item is the
author's text, as a string literal is (`markup_methods`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping

from webwarden.model.module import FileContext
from webwarden.model.tree import mapping_get

_CONSTANT = re.compile(r"^_?[A-Z][A-Z0-9_]*$")
"""A module's constant by convention (`BADGES`, `_ICONS`)."""
_CLASS = re.compile(r"^_?[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$")
"""A class by convention (`ConnectionStatus`)."""
_MANAGER = re.compile(r"(?:^objects|_objects|manager)$")
"""A model's manager (`Circuit.objects.get(pk)`): it returns a row, not the code's text."""
_DISPLAY = re.compile(r"^get_\w+_display$")


def display_method(name: str) -> bool:
    """`get_status_display`: the method Django adds to a model for each field with
    `choices`."""
    return _DISPLAY.match(name) is not None


def returns_table(ctx: FileContext) -> bool:
    """Whether a `return` of the module gives what may be an item of such a table, or
    the label Django's `get_<field>_display()` gives: the one reason a module naming no
    escaping call has its methods judged (most modules have neither)."""
    for node in ctx.nodes(ast.Return):
        value = getattr(node, "value", None)
        if value is None:
            continue
        if table_item(value, {}, lambda _: True):
            return True
        func = value.func if isinstance(value, ast.Call) else None
        if isinstance(func, ast.Attribute) and display_method(func.attr):
            return True
    return False


def table_item(
    value: ast.expr,
    locals_: Mapping[str, object],
    markup: Callable[[ast.expr], bool],
) -> bool:
    """Whether `value` is an item looked up in such a table: `TABLE[key]`,
    `TABLE.get(key)` (with no default, or one `markup` accepts) or `Cls.table.get(key)`;
    `locals_`: the function's local names, which are never the module's tables."""
    if isinstance(value, ast.Subscript):
        return _table(value.value, locals_)
    lookup = mapping_get(value)
    if lookup is None or any(isinstance(a, ast.Starred) for a in lookup[1]):
        return False
    holder, args = lookup
    default = args[1] if len(args) == 2 else None
    if default is not None and not _none(default) and not markup(default):
        return False
    return _table(holder, locals_)


def _table(node: ast.expr, locals_: Mapping[str, object]) -> bool:
    """`BADGES` or `Status.colours`: a constant of the module, or a class's attribute."""
    if isinstance(node, ast.Name):
        return node.id not in locals_ and _CONSTANT.match(node.id) is not None
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id not in locals_
        and _CLASS.match(node.value.id) is not None
        and not _MANAGER.search(node.attr)
    )


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None
