"""Django settings a view reads with `getattr` and a default: inert when the default is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_VIEW = """
from django.conf import settings as django_settings
from django.shortcuts import render


def page(request):
    profile = request.user.profile
    return render(request, "shop/page.html", {{"value": {value}}})
"""


@pytest.mark.parametrize(
    ("value", "inert"),
    [
        pytest.param('getattr(django_settings, "CLEANUP_AFTER_DAYS", 14)', True, id="number"),
        pytest.param('getattr(django_settings, "RATIO", 0.5 * 2)', True, id="arithmetic"),
        pytest.param('getattr(django_settings, "TITLE")', False, id="no-default"),
        pytest.param('getattr(django_settings, "TITLE", "A b")', False, id="text-default"),
        pytest.param('getattr(django_settings, "DAYS", request.GET["d"])', False, id="request"),
        pytest.param('getattr(profile, "DAYS", 14)', False, id="not-settings"),
        pytest.param('getattr(django_settings, "days", 14)', False, id="not-a-setting-name"),
    ],
)
def test_a_setting_with_a_number_default(tmp_path: Path, value: str, inert: bool) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/views.py": _VIEW.format(value=value),
        "shop/templates/shop/page.html": "<script>show({{ value }});</script>",
    }
    model = template_model(tmp_path, files)
    assert model.inert("shop/templates/shop/page.html", "value") is inert
