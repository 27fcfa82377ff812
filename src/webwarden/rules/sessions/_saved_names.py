"""The cookie names a module's calls give a setting that saves itself under a name.

A module of the user's preferences often has each setting save itself under the name it
is handed (`def save(self, name, resp): resp.set_cookie(name, self.value)`), and the
module's own calls choose the names (`self.tokens.save("tokens", resp)`). Which method a
call reaches is read from the class the receiver was made of (`self.tokens =
SetSetting()`), through the module's own class bases, as Python looks the method up.
"""

from __future__ import annotations

import ast

from webwarden.model.scopes import UNKNOWN_BINDING
from webwarden.model.tree import defined_method
from webwarden.rules.context import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def names_given(ctx: FileContext, key: ast.expr | None) -> list[object]:
    """What the module's calls of the enclosing method (or function) give the parameter
    `key` reads, evaluated (`"tokens"`); nothing when `key` is no such parameter."""
    if not isinstance(key, ast.Name):
        return []
    function = ctx.scopes.enclosing_function(key)
    if function is None or not _kept_parameter(ctx, key, function):
        return []
    parameters = [a.arg for a in function.args.posonlyargs + function.args.args]
    if key.id not in parameters:
        return []
    owner = ctx.parent(function)
    classes = _module_classes(ctx)
    index = parameters.index(key.id) - (1 if isinstance(owner, ast.ClassDef) else 0)
    found: list[object] = []
    for call in ctx.nodes(ast.Call):
        if not isinstance(call, ast.Call) or not _reaches(ctx, call, function, owner, classes):
            continue
        given = call.args[index] if 0 <= index < len(call.args) else None
        if given is None or any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
            given = next((k.value for k in call.keywords if k.arg == key.id), None)
        if given is not None:
            found.append(ctx.evaluate(given))
    return found


def _kept_parameter(ctx: FileContext, name: ast.Name, function: _Function) -> bool:
    values = ctx.scopes.values_of(name) or []
    return (
        ctx.scopes.binding_scope(name) is function
        and len(values) == 1
        and values[0] is UNKNOWN_BINDING
    )


def _module_classes(ctx: FileContext) -> dict[str, ast.ClassDef]:
    return {c.name: c for c in ctx.nodes(ast.ClassDef) if isinstance(c, ast.ClassDef)}


def _reaches(
    ctx: FileContext,
    call: ast.Call,
    function: _Function,
    owner: ast.AST | None,
    classes: dict[str, ast.ClassDef],
) -> bool:
    """Whether `call` calls `function`: by its name for a function of the module, or on
    an object made of a class of the module whose lookup of the method finds it."""
    if not isinstance(owner, ast.ClassDef):
        return isinstance(call.func, ast.Name) and call.func.id == function.name
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == function.name):
        return False
    return any(
        _method(classes, made, function.name) is function
        for made in _made_of(ctx, call.func.value, classes)
    )


def _made_of(
    ctx: FileContext, receiver: ast.expr, classes: dict[str, ast.ClassDef]
) -> list[ast.ClassDef]:
    """The module's classes the receiver was made of: `self.tokens` after `self.tokens =
    SetSetting()` in a method of the module, or a local made so."""
    if isinstance(receiver, ast.Name):
        values = [ctx.scopes.made_by(receiver)]
    elif isinstance(receiver, ast.Attribute) and _is_self(receiver.value):
        values = [
            node.value
            for node in ctx.nodes(ast.Assign)
            if isinstance(node, ast.Assign)
            and any(
                isinstance(t, ast.Attribute) and t.attr == receiver.attr and _is_self(t.value)
                for t in node.targets
            )
        ]
    else:
        return []
    return [
        classes[v.func.id]
        for v in values
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in classes
    ]


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _method(classes: dict[str, ast.ClassDef], cls: ast.ClassDef, name: str) -> ast.AST | None:
    """The method `name` an instance of `cls` finds, through the module's own bases (the
    first base first, as Python's lookup does for single inheritance)."""
    seen: set[str] = set()
    current: ast.ClassDef | None = cls
    while current is not None and current.name not in seen:
        seen.add(current.name)
        found = defined_method(current, name)
        if found is not None:
            return found
        bases = [b.id for b in current.bases if isinstance(b, ast.Name)]
        current = classes.get(bases[0]) if bases else None
    return None
