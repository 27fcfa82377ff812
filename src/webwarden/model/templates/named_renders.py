"""Helpers that render the template their caller names.

`def render_flavor(flavor, template, data): return flask.render_template(
os.path.join(flavor, template), **data)`, called as `render_flavor(flavor, "setup.html",
data)`: the name ends as the caller wrote it, so Flask renders it with autoescaping
(`.html`, `.htm`, `.xml`, `.xhtml`, `.svg`), and the HTML it returns has its values
escaped. Called with a name of another kind (`"mailu.env"`), or one the caller does not
write, the same helper's result is plain text, judged as such.
"""

from __future__ import annotations

import ast

from webwarden.model.templates.safe_marking import AUTOESCAPED_NAMES
from webwarden.model.tree import walk

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_JOINS = frozenset({"join"})
"""`os.path.join(folder, name)`, `posixpath.join(...)`: the name ends the path."""


def renders_named_template(function: _Function, call: ast.Call) -> bool:
    """Whether every `return` of `function` gives Flask's `render_template(...)` of a
    name that ends with one of its parameters (`template`, `os.path.join(folder,
    template)`, `folder + "/" + template`, `f"{folder}/{template}"`), never rebound,
    which `call` gives a literal name Flask autoescapes."""
    returned = _returns(function)
    if not returned:
        return False
    for value in returned:
        if not (isinstance(value, ast.Call) and _last(value.func) == "render_template"):
            return False
        parameter = _ending_parameter(value.args[0] if value.args else None)
        if parameter is None or _rebound(function, parameter):
            return False
        given = _argument(function, call, parameter)
        if not (isinstance(given, ast.Constant) and isinstance(given.value, str)):
            return False
        if not given.value.lower().endswith(AUTOESCAPED_NAMES):
            return False
    return True


def _returns(function: _Function) -> list[ast.expr]:
    """What the function's own `return` statements give ([] when one gives nothing)."""
    found: list[ast.expr] = []
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, _Function | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(node, ast.Return):
            if node.value is None:
                return []
            found.append(node.value)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _ending_parameter(name: ast.expr | None) -> str | None:
    """The local a template name ends with: itself, the last part of a join, a sum or
    an f-string."""
    if isinstance(name, ast.Call) and _last(name.func) in _JOINS and name.args:
        name = name.args[-1]
    elif isinstance(name, ast.BinOp) and isinstance(name.op, ast.Add):
        name = name.right
    elif isinstance(name, ast.JoinedStr) and name.values:
        last = name.values[-1]
        name = last.value if isinstance(last, ast.FormattedValue) else None
    return name.id if isinstance(name, ast.Name) else None


def _rebound(function: _Function, name: str) -> bool:
    return any(
        isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load)
        for node in walk(function)
    )


def _argument(function: _Function, call: ast.Call, name: str) -> ast.expr | None:
    """What `call` gives the parameter `name` of `function`, by position or keyword."""
    positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if name in positional:
        at = positional.index(name)
        given = call.args[: at + 1]
        if len(given) > at and not any(isinstance(a, ast.Starred) for a in given):
            return call.args[at]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _last(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""
