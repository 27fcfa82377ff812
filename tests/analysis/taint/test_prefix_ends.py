"""Whether the prefix a path is checked to start with ends in a path separator."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint.lower_expr import Scope
from webwarden.analysis.taint.prefix_ends import ensured_separator


def _scope() -> Scope:
    return Scope(
        "files.f",
        "files",
        frozenset({"base", "other"}),
        frozenset(),
        frozenset(),
        {"os": "os"},
        frozenset(),
        lambda node: (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)),
    )


def _if(text: str) -> ast.If:
    node = ast.parse(textwrap.dedent(text)).body[0]
    assert isinstance(node, ast.If)
    return node


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("if not base.endswith(os.sep):\n    base += os.sep", id="augmented"),
        pytest.param('if not base.endswith("/"):\n    base = base + "/"', id="joined"),
        pytest.param('if not base.endswith(os.sep):\n    base += "/"', id="other-separator"),
    ],
)
def test_a_separator_appended_unless_there_ends_the_local(text: str) -> None:
    assert ensured_separator(_if(text), _scope()) == "base"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('if not base.endswith("/"):\n    base += "-x"', id="not-a-separator"),
        pytest.param("if not base.endswith(os.sep):\n    other += os.sep", id="another-local"),
        pytest.param("if base.endswith(os.sep):\n    base += os.sep", id="not-negated"),
        pytest.param(
            "if not base.endswith(os.sep) and strict:\n    base += os.sep", id="another-test"
        ),
        pytest.param(
            "if not base.endswith(os.sep):\n    base += os.sep\nelse:\n    base = other",
            id="else-arm",
        ),
        pytest.param('if not base.endswith("x"):\n    base += os.sep', id="tested-for-other"),
    ],
)
def test_anything_else_ensures_nothing(text: str) -> None:
    assert ensured_separator(_if(text), _scope()) is None
