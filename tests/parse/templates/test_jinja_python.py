"""Jinja expressions written as Python source grouped as Jinja's own parser groups them."""

from __future__ import annotations

import ast

import pytest

from webwarden.parse.templates.jinja_python import python_source


@pytest.mark.parametrize(
    ("jinja", "python"),
    [
        pytest.param("a ~ b|safe", "a + (b | safe)", id="filter-binds-tighter-than-tilde"),
        pytest.param("x + y|e", "x + (y | e)", id="filter-binds-tighter-than-plus"),
        pytest.param("x|e + y", "(x | e) + y", id="filter-first"),
        pytest.param("not a|f", "not (a | f)", id="not"),
        pytest.param("a if c else b|safe", "a if c else (b | safe)", id="conditional"),
        pytest.param("a if c", "a if c else None", id="conditional-without-else"),
        pytest.param("a ~ b is defined", "a + (b is defined)", id="test"),
        pytest.param("x is divisibleby 3", "x is divisibleby(3)", id="test-bare-argument"),
        pytest.param("a - b ~ c", "a - (b + c)", id="tilde-binds-tighter-than-minus"),
        pytest.param("-2 ** 2", "(-2) ** 2", id="sign-before-power"),
        pytest.param("x.0|e", "x[0] | e", id="item-by-dot"),
        pytest.param("'~'|e", "'~' | e", id="tilde-in-string-kept"),
        pytest.param("f(a, b=c|e)|d('x')", "f(a, b=(c | e)) | d('x')", id="call-arguments"),
    ],
)
def test_grouped_as_jinja_groups(jinja: str, python: str) -> None:
    source = python_source(jinja)
    assert source is not None
    assert ast.unparse(ast.parse(source, mode="eval")) == ast.unparse(
        ast.parse(python, mode="eval")
    )


def test_a_tags_arguments_keep_what_joins_them() -> None:
    assert python_source("a=_(b)|e, c=d") == "a = (_(b) | e) , c = d"


def test_what_jinja_cannot_lex_is_none() -> None:
    assert python_source("a }} b") is None
