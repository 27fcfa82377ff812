"""Which calls of a Flask app's views may act with the user's cookie authority."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model
from webwarden.model.flask.cookie_authority import names_identity

_APP = """
from flask import Flask, request
from flask_login import login_user

import helpers
import models

app = Flask(__name__)


@app.post("/go")
def go():
    {call}
    return "ok"
"""


@pytest.mark.parametrize(
    ("call", "acts"),
    [
        pytest.param("models.Plain.create()", False, id="class-of-module-without-identity"),
        pytest.param("models.Stamped.create()", True, id="class-of-module-with-current-user"),
        pytest.param("helpers.record(1)", False, id="helper-storing-what-it-is-given"),
        pytest.param("helpers.record_for_user(1)", True, id="helper-reading-session"),
        pytest.param("helpers.outer(1)", True, id="helper-calling-one-reading-session"),
        pytest.param("login_user(None)", True, id="login-library"),
        pytest.param("app.logger.info('x')", False, id="flask-app-object"),
        pytest.param("helpers.copied.parse_args()", False, id="copy-of-a-namespace-parser"),
        pytest.param("helpers.ledger.parse_args()", True, id="method-of-a-project-object"),
    ],
)
def test_authority_calls(tmp_path: Path, call: str, acts: bool) -> None:
    (tmp_path / "app.py").write_text(_APP.format(call=call))
    (tmp_path / "models.py").write_text(
        textwrap.dedent(
            """
            from flask_login import current_user


            class Plain:
                pass
            """
        )
        if "Stamped" in call
        else "class Plain:\n    pass\n"
    )
    (tmp_path / "helpers.py").write_text(
        textwrap.dedent(
            """
            from flask import session
            from flask_restx import Namespace

            from ledgers import Ledger

            SEEN = []
            ns = Namespace("pages")
            parser = ns.parser()
            copied = parser.copy()
            ledger = Ledger()


            def record(page):
                SEEN.append(page)


            def record_for_user(page):
                SEEN.append((session["user_id"], page))


            def outer(page):
                record_for_user(page)
            """
        )
    )
    (tmp_path / "ledgers.py").write_text("class Ledger:\n    pass\n")
    (app,) = flask_model(tmp_path).apps
    assert bool(app.authority_calls) is acts


@pytest.mark.parametrize(
    ("ref", "named"),
    [
        pytest.param("flask.session.get", True, id="session"),
        pytest.param("flask.g", True, id="g"),
        pytest.param("flask_login.utils.login_user", True, id="flask-login"),
        pytest.param("flask.globals.request", False, id="request"),
        pytest.param("flask_sessionx.store", False, id="like-named-package"),
        pytest.param("flask_jwt_extended.create_access_token", False, id="jwt-token-builder"),
        pytest.param("flask_jwt_extended.set_access_cookies", True, id="jwt-cookie-setter"),
    ],
)
def test_names_identity(ref: str, named: bool) -> None:
    assert names_identity(ref) is named
