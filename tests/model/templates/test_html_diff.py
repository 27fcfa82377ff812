"""Which calls write a diff as HTML with difflib's `HtmlDiff`, and what they leave raw."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.templates.html_diff import diff_descriptions


def _raw(source: str) -> list[str] | None:
    """The unescaped arguments of the last line's call, locals bound by the lines before."""
    tree = ast.parse(textwrap.dedent(source))
    held: dict[str, list[ast.expr]] = {}
    for statement in tree.body[:-1]:
        assert isinstance(statement, ast.Assign)
        target = statement.targets[0]
        assert isinstance(target, ast.Name)
        held.setdefault(target.id, []).append(statement.value)
    last = tree.body[-1]
    assert isinstance(last, ast.Expr)
    assert isinstance(last.value, ast.Call)
    found = diff_descriptions(last.value, lambda name: held.get(name, []))
    return None if found is None else [ast.unparse(a) for a in found]


@pytest.mark.parametrize(
    ("source", "raw"),
    [
        pytest.param("HtmlDiff().make_table(a, b)", [], id="made-in-the-call"),
        pytest.param(
            "d = difflib.HtmlDiff(tabsize=4)\nd.make_file(a, b, context=True)", [], id="local"
        ),
        pytest.param(
            "HtmlDiff().make_table(a, b, title, 'After')", ["title", "'After'"], id="headers"
        ),
        pytest.param("HtmlDiff().make_table(a, b, todesc=title)", ["title"], id="header-keyword"),
        pytest.param("HtmlDiff().make_table(*lines)", ["*lines"], id="unpacked-arguments"),
        pytest.param("d = HtmlDiff()\nd = Other()\nd.make_table(a, b)", None, id="rebound"),
        pytest.param("differ.make_table(a, b)", None, id="unknown-differ"),
        pytest.param("HtmlDiff().compare(a, b)", None, id="other-method"),
    ],
)
def test_unescaped_arguments(source: str, raw: list[str] | None) -> None:
    assert _raw(source) == raw
