"""What the ways into an included template bind a name to."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

_VIEWS = """
    from django.shortcuts import render

    def overview(request):
        return render(request, "overview.html", context=build_context(request))
"""


@pytest.mark.parametrize(
    ("page", "authored"),
    [
        pytest.param(
            '{% include "banner.html" with message="Maintenance <b>tonight</b>." %}',
            True,
            id="every-include-sets-it",
        ),
        pytest.param(
            '{% include "banner.html" with message="Tonight." %}{% include "banner.html" %}',
            False,
            id="one-include-leaves-it-to-the-context",
        ),
        pytest.param(
            '{% include "banner.html" with message=note %}', False, id="set-to-a-variable"
        ),
    ],
)
def test_a_context_not_in_sight_does_not_reach_a_name_the_include_sets(
    tmp_path: Path, page: str, authored: bool
) -> None:
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings.py": """
                INSTALLED_APPS = ["notices"]
                TEMPLATES = [{
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "APP_DIRS": True,
                }]
            """,
            "notices/__init__.py": "",
            "notices/views.py": _VIEWS,
            "notices/templates/overview.html": page,
            "notices/templates/banner.html": "<p>{{ message|safe }}</p>",
        },
    )
    banner = "notices/templates/banner.html"
    assert model.rendered_by(banner), "the view's opaque render reaches the banner"
    assert model.authored_by_includers(banner, "message") is authored


@pytest.mark.parametrize(
    ("page", "component", "handed"),
    [
        pytest.param(
            '{% for m in messages %}{% include "alert.html" with message=m %}{% endfor %}',
            "message",
            {"messages"},
            id="by-with",
        ),
        pytest.param(
            '{% for message in messages %}{% include "alert.html" %}{% endfor %}',
            "message.message",
            {"messages.message"},
            id="loop-name-handed-on",
        ),
        pytest.param('{% include "alert.html" %}', "message", set(), id="the-includer-own-name"),
    ],
)
def test_an_included_name_is_traced_to_the_includer_variable(
    tmp_path: Path, page: str, component: str, handed: set[str]
) -> None:
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings.py": """
                INSTALLED_APPS = ["notices"]
                TEMPLATES = [{
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "APP_DIRS": True,
                }]
            """,
            "notices/__init__.py": "",
            "notices/templates/base.html": page,
            "notices/templates/alert.html": "<p>{{ message|safe }}</p>",
        },
    )
    assert model.includer_paths("notices/templates/alert.html", component) == handed


@pytest.mark.parametrize(
    ("page", "configured"),
    [
        pytest.param(
            '{% include "tag.html" with key=tracking.key %}', True, id="every-include-hands-a-key"
        ),
        pytest.param(
            '{% include "tag.html" with key=tracking.visitor %}', False, id="a-visitor-value"
        ),
        pytest.param(
            '{% include "tag.html" with key=tracking.key %}{% include "tag.html" %}',
            False,
            id="one-include-leaves-it-to-the-context",
        ),
    ],
)
def test_an_included_name_handed_configuration(tmp_path: Path, page: str, configured: bool) -> None:
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/settings.py": """
                INSTALLED_APPS = ["site"]
                TEMPLATES = [{
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    "APP_DIRS": True,
                    "OPTIONS": {"context_processors": ["site.context_processors.tracking"]},
                }]
            """,
            "site/context_processors.py": """
                from django.conf import settings

                def tracking(request):
                    return {"tracking": {"key": settings.KEY, "visitor": request.GET.get("v")}}
            """,
            "site/templates/page.html": page,
            "site/templates/tag.html": "<script>init('{{ key }}');</script>",
        },
    )
    assert model.configured_by_includers("site/templates/tag.html", "key") is configured
