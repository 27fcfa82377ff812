"""`model.tree.children` and the engine's one traversal against `ast`'s own walk."""

from __future__ import annotations

import ast
import inspect
import textwrap
import typing

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.tree import children
from webwarden.parse.python import ParsedPython

_SINGLETONS = (ast.expr_context, ast.operator, ast.cmpop, ast.boolop, ast.unaryop)

_EVERY_SYNTAX = textwrap.dedent(
    """
    import os.path as p, sys
    from . import sibling
    from ..pkg import name as alias
    from pkg import *
    x: int = 1
    y = z = [a for a in range(3) if a async for b in c]  # type: ignore
    global g
    def f(a, /, b=1, *args, c: int = 2, d, **kw) -> None:  # type: (int) -> None
        nonlocal q
        del a[0], b.c
        x += -y ** 2 if not z else ~w
        assert x < y <= z is not None in w, "message"
        return (lambda s, *t: s)(f"{x!r:>{width}} {y=}", b"bytes", ...)
    async def h():
        async with a as (b, *c), d:
            async for e in f:
                await g
        yield from h
        yield i
    @decorator(arg)
    class C(Base, metaclass=M):
        attr: dict[str, int]
        match value:
            case [1, 2, *rest] | {"k": v, **others} if v:
                pass
            case Point(x=0, y=_) as point:
                pass
            case str() | None:
                pass
    try:
        raise E from cause
    except* (A, B) as error:
        pass
    else:
        pass
    finally:
        pass
    with open(p) as f, g:
        while (n := next(it)) and f or g:
            break
        else:
            continue
    {**d, "k": [s[1:2:3], {1, 2}, (t,)]}
    """
)


def _trees() -> list[ast.Module]:
    return [
        ast.parse(_EVERY_SYNTAX, type_comments=True),
        ast.parse(inspect.getsource(typing)),
        ast.parse(inspect.getsource(ast)),
    ]


@pytest.mark.parametrize("tree", _trees(), ids=["every-syntax", "typing", "ast"])
def test_children_are_iter_child_nodes_without_singletons(tree: ast.Module) -> None:
    for node in ast.walk(tree):
        expected = [c for c in ast.iter_child_nodes(node) if not isinstance(c, _SINGLETONS)]
        assert children(node) == expected


@pytest.mark.parametrize("tree", _trees(), ids=["every-syntax", "typing", "ast"])
def test_the_engine_index_holds_every_node_but_the_singletons(tree: ast.Module) -> None:
    source = ast.unparse(tree)
    parsed = ParsedPython(source, tuple(source.splitlines()), tree)
    ctx = make_context("m.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    walked = [n for n in ast.walk(tree) if not isinstance(n, _SINGLETONS)]
    indexed = [node for nodes in ctx.by_type.values() for node in nodes]
    assert sorted(map(id, indexed)) == sorted(map(id, walked))
    for holder in ast.walk(tree):
        for child in children(holder):
            assert ctx.parent(child) is holder
