"""Whether a view turns away first every request proving no credential of its caller."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.caller_checks import verifies_caller
from webwarden.parse.python import ParsedPython, parse_source

IMPORTS = "import hmac\nimport jwt\nfrom flask import abort, request\n"


def _verifies(body: str) -> bool:
    source = IMPORTS + "def view():\n" + textwrap.indent(textwrap.dedent(body), "    ")
    parsed = parse_source(source, "app/hooks.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/hooks.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return verifies_caller(ctx, function)


@pytest.mark.parametrize(
    ("body", "verifies"),
    [
        pytest.param(
            'if request.headers.get("X-Token") != SECRET:\n    return "no", 200\nsave()',
            True,
            id="header-against-secret",
        ),
        pytest.param(
            'sent = request.headers["X-Token"]\nif SECRET != sent:\n    abort(403)\nsave()',
            True,
            id="local-header-reversed",
        ),
        pytest.param(
            'log.debug("hook")\nif not verify_incoming_request(request.form):\n'
            '    return "KO", 400\nsave()',
            True,
            id="signature-check-after-logging",
        ),
        pytest.param(
            'if not hmac.compare_digest(request.headers["X-Sig"], sign(request.data)):\n'
            "    raise PermissionError\nsave()",
            True,
            id="compare-digest",
        ),
        pytest.param(
            'try:\n    jwt.decode(request.headers["X-Jwt"], key=KEY, algorithms=["HS256"])\n'
            'except jwt.InvalidTokenError:\n    return "no", 400\nsave()',
            True,
            id="signed-token",
        ),
        pytest.param(
            'statsd.incr("sms.event")\nsignature = request.headers.get("X-Twilio-Signature")\n'
            'if not signature:\n    statsd.incr("sms.rejected")\n    return "no", 422\n'
            'validator = RequestValidator(app.config["SMS_TOKEN"])\n'
            "if not validator.validate(request.url, request.form, signature):\n"
            '    return "bad", 422\nsave()',
            True,
            id="twilio-presence-then-signature",
        ),
        pytest.param(
            "for header in SNS_HEADERS:\n    if not request.headers.get(header):\n"
            '        return "no", 422\nmessage = request.get_json(force=True, silent=True)\n'
            'if not message:\n    return "no", 422\ntry:\n    validator.topics = TOPICS\n'
            '    validator.check(message)\nexcept SnsValidatorError:\n    return "bad", 422\n'
            "save(message)",
            True,
            id="sns-headers-then-message-check",
        ),
        pytest.param(
            'try:\n    data = request.get_json()["data"]\nexcept Exception:\n'
            "    return ApiError(Missing().message, 422, HEADERS).respond()\n"
            'token = data["token"]\ntry:\n    jwt.decode(token, KEY)\nexcept Exception:\n'
            '    return ApiError(Invalid().message, "422").respond()\nsave()',
            True,
            id="body-read-refused-by-error-object-then-signed-token",
        ),
        pytest.param(
            'try:\n    data = request.get_json()["data"]\nexcept Exception:\n'
            '    return render_template("missing.html"), 400\n'
            'token = data["token"]\ntry:\n    jwt.decode(token, KEY)\nexcept Exception:\n'
            "    abort(403)\nsave()",
            True,
            id="body-read-refused-by-page-with-status-then-signed-token",
        ),
        pytest.param(
            'try:\n    data = request.get_json()["data"]\nexcept Exception:\n'
            "    return ApiError(Missing().message, 200).respond()\n"
            'token = data["token"]\ntry:\n    jwt.decode(token, KEY)\nexcept Exception:\n'
            "    abort(403)\nsave()",
            False,
            id="body-read-answered-by-error-object-without-client-error",
        ),
        pytest.param(
            'try:\n    data = request.get_json()["data"]\nexcept Exception:\n'
            "    return handle(Missing(), 422)\n"
            'token = data["token"]\ntry:\n    jwt.decode(token, KEY)\nexcept Exception:\n'
            "    abort(403)\nsave()",
            False,
            id="body-read-handed-on-with-a-status",
        ),
        pytest.param(
            'try:\n    jwt.decode(request.headers["X-Jwt"], KEY)\n    return save()\n'
            "except Exception as e:\n    print(e)",
            True,
            id="signed-token-last-with-handler-only-logging",
        ),
        pytest.param(
            'try:\n    jwt.decode(request.headers["X-Jwt"], KEY)\n'
            "except Exception as e:\n    print(e)\nsave()",
            False,
            id="signed-token-failure-only-logged-then-write",
        ),
        pytest.param(
            'sent = request.headers.get("X-Token")\nif sent == SECRET or sent == OLD_SECRET:\n'
            '    return save()\nlog.warning("bad token")\nreturn "no", 401',
            True,
            id="either-secret-then-refused",
        ),
        pytest.param(
            'sent = request.headers.get("X-Token")\nif sent == SECRET or request.args.get("debug"):\n'
            '    return save()\nlog.warning("bad token")\nreturn "no", 401',
            False,
            id="secret-or-debug-parameter-then-refused",
        ),
        pytest.param(
            'if request.headers.get("X-Kind") != "sms":\n    return "ignored"\nsave()',
            False,
            id="header-against-constant",
        ),
        pytest.param(
            'query = db.session.query(Query).filter(Query.id == request.form["id"]).one()\n'
            'if query.user_id != get_user().id:\n    return "denied", 403\nsave()',
            False,
            id="owner-of-record-sent-against-signed-in-user",
        ),
        pytest.param(
            'try:\n    job = Job.query.filter_by(id=request.form["id"]).one()\n'
            'except NoResultFound:\n    return "no", 404\n'
            "if job.owner_id != current_user.id:\n    abort(403)\nsave()",
            False,
            id="owner-of-record-read-in-try",
        ),
        pytest.param(
            'if not verify_incoming_request(PAYLOAD):\n    return "KO", 400\nsave()',
            False,
            id="check-of-no-request-data",
        ),
        pytest.param(
            'save()\nif not verify_incoming_request(request.form):\n    return "KO"',
            False,
            id="check-after-a-write",
        ),
        pytest.param(
            'if request.headers.get("X-Token") != SECRET:\n    log.warning("bad")\nsave()',
            False,
            id="failure-only-logged",
        ),
        pytest.param(
            'signature = request.headers.get("X-Sig")\nif not signature:\n'
            '    return "no", 422\nsave()',
            False,
            id="presence-only",
        ),
        pytest.param(
            'if not request.form.get("to"):\n    save_attempt()\n    return "no", 422\n'
            'if not verify_incoming_request(request.form):\n    return "KO", 400\nsave()',
            False,
            id="refusal-that-writes-first",
        ),
        pytest.param(
            "record = make_record(PAYLOAD)\nif not verify_incoming_request(request.form):\n"
            '    return "KO", 400\nsave()',
            False,
            id="set-up-by-a-function-call",
        ),
        pytest.param(
            "message = request.get_json()\ntry:\n    validator.check(message)\n"
            'except SnsValidatorError:\n    log.warning("bad")\nsave(message)',
            False,
            id="check-failure-only-logged",
        ),
        pytest.param(
            "message = request.get_json()\ntry:\n    validator.check(message)\n"
            '    save(message)\nexcept SnsValidatorError:\n    return "bad", 422',
            False,
            id="check-then-write-in-try",
        ),
        pytest.param(
            'try:\n    jwt.decode(request.headers["X-Jwt"], options=OPTIONS)\n'
            'except jwt.InvalidTokenError:\n    return "no", 400\nsave()',
            False,
            id="token-decoded-without-key",
        ),
        pytest.param(
            'try:\n    jwt.decode(request.headers["X-Jwt"], KEY, options={"verify_signature": False})\n'
            'except jwt.InvalidTokenError:\n    return "no", 400\nsave()',
            False,
            id="token-signature-unchecked",
        ),
        pytest.param(
            'signature = request.headers.get("X-Sig")\nif hasattr(request, "get_data"):\n'
            "    payload = request.get_data()\nelse:\n    payload = request.data\n"
            "if not check_signature(signature, KEY, payload):\n    abort(400)\nsave()",
            True,
            id="payload-read-by-framework-version",
        ),
        pytest.param(
            'signature = request.headers.get("X-Sig")\nif hasattr(request, "get_data"):\n'
            "    payload = request.get_data()\nelse:\n    payload = request.data\n"
            "save(payload)",
            False,
            id="payload-read-by-framework-version-unchecked",
        ),
    ],
)
def test_verifies_caller(body: str, verifies: bool) -> None:
    assert _verifies(body) is verifies


HELPERS = """
class Invalid(Exception):
    pass


