"""Predicates that hold only for a caller proving a secret, and the views asking one."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.caller_predicates import asked_predicate, proves_caller
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source

_HELPER = """
def digest_matches(key, sent, body):
    if not sent:
        return False
    return hmac.compare_digest(sign(key, body), sent)
"""


def _context(source: str) -> FileContext:
    text = "import hmac\nfrom flask import abort, request\n" + textwrap.dedent(source)
    parsed = parse_source(text, "app/checks.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("app/checks.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))


def _last(ctx: FileContext) -> ast.FunctionDef:
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return function


@pytest.mark.parametrize(
    ("source", "proves"),
    [
        pytest.param(_HELPER, True, id="constant-time-compare"),
        pytest.param(
            _HELPER + "def is_hook(req):\n    if not req.headers.get('X-Event'):\n"
            "        return None\n    return digest_matches(KEY, req.headers['X-Sig'], req.data)\n",
            True,
            id="through-a-proving-function-of-the-module",
        ),
        pytest.param(
            "def is_hook(req):\n    if req.headers.get('X-Sig'):\n        return True\n"
            "    return hmac.compare_digest(KEY, req.args['key'])\n",
            False,
            id="true-for-any-signature-sent",
        ),
        pytest.param(
            "def is_hook(req):\n    return req.headers.get('X-Sig') == KEY\n",
            False,
            id="plain-comparison-is-not-counted",
        ),
        pytest.param("def is_hook(req):\n    return False\n", False, id="never-true"),
        pytest.param("def is_hook(req):\n    return is_valid(req)\n", False, id="unknown-function"),
    ],
)
def test_proves_caller(source: str, proves: bool) -> None:
    ctx = _context(source)
    assert proves_caller(ctx, _last(ctx)) is proves


@pytest.mark.parametrize(
    ("body", "asked"),
    [
        pytest.param(
            '"""Doc."""\nif not is_hook(request):\n    return answer("no", 401)\nsave()',
            "is_hook",
            id="first-act-refuses",
        ),
        pytest.param(
            "if not is_hook(request.data):\n    abort(403)\nsave()", "is_hook", id="abort"
        ),
        pytest.param("save()\nif not is_hook(request):\n    return ''", None, id="not-first"),
        pytest.param("if not is_hook(KEY):\n    return ''\nsave()", None, id="no-request"),
        pytest.param("if not is_hook(request):\n    log()\nsave()", None, id="goes-on"),
        pytest.param(
            "branch = _cfg('hook_branch')\nif not branch:\n    return 'ignored'\n"
            "if not is_hook(request):\n    return '', 403\nsave()",
            "is_hook",
            id="after-config-read",
        ),
        pytest.param(
            "try:\n    app.logger.info('hook')\n    if not is_hook(request):\n"
            "        return '', 403\n    save()\nexcept Exception:\n    return 'error', 500",
            "is_hook",
            id="inside-try",
        ),
        pytest.param(
            "try:\n    if not is_hook(request):\n        return '', 403\n    save()\n"
            "except Exception:\n    log()",
            None,
            id="try-handler-goes-on",
        ),
        pytest.param(
            "branch = choose_branch('main')\nif not is_hook(request):\n    return ''",
            None,
            id="after-other-call",
        ),
        pytest.param(
            "branch = set_config('main')\nif not is_hook(request):\n    return ''",
            None,
            id="after-config-write",
        ),
    ],
)
def test_asked_predicate(body: str, asked: str | None) -> None:
    ctx = _context("def view():\n" + textwrap.indent(body, "    ") + "\n")
    found = asked_predicate(ctx, _last(ctx))
    assert (None if found is None else ast.unparse(found)) == asked
