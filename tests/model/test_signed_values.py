"""A view's first act checking the server's signature of what it was sent."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.signed_values import checks_signature
from webwarden.parse.python import ParsedPython, parse_source

IMPORTS = "from django.core import signing\nfrom flask import request\n"
IMPORTS += "from itsdangerous import URLSafeTimedSerializer\n"
IMPORTS += "ts = URLSafeTimedSerializer('k')\n"


def _checks(body: str) -> bool:
    source = IMPORTS + "def view(key):\n" + textwrap.indent(textwrap.dedent(body), "    ")
    parsed = parse_source(source, "app/hooks.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/hooks.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    *earlier, last = function.body
    return checks_signature(ctx, last, earlier, lambda node: ctx.qualified(node) == "flask.request")


@pytest.mark.parametrize(
    ("body", "checks"),
    [
        pytest.param("user_uuid = signing.loads(key)", True, id="url-parameter"),
        pytest.param("signing.loads(key, max_age=60)", True, id="as-a-statement"),
        pytest.param(
            "signer = signing.TimestampSigner()\nsigner.unsign(request.args['t'])",
            True,
            id="unsign-sent-value",
        ),
        pytest.param("signing.Signer().unsign_object(key)", True, id="unsign-object"),
        pytest.param("key = profile.token\nsigning.loads(key)", False, id="own-record"),
        pytest.param("signing.loads(profile.token)", False, id="attribute-of-a-record"),
        pytest.param("json.loads(key)", False, id="not-a-signature"),
        pytest.param("if key:\n    signing.loads(key)", False, id="not-a-statement"),
        pytest.param("signing.dumps(key)", False, id="signs-instead"),
        pytest.param("email = ts.loads(key, max_age=60)", True, id="itsdangerous-serializer"),
        pytest.param("ts.loads_unsafe(key)", False, id="itsdangerous-unsafe-load"),
        pytest.param("s = object()\ns.loads(key)", False, id="loads-of-another-object"),
    ],
)
def test_checks_signature(body: str, checks: bool) -> None:
    assert _checks(body) is checks
