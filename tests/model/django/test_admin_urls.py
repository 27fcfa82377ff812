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
        pytest.param("self.admin_site.admin_view(self.merge)", True, id="model-admin"),
        pytest.param("self.admin_view(self.merge, cacheable=True)", True, id="admin-site"),
        pytest.param("wrap(self.merge)", True, id="local-wrapper"),
        pytest.param("self.merge", True, id="bare-method"),
        pytest.param("other_view", False, id="not-a-method"),
        pytest.param("self.admin_site.admin_view(self.missing)", False, id="not-defined"),
    ],
)
def test_routed_methods(view: str, expected: bool) -> None:
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
    assert views == (["crm.admin.TagAdmin.merge"] if expected else [])


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
