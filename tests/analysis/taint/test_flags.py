"""Flag parameters that default to off, and the calls that leave them off."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.flags import off_flags


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("def f(a, render=False): pass", ("render",), id="false"),
        pytest.param("def f(a, b=None, *, c=0, d=''): pass", ("b", "c", "d"), id="off-values"),
        pytest.param("def f(a, b=True, c='x', d=1): pass", (), id="on-values"),
        pytest.param("def f(a, b=[]): pass", (), id="not-a-literal"),
        pytest.param("def f(a, b=False):\n    b = a\n", (), id="rebound"),
        pytest.param("def f(a, b=False):\n    for b in a: pass\n", (), id="loop-target"),
    ],
)
def test_off_flags(source: str, expected: tuple[str, ...]) -> None:
    assert off_flags(_function(source)) == expected
