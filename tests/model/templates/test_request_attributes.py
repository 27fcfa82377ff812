"""The attributes a project sets on the request, and whether each is a value its code wrote."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model

SOURCE = """
from django.conf import settings

THEMES = ("light", "dark")


class Theme:
    LIGHT = "light"


class Middleware:
    def __call__(self, request):
        theme = request.GET.get("theme", "").strip()
        if theme not in THEMES:
            theme = Theme.LIGHT
        request.theme = theme
        lang = request.GET.get("lang", "")
        if lang not in settings.LANGUAGES_ALLOWED:
            return None
        request.lang = lang
        request.mode = "compact"
        request.banner = settings.BANNER_HTML
        size = request.GET.get("size", "")
        if size not in THEMES:
            size = "m"
        else:
            size = request.COOKIES["size"]
        request.size = size
        request.tenant = find_tenant(request)
        request.note = "x"
        request.note = request.GET["note"]
        return self.get_response(request)
"""


def test_request_attributes(tmp_path: Path) -> None:
    model = template_model(tmp_path, {"mw.py": SOURCE, "templates/page.html": "{{ x }}\n"})
    assert model.request_attributes == {
        "request.theme": True,  # tested against a constant collection, else a constant
        "request.lang": True,  # tested, else left by `return`
        "request.mode": True,  # a literal
        "request.banner": True,  # an upper-case attribute
        "request.size": False,  # the test has an `else` that binds it again
        "request.tenant": False,  # a call's result
        "request.note": False,  # once a literal, once the request's
    }


FLASK_SOURCE = """
from flask import g, request
from flask_babel import get_locale
from flask_babelex import get_locale as babelex_locale


def before_request():
    g.locale = str(get_locale())
    g.babel_locale = babelex_locale()
    g.theme = "light"
    g.query = request.args.get("q")
    g.lang = str(request.args.get("lang"))
"""


def test_flask_g_attributes(tmp_path: Path) -> None:
    model = template_model(tmp_path, {"app.py": FLASK_SOURCE, "templates/page.html": "{{ x }}\n"})
    assert model.request_attributes == {
        "g.locale": True,  # Flask-Babel's locale, made text
        "g.babel_locale": True,  # Flask-BabelEx's
        "g.theme": True,  # a literal
        "g.query": False,  # the request's
        "g.lang": False,  # the request's, made text
    }


def test_a_local_g_is_not_flasks(tmp_path: Path) -> None:
    source = "def hook(g):\n    g.locale = 'en'\n"
    model = template_model(tmp_path, {"app.py": source, "templates/page.html": "{{ x }}\n"})
    assert model.request_attributes == {}
