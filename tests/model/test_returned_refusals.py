from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.returned_refusals import returned_call, returns_none_or


def _body(source: str) -> list[ast.stmt]:
    return ast.parse(textwrap.dedent(source)).body


@pytest.mark.parametrize(
    ("source", "callee"),
    [
        pytest.param("error = check()\nif error:\n    return error", "check", id="truthy"),
        pytest.param(
            "error = check()\nif error is not None:\n    return error", "check", id="not-none"
        ),
        pytest.param("if (error := check()):\n    return error", "check", id="walrus"),
        pytest.param(
            "if (error := check()) is not None:\n    return error", "check", id="walrus-not-none"
        ),
        pytest.param("error = check()\nif error:\n    return other", None, id="other-returned"),
        pytest.param(
            "error = check()\nif error:\n    return error\nelse:\n    go()", None, id="else"
        ),
        pytest.param("error = check()\nlog(error)", None, id="not-returned"),
    ],
)
def test_returned_call(source: str, callee: str | None) -> None:
    view = _body(f"def view():\n{textwrap.indent(source, '    ')}")[0]
    assert isinstance(view, ast.FunctionDef)
    body = view.body
    call = returned_call(body[0], body[1:2])
    assert (ast.unparse(call.func) if call is not None else None) == callee


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            if bad():
                return deny(), 401
            return None
            """,
            True,
            id="refusal-or-none",
        ),
        pytest.param(
            """
            if bad():
                return False
            """,
            False,
            id="bare-constant",
        ),
        pytest.param("return None", False, id="never-refuses"),
        pytest.param(
            """
            def inner():
                return 1
            if bad():
                return deny()
            """,
            True,
            id="nested-function-returns-ignored",
        ),
    ],
)
def test_returns_none_or(source: str, expected: bool) -> None:
    function = _body(f"def check():\n{textwrap.indent(textwrap.dedent(source), '    ')}")[0]
    assert isinstance(function, ast.FunctionDef)
    assert (
        returns_none_or(function, lambda r: isinstance(r.value, ast.Tuple | ast.Call)) is expected
    )
