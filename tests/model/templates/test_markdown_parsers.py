from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.templates.markdown_parsers import MARKDOWN_ALIAS, markdown_aliases


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from markdown import markdown as md", {"md"}, id="python-markdown"),
        pytest.param("from markdown2 import markdown as render", {"render"}, id="markdown2"),
        pytest.param("from commonmark import commonmark as cm", {"cm"}, id="commonmark"),
        pytest.param("from markdown import markdown", set(), id="known-name"),
        pytest.param("from markdown import Markdown as M", set(), id="class-not-renderer"),
        pytest.param("from .markdown import markdown as md", set(), id="relative-module"),
    ],
)
def test_markdown_aliases(source: str, expected: set[str]) -> None:
    imports = ast.parse(textwrap.dedent(source)).body
    assert markdown_aliases(imports) == {MARKDOWN_ALIAS + name for name in expected}
