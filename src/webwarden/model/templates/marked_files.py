"""Tags that mark safe the content of a file the template names, not the name itself.

Weblate's `{% icon "check.svg" %}` returns `mark_safe(load_icon(name).decode())`, where
`load_icon` reads a static file: the template's value chooses which of the app's files
is inlined (as an `{% include %}` would), and what is marked safe is that file.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.names import last_name
from webwarden.model.templates.safe_marking import SAFE_MARKERS, Function

_TEXT_CONVERSIONS = frozenset({"decode", "strip", "str", "force_str", "smart_str"})
"""Calls that turn the bytes (or text) read into the text written, adding nothing."""


def marked_file_call(ctx: FileContext, function: Function) -> str:
    """The qualified function (`weblate.utils.icons.load_icon`) whose result is every
    value the function marks safe, converted to text at most; "" when it marks anything
    else. Whether that function reads a file is judged where it is defined
    (`file_readers`)."""
    found: set[str] = set()
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and last_name(node.func) in SAFE_MARKERS):
            continue
        if len(node.args) != 1 or node.keywords:
            return ""
        value = node.args[0]
        while isinstance(value, ast.Call) and _conversion(value):
            value = value.func.value if isinstance(value.func, ast.Attribute) else value.args[0]
        name = ctx.call_name(value) if isinstance(value, ast.Call) else None
        if name is None:
            return ""
        found.add(name if "." in name else f"{ctx.names.module}.{name}")
    return found.pop() if len(found) == 1 else ""


def _conversion(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr in _TEXT_CONVERSIONS
    return isinstance(func, ast.Name) and func.id in _TEXT_CONVERSIONS and len(call.args) == 1
