"""The names of each scope, from the node index, are those a walk of the scope finds."""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Callable

import pytest

from webwarden.analysis.taint.scope_names import ModuleScopes, ScopeNames, walk_scope_names
from webwarden.engine.files import FilePlan, make_context
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = textwrap.dedent(
    """
    import os
    counter = 0

    @decorate(d := 1)
    def outer(a, b: (ann := int) = (default := 2), *, c=(kw_default := 3)) -> (ret := None):
        global counter
        counter += 1
        total = [x for x in a if (seen := x)]
        mapping = {key: value for key, [*value] in b}
        fn = lambda y=(lambda_default := 4): (inside := y)
        try:
            pass
        except OSError as error:
            del total
        def inner(p=(inner_default := 5)):
            nonlocal fn
            fn = p
            class Nested(Base, key=(keyword := 6)):
                attribute = (in_class := 7)
                @method_decorator(m := 8)
                def method(self):
                    local = 9
        match a:
            case {"k": matched, **rest}:
                pass
            case [first, *others] | (first as others):
                pass
        for i, (j, k) in pairs:
            with open(i) as (handle):
                pass
        return inner

    class Top(Base):
        field = 1
        def method(self, value=(method_default := 10)):
            value = value + 1
    """
)


def _scopes(ctx: FileContext) -> list[tuple[ast.AST, list[ast.stmt]]]:
    """Every scope node with the body a walk of it reads."""
    found: list[tuple[ast.AST, list[ast.stmt]]] = [(ctx.tree, ctx.tree.body)]
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append((node, node.body))
        elif isinstance(node, ast.Lambda):
            found.append((node, [ast.Return(node.body, lineno=1, col_offset=0)]))
    return found


def _indexed() -> FileContext:
    parsed = parse_source(SOURCE, "views.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))


def _unindexed() -> FileContext:
    """A context without the engine's index (parents and node types found on demand)."""
    tree = ast.parse(SOURCE)
    return FileContext("views.py", "views", tuple(SOURCE.splitlines()), tree, NameResolver(tree))


@pytest.mark.parametrize("make", [_indexed, _unindexed])
def test_every_scope_has_the_names_its_walk_finds(make: Callable[[], FileContext]) -> None:
    ctx = make()
    scopes = ModuleScopes(ctx)
    for node, body in _scopes(ctx):
        assert scopes.of(node) == walk_scope_names(body), ast.unparse(node)[:60]


def test_bindings_go_to_the_scope_that_reads_them() -> None:
    ctx = _indexed()
    scopes = ModuleScopes(ctx)
    outer = next(n for n in ctx.tree.body if isinstance(n, ast.FunctionDef))
    module = {"counter", "outer", "Top", "d", "default", "kw_default"}
    assert scopes.of(ctx.tree) == ScopeNames(module)
    names = scopes.of(outer)
    assert {"counter", "total", "seen", "fn", "error", "inner", "i", "j", "k"} <= names.bound
    # NOTE: a comprehension's targets are its own; a walrus in it binds in the function.
    assert names.comprehended == {"x", "key", "value"}
    assert not names.comprehended & names.bound
    assert {"matched", "rest", "first", "others", "handle"} <= names.bound
    assert names.declared == {"counter"}
    for unread in ("ann", "ret", "lambda_default", "keyword", "in_class", "m"):
        assert all(unread not in scopes.of(node).bound for node, _ in _scopes(ctx))
