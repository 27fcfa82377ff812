"""Request hooks registered by a call with another module's function."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.model.flask.model_helpers import flask_model

_AUTH = """
from flask import abort, request


def requires_token():
    if request.path.startswith("/health"):
        return None
    if request.headers.get("Authorization") != "Bearer x":
        abort(403)
"""


def _hooks(tmp_path: Path, app_source: str) -> list[tuple[str | None, str, tuple[str, ...]]]:
    (tmp_path / "auth.py").write_text(textwrap.dedent(_AUTH))
    (tmp_path / "app.py").write_text(textwrap.dedent(app_source))
    (app,) = flask_model(tmp_path).apps
    return [(scope, hook.function, hook.passes) for scope, hook, _ in app.hooks]


def test_imported_function_brings_its_body_and_passes(tmp_path: Path) -> None:
    hooks = _hooks(
        tmp_path,
        """
        from functools import partial

        from flask import Flask

        from auth import requires_token

        app = Flask(__name__)
        app.before_request(requires_token)
        app.before_request(partial(requires_token))
        check = partial(requires_token)
        app.before_request(check)
        """,
    )
    assert hooks == [(None, "auth.requires_token", ("/health",))] * 3


def test_function_of_an_imported_module_brings_its_body(tmp_path: Path) -> None:
    hooks = _hooks(
        tmp_path,
        """
        import auth
        from flask import Flask

        app = Flask(__name__)
        app.before_request(auth.requires_token)
        """,
    )
    assert hooks == [(None, "auth.requires_token", ("/health",))]


def test_library_function_is_no_hook(tmp_path: Path) -> None:
    hooks = _hooks(
        tmp_path,
        """
        from flask import Flask

        import some_library
        from some_library import check

        app = Flask(__name__)
        app.before_request(check)
        app.before_request(some_library.checks.check)
        """,
    )
    assert hooks == []


def _hook_body(tmp_path: Path, hook_source: str):
    (tmp_path / "app.py").write_text(
        "from flask import Flask, jsonify, redirect, request, session\n\n"
        "app = Flask(__name__)\n\n\n@app.before_request\n" + textwrap.dedent(hook_source)
    )
    (app,) = flask_model(tmp_path).apps
    ((_, hook, _),) = app.hooks
    return hook.body


def test_hook_returning_a_response_is_recorded(tmp_path: Path) -> None:
    body = _hook_body(
        tmp_path,
        """
        def csrf_protect():
            if session.get("_csrf") != request.form.get("_csrf"):
                return jsonify(error="bad token")
        """,
    )
    assert body.returns_value


def test_hook_returning_nothing_returns_no_value(tmp_path: Path) -> None:
    body = _hook_body(
        tmp_path,
        """
        def csrf_setup():
            if request.endpoint == "static":
                return
            session.setdefault("_csrf", "x")
            return None
        """,
    )
    assert not body.returns_value


def test_request_headers_read_by_constant_name(tmp_path: Path) -> None:
    body = _hook_body(
        tmp_path,
        """
        def force_https():
            name = "X-Original-URI"
            if request.headers.get("X-Forwarded-Proto") == "http":
                return redirect("https://" + request.headers["Host"] + request.headers[name])
        """,
    )
    assert body.request_headers == {"x-forwarded-proto", "host", "x-original-uri"}


def test_after_request_hook_sets_the_headers_its_helpers_set(tmp_path: Path) -> None:
    # The helper of another module is handed the response and sets the header on it; a
    # `before_request` hook calling it sets nothing on the response the view makes.
    (tmp_path / "headers.py").write_text(
        "from flask import request\n\n"
        "def add_headers(response):\n"
        '    response.headers["X-Frame-Options"] = "DENY"\n',
        encoding="utf-8",
    )
    (tmp_path / "app.py").write_text(
        textwrap.dedent(
            """
            from flask import Flask
            from headers import add_headers
            app = Flask(__name__)

            @app.after_request
            def after(response):
                add_headers(response)
                return response

            @app.before_request
            def before():
                add_headers(None)
            """
        ),
        encoding="utf-8",
    )
    (app,) = flask_model(tmp_path).apps
    headers = {hook.kind: hook.body.headers_set for _, hook, _ in app.hooks}
    assert headers == {"after_request": (("x-frame-options", "DENY"),), "before_request": ()}
