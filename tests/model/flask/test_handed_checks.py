"""Login checks a view hands the credentials they prove, rather than the request."""

from __future__ import annotations

import ast

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.handed_checks import handed_check
from webwarden.parse.python import ParsedPython, parse_source


def _judged(call: str) -> bool | None:
    text = f"from flask import request\n\nresult = {call}\n"
    parsed = parse_source(text, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    node = next(n for n in ctx.nodes(ast.Call) if isinstance(n, ast.Call))
    return handed_check(ctx, node, ast.unparse(node.func))


@pytest.mark.parametrize(
    ("call", "handed"),
    [
        pytest.param("LoginSession.authenticate(buid=sid)", True, id="record-id"),
        pytest.param("User.authenticate(name, password)", True, id="username-password"),
        pytest.param("authenticate()", False, id="given-nothing"),
        pytest.param("authenticate(request)", False, id="given-the-request"),
        pytest.param("verify_api_key(*keys)", False, id="starred"),
        pytest.param("check_auth(**given)", False, id="double-starred"),
        pytest.param("lookup(sid)", None, id="no-login-check"),
    ],
)
def test_handed_check(call: str, handed: bool | None) -> None:
    assert _judged(call) is handed
