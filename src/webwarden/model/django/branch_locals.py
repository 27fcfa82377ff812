"""A setting given a module-level name that each arm of one `if` binds.

```python
if origins:
    secure = True
else:
    secure = False
SESSION_COOKIE_SECURE = secure
```
sets the setting as `if origins: SESSION_COOKIE_SECURE = True else: ... = False` would:
the settings model keeps both arms, each with the value its arm binds.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext


def arm_values(ctx: FileContext, value: ast.expr) -> tuple[ast.expr, ast.expr, ast.expr] | None:
    """`(test, body value, orelse value)` when `value` is a lowercase name the settings
    module binds exactly twice at module level, once at the top of each arm of one `if`
    before `value` (`if test: name = A else: name = B`); None otherwise (bound elsewhere
    too, in one arm only, or after)."""
    if not isinstance(value, ast.Name) or not value.id.islower():
        return None
    name = value.id
    bindings = [stmt for stmt in _module_statements(ctx.tree.body) if _binds(stmt, name)]
    if len(bindings) != 2:
        return None
    for stmt in _module_statements(ctx.tree.body):
        if not isinstance(stmt, ast.If) or stmt.lineno >= value.lineno:
            continue
        body = _arm_value(stmt.body, name)
        orelse = _arm_value(stmt.orelse, name)
        if body is not None and orelse is not None:
            return stmt.test, body, orelse
    return None


def _arm_value(arm: list[ast.stmt], name: str) -> ast.expr | None:
    """The value the arm's own statements bind `name` to, when one of them does."""
    for stmt in arm:
        match stmt:
            case ast.Assign(targets=[ast.Name(id=bound)], value=bound_value) if bound == name:
                return bound_value
    return None


def _binds(stmt: ast.stmt, name: str) -> bool:
    """Whether the statement (not those nested in it) binds `name`."""
    match stmt:
        case ast.Assign(targets=targets):
            return any(
                isinstance(node, ast.Name) and node.id == name
                for target in targets
                for node in ast.walk(target)
            )
        case ast.AnnAssign(target=ast.Name(id=bound)) | ast.AugAssign(target=ast.Name(id=bound)):
            return bound == name
        case ast.For(target=target):
            return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))
        case ast.With(items=items):
            targets = [item.optional_vars for item in items if item.optional_vars is not None]
            return any(
                isinstance(n, ast.Name) and n.id == name for t in targets for n in ast.walk(t)
            )
        case ast.FunctionDef(name=bound) | ast.ClassDef(name=bound):
            return bound == name
        case ast.Import(names=aliases) | ast.ImportFrom(names=aliases):
            return any((alias.asname or alias.name) == name for alias in aliases)
    return False


def _module_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, those nested in `if`, `try`, `with` and loops too."""
    for stmt in body:
        yield stmt
        match stmt:
            case ast.If(body=inner, orelse=other) | ast.For(body=inner, orelse=other):
                yield from _module_statements(inner)
                yield from _module_statements(other)
            case ast.While(body=inner, orelse=other):
                yield from _module_statements(inner)
                yield from _module_statements(other)
            case ast.Try(body=inner, handlers=handlers, orelse=other, finalbody=final):
                yield from _module_statements(inner)
                for handler in handlers:
                    yield from _module_statements(handler.body)
                yield from _module_statements(other)
                yield from _module_statements(final)
            case ast.With(body=inner):
                yield from _module_statements(inner)
