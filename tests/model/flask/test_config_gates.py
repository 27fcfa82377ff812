"""Which decorators only ask the app's config whether a feature is on."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.flask.config_gates import config_gate
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver

_HEADER = """
from functools import wraps
import flask
import flask_login
from flask import current_app, flash, redirect, url_for
"""


def _gate(source: str) -> bool:
    text = _HEADER + textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext("app.py", "app", tuple(text.splitlines()), tree, NameResolver(tree, "app"))
    decorator = next(s for s in tree.body if isinstance(s, ast.FunctionDef))
    return config_gate(ctx, decorator)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            def federated_login_route(f):
                @wraps(f)
                def decorated(*args, **kwargs):
                    if current_app.config["ENABLE_FEDERATED_LOGIN"]:
                        return f(*args, **kwargs)
                    flash("Federated login is disabled.", "error")
                    return redirect(url_for("index"))
                return decorated
            """,
            True,
            id="config-switch",
        ),
        pytest.param(
            """
            def feature_required(f):
                def decorated(*args, **kwargs):
                    if not flask.current_app.config.get("ENABLE_UPLOADS"):
                        return flask.abort(404)
                    return f(*args, **kwargs)
                return decorated
            """,
            True,
            id="config-get-abort",
        ),
        pytest.param(
            """
            def login_required_saml(f):
                @wraps(f)
                def decorated(*args, **kwargs):
                    if flask_login.current_user.is_authenticated:
                        return f(*args, **kwargs)
                    flask.session["SAMLRequest"] = flask.request.args.get("SAMLRequest")
                    return flask.current_app.login_manager.unauthorized()
                return decorated
            """,
            False,
            id="login-check",
        ),
        pytest.param(
            """
            def beta_route(f):
                def decorated(*args, **kwargs):
                    if current_app.config["BETA"] and flask.session.get("beta"):
                        return f(*args, **kwargs)
                    return redirect("/")
                return decorated
            """,
            False,
            id="reads-the-session",
        ),
        pytest.param(
            """
            def logged(f):
                def decorated(*args, **kwargs):
                    if current_app.config["AUDIT"]:
                        record(f.__name__)
                    return f(*args, **kwargs)
                return decorated
            """,
            False,
            id="calls-another-function",
        ),
        pytest.param(
            """
            def plain(f):
                def decorated(*args, **kwargs):
                    return f(*args, **kwargs)
                return decorated
            """,
            False,
            id="no-config-test",
        ),
    ],
)
def test_config_gate(source: str, expected: bool) -> None:
    assert _gate(source) is expected
