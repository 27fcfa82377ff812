"""Which tests of a Django request's content type turn away every body a form sends."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.body_types import refuses_form_bodies
from webwarden.parse.python import ParsedPython, parse_source

PREAMBLE = "JSON_TYPES = ('application/json', 'application/ld+json')\nFORMS = ['text/plain']\n"


def _refuses(test: str) -> bool:
    source = PREAMBLE + "def hook(request):\n" + textwrap.indent(f"if {test}:\n    pass\n", "    ")
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    branch = function.body[0]
    assert isinstance(branch, ast.If)
    return refuses_form_bodies(
        ctx, branch.test, lambda node: isinstance(node, ast.Name) and node.id == "request"
    )


@pytest.mark.parametrize(
    ("test", "refuses"),
    [
        pytest.param("request.content_type != 'application/json'", True, id="content-type"),
        pytest.param("request.META['CONTENT_TYPE'] != 'application/json'", True, id="meta"),
        pytest.param(
            "request.headers.get('Content-Type') != 'application/json; charset=utf-8'",
            True,
            id="headers-with-parameters",
        ),
        pytest.param("request.content_type not in JSON_TYPES", True, id="named-collection"),
        pytest.param("request.content_type != 'text/plain'", False, id="form-enctype"),
        pytest.param("request.content_type not in FORMS", False, id="form-collection"),
        pytest.param(
            "request.content_type not in ('application/json', 'multipart/form-data')",
            False,
            id="one-form-type-admitted",
        ),
        pytest.param("request.content_type != ''", False, id="no-type"),
        pytest.param("request.content_type not in 'application/json'", False, id="substring"),
        pytest.param(
            "request.META.get('CONTENT_TYPE', 'application/json') != 'application/json'",
            False,
            id="default-for-missing-type",
        ),
        pytest.param("request.content_type == 'application/json'", False, id="equality"),
        pytest.param("other.content_type != 'application/json'", False, id="not-the-request"),
        pytest.param("request.content_type != kind", False, id="unknown-type"),
    ],
)
def test_refuses_form_bodies(test: str, refuses: bool) -> None:
    assert _refuses(test) is refuses
