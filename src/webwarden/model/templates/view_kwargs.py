"""The URL parameter a class-based view reads from `self.kwargs` under a key its class
names: `self.kwargs[self.pk_url_kwarg]` after `pk_url_kwarg = "noteId"` reads the
route's `noteId`, as Django's `SingleObjectMixin` does with that setting."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.tree import item_read


def settled_kwargs_read(ctx: FileContext, node: ast.expr) -> ast.expr:
    """`node` (`self.kwargs[key]`, `self.kwargs.get(key, ...)`) with a key `self.name`
    replaced by the string its method's class binds `name` to once in its body and never
    sets on an instance; `node` itself for anything else."""
    read = item_read(node)
    if read is None:
        return node
    holder, key = read
    if not (isinstance(key, ast.Attribute) and _is_self(key.value)):
        return node
    value = _class_string(ctx, node, key.attr)
    if value is None:
        return node
    literal = ast.Constant(value)
    if isinstance(node, ast.Call):
        return ast.Call(node.func, [literal, *node.args[1:]], node.keywords)
    return ast.Subscript(holder, literal, ast.Load())


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _class_string(ctx: FileContext, node: ast.expr, name: str) -> str | None:
    """The string literal the class of the method holding `node` binds `name` to."""
    method = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        None,
    )
    owner = ctx.parent(method) if method is not None else None
    if not isinstance(owner, ast.ClassDef):
        return None
    values = [
        statement.value
        for statement in owner.body
        if isinstance(statement, ast.Assign | ast.AnnAssign)
        and statement.value is not None
        and name in _bound_names(statement)
    ]
    if len(values) != 1 or _set_on_instance(owner, name):
        return None
    value = values[0]
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def _bound_names(statement: ast.Assign | ast.AnnAssign) -> set[str]:
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    return {target.id for target in targets if isinstance(target, ast.Name)}


def _set_on_instance(owner: ast.ClassDef, name: str) -> bool:
    """Whether a method of the class assigns `self.name` (`setup()` choosing the key)."""
    return any(
        isinstance(target, ast.Attribute) and target.attr == name and _is_self(target.value)
        for child in ast.walk(owner)
        if isinstance(child, ast.Assign | ast.AugAssign | ast.AnnAssign)
        for target in (child.targets if isinstance(child, ast.Assign) else [child.target])
    )
