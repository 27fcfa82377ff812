"""The framework a view class's render gets from the project, not its module's imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_VIEW = """
from shop.base import BaseView


class ProductView(BaseView):
    template_name = "shop/product.jinja"
"""
_DJANGO = {
    "site/settings.py": """
        INSTALLED_APPS = ["shop"]
        ROOT_URLCONF = "site.urls"
        TEMPLATES = [{"BACKEND": "django_jinja.backend.Jinja2", "APP_DIRS": True}]
    """,
    "shop/__init__.py": "",
    "shop/base.py": """
        from django.views.generic import TemplateView


        class BaseView(TemplateView):
            pass
    """,
    "shop/views.py": _VIEW,
    "shop/jinja2/shop/product.jinja": "<p>{{ name }}</p>\n",
}
_FLASK = {
    "app.py": """
        from flask import Flask
        from flask.views import View

        app = Flask(__name__)


        class BaseView(View):
            pass
    """,
    "shop/__init__.py": "",
    "shop/base.py": "from app import BaseView\n",
    "shop/views.py": _VIEW + '\n\napp.add_url_rule("/p", view_func=ProductView.as_view("p"))\n',
    "templates/shop/product.jinja": "<p>{{ name }}</p>\n",
}
_NEITHER = {
    "shop/__init__.py": "",
    "shop/views.py": _VIEW,
    "templates/shop/product.jinja": "<p>{{ name }}</p>\n",
}


@pytest.mark.parametrize(
    ("files", "framework"),
    [
        pytest.param(_DJANGO, "django", id="django-project-subclass-of-own-view"),
        pytest.param(
            {**_FLASK, "shop/views.py": "from app import app\n" + _FLASK["shop/views.py"]},
            "flask",
            id="flask-app-routes-the-class",
        ),
        pytest.param({**_FLASK, "shop/views.py": _VIEW}, "flask", id="flask-app-unrouted-class"),
        pytest.param(_NEITHER, "", id="project-says-nothing"),
    ],
)
def test_view_class_framework_comes_from_the_project(
    tmp_path: Path, files: dict[str, str], framework: str
) -> None:
    model = template_model(tmp_path, files)
    (render,) = [r for r in model.renders if r.function == "shop.views.ProductView"]
    assert render.framework == framework
