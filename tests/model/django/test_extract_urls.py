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


@pytest.mark.parametrize(
    "listed",
    [
        pytest.param(None, id="imported-urlpatterns"),
        pytest.param("webauthn_urlpatterns", id="imported-other-list"),
    ],
)
def test_imported_list_read_in_the_assignment_of_its_name(listed: str | None) -> None:
    # `from maykin_2fa.urls import urlpatterns`, then `urlpatterns = [path("admin/",
    # include((urlpatterns, "maykin_2fa")))]`: the name read on the right is the import.
    name = listed or "urlpatterns"
    facts = _facts(
        HEADER + "from django.urls import include\n"
        f"from two_fa.urls import {name}\n"
        f'urlpatterns = [path("admin/", include(({name}, "two_fa"))), path("a/", serve)]\n'
    )
    first, second = facts.entries
    assert first.include is not None
    assert first.include.module == f"two_fa.urls.{name}"
    assert second.pattern == "a/"


def test_imported_list_added_to_in_the_assignment_of_its_name() -> None:
    facts = _facts(
        HEADER + "from two_fa.urls import urlpatterns\n"
        'urlpatterns = urlpatterns + [path("a/", serve)]\n'
    )
    imported, own = facts.entries
    assert imported.include is not None
    assert (imported.include.module, imported.include.listed) == ("two_fa.urls", None)
    assert own.pattern == "a/"


def test_list_read_in_its_own_assignment_holds_what_it_held() -> None:
    facts = _facts(
        HEADER + "from django.urls import include\n"
        'urlpatterns = [path("a/", serve)]\n'
        'urlpatterns = [path("v1/", include((urlpatterns, "v1")))]\n'
    )
    (entry,) = facts.entries
    assert entry.include is not None
    assert entry.include.entries is not None
    assert [e.pattern for e in entry.include.entries] == ["a/"]


@pytest.mark.parametrize(
    "joined",
    [
        pytest.param("list(chain(*(extension_urls(), urlpatterns, extra)))", id="starred-tuple"),
        pytest.param("list(chain(urlpatterns, extra))", id="chain-arguments"),
        pytest.param("tuple(itertools.chain(urlpatterns, extra))", id="qualified-chain"),
        pytest.param("chain.from_iterable([urlpatterns, extra])", id="from-iterable"),
    ],
)
def test_lists_joined_by_chain(joined: str) -> None:
    # shuup's front URLconf: `urlpatterns = list(chain(*(pre, urlpatterns, post)))`, the
    # module's own list between lists its extensions provide.
    facts = _facts(
        HEADER + "import itertools\nfrom itertools import chain\n"
        'urlpatterns = [path("a/", serve)]\n'
        'extra = [path("b/", serve)]\n'
        f"urlpatterns = {joined}\n"
    )
    assert [e.pattern for e in facts.entries] == ["a/", "b/"]


@pytest.mark.parametrize(
    ("bindings", "expected", "imported"),
    [
        pytest.param(
            '_terms = "|".join(t for t, _ in TYPES)\n'
            'COURSE = r"^(?P<term>" + _terms + r")/(?P<slug>[-\\w]+)/"\n',
            r"^(?P<term>{listed:})/(?P<slug>[-\w]+)/",
            (),
            id="bound-to-a-partial-pattern",
        ),
        pytest.param(
            'SLUG = r"(?P<slug>[-\\w]+)"\nCOURSE = r"^" + SLUG + r"/"\n',
            r"^(?P<slug>[-\w]+)/",
            (),
            id="bound-to-a-known-pattern",
        ),
        pytest.param(
            "from courses.urls import RE_COURSE as COURSE\n",
            "{COURSE}",
            (("COURSE", "courses.urls.RE_COURSE"),),
            id="imported",
        ),
    ],
)
def test_pattern_held_by_a_name(
    bindings: str, expected: str, imported: tuple[tuple[str, str], ...]
) -> None:
    facts = _facts(
        "from django.urls import re_path\nfrom courses.constants import TYPES\n"
        + bindings
        + "urlpatterns = [re_path(COURSE, view)]\n"
    )
    (entry,) = facts.entries
    assert entry.pattern == expected
    assert entry.imported == imported
