"""Views serving an HTML file of the app's."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.html_files import sends_html_file
from webwarden.parse.python import ParsedPython, parse_source


def _sends_html(source: str) -> bool:
    text = "from flask import send_file, send_from_directory\n" + textwrap.dedent(source)
    parsed = parse_source(text, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    calls = [node for node in ast.walk(ctx.tree) if isinstance(node, ast.Call)]
    return any(sends_html_file(ctx, call, ctx.call_name(call) or "") for call in calls)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('send_from_directory(root, "index.html")', True, id="directory-index"),
        pytest.param('send_from_directory(root, path="app.HTM")', True, id="path-keyword"),
        pytest.param('send_from_directory(root, filename="a.html")', True, id="old-keyword"),
        pytest.param('send_file("static/index.html")', True, id="send-file"),
        pytest.param("send_from_directory(root, name)", False, id="request-named"),
        pytest.param('send_file("export.csv", mimetype="text/csv")', False, id="not-html"),
        pytest.param('send_from_directory("index.html", name)', False, id="folder-named-html"),
        pytest.param('open("index.html")', False, id="not-a-sender"),
    ],
)
def test_sends_html_file(source: str, expected: bool) -> None:
    assert _sends_html(source) is expected
