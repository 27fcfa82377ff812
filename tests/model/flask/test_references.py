"""How the Flask model names what a module's code reads."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.references import Namer
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = """
import json

raw = object()
decode = lambda raw: raw.decode()


def view(answer):
    return answer.parse(decoder=lambda raw, *, strict=True: json.loads(raw))


def other():
    return raw
"""


def _reads(name: str) -> list[str | None]:
    parsed = parse_source(textwrap.dedent(SOURCE), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    namer = Namer(ctx)
    return [
        namer.ref(node)
        for node in ast.walk(ctx.tree)
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)
    ]


@pytest.mark.parametrize(
    ("name", "refs"),
    [
        pytest.param(
            "raw",
            ["views.<lambda>:raw", "views.view:raw", "views.raw"],
            id="lambda-parameters-and-the-global",
        ),
        pytest.param("json", ["json"], id="import"),
    ],
)
def test_lambda_parameters_are_local(name: str, refs: list[str]) -> None:
    assert sorted(_reads(name)) == sorted(refs)


_REFUSALS = """
from flask import abort
from portal.lib import base
from portal.plugins import toolkit


def flask_abort():
    abort(403)


def wrapper_as_statement():
    base.abort(403, "Unauthorized to create a group")


def toolkit_wrapper():
    toolkit.abort(401)


def wrapper_not_found():
    base.abort(404, "No such group")
"""


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        pytest.param("flask_abort", True, id="flask-abort"),
        pytest.param("wrapper_as_statement", True, id="module-abort-403"),
        pytest.param("toolkit_wrapper", True, id="re-exported-abort-401"),
        pytest.param("wrapper_not_found", False, id="module-abort-404"),
    ],
)
def test_a_modules_own_abort_refuses_as_flasks_does(function: str, expected: bool) -> None:
    parsed = parse_source(textwrap.dedent(_REFUSALS), "portal/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("portal/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    node = next(
        n for n in ast.walk(ctx.tree) if isinstance(n, ast.FunctionDef) and n.name == function
    )
    assert Namer(ctx).body(node).denies is expected


_STATUS_SET = """
from http import HTTPStatus

from flask import jsonify, make_response


def status_code_set():
    response = make_response({"message": "Unauthorized access."})
    response.status_code = 401
    return response


def named_status_set(ok):
    response = jsonify(message="denied")
    if not ok:
        response.status_code = HTTPStatus.FORBIDDEN
    return response


def not_found_set():
    response = jsonify(message="no such peer")
    response.status_code = 404
    return response


def set_but_other_returned():
    refusal = jsonify(message="denied")
    refusal.status_code = 403
    return jsonify(message="ok")


def status_from_parameter(code):
    response = jsonify(message="done")
    response.status_code = code
    return response
"""


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        pytest.param("status_code_set", True, id="status-code-401"),
        pytest.param("named_status_set", True, id="named-403-under-a-test"),
        pytest.param("not_found_set", False, id="status-code-404"),
        pytest.param("set_but_other_returned", False, id="refusal-not-returned"),
        pytest.param("status_from_parameter", False, id="status-not-known"),
    ],
)
def test_a_returned_response_given_a_refusing_status_denies(function: str, expected: bool) -> None:
    parsed = parse_source(textwrap.dedent(_STATUS_SET), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    node = next(
        n for n in ast.walk(ctx.tree) if isinstance(n, ast.FunctionDef) and n.name == function
    )
    assert Namer(ctx).body(node).denies is expected


VIEW = """
from flask import Blueprint, abort, request
from flask_limiter import Limiter
from flask_login import current_user

bp = Blueprint("notes", __name__)
limiter = Limiter()


@bp.route("/notes", methods=["POST"])
@limiter.limit("5/minute", exempt_when=lambda: current_user.is_authenticated)
@limiter.limit("1/second", key_func=lambda: request.headers["X-Real-Ip"], error_message=abort(403))
def add_note(page=request.args.get("page")):
    return save(request.get_json())
"""


def test_body_leaves_out_the_decorators_and_defaults() -> None:
    parsed = parse_source(textwrap.dedent(VIEW), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    body = Namer(ctx).body(function)
    assert body.calls == {"views.save", "flask.request.get_json", ".get_json"}
    assert body.request_reads == {"get_json"}
    assert not body.checks_login
    assert not body.reads_user
    assert not body.denies
    assert not body.request_headers


_ACTIONS = """
import ckan.plugins.toolkit as toolkit
from flask import request


def follow(id):
    toolkit.get_action("follow_dataset")({}, {"id": id})


def asks(id):
    toolkit.check_access("group_create", {})
    return request.form["name"]


def reads(id):
    return toolkit.get_action("package_show")({}, {"id": id})


def site_user(id):
    site = toolkit.get_action("get_site_user")({"ignore_auth": True}, {})
    toolkit.get_action("package_delete")({"user": site["name"]}, {"id": id})
"""


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        pytest.param("follow", True, id="action-changing-data"),
        pytest.param("asks", True, id="check-access"),
        pytest.param("reads", False, id="read-action"),
        pytest.param("site_user", False, id="as-the-site-user"),
    ],
)
def test_ckan_actions_check_access(function: str, expected: bool) -> None:
    parsed = parse_source(textwrap.dedent(_ACTIONS), "portal/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("portal/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    node = next(
        n for n in ast.walk(ctx.tree) if isinstance(n, ast.FunctionDef) and n.name == function
    )
    assert Namer(ctx).body(node).checks_access is expected
