"""The Jinja globals a project sets, and whether each holds its configuration."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model

SOURCE = """
from flask import Flask, request

import version

app = Flask(__name__)
app.jinja_env.globals["version"] = version.__version__
app.jinja_env.globals["site_name"] = "Newsroom"
app.jinja_env.globals.update(key_fpr=app.config["KEY_FPR"], helper=len)
app.jinja_env.globals.update({"contact": app.config.CONTACT_EMAIL})
app.jinja_env.globals["path"] = request.path
app.jinja_env.globals["lang"] = app.config.default_language
app.jinja_env.globals["site_name"] = load_name()
"""


def test_config_globals(tmp_path: Path) -> None:
    model = template_model(tmp_path, {"app.py": SOURCE, "templates/page.html": "{{ x }}\n"})
    assert model.config_globals == {
        "version": True,  # a module's dunder attribute
        "site_name": False,  # once a literal, once a call's result
        "key_fpr": True,  # an item of the app's config
        "helper": False,  # a function
        "contact": True,  # an upper-case attribute of a config object
        "path": False,  # the request's own
        "lang": False,  # a lower-case attribute may be anything
        "config": True,  # Flask's own global: the app's config
    }
