"""A config class named by a string the code puts together: `f"config.{name}"`."""

from __future__ import annotations

import ast
import re
from typing import Final, TypeGuard

from webwarden.model.module import FileContext

ANY_CLASS: Final = "*"
"""The last part of a `from_object` reference naming any config class of a module."""
INSTANCE_MARK: Final = "()"
"""Ends a `from_object` reference to an instance of a class made in the call
(`from_object(DefaultConfig())`)."""

_MODULE_PREFIX = re.compile(r"[A-Za-z_][\w.]*\.")


def named_in_module(ctx: FileContext, node: ast.expr) -> str:
    """The module of `from_object(f"config.{name}")`: a string made of a constant module
    path and then the class name chosen where the code runs (an environment variable, a
    parameter), so any config class of that module may be loaded. Also spelt
    `"config.{}".format(name)`, `"config.%s" % name` and `"config." + name`, and held by
    a local assigned once (`app_config = f"config.{...}"`). "" for any other value."""
    if isinstance(node, ast.Name):
        held = ctx.lookup(node)
        node = held if held is not None else node
    prefix = _constant_prefix(node)
    if prefix is None or not _MODULE_PREFIX.fullmatch(prefix):
        return ""
    return prefix[:-1]


def _constant_prefix(node: ast.expr) -> str | None:
    """The constant text before the one part the code fills in, when nothing follows it."""
    if isinstance(node, ast.JoinedStr) and len(node.values) == 2:
        head, tail = node.values
        if _is_text(head) and isinstance(tail, ast.FormattedValue) and tail.format_spec is None:
            return str(head.value)
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        template = node.func.value
        if node.func.attr == "format" and _is_text(template) and len(node.args) == 1:
            return _before_slot(str(template.value), "{}")
        return None
    if isinstance(node, ast.BinOp) and _is_text(node.left):
        text = str(node.left.value)
        if isinstance(node.op, ast.Add) and not _is_text(node.right):
            return text
        if isinstance(node.op, ast.Mod) and not isinstance(node.right, ast.Tuple):
            return _before_slot(text, "%s")
    return None


def _before_slot(template: str, slot: str) -> str | None:
    return template[: -len(slot)] if template.endswith(slot) and template.count(slot) == 1 else None


def _is_text(node: ast.expr) -> TypeGuard[ast.Constant]:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)
