"""Which modules are Django tag libraries, and the templates their tags render."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model

PROJECT_LIBRARY = """
from django.template.loader import get_template

from sitekit import template

register = template.Library()


@register.simple_tag(takes_context=True)
def fields_for(context, form, template="includes/form_fields.html"):
    return get_template(template).render(context.flatten())


@register.inclusion_tag("includes/errors.html", name="errors")
def form_errors(form):
    return {"form": form}


@register.filter
def shout(value):
    return value.upper()
"""

LOCAL_CLASS = """
from django_jinja import library


class template:
    @classmethod
    def Library(cls):
        return library


register = template.Library()


@register.filter
def whisper(value):
    return value.lower()
"""


def test_project_library_subclass_in_templatetags(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/templatetags/__init__.py": "",
            "shop/templatetags/shop_tags.py": PROJECT_LIBRARY,
            "shop/templatetags/jinja_tags.py": LOCAL_CLASS,
            "shop/templates/page.html": "{{ x }}\n",
        },
    )
    assert [d.renders for d in model.filters["fields_for"]] == [("includes/form_fields.html",)]
    assert [d.renders for d in model.filters["errors"]] == [("includes/errors.html",)]
    assert "shout" in model.filters
    assert "whisper" not in model.filters  # the module's own class: django-jinja's library


def test_library_outside_templatetags_is_not_django(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {"shop/helpers.py": PROJECT_LIBRARY, "shop/templates/page.html": "{{ x }}\n"},
    )
    assert "shout" not in model.filters


def test_filters_registered_on_djangos_builtin_libraries(tmp_path: Path) -> None:
    # Registered on `defaulttags.register` or `defaultfilters.register`, from any
    # module: Django's built-in libraries, which every template has without `{% load %}`.
    model = template_model(
        tmp_path,
        {
            "desk/filters.py": (
                "from django.template.defaulttags import register\n\n\n"
                "@register.filter\ndef shout(value):\n    return value.upper()\n"
            ),
            "desk/more.py": (
                "from django.template import defaultfilters\n\n\n"
                "@defaultfilters.register.filter(name='hush')\n"
                "def whisper(value):\n    return value.lower()\n"
            ),
            "desk/templates/page.html": "{{ x }}\n",
        },
    )
    assert "shout" in model.filters
    assert "hush" in model.filters
