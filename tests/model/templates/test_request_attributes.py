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
        "theme": True,  # tested against a constant collection, else a constant
        "lang": True,  # tested, else left by `return`
        "mode": True,  # a literal
        "banner": True,  # an upper-case attribute
        "size": False,  # the test has an `else` that binds it again
        "tenant": False,  # a call's result
        "note": False,  # once a literal, once the request's
    }
