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


def test_library_function_is_no_hook(tmp_path: Path) -> None:
    hooks = _hooks(
        tmp_path,
        """
        from flask import Flask

        from some_library import check

        app = Flask(__name__)
        app.before_request(check)
        """,
    )
    assert hooks == []
