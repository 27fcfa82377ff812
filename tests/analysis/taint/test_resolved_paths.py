"""Which locals Django's `resolve()` establishes as paths of the site."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _single_slash(body: str) -> set[str]:
    source = "from django.urls import Resolver404, resolve\n\n\ndef view(request, url):\n"
    source += textwrap.indent(textwrap.dedent(body), " " * 4)
    parsed = parse_source(source, "views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    (view,) = [f for f in Lowering(ctx).module_ir().functions if f.name == "view"]
    return {
        guard.name
        for node in ir.walk(view.body)
        if isinstance(node, ir.If)
        for guard in node.then_guards
        if guard.how == "single_slash"
    }


@pytest.mark.parametrize(
    ("body", "names"),
    [
        pytest.param("resolve(url)", {"url"}, id="statement"),
        pytest.param(
            "try:\n    match = resolve(url)\nexcept Resolver404:\n    return None",
            {"url"},
            id="kept-in-try",
        ),
        pytest.param(
            'path = url.split("?")[0]\nresolve(path)', {"path", "url"}, id="head-before-query"
        ),
        pytest.param(
            'path = url\nif "?" in path:\n    path = path[: path.index("?")]\nresolve(path)',
            {"path", "url"},
            id="head-cut-in-branch",
        ),
        pytest.param('path = url.split("/")[0]\nresolve(path)', {"path"}, id="head-cut-at-slash"),
        pytest.param(
            'path = url.split("?")[0]\nurl = url.strip()\nresolve(path)',
            {"path"},
            id="whole-bound-anew",
        ),
        pytest.param(
            'url = url.strip()\npath = url.split("#")[0]\nresolve(path)',
            {"path", "url"},
            id="whole-bound-before-the-cut",
        ),
        pytest.param("resolve(url[:1])", set(), id="not-a-local"),
        pytest.param("resolve(url, urlconf)", set(), id="another-urlconf"),
    ],
)
def test_resolved_locals(body: str, names: set[str]) -> None:
    assert _single_slash(body) == names
