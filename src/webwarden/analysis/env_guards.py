"""Environment variables an `if` test proves set in one of its arms.

`if "DB_PASSWORD" in os.environ:` then `os.environ.get("DB_PASSWORD", "postgres")`: the
default is never used, the lookup in that arm always finds the variable. Such a lookup
stands for the deployed value alone, as `os.environ["DB_PASSWORD"]` would.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, env_lookup
from webwarden.model.module import FileContext


@dataclass(frozen=True, slots=True)
class SetInArms:
    """The variables set whenever the body runs, and whenever the `else` runs."""

    body: frozenset[str] = frozenset()
    orelse: frozenset[str] = frozenset()


def set_in_arms(ctx: FileContext, test: ast.expr) -> SetInArms:
    """`"X" in os.environ`, `os.environ.get("X")` or `os.getenv("X")` (true only when set),
    several joined by `and`, set X in the body; `"X" not in os.environ` sets it in the
    `else`, as `not` of a test swaps the arms."""
    match test:
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            inner = set_in_arms(ctx, operand)
            return SetInArms(inner.orelse, inner.body)
        case ast.BoolOp(op=ast.And(), values=values):
            body = frozenset().union(*(set_in_arms(ctx, v).body for v in values))
            return SetInArms(body=body)
        case ast.Compare(left=ast.Constant(value=str(name)), ops=[op], comparators=[environ]):
            if ctx.qualified(environ) != "os.environ":
                return SetInArms()
            if isinstance(op, ast.In):
                return SetInArms(body=frozenset({name}))
            if isinstance(op, ast.NotIn):
                return SetInArms(orelse=frozenset({name}))
    found = env_lookup(ctx, _looked_up(ctx, test))
    if found is not None and _true_only_when_set(found.default):
        return SetInArms(body=frozenset({found.variable}))
    return SetInArms()


def _looked_up(ctx: FileContext, test: ast.expr) -> ast.expr:
    """The lookup a module-level name the test reads holds when the module binds it once,
    and only at its top level, before the test (`origins = os.getenv("ORIGINS", "")`
    then `if origins:`); the test itself otherwise."""
    if not isinstance(test, ast.Name) or ctx.scopes.enclosing_function(test) is not None:
        return test
    # NOTE: not `spread_lists.bound_at_module_level`: model.django imports this module
    bound = next(
        (
            stmt.value
            for stmt in ctx.tree.body
            if isinstance(stmt, ast.Assign)
            and stmt.lineno < test.lineno
            and [ast.unparse(t) for t in stmt.targets] == [test.id]
        ),
        None,
    )
    if not isinstance(bound, ast.Call | ast.Subscript) or _module_bindings(ctx.tree, test.id) != 1:
        return test  # NOTE: the walk counting bindings only for a name bound to a lookup
    return bound


def _module_bindings(tree: ast.Module, name: str) -> int:
    """How many times the module's own code (no function or class body) binds `name`."""
    count, pending = 0, list[ast.AST](tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            count += getattr(node, "name", None) == name
            continue
        count += _binds(node, name)
        pending.extend(ast.iter_child_nodes(node))
    return count


def _binds(node: ast.AST, name: str) -> bool:
    """Whether `node` is a name stored to, or an import, binding `name`."""
    if isinstance(node, ast.Name):
        return node.id == name and not isinstance(node.ctx, ast.Load)
    return isinstance(node, ast.alias) and (node.asname or node.name) == name


def _true_only_when_set(default: object) -> bool:
    """A lookup whose default is false (or that fails when unset) is true only when the
    variable is set."""
    if default is NO_DEFAULT:
        return True
    return default is not UNKNOWN and not default


def variables_set_at(ctx: FileContext, node: ast.AST) -> frozenset[str]:
    """The environment variables the `if` tests around `node` prove set where it is."""
    found: frozenset[str] = frozenset()
    child = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.If) and child is not holder.test:
            arms = set_in_arms(ctx, holder.test)
            found |= arms.body if _holds(holder.body, child) else arms.orelse
        child = holder
    return found


def _holds(body: list[ast.stmt], child: ast.AST) -> bool:
    return any(stmt is child for stmt in body)
