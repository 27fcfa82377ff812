"""Which Flask views refuse a POST without the CSRF token before they run."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model
from webwarden.model.flask.forged_posts import forge_proof_views

_VIEW = """
@app.post("/save")
def save():
    return request.form["body"]
"""


@pytest.mark.parametrize(
    ("setup", "refused"),
    [
        pytest.param("csrf = CSRFProtect(app)\n", True, id="csrfprotect"),
        pytest.param(
            'csrf = CSRFProtect(app)\napp.config["WTF_CSRF_ENABLED"] = False\n',
            False,
            id="check-turned-off",
        ),
        pytest.param(
            'csrf = CSRFProtect(app)\napp.config["WTF_CSRF_CHECK_DEFAULT"] = False\n',
            False,
            id="check-not-default",
        ),
        pytest.param(
            """
            @app.before_request
            def csrf_protect():
                if request.method == "POST" and session["token"] != request.form.get("token"):
                    abort(403)
            """,
            True,
            id="project-hook",
        ),
        pytest.param("", False, id="no-check"),
    ],
)
def test_forge_proof_views(tmp_path: Path, setup: str, refused: bool) -> None:
    source = (
        "from flask import Flask, abort, request, session\n"
        "from flask_wtf.csrf import CSRFProtect\n\n"
        "app = Flask(__name__)\n" + textwrap.dedent(setup) + _VIEW
    )
    (tmp_path / "app.py").write_text(source)
    assert ("app.save" in forge_proof_views(flask_model(tmp_path))) is refused


def test_exempt_view_is_not_refused(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        "from flask import Flask, request\n"
        "from flask_wtf.csrf import CSRFProtect\n\n"
        "app = Flask(__name__)\ncsrf = CSRFProtect(app)\n\n\n"
        '@app.post("/hook")\n@csrf.exempt\ndef hook():\n    return request.form["body"]\n'
    )
    assert "app.hook" not in forge_proof_views(flask_model(tmp_path))
