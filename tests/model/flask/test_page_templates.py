"""Which `render_template` calls may render an HTML page."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.page_templates import module_renders_pages, renders_page
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    parsed = parse_source(textwrap.dedent(source), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))


@pytest.mark.parametrize(
    ("call", "page"),
    [
        pytest.param('render_template("index.html")', True, id="html"),
        pytest.param('render_template("mail/reset.txt", token=t)', False, id="mail-text"),
        pytest.param('render_template("feeds.OPML.xml")', False, id="xml-export"),
        pytest.param('render_template(["a.txt", "b.csv"])', False, id="list-of-texts"),
        pytest.param('render_template(["a.txt", "b.html"])', True, id="list-with-a-page"),
        pytest.param('render_template(f"help/{topic}")', True, id="name-unknown"),
        pytest.param('render_template("partial")', True, id="no-extension"),
        pytest.param('render_template_string("{{ x }}.txt")', True, id="source-string"),
    ],
)
def test_renders_page(call: str, page: bool) -> None:
    ctx = _context(f"from flask import render_template, render_template_string\n{call}\n")
    (node,) = [n for n in ast.walk(ctx.tree) if isinstance(n, ast.Call)][:1]
    assert renders_page(ctx, node) is page
    assert module_renders_pages(ctx) is page
