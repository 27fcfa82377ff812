"""An attribute a view hands over, judged by the classes of the project defining it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_MODELS = """
from django.db import models


class Member(models.Model):
    restricted = models.BooleanField(default=False)
    limit = models.IntegerField()
    nickname = models.CharField(max_length=20)
"""

_VIEW = """
from django.shortcuts import render

from .models import Member


def page(request):
    member = Member.objects.get(pk=1)
    return render(request, "shop/page.html", {{"value": {value}}})
"""


@pytest.mark.parametrize(
    ("value", "path", "inert"),
    [
        pytest.param("member.restricted", "value", True, id="boolean-field"),
        pytest.param("member.limit", "value", True, id="integer-field"),
        pytest.param("member.nickname", "value", False, id="text-field"),
        pytest.param("member.restricted", "value.real", False, id="read-below"),
        pytest.param("request.GET.limit", "value", False, id="request-data"),
    ],
)
def test_an_attribute_declared_a_number_field(
    tmp_path: Path, value: str, path: str, inert: bool
) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/models.py": _MODELS,
        "shop/views.py": _VIEW.format(value=value),
        "shop/templates/shop/page.html": "<script>show({{ value }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", path) is inert
