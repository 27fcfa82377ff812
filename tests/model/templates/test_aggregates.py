"""Context values a view builds from Django's numeric aggregates, lists of such values,
and URL parameters its routes let through as words: inert in a template."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_VIEW = """
from django.db.models import Count, Max, Sum
from django.shortcuts import render

from .models import Ticket


def page(request):
    rows = Ticket.objects.values("day").annotate(n=Count("id"), top=Max("title"))
    latest = rows.order_by("-day")[:7]
    totals = Ticket.objects.aggregate(hours=Sum("effort"))
    a, b = [], [1]
{body}
    return render(request, "shop/page.html", {{"value": value}})
"""


@pytest.mark.parametrize(
    ("body", "inert"),
    [
        pytest.param('    value = totals["hours"]', True, id="aggregate-sum"),
        pytest.param('    value = latest[0]["n"]', True, id="annotated-count-through-locals"),
        pytest.param('    value = rows[0]["top"]', False, id="max-of-a-text-field"),
        pytest.param('    value = rows[0]["day"]', False, id="a-field-not-aggregated"),
        pytest.param('    value = request.GET["n"]', False, id="request-item"),
        pytest.param('    value = [totals["hours"], 0, 2.5]', True, id="list-of-numbers"),
        pytest.param(
            '    value = []\n    value.append(latest[0]["n"])\n    value.insert(0, 1)',
            True,
            id="list-appended-counts",
        ),
        pytest.param(
            '    value = []\n    value.append(request.GET["n"])',
            False,
            id="list-appended-request-data",
        ),
        pytest.param(
            '    value = [0]\n    value.extend(request.GET.getlist("n"))',
            False,
            id="list-extended-with-request-data",
        ),
        pytest.param(
            '    value = [0]\n    value[0] = rows[0]["top"]', False, id="item-set-to-text"
        ),
        pytest.param("    a.append(3)\n    value = a + b", True, id="unpacked-empty-lists"),
    ],
)
def test_aggregates_and_lists(tmp_path: Path, body: str, inert: bool) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/views.py": _VIEW.format(body=body),
        "shop/templates/shop/page.html": "<script>show({{ value }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", "value") is inert


@pytest.mark.parametrize(
    ("path", "inert"),
    [
        pytest.param("value.counts.hours", True, id="key-of-an-item-display"),
        pytest.param("value.counts.day", False, id="text-key-of-an-item-display"),
        pytest.param("value.title", False, id="key-of-the-dict-display"),
    ],
)
def test_keys_of_an_item_set_to_a_display_are_judged_alone(
    tmp_path: Path, path: str, inert: bool
) -> None:
    body = (
        '    value = {"counts": {}, "title": request.GET.get("title")}\n'
        '    value["counts"] = {"hours": totals["hours"], "day": rows[0]["day"]}'
    )
    files = {
        "shop/__init__.py": "",
        "shop/views.py": _VIEW.format(body=body),
        "shop/templates/shop/page.html": "<script>show({{ value }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", path) is inert


_URLS = """
from django.urls import path

from shop import views

urlpatterns = [path("<{converter}:section>/", views.page)]
"""
_PARAMETER_VIEW = """
from django.shortcuts import render


def page(request, section):
    return render(request, "shop/page.html", {{"value": {value}}})
"""


@pytest.mark.parametrize(
    ("converter", "value", "inert"),
    [
        pytest.param("slug", "section", True, id="slug-parameter"),
        pytest.param("int", "section", True, id="int-parameter"),
        pytest.param("str", "section", False, id="str-parameter"),
        pytest.param("slug", '"<b>" + section', False, id="made-from-the-parameter"),
    ],
)
def test_typed_route_parameters(tmp_path: Path, converter: str, value: str, inert: bool) -> None:
    files = {
        "site/__init__.py": "",
        "site/settings.py": 'ROOT_URLCONF = "site.urls"\nINSTALLED_APPS = ["shop"]\n',
        "site/urls.py": _URLS.format(converter=converter),
        "shop/__init__.py": "",
        "shop/views.py": _PARAMETER_VIEW.format(value=value),
        "shop/templates/shop/page.html": "<script>show({{ value }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", "value") is inert
