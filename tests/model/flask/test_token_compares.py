"""Whether a function refuses a request whose CSRF token does not match."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.token_compares import refuses_token_mismatch, self_calls, turned_off
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    text = "import hmac\nfrom flask import abort, request, session\n" + textwrap.dedent(source)
    parsed = parse_source(text, "app/access.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("app/access.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))


def _last(ctx: FileContext) -> ast.FunctionDef:
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return function


@pytest.mark.parametrize(
    ("body", "refuses"),
    [
        pytest.param(
            "if stored['xsrf'] != request.headers.get('X-XSRF-Token'):\n    abort(403)",
            True,
            id="header-compared",
        ),
        pytest.param(
            "sent = request.form.get('token')\n"
            "if not hmac.compare_digest(session['csrf'], sent):\n    return 'no', 403",
            True,
            id="local-compared-in-constant-time",
        ),
        pytest.param(
            "if on and stored.get('csrf') != request.args.get('t'):\n    raise Refused()",
            True,
            id="among-other-tests",
        ),
        pytest.param(
            "if stored['csrf'] != expected:\n    abort(403)",
            False,
            id="nothing-the-request-sent",
        ),
        pytest.param(
            "if stored['agent'] != request.headers.get('User-Agent'):\n    abort(403)",
            False,
            id="no-token",
        ),
        pytest.param(
            "if stored['xsrf'] != request.headers.get('X-XSRF-Token'):\n    log('mismatch')",
            False,
            id="mismatch-only-logged",
        ),
    ],
)
def test_refuses_token_mismatch(body: str, refuses: bool) -> None:
    source = "def check(stored, expected, on):\n" + textwrap.indent(body, "    ")
    ctx = _context(source)
    assert refuses_token_mismatch(ctx, _last(ctx)) is refuses


def test_self_calls_of_nested_wrapper() -> None:
    ctx = _context(
        """
        def __call__(self, view):
            user = self.load_user()
            helper.check()
            self.audit(user)
            self.load_user()
            return view
        """
    )
    assert self_calls(_last(ctx)) == ("load_user", "audit")


@pytest.mark.parametrize(
    ("options", "off"),
    [
        pytest.param((("check_xsrf_token", False),), True, id="xsrf-off"),
        pytest.param((("csrf", False),), True, id="csrf-off"),
        pytest.param((("check_xsrf_token", True),), False, id="left-on"),
        pytest.param((("audit", False),), False, id="other-option"),
    ],
)
def test_turned_off(options: tuple[tuple[str, object], ...], off: bool) -> None:
    assert turned_off(options) is off
