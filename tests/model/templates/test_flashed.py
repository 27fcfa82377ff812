"""Whether every message a project flashes is its author's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

TEMPLATE = "{% for m in get_flashed_messages() %}{{ m|safe }}{% endfor %}\n"


@pytest.mark.parametrize(
    ("source", "authored"),
    [
        pytest.param('flash("Saved.", "success")', True, id="literal"),
        pytest.param('flash(_("Saved."))', True, id="translated-literal"),
        pytest.param('flash(Markup("<b>Saved</b>") + " now")', True, id="markup-joined"),
        pytest.param('flash(_("Hi %(name)s", name=request.args["n"]))', False, id="filled-in"),
        pytest.param("flash(f\"Hi {request.args['n']}\")", False, id="f-string"),
        pytest.param("flash(message)", False, id="variable"),
        pytest.param("pass", False, id="no-flash"),
    ],
)
def test_flashes_authored(tmp_path: Path, source: str, authored: bool) -> None:
    app = (
        "from flask import Flask, flash, render_template, request\n"
        "from flask_babel import gettext as _\n"
        "from markupsafe import Markup\n"
        "app = Flask(__name__)\n"
        "message = 'x'\n"
        "@app.route('/')\n"
        "def index():\n"
        f"    {source}\n"
        "    return render_template('index.html')\n"
    )
    model = template_model(tmp_path, {"app.py": app, "templates/index.html": TEMPLATE})
    assert model.flashes_authored() is authored


def test_flashing_extension_counts(tmp_path: Path) -> None:
    app = (
        "from flask import Flask, flash, render_template\n"
        "from flask_security import Security\n"
        "app = Flask(__name__)\n"
        "@app.route('/')\n"
        "def index():\n"
        "    flash('Saved.')\n"
        "    return render_template('index.html')\n"
    )
    model = template_model(tmp_path, {"app.py": app, "templates/index.html": TEMPLATE})
    assert not model.flashes_authored()
