"""Flag parameters that default to off, and the calls that leave them off."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.flags import (
    StoredNames,
    else_needs,
    off_flags,
    on_flags,
    refused_names,
    required_names,
)
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _off_flags(source: str, *, on: bool = False) -> tuple[str, ...]:
    tree = ast.parse(source)
    ctx = FileContext("views.py", "views", tuple(source.splitlines()), tree, NameResolver(tree))
    stores = StoredNames(ctx)
    first = next(node for node in tree.body if isinstance(node, ast.FunctionDef))
    return (on_flags if on else off_flags)(first, stores)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("def f(a, render=False): pass", ("render",), id="false"),
        pytest.param("def f(a, b=None, *, c=0, d=''): pass", ("b", "c", "d"), id="off-values"),
        pytest.param("def f(a, b=True, c='x', d=1): pass", (), id="on-values"),
        pytest.param("def f(a, b=[]): pass", (), id="not-a-literal"),
        pytest.param("def f(a, b=False):\n    b = a\n", (), id="rebound"),
        pytest.param("def f(a, b=False):\n    for b in a: pass\n", (), id="loop-target"),
        pytest.param("def f(a, b=False):\n    del b\n", (), id="deleted"),
        pytest.param("def f(a, b=False):\n    def g():\n        b = 1\n", (), id="nested-binding"),
        pytest.param(
            "def f(a, b=False): return a\ndef g(b):\n    b = 1\n", ("b",), id="other-function"
        ),
        pytest.param("b = 1\ndef f(a, b=False): return a\n", ("b",), id="module-binding"),
    ],
)
def test_off_flags(source: str, expected: tuple[str, ...]) -> None:
    assert _off_flags(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("def f(a, persist=True, *, save=True): pass", ("persist", "save"), id="true"),
        pytest.param("def f(a, b=False, c='x', d=1): pass", (), id="other-values"),
        pytest.param("def f(a, b=True):\n    b = a\n", (), id="rebound"),
    ],
)
def test_on_flags(source: str, expected: tuple[str, ...]) -> None:
    assert _off_flags(source, on=True) == expected


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        pytest.param("fetch", ("fetch",), id="name"),
        pytest.param("fetch and not local", ("fetch",), id="and"),
        pytest.param("fetch and (render and ready)", ("fetch", "render", "ready"), id="nested-and"),
        pytest.param("fetch or force", (), id="or"),
        pytest.param("not fetch", (), id="negated"),
        pytest.param("fetch and (render or force)", ("fetch",), id="and-of-or"),
    ],
)
def test_required_names(test: str, expected: tuple[str, ...]) -> None:
    expression = ast.parse(test, mode="eval").body
    assert required_names(expression) == expected


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        pytest.param("not dry", ("dry",), id="negated"),
        pytest.param("changed and not dry", ("dry",), id="and"),
        pytest.param("not dry and not quiet", ("dry", "quiet"), id="both"),
        pytest.param("changed or not dry", (), id="or"),
        pytest.param("dry", (), id="needed-true"),
        pytest.param("not (dry and quiet)", (), id="negated-and"),
        pytest.param("not self.dry", (), id="attribute"),
    ],
)
def test_refused_names(test: str, expected: tuple[str, ...]) -> None:
    expression = ast.parse(test, mode="eval").body
    assert refused_names(expression) == expected


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        pytest.param("dry", (("dry", False),), id="name"),
        pytest.param("not save", (("save", True),), id="negated"),
        pytest.param("preview or errors", (("preview", False), ("errors", False)), id="or"),
        pytest.param("not save or empty", (("save", True), ("empty", False)), id="or-negated"),
        pytest.param(
            "dry or (quiet or not force)",
            (("dry", False), ("quiet", False), ("force", True)),
            id="nested-or",
        ),
        pytest.param("dry and quiet", (), id="and"),
        pytest.param("dry or (quiet and force)", (("dry", False),), id="or-of-and"),
        pytest.param("self.dry or quiet", (("quiet", False),), id="attribute"),
    ],
)
def test_else_needs(test: str, expected: tuple[tuple[str, bool], ...]) -> None:
    expression = ast.parse(test, mode="eval").body
    assert else_needs(expression) == expected