def verify_token():
    if not hmac.compare_digest(request.headers.get("X-Token", ""), SECRET):
        raise Invalid


def verify_quietly():
    if request.headers.get("X-Token") != SECRET:
        return False
    return True


def check_secret():
    token = request.json.get("token")
    if not token:
        raise Invalid("no token")
    if token == SECRET or (OLD_SECRET and token == OLD_SECRET):
        return
    msg = "bad secret"
    log.warning(msg)
    raise Invalid(msg)


def check_secret_or_debug():
    token = request.json.get("token")
    if token == SECRET or DEBUG:
        return
    raise Invalid("bad secret")


class Hook:
    @staticmethod
    def validate_signature():
        if "X-Sig" not in request.headers:
            if config.validate_webhooks:
                raise Invalid("no signature")
            return
        if not hmac.compare_digest(request.headers["X-Sig"], sign(request.get_data())):
            raise Invalid("bad signature")

    def check_skippable(self):
        if "X-Sig" not in request.headers:
            return
        if not hmac.compare_digest(request.headers["X-Sig"], SECRET):
            raise Invalid("bad signature")

    def validate_payload(self):
        if not request.json:
            raise Invalid("empty")

    def post(self):
"""


def _helper_verifies(body: str) -> bool:
    source = IMPORTS + HELPERS + textwrap.indent(textwrap.dedent(body), " " * 8)
    parsed = parse_source(source, "app/hooks.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/hooks.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    owner = ctx.tree.body[-1]
    assert isinstance(owner, ast.ClassDef)
    view = owner.body[-1]
    assert isinstance(view, ast.FunctionDef)
    # NOTE: `post` is the class's only handler: the class verifies when it does.
    assert verifies_caller(ctx, owner) is verifies_caller(ctx, view)
    return verifies_caller(ctx, view)


@pytest.mark.parametrize(
    ("body", "verifies"),
    [
        pytest.param(
            'event = request.json\nif not event:\n    calls.labels(result="empty").inc()\n'
            '    return "no data", 400\ntry:\n    self.validate_signature()\n'
            "except Invalid as exc:\n    return str(exc), 400\nsave(event)",
            True,
            id="method-reading-request-raises-unless-signed",
        ),
        pytest.param(
            "verify_token()\nsave(request.json)",
            True,
            id="module-function-raises-unless-token",
        ),
        pytest.param(
            'try:\n    check_secret()\nexcept Invalid:\n    return "bad", 400\nsave(request.json)',
            True,
            id="module-function-returns-early-only-for-a-secret",
        ),
        pytest.param(
            'try:\n    check_secret_or_debug()\nexcept Invalid:\n    return "bad", 400\n'
            "save(request.json)",
            False,
            id="module-function-returns-early-for-a-flag-too",
        ),
        pytest.param(
            "verify_quietly()\nsave(request.json)",
            False,
            id="module-function-returns-false-ignored",
        ),
        pytest.param(
            'try:\n    self.check_skippable()\nexcept Invalid:\n    return "bad", 400\n'
            "save(request.json)",
            False,
            id="method-passing-requests-without-header",
        ),
        pytest.param(
            'try:\n    self.validate_payload()\nexcept Invalid:\n    return "bad", 400\n'
            "save(request.json)",
            False,
            id="method-checking-no-credential",
        ),
        pytest.param(
            "try:\n    self.validate_signature()\nexcept Invalid as exc:\n    log.info(exc)\n"
            "save(request.json)",
            False,
            id="failure-only-logged",
        ),
    ],
)
def test_verifies_caller_through_helper(body: str, verifies: bool) -> None:
    assert _helper_verifies(body) is verifies
