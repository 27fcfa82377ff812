"""The names Django's context processors add beside what a render passes."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model
from webwarden.model.templates import TemplateModel

SETTINGS = """
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"context_processors": [%s]},
    }
]
"""
VIEWS = """
from django.shortcuts import render
from django.template.response import TemplateResponse


def page(request):
    return render(request, "page.html", {"a": 1})


def later(request):
    return TemplateResponse(request, "page.html", {"a": 1})
"""
PROCESSORS = """
def site(request):
    return {"site_name": "Shop"}
"""


def _model(tmp_path: Path, processors: str, options: str | None = None) -> TemplateModel:
    settings = SETTINGS % processors if options is None else options
    return template_model(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/settings.py": settings,
            "shop/views.py": VIEWS,
            "shop/context_processors.py": PROCESSORS,
            "shop/templates/page.html": "{{ a }}\n",
        },
    )


def test_told_processors(tmp_path: Path) -> None:
    model = _model(
        tmp_path,
        '"django.contrib.auth.context_processors.auth", "shop.context_processors.site",'
        ' "social_django.context_processors.backends"',
    )
    assert model.django_context == frozenset({"csrf_token", "user", "perms", "backends"})
    assert model.config_globals == {"site_name": True}


def test_unknown_package_processor(tmp_path: Path) -> None:
    model = _model(tmp_path, '"django.contrib.auth.context_processors.auth", "ads.cp.banner"')
    assert model.django_context is None


def test_processors_not_shown(tmp_path: Path) -> None:
    options = 'OPTIONS = {}\nTEMPLATES = [{"BACKEND": "x", "OPTIONS": OPTIONS}]\n'
    assert _model(tmp_path, "", options).django_context is None
    listed = 'TEMPLATES = [{"BACKEND": "x", "OPTIONS": {"context_processors": EXTRA}}]\n'
    assert _model(tmp_path, "", listed).django_context is None


def test_shortcut_renders(tmp_path: Path) -> None:
    model = _model(tmp_path, '"django.template.context_processors.request"')
    shortcuts = {render.function.rpartition(".")[2]: render.shortcut for render in model.renders}
    assert shortcuts == {"page": True, "later": False}


def test_settings_export_processor_is_configuration(tmp_path: Path) -> None:
    model = _model(
        tmp_path,
        '"django.template.context_processors.request", "django_settings_export.settings_export"',
    )
    assert model.django_context == frozenset({"csrf_token", "request", "settings"})
    assert model.config_globals["settings"] is True
