"""Which top-level functions of a module return cleaned or escaped HTML."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.templates.markup_methods import html_functions, instance_members, loop_items


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


def _items(body: str) -> dict[str, list[str]]:
    function = ast.parse(textwrap.dedent(body)).body[0]
    assert isinstance(function, ast.FunctionDef)
    loop = next(
        n
        for n in ast.walk(function)
        if isinstance(n, ast.For | ast.AsyncFor) and isinstance(n.target, ast.Tuple)
    )
    found = loop_items(function, loop)
    return {name: [ast.unparse(v) for v in values] for name, values in found.items()}


_LOOPED = """
    def render(text):
        pieces = [("a", A)]
        pieces.append(("b", B))
        {more}
        for key, html in pieces:
            text = text.replace(key, html)
        return text
"""


@pytest.mark.parametrize(
    ("more", "expected"),
    [
        pytest.param("pass", {"key": ["'a'", "'b'"], "html": ["A", "B"]}, id="literal-and-append"),
        pytest.param("pieces = []", {"key": ["'a'", "'b'"], "html": ["A", "B"]}, id="emptied"),
        pytest.param("extend(pieces)", {}, id="handed-elsewhere"),
        pytest.param('pieces.append("c", C)', {}, id="append-of-two-values"),
        pytest.param("pieces = other", {}, id="assigned-another-value"),
        pytest.param("pieces = more = []", {}, id="one-of-two-targets"),
        pytest.param("for _ in pieces: pass", {}, id="another-loop"),
        pytest.param('pieces.append(("c", C, D))', {}, id="item-of-another-shape"),
    ],
)
def test_loop_items(more: str, expected: dict[str, list[str]]) -> None:
    assert _items(_LOOPED.format(more=more)) == expected


def _members(source: str) -> list[tuple[str, bool]]:
    tree = ast.parse(textwrap.dedent(source))
    node = tree.body[0]
    assert isinstance(node, ast.ClassDef)
    return list(instance_members(node))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            'self.msg = render_template_string("<td>{{ n }}</td>", n=name)',
            [("msg", True)],
            id="flask-string-template-in-code",
        ),
        pytest.param(
            "self.msg = render_template_string(source, n=name)", [("msg", False)], id="source-given"
        ),
        pytest.param('self.msg = ""', [("msg", True)], id="empty-text"),
        pytest.param("self.msg = name", [("msg", False)], id="parameter"),
        pytest.param('self.msg += "<br>"', [("msg", False)], id="built-up"),
        pytest.param(
            'self.msg, self.other = "", ""', [("msg", False), ("other", False)], id="unpacked"
        ),
        pytest.param('other.msg = ""', [], id="not-self"),
    ],
)
def test_instance_members(body: str, expected: list[tuple[str, bool]]) -> None:
    source = f"class Entry:\n    def __init__(self, name, source):\n        {body}\n"
    assert _members(source) == expected
