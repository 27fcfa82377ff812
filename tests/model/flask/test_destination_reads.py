"""The request parameters a view reads only to know where to send the user next."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.destination_reads import destination_reads
from webwarden.parse.python import ParsedPython, parse_source


def _reads(body: str) -> frozenset[str]:
    text = "from flask import request\n\ndef view():\n" + textwrap.indent(
        textwrap.dedent(body), "    "
    )
    parsed = parse_source(text, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    attributes = [
        node
        for node in ast.walk(ctx.tree)
        if isinstance(node, ast.Attribute) and ctx.qualified(node.value) == "flask.request"
    ]
    return destination_reads(ctx, attributes)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param('return request.values["next"]', {"values"}, id="subscript"),
        pytest.param('return request.args.get("return_url", "/")', {"args"}, id="get"),
        pytest.param('if "came_from" in request.form:\n    pass', {"form"}, id="membership"),
        pytest.param(
            'a = request.args.get("next")\nb = request.args.get("redirect_to")',
            {"args"},
            id="two-destinations",
        ),
        pytest.param(
            'a = request.values["next"]\nb = request.values["password"]', set(), id="other-key"
        ),
        pytest.param('a = request.args["next"]\nb = request.args', set(), id="whole-holder"),
        pytest.param("return request.form[name]", set(), id="key-not-constant"),
        pytest.param('return request.headers["next"]', set(), id="not-a-parameter-holder"),
        pytest.param(
            'a = request.args.get("next")\nb = request.form["username"]',
            {"args"},
            id="holders-apart",
        ),
    ],
)
def test_destination_reads(body: str, expected: set[str]) -> None:
    assert _reads(body) == expected
