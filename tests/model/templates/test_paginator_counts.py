"""Counts a view reads off Django's `Paginator`: inert in a template."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_VIEW = """
from django.core.paginator import Paginator
from django.shortcuts import render

from .models import Ticket


def page(request):
    rows = Ticket.objects.all()
{body}
    return render(request, "shop/page.html", {{"value": value}})
"""


@pytest.mark.parametrize(
    ("body", "inert"),
    [
        pytest.param(
            "    paginator = Paginator(rows, 10)\n    value = paginator.num_pages",
            True,
            id="last-page-number",
        ),
        pytest.param("    value = Paginator(rows, 10).count", True, id="row-count-of-a-call"),
        pytest.param(
            "    paginator = Paginator(rows, 10)\n"
            "    try:\n"
            "        shown = paginator.page(request.GET.get('page', 1))\n"
            "    except Exception:\n"
            "        shown = paginator.page(1)\n"
            "    value = shown.number",
            True,
            id="validated-page-number",
        ),
        pytest.param(
            "    paginator = Paginator(rows, 10)\n"
            "    if request.GET.get('all'):\n"
            "        paginator = request.GET\n"
            "    value = paginator.num_pages",
            False,
            id="local-also-bound-to-request-data",
        ),
        pytest.param(
            "    shown = rows.first()\n    value = shown.number", False, id="number-of-a-row"
        ),
        pytest.param(
            "    paginator = Paginator(rows, 10)\n    value = paginator.object_list",
            False,
            id="rows-of-the-paginator",
        ),
    ],
)
def test_paginator_counts(tmp_path: Path, body: str, inert: bool) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/views.py": _VIEW.format(body=body),
        "shop/templates/shop/page.html": "<script>show({{ value }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", "value") is inert
