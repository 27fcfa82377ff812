"""Whether a Flask project may know its user by a cookie."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model


@pytest.mark.parametrize(
    ("body", "keeps"),
    [
        pytest.param("", False, id="token-api"),
        pytest.param("from flask import session\n", True, id="flask-session"),
        pytest.param("from flask_login import LoginManager\n", True, id="flask-login"),
        pytest.param(
            "from authlib.integrations.flask_client import OAuth\n", True, id="oauth-client"
        ),
        pytest.param(
            """
            @app.route("/prefs")
            def prefs():
                return request.cookies.get("theme", "")
            """,
            True,
            id="cookie-read",
        ),
        pytest.param(
            """
            @app.route("/remember")
            def remember():
                response = make_response("ok")
                response.set_cookie("seen", "1")
                return response
            """,
            True,
            id="cookie-set",
        ),
    ],
)
def test_keeps_login_in_cookie(tmp_path: Path, body: str, keeps: bool) -> None:
    source = "from flask import Flask, make_response, request\n\napp = Flask(__name__)\n"
    (tmp_path / "app.py").write_text(source + textwrap.dedent(body))
    (app,) = flask_model(tmp_path).apps
    assert app.keeps_login_in_cookie is keeps
