"""The shapes of a check that refuses first every request proving no credential, whatever
the framework says carries one (here: anything read from `flask.request`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.caller_checks import refuses_unproven
from webwarden.parse.python import ParsedPython, parse_source

IMPORTS = "import stripe\nfrom flask import abort, request\n"


def _refuses(body: str) -> bool:
    source = IMPORTS + "def view():\n" + textwrap.indent(textwrap.dedent(body), "    ")
    parsed = parse_source(source, "app/hooks.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/hooks.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return refuses_unproven(ctx, function.body, lambda node: ctx.qualified(node) == "flask.request")


@pytest.mark.parametrize(
    ("body", "refuses"),
    [
        pytest.param(
            "if verify_request(request.headers):\n    return handle()\nreturn 'no', 403",
            True,
            id="proven-then-refused",
        ),
        pytest.param(
            "if request.headers.get('X-Token') == SECRET:\n    save()\n    return 'ok'\nabort(403)",
            True,
            id="proven-by-comparison-then-aborted",
        ),
        pytest.param(
            "if not DATA:\n    return 'empty', 400\n"
            "if not verify_request(request.headers):\n    return 'no', 403\nsave()",
            True,
            id="bare-refusal-before-the-check",
        ),
        pytest.param(
            "if request.args.get('ping'):\n    return handle()\n"
            "if not verify_request(request.headers):\n    return 'no', 403\nsave()",
            False,
            id="work-done-before-the-check",
        ),
        pytest.param(
            "if not DATA:\n    save()\n    return 'saved'\n"
            "if not verify_request(request.headers):\n    return 'no', 403",
            False,
            id="early-branch-that-writes",
        ),
        pytest.param(
            "if verify_request(request.headers):\n    return handle()\nelse:\n    log()\n"
            "return handle()",
            False,
            id="proven-with-else",
        ),
        pytest.param(
            "if verify_request(request.headers):\n    save()\nreturn handle()",
            False,
            id="proven-then-going-on-anyway",
        ),
        pytest.param(
            "if TOKEN and verify_request(request.headers):\n    return handle()\nreturn 'no', 403",
            True,
            id="proven-among-other-conditions",
        ),
        pytest.param(
            "if TOKEN or verify_request(request.headers):\n    return handle()\nreturn 'no', 403",
            False,
            id="proof-optional",
        ),
        pytest.param(
            "event = stripe.Webhook.construct_event(request.data, SIG, KEY)\nsave(event)",
            True,
            id="raising-signature-check",
        ),
        pytest.param(
            "event = None\ntry:\n    event = stripe.Webhook.construct_event(request.data, SIG, KEY)\n"
            "    save(event)\nexcept ValueError:\n    return 'no', 400",
            True,
            id="raising-check-first-in-try",
        ),
        pytest.param(
            "try:\n    event = stripe.Webhook.construct_event(request.data, SIG, KEY)\n"
            "except ValueError:\n    event = request.get_json()\nsave(event)",
            False,
            id="raising-check-caught-and-ignored",
        ),
        pytest.param(
            "if settings.TESTING:\n    event = request.get_json()\nelse:\n"
            "    event = stripe.Webhook.construct_event(request.data, SIG, KEY)\nsave(event)",
            True,
            id="check-skipped-in-test-mode",
        ),
        pytest.param(
            "if not app.testing:\n    event = request.get_json()\nelse:\n"
            "    event = stripe.Webhook.construct_event(request.data, SIG, KEY)\nsave(event)",
            False,
            id="check-made-in-test-mode-only",
        ),
        pytest.param(
            "event = stripe.Webhook.construct_event(PAYLOAD, SIG, KEY)\nsave(event)",
            False,
            id="raising-check-of-nothing-sent",
        ),
        pytest.param(
            "incr_if_enabled('hook')\nurl = request.url\nvalidator = make_validator()\n"
            "params = {}\nfor key in sorted(request.form):\n    params[key] = request.form.get(key)\n"
            "if not validator.validate(url, params, request.headers['X-Sig']):\n    abort(403)\n"
            "save()",
            True,
            id="metric-url-validator-and-sorted-copy-before-the-check",
        ),
        pytest.param(
            "incr_if_enabled(request.form['id'])\n"
            "if not verify_request(request.headers):\n    abort(403)\nsave()",
            False,
            id="counting-what-was-sent-before-the-check",
        ),
        pytest.param(
            "for key in sorted(request.form):\n    save(key)\n"
            "if not verify_request(request.headers):\n    abort(403)",
            False,
            id="loop-that-writes-before-the-check",
        ),
        pytest.param(
            "validator = make_validator(DATA)\n"
            "if not verify_request(request.headers):\n    abort(403)\nsave()",
            False,
            id="call-given-arguments-before-the-check",
        ),
        pytest.param(
            "failed = Response('failed', status=400)\n"
            "if not CONFIGURED:\n    failed.status_code = 500\n    return failed\n"
            "if request.headers.get('X-Token') != SECRET:\n    failed.status_code = 401\n"
            "    return failed\nsave()",
            True,
            id="status-set-on-the-answer-before-returning-it",
        ),
        pytest.param(
            "failed = Response('failed', status=400)\n"
            "if not CONFIGURED:\n    failed.headers = dict(request.headers)\n    return failed\n"
            "if request.headers.get('X-Token') != SECRET:\n    return failed\nsave()",
            False,
            id="answer-changed-otherwise-before-the-check",
        ),
        pytest.param(
            "token = request.headers.get('Authorization')\nif not token:\n    abort(401)\n"
            "if token not in settings.API_TOKENS:\n    abort(403)\nsave()",
            True,
            id="sent-token-among-none-of-the-settings-secrets",
        ),
        pytest.param(
            "kind = request.headers.get('X-Kind')\n"
            "if kind not in settings.ALLOWED_KINDS:\n    abort(400)\nsave()",
            False,
            id="sent-value-among-none-of-a-settings-list-of-no-secrets",
        ),
        pytest.param(
            "token = request.headers.get('Authorization')\n"
            "if token not in ('a', 'b'):\n    abort(400)\nsave()",
            False,
            id="sent-value-among-none-of-written-out-values",
        ),
        pytest.param(
            "data = request.form.to_dict()\nsuccess = verify_order(data)\n"
            "if success:\n    save()\n    return 'SUCCESS'\nreturn 'ERROR'",
            True,
            id="verified-answer-kept-then-refused",
        ),
        pytest.param(
            "data = request.form.to_dict()\nsuccess = record_order(data)\n"
            "if success:\n    save()\n    return 'SUCCESS'\nreturn 'ERROR'",
            False,
            id="unverified-answer-kept",
        ),
        pytest.param(
            "try:\n    member = get_member(member_id)\nexcept LookupError:\n    abort(404)\n"
            "try:\n    check_signature(request.form['sig'])\nexcept ValueError:\n    abort(403)\n",
            True,
            id="row-got-then-signature-checked",
        ),
        pytest.param(
            "sent = request.form['id']\n"
            "try:\n    check_member_exists(sent)\nexcept LookupError:\n    abort(400)\n",
            False,
            id="existence-checked",
        ),
    ],
)
def test_refuses_unproven(body: str, refuses: bool) -> None:
    assert _refuses(body) is refuses


def _refuses_parameter(body: str) -> bool:
    """As `_refuses`, with the query string (`request.args`) a parameter anyone may put
    in a link, matched only against a secret of the settings."""
    source = (
        IMPORTS
        + "from hmac import compare_digest\nfrom django.conf import settings\n"
        + "def view():\n"
        + textwrap.indent(textwrap.dedent(body), "    ")
    )
    parsed = parse_source(source, "app/hooks.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/hooks.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)

    def parameter(node: ast.expr) -> bool:
        return isinstance(node, ast.Attribute) and ast.unparse(node) == "request.args"

    return refuses_unproven(ctx, function.body, lambda node: False, parameter=parameter)


@pytest.mark.parametrize(
    ("body", "refuses"),
    [
        pytest.param(
            "if not compare_digest(request.args.get('key', ''), settings.HOOK_KEY):\n"
            "    raise PermissionError\nsave()",
            True,
            id="constant-time-compare-with-any-setting",
        ),
        pytest.param(
            "if request.args.get('token') != settings.HOOK_TOKEN:\n    abort(403)\nsave()",
            True,
            id="unequal-to-secret-setting",
        ),
        pytest.param(
            "if request.args.get('bucket') != settings.UPLOAD_BUCKET:\n    abort(403)\nsave()",
            False,
            id="unequal-to-setting-no-secret",
        ),
        pytest.param(
            "if not compare_digest(request.args.get('key', ''), request.args.get('b', '')):\n"
            "    abort(403)\nsave()",
            False,
            id="constant-time-compare-with-what-was-sent",
        ),
    ],
)
def test_refuses_unmatched_parameter(body: str, refuses: bool) -> None:
    assert _refuses_parameter(body) is refuses
