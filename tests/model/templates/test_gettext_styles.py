"""How a project installs Jinja's i18n gettext, and which templates call it newstyle."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

TEMPLATE = "{{ _('Hi {n}').format(n=name)|safe }}\n"
HEAD = "from flask import Flask, render_template\nimport flask_babel\napp = Flask(__name__)\n"


@pytest.mark.parametrize(
    ("setup", "newstyle"),
    [
        pytest.param("flask_babel.Babel(app)", True, id="flask-babel"),
        pytest.param("b = flask_babel.Babel()\nb.init_app(app)", True, id="init-app"),
        pytest.param(
            "from flask_babelplus import Babel\nBabel().init_app(app)", True, id="flask-babelplus"
        ),
        pytest.param("flask_babel.Babel(app, configure_jinja=False)", False, id="not-jinja"),
        pytest.param(
            "app.jinja_env.install_gettext_callables(f, g, True)", True, id="positional-newstyle"
        ),
        pytest.param(
            "app.jinja_env.install_gettext_translations(t, newstyle=True)", True, id="translations"
        ),
        pytest.param("app.jinja_env.install_gettext_callables(f, g)", False, id="jinja-default"),
        pytest.param(
            "flask_babel.Babel(app)\napp.jinja_env.install_gettext_callables(f, g)",
            True,
            id="style-kept",
        ),
        pytest.param(
            "flask_babel.Babel(app)\napp.jinja_env.install_gettext_callables(f, g, newstyle=False)",
            False,
            id="turned-off",
        ),
        pytest.param(
            "flask_babel.Babel(app)\n"
            "class Env(Environment):\n"
            "    def set_language(self, t):\n"
            "        self.install_gettext_translations(t)\n",
            False,
            id="plain-environment-of-unknown-reach",
        ),
        pytest.param(
            "flask_babel.Babel(app)\n"
            "def mail(items):\n"
            "    env = Environment(autoescape=True, extensions=['jinja2.ext.i18n'])\n"
            "    env.install_gettext_callables(f, g)\n"
            "    return env.get_template('mail.txt').render(items=items)\n",
            True,
            id="plain-environment-used-in-place",
        ),
        pytest.param(
            "flask_babel.Babel(app)\n"
            "def make_env():\n"
            "    env = Environment()\n"
            "    env.install_gettext_callables(f, g)\n"
            "    return env\n",
            False,
            id="plain-environment-returned",
        ),
        pytest.param("flask_babel.Babel(app)\napp.jinja_env.globals['_'] = str", False, id="own-_"),
        pytest.param(
            "flask_babel.Babel(app)\napp.jinja_env.globals.update(gettext=flask_babel.gettext)",
            False,
            id="own-gettext-behind-_",
        ),
        pytest.param("pass", False, id="none"),
    ],
)
def test_newstyle_gettext(tmp_path: Path, setup: str, newstyle: bool) -> None:
    files = {"app.py": f"{HEAD}{setup}\n", "templates/index.html": TEMPLATE}
    model = template_model(tmp_path, files)
    assert model.newstyle_gettext("templates/index.html", ["_"]) is newstyle


def test_own_name_only_for_that_name(tmp_path: Path) -> None:
    setup = "flask_babel.Babel(app)\napp.jinja_env.globals['_'] = str\n"
    model = template_model(tmp_path, {"app.py": HEAD + setup, "templates/index.html": TEMPLATE})
    assert model.newstyle_gettext("templates/index.html", ["gettext", "ngettext"])


def test_template_a_hand_made_environment_renders(tmp_path: Path) -> None:
    setup = (
        "flask_babel.Babel(app)\n"
        "def report(rows):\n"
        "    env = Environment(loader=FileSystemLoader('templates'), autoescape=True)\n"
        "    return env.get_template('report.html').render(rows=rows)\n"
    )
    files = {"app.py": HEAD + setup, "templates/report.html": TEMPLATE}
    model = template_model(tmp_path, files)
    assert not model.newstyle_gettext("templates/report.html", ["_"])


@pytest.mark.parametrize(
    ("options", "newstyle"),
    [
        pytest.param('{"match_extension": ".jinja"}', True, id="default"),
        pytest.param('{"newstyle_gettext": True}', True, id="on"),
        pytest.param('{"newstyle_gettext": False}', False, id="off"),
        pytest.param("OPTIONS", False, id="untold"),
    ],
)
def test_django_jinja(tmp_path: Path, options: str, newstyle: bool) -> None:
    settings = (
        "OPTIONS = {}\n"
        'TEMPLATES = [{"BACKEND": "django_jinja.backend.Jinja2", "APP_DIRS": True,'
        f' "OPTIONS": {options}}}]\n'
    )
    files = {"shop/settings.py": settings, "shop/jinja2/index.jinja": TEMPLATE}
    model = template_model(tmp_path, files)
    assert model.newstyle_gettext("shop/jinja2/index.jinja", ["_"]) is newstyle
