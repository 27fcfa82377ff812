"""Values a Django view reads back from its session, told from what the client sends."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source
from webwarden.rules.auth._session_held import session_held


def _held(body: str) -> bool:
    text = "def view(request, token):\n" + textwrap.indent(textwrap.dedent(body), "    ")
    parsed = parse_source(text, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    compare = next(node for node in ast.walk(ctx.tree) if isinstance(node, ast.Compare))
    return session_held(ctx, compare.left)


@pytest.mark.parametrize(
    ("body", "held"),
    [
        pytest.param('request.session.get("t") == token', True, id="get"),
        pytest.param('self.request.session["t"] == token', True, id="item-of-a-view's-request"),
        pytest.param('kept = request.session.pop("c")\nkept["t"] == token', True, id="item-kept"),
        pytest.param('kept = request.session.get("t")\nkept == token', True, id="name-bound"),
        pytest.param('request.POST.get("t") == token', False, id="posted"),
        pytest.param("request.session.keys() == token", False, id="not-a-value"),
        pytest.param("token == request.session", False, id="other-side"),
    ],
)
def test_session_held(body: str, held: bool) -> None:
    assert _held(body) == held
