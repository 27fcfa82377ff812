"""Template filters that only re-serialise the HTML they are given."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.reserialised import reserialises_input

_HEAD = "from bs4 import BeautifulSoup\nfrom django.utils.safestring import mark_safe\n"


def _judge(body: str) -> bool:
    text = _HEAD + textwrap.dedent(body)
    tree = ast.parse(text)
    ctx = FileContext("tags.py", "tags", tuple(text.splitlines()), tree, NameResolver(tree, "tags"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    return reserialises_input(ctx, function)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            """
            def unwrap(content=None):
                if content:
                    soup = BeautifulSoup(str(content), "html.parser")
                    wrapper = soup.find("div", attrs={"class": "rich-text"})
                    if wrapper:
                        return " ".join([str(p) for p in wrapper.findAll("p")])
                    return content
            """,
            True,
            id="paragraphs-or-input",
        ),
        pytest.param(
            """
            def inner(html):
                return mark_safe(BeautifulSoup(html, "html.parser").find("p").decode_contents())
            """,
            True,
            id="marked-contents",
        ),
        pytest.param(
            """
            def credit(html, who):
                return str(BeautifulSoup(html, "html.parser")) + who
            """,
            False,
            id="joins-another-parameter",
        ),
        pytest.param(
            """
            def source(html):
                soup = BeautifulSoup(html.source, "html.parser")
                return str(soup)
            """,
            False,
            id="parses-something-else",
        ),
        pytest.param(
            """
            def rebound(html):
                soup = BeautifulSoup(html, "html.parser")
                soup = "<b>" + html + "</b>"
                return str(soup)
            """,
            False,
            id="rebinds-the-document",
        ),
        pytest.param(
            """
            def select(html, selector):
                return str(BeautifulSoup(html, "html.parser").select_one(selector))
            """,
            False,
            id="selector-from-parameter",
        ),
        pytest.param(
            """
            def element(html):
                return BeautifulSoup(html, "html.parser").find("p")
            """,
            False,
            id="returns-an-element-not-text",
        ),
    ],
)
def test_reserialises_input(body: str, expected: bool) -> None:
    assert _judge(body) is expected
