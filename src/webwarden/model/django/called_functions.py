"""Module functions a settings module calls once at its top level, which change settings.

```python
def _parse_paperless_url():
    global CSRF_TRUSTED_ORIGINS
    url = os.getenv("PAPERLESS_URL")
    if url:
        CSRF_TRUSTED_ORIGINS.append(url)
        ALLOWED_HOSTS.append(urlparse(url).hostname)
    return url

PAPERLESS_URL = _parse_paperless_url()
```

The call runs the function's body there: what it binds to a name it declares `global`,
and what it changes in place in a list or dict of the module's (a name it binds nowhere
itself), is the settings' at the call's position, under the function's own `if`s. The
settings reader turns the body into operations as it does the module's
(`extract_settings`); `own_ops` keeps those that reach the module's names. A function
called more than once, or named anywhere else (passed on, called in a loop), is not
followed; nor is one that returns or raises anywhere but at the end of its body or of an
`if`'s arm.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.model.container_changes import CHANGING_METHODS
from webwarden.model.django.facts import Assign, Branch, Edit, Op
from webwarden.model.module import FileContext
from webwarden.model.scopes import scope_statements
from webwarden.model.tree import children

Function = ast.FunctionDef | ast.AsyncFunctionDef

_LEAVING = (ast.Return, ast.Raise)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_NAMED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.ExceptHandler)
"""Statements binding the name they hold (`def f`, `except E as error`)."""


def called_once(ctx: FileContext, stmt: ast.stmt) -> ast.FunctionDef | None:
    """The module's function `stmt` calls (`f()`, `X = f()`) when this is its one use
    and its body may change a module name (a `global` statement, an uppercase name's
    item set or changing method called); None otherwise."""
    value = stmt.value if isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign) else None
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return None
    function = ctx.module_function(value.func.id)
    if not isinstance(function, ast.FunctionDef) or not _may_change_module(ctx, function):
        return None
    uses = [n for n in ctx.nodes(ast.Name) if isinstance(n, ast.Name) and n.id == function.name]
    return function if len(uses) == 1 and straight(function.body) is not None else None


def _may_change_module(ctx: FileContext, function: Function) -> bool:
    for node in ctx.subtree(function):
        if isinstance(node, ast.Global):
            return True
        if isinstance(node, ast.Attribute) and node.attr in CHANGING_METHODS:
            root = _root(node.value)
            if root is not None and root.id.isupper():
                return True
        if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
            root = _root(node.value)
            if root is not None and root.id.isupper():
                return True
    return False


def _root(node: ast.expr) -> ast.Name | None:
    while isinstance(node, ast.Subscript):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def straight(body: list[ast.stmt]) -> list[ast.stmt] | None:
    """`body` as the statements that run, with what follows an `if` whose arm ends in
    `return` (or `raise`) moved into its other arm; None when a `return` or `raise`
    stands anywhere else (in a loop, a `try`, a `with`), where what runs after it is
    not read."""
    found: list[ast.stmt] = []
    for index, stmt in enumerate(body):
        if isinstance(stmt, _LEAVING):
            return found
        if isinstance(stmt, ast.If):
            rest = body[index + 1 :]
            leaves = _leaves(stmt.body), _leaves(stmt.orelse)
            arms = (
                (stmt.body, stmt.orelse)
                if not any(leaves)
                else (
                    stmt.body if leaves[0] else stmt.body + rest,
                    stmt.orelse if leaves[1] else stmt.orelse + rest,
                )
            )
            then, otherwise = straight(arms[0]), straight(arms[1])
            if then is None or otherwise is None:
                return None
            # NOTE: an arm left empty holds `pass`, as Python writes it.
            arm = then or [ast.copy_location(ast.Pass(), stmt)]
            found.append(ast.copy_location(ast.If(stmt.test, arm, otherwise), stmt))
            if any(leaves):
                return found
            continue
        if any(isinstance(node, _LEAVING) for node in _own_nodes(stmt)):
            return None
        found.append(stmt)
    return found


def _leaves(arm: list[ast.stmt]) -> bool:
    return bool(arm) and isinstance(arm[-1], _LEAVING)


def _own_nodes(stmt: ast.stmt) -> Iterator[ast.AST]:
    """Every node of `stmt` outside the functions, classes and lambdas it defines."""
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, _NESTED):
            continue
        yield node
        stack.extend(children(node))


def own_ops(function: Function, ops: tuple[Op, ...]) -> tuple[Op, ...]:
    """The operations of `function`'s body that reach the module's names: a binding of a
    name it declares `global`, an in-place change of one it never binds itself."""
    declared = {
        name
        for node in scope_statements(function)
        if isinstance(node, ast.Global)
        for name in node.names
    }
    local = _bound_names(function) - declared
    return tuple(_reaching(ops, declared, local))


def _reaching(ops: tuple[Op, ...], declared: set[str], local: set[str]) -> Iterator[Op]:
    for op in ops:
        rebound = isinstance(op, Assign) and op.name in declared
        if rebound or (isinstance(op, Edit) and op.name not in local):
            yield op
        elif isinstance(op, Branch):
            body = tuple(_reaching(op.body, declared, local))
            orelse = tuple(_reaching(op.orelse, declared, local))
            if body or orelse:
                yield dataclasses.replace(op, body=body, orelse=orelse)


def _bound_names(function: Function) -> set[str]:
    """The names `function` binds in its own scope (so local unless declared global)."""
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
    found = {argument.arg for argument in every}
    for node in scope_statements(function):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            found.add(node.id)
        elif isinstance(node, ast.alias):
            found.add((node.asname or node.name).partition(".")[0])
        elif isinstance(node, _NAMED) and node.name:
            found.add(node.name)
    return found
