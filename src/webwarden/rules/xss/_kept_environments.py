"""The templates a Jinja2 environment kept on `self` loads by name (`self.env =
Environment(...)` in `__init__`, `self.env.get_template(template)` in a method whose
callers in the module name the template)."""

from __future__ import annotations

import ast

from webwarden.analysis.constants import UNKNOWN
from webwarden.rules.context import FileContext

_LOADS = frozenset({"get_template", "select_template"})
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def kept_template_names(ctx: FileContext, node: ast.Call) -> list[object] | None:
    """For `self.env = Environment(...)` in a method of a class: the name of each template
    the class's methods load of it (`self.env.get_template(name)`), a parameter of the
    method as every call of that method in the module gives it (`templates.save_to(path,
    "local.conf", context)`). None when the environment is kept otherwise, is used but
    to load templates so or to be tested (`if self.env:`), or a name cannot be followed."""
    holder = ctx.parent(node)
    if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1):
        return None
    target = holder.targets[0]
    if not (_on_self(target) and isinstance(target, ast.Attribute)):
        return None
    owner = next((a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef)), None)
    if owner is None:
        return None
    names: list[object] = []
    for method in (s for s in owner.body if isinstance(s, _Function)):
        for use in ast.walk(method):
            if not (
                isinstance(use, ast.Attribute)
                and use.attr == target.attr
                and _on_self(use)
                and isinstance(use.ctx, ast.Load)
            ):
                continue
            found = _loaded_names(ctx, owner, method, use)
            if found is None:
                return None
            names += found
    return names or None


def _on_self(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _loaded_names(
    ctx: FileContext, owner: ast.ClassDef, method: _Function, use: ast.Attribute
) -> list[object] | None:
    """What a read of `self.env` loads: [] for a test (`if self.env:`), the template's
    name for `self.env.get_template(name)`; None for any other use."""
    holder = ctx.parent(use)
    if isinstance(holder, ast.If | ast.IfExp | ast.BoolOp | ast.UnaryOp | ast.Compare):
        return []
    call = ctx.parent(holder) if isinstance(holder, ast.Attribute) else None
    if not (
        isinstance(holder, ast.Attribute)
        and holder.attr in _LOADS
        and isinstance(call, ast.Call)
        and call.func is holder
        and call.args
    ):
        return None
    value = ctx.evaluate(call.args[0])
    if value is not UNKNOWN:
        return [value]
    return _given(ctx, owner, method, call.args[0])


def _given(
    ctx: FileContext, owner: ast.ClassDef, method: _Function, name: ast.expr
) -> list[object] | None:
    """The values the module's calls of `method` on an instance of its class
    (`writer.save_to(...)` after `writer = Writer()`, `self.save_to(...)`) give its
    parameter `name`; None when it is no parameter, there is no such call, or a value is
    not constant."""
    if not isinstance(name, ast.Name):
        return None
    arguments = method.args
    positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)][1:]
    if name.id not in positional:
        return None
    at = positional.index(name.id)
    values: list[object] = []
    for call in ast.walk(ctx.tree):
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == method.name
            and _instance(ctx, call.func.value, owner)
        ):
            continue
        keyword = next((k.value for k in call.keywords if k.arg == name.id), None)
        given = keyword if keyword is not None else call.args[at] if at < len(call.args) else None
        value = ctx.evaluate(given) if given is not None else UNKNOWN
        if value is UNKNOWN or any(isinstance(a, ast.Starred) for a in call.args):
            return None
        values.append(value)
    return values or None


def _instance(ctx: FileContext, receiver: ast.expr, owner: ast.ClassDef) -> bool:
    """Whether `receiver` is an instance of the class: `self` inside it, `Writer()`, or a
    name bound to that (`writer = Writer()`)."""
    if isinstance(receiver, ast.Name):
        if receiver.id == "self":
            return any(a is owner for a in ctx.ancestors(receiver))
        bound = ctx.lookup(receiver)
        receiver = bound if isinstance(bound, ast.expr) else receiver
    return (
        isinstance(receiver, ast.Call)
        and isinstance(receiver.func, ast.Name)
        and receiver.func.id == owner.name
    )
