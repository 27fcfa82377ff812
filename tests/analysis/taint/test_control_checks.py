"""Tests that a text holds no tab, CR or LF."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.control_checks import control_guards, printable_guards


def _local(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) and node.id == "url" else None


def _judged(test: str) -> tuple[list[str], list[str]] | None:
    call = ast.parse(test, mode="eval").body
    assert isinstance(call, ast.Call)
    if isinstance(call.func, ast.Name):
        found = control_guards(call.args[0], call.func.id == "all", _local)
    else:
        found = printable_guards(call, _local)
    if found is None:
        return None
    then, otherwise = found
    return [g.name for g in then], [g.name for g in otherwise]


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        pytest.param("url.isprintable()", (["url"], []), id="isprintable"),
        pytest.param("any(ord(c) < 32 for c in url)", ([], ["url"]), id="any-below-space"),
        pytest.param("any(ord(c) <= 31 or c == '\\x7f' for c in url)", ([], ["url"]), id="any-or"),
        pytest.param("any(c.isspace() for c in url)", ([], ["url"]), id="any-isspace"),
        pytest.param(
            "any(not c.isprintable() for c in url)", ([], ["url"]), id="any-not-printable"
        ),
        pytest.param("all(ord(c) >= 32 for c in url)", (["url"], []), id="all-from-space"),
        pytest.param("all(c.isprintable() and c != '<' for c in url)", (["url"], []), id="all-and"),
        pytest.param("any(ord(c) < 9 for c in url)", None, id="tab-passes"),
        pytest.param("any(ord(c) < 32 and c != '\\t' for c in url)", None, id="and-lets-some-pass"),
        pytest.param("any(ord(c) < 32 for c in other)", None, id="not-a-local"),
        pytest.param("any(ord(c) < 32 for c in url if c)", None, id="items-skipped"),
        pytest.param("all(ord(c) < 128 for c in url)", None, id="ascii-only"),
    ],
)
def test_control_guards(test: str, expected: tuple[list[str], list[str]] | None) -> None:
    assert _judged(test) == expected
