from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.admin_urls import AdminUrlFacts, extract_admin_urls
from webwarden.parse.python import ParsedPython, parse_source


def _facts(source: str) -> AdminUrlFacts | None:
    parsed = parse_source(textwrap.dedent(source), "crm/admin.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset({"crm"}), ("tests/",))
    return extract_admin_urls(make_context("crm/admin.py", parsed, plan))


HEADER = """
from django.contrib import admin
from django.urls import path, re_path
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
"""


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        pytest.param("self.admin_site.admin_view(self.merge)", ["merge"], id="model-admin"),
        pytest.param("self.admin_view(self.merge, cacheable=True)", ["merge"], id="admin-site"),
        pytest.param("wrap(self.merge)", ["merge"], id="local-wrapper"),
        pytest.param("self.merge", ["merge"], id="bare-method"),
        pytest.param("self.admin_site.admin_view(self.missing)", [], id="not-defined"),
        pytest.param("self.admin_view(Report.as_view())", [], id="class-view"),
    ],
)
def test_routed_methods(view: str, expected: list[str]) -> None:
    facts = _facts(
        HEADER
        + f"""
class TagAdmin(admin.ModelAdmin):
    def get_urls(self):
        return [path("merge/", {view})] + super().get_urls()

    def merge(self, request):
        pass
"""
    )
    views = [u.view for u in facts.urls] if facts is not None else []
    assert views == [f"crm.admin.TagAdmin.{name}" for name in expected]


def test_pattern_and_refused_get() -> None:
    facts = _facts(
        HEADER
        + """
class TagAdmin(admin.ModelAdmin):
    def get_urls(self):
        urls = super().get_urls()
        return [
            re_path(r"^(?P<pk>\\d+)/merge/$", self.admin_site.admin_view(self.merge)),
            path("<int:pk>/drop/", self.admin_site.admin_view(self.drop)),
        ] + urls

    def merge(self, request, pk):
        pass

    @method_decorator(require_POST)
    def drop(self, request, pk):
        pass
"""
    )
    assert facts is not None
    assert [(u.pattern, u.answers_get) for u in facts.urls] == [
        (r"^(?P<pk>\d+)/merge/$", True),
        ("<int:pk>/drop/", False),
    ]


def test_no_get_urls() -> None:
    assert (
        _facts(HEADER + "\nclass TagAdmin(admin.ModelAdmin):\n    list_display = ['name']\n")
        is None
    )


def test_a_function_of_the_project() -> None:
    """`admin_view(views.export_all)`: the function as its module is named, at the route."""
    facts = _facts(
        HEADER
        + """
from crm import views


class TagAdmin(admin.ModelAdmin):
    def get_urls(self):
        return [path("export/", self.admin_site.admin_view(views.export_all))]
"""
    )
    assert facts is not None
    [url] = facts.urls
    assert (url.view, url.function, url.location.line) == ("crm.views.export_all", True, 12)
