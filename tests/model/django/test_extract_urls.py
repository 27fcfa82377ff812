"""Per-file URLconf extraction: what each entry routes to and hands its view."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.extract_urls import UrlFacts, extract_urls
from webwarden.parse.python import ParsedPython, parse_source


def _facts(source: str) -> UrlFacts:
    parsed = parse_source(textwrap.dedent(source), "site/urls.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset({"site"}), ("tests/",))
    facts = extract_urls(make_context("site/urls.py", parsed, plan))
    assert facts is not None
    return facts


HEADER = """
from django.conf import settings
from django.urls import path
from django.views.static import serve
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param(
            '{"document_root": settings.MEDIA_ROOT}',
            (("document_root", "django.conf.settings.MEDIA_ROOT"),),
            id="setting",
        ),
        pytest.param(
            'kwargs={"show_indexes": True, "path": "robots.txt"}',
            (("show_indexes", "True"), ("path", "'robots.txt'")),
            id="literals-by-keyword",
        ),
        pytest.param(
            '{"document_root": os.path.join(settings.MEDIA_ROOT, "a"), **more}',
            (("document_root", ""),),
            id="call-and-unpacked",
        ),
        pytest.param("extra", (), id="not-a-display"),
    ],
)
def test_view_arguments(extra: str, expected: tuple[tuple[str, str], ...]) -> None:
    facts = _facts(HEADER + f'urlpatterns = [path("media/<path:path>", serve, {extra})]\n')
    (entry,) = facts.entries
    assert entry.view is not None
    assert entry.view.target == "django.views.static.serve"
    assert entry.view.arguments == expected


def test_include_has_no_arguments() -> None:
    facts = _facts(
        HEADER + "from django.urls import include\n"
        'urlpatterns = [path("a/", include("a.urls"), {"x": 1})]\n'
    )
    (entry,) = facts.entries
    assert entry.view is None
