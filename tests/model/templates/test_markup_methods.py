"""Which top-level functions of a module return cleaned or escaped HTML."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.templates.markup_methods import html_functions


def found(source: str, *, read_locals: bool = True) -> tuple[str, ...]:
    tree = ast.parse(textwrap.dedent(source))
    returns: dict[int, list[ast.expr | None]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            returns[id(node)] = [r.value for r in ast.walk(node) if isinstance(r, ast.Return)]
    return html_functions(tree, returns, read_locals=read_locals)


PLACEHOLDERS = """
    def render(text):
        pieces = []
        for key in keys(text):
            pieces.append((key, {put}))
        cleaned = bleach.clean(markdown(text))
        for key, html in pieces:
            cleaned = cleaned.replace(key, html)
        return cleaned
"""


@pytest.mark.parametrize(
    ("put", "expected"),
    [
        pytest.param('render_to_string("ref.html", {"k": key})', ("render",), id="rendered"),
        pytest.param("text", (), id="raw-text"),
    ],
)
def test_placeholders_swapped_for_items_of_a_local_list(
    put: str, expected: tuple[str, ...]
) -> None:
    assert found(PLACEHOLDERS.format(put=put)) == expected


def test_locals_are_read_only_when_asked() -> None:
    source = PLACEHOLDERS.format(put='render_to_string("ref.html")')
    assert found(source, read_locals=False) == ()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            'cleaned = escape(text)\n    return cleaned.replace("&lt;b&gt;", "<b>")',
            id="entity-put-back",
        ),
        pytest.param(
            "pieces = [(1, escape(text))]\n    extend(pieces)\n"
            "    out = ''\n    for key, html in pieces:\n        out = html\n    return out",
            id="list-handed-elsewhere",
        ),
    ],
)
def test_what_may_undo_the_escaping_is_not_html(body: str) -> None:
    assert found(f"def render(text):\n    {body}\n") == ()


def test_a_parameter_cleaned_only_in_a_branch_may_be_returned_as_it_came() -> None:
    source = """
        def render(text, trusted):
            if not trusted:
                text = bleach.clean(text)
            return text

        def render_clean(text):
            text = bleach.clean(text)
            return text
    """
    assert found(source) == ("render_clean",)
