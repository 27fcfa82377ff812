"""`Entries`: the entry points the analysis can read, and the views the CSRF check guards."""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.entries import Entries, EntryPoint, request_helpers
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.outline import Lowered
from webwarden.analysis.taint.specs import absolute_uri_cleansed, source_cleansed
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _entries(*targets: str) -> Entries:
    entries = Entries()
    for target in targets:
        entries.add(EntryPoint(target, (("pk", True),), f"{target}/", "django"))
    return entries


def test_targets_belong_to_the_longest_module_they_start_with() -> None:
    entries = _entries(
        "shop.views.detail",
        "shop.views.Index",
        "shop.tests.views.FakeView",
        "shop.api.views.Nested.Inner",
        "rest_framework.views.APIView",
    )
    analysed = frozenset({"shop", "shop.views", "shop.api.views"})
    known = analysed | {"shop.tests", "shop.tests.views"}
    kept = entries.within(analysed, known)
    # NOTE: `shop.tests.views` is test code: not analysed although its package `shop` is.
    assert list(kept.points) == [
        "shop.views.detail",
        "shop.views.Index",
        "shop.api.views.Nested.Inner",
    ]
    assert kept.points["shop.views.detail"] == entries.points["shop.views.detail"]


def test_nothing_is_kept_without_analysed_modules() -> None:
    assert _entries("app.views.index").within(frozenset(), frozenset({"app.views"})).points == {}


def _function(qualname: str, owner: str = "", kind: str = "function") -> ir.Function:
    return ir.Function(qualname, qualname.rpartition(".")[2], (), (), (), (1, 1), owner, kind)


def test_a_view_is_csrf_checked_when_every_route_to_it_is() -> None:
    entries = Entries()
    entries.add(EntryPoint("app.views.save", (), "save/", "django", csrf_checked=True))
    entries.add(EntryPoint("app.views.Edit", (), "edit/", "django", csrf_checked=True))
    entries.add(EntryPoint("app.views.hook", (), "hook/", "django", csrf_checked=True))
    entries.add(EntryPoint("app.views.hook", (), "hook2/", "django"))
    assert entries.csrf_checked(_function("app.views.save"))
    assert entries.csrf_checked(_function("app.views.Edit.post", "app.views.Edit", "method"))
    assert not entries.csrf_checked(_function("app.views.hook"))
    assert not entries.csrf_checked(_function("app.views.helper"))


def test_a_view_is_host_checked_when_every_route_to_it_is() -> None:
    entries = Entries()
    entries.add(EntryPoint("app.views.page", (), "page/", "django", host_checked=True))
    entries.add(EntryPoint("app.views.App", (), "", "django", host_checked=True))
    entries.add(EntryPoint("app.views.home", (), "home/", "django", host_checked=True))
    entries.add(EntryPoint("app.views.home", (), "home2/", "flask"))
    assert entries.host_checked(_function("app.views.page"))
    assert entries.host_checked(_function("app.views.App.get", "app.views.App", "method"))
    assert not entries.host_checked(_function("app.views.home"))
    assert not entries.host_checked(_function("app.views.helper"))


def test_no_host_is_checked_once_the_project_rewrites_it() -> None:
    entries = Entries()
    entries.add(EntryPoint("app.views.page", (), "page/", "django", host_checked=True))
    rewritten = entries.with_unchecked_hosts()
    assert not rewritten.host_checked(_function("app.views.page"))
    assert entries.host_checked(_function("app.views.page"))


def test_the_body_of_a_csrf_checked_view_is_safe_for_html() -> None:
    assert "html" in source_cleansed("POST", csrf_checked=True)
    assert "html" in source_cleansed("body", csrf_checked=True)
    assert "html" not in source_cleansed("POST")
    assert "html" not in source_cleansed("GET", csrf_checked=True)


def test_the_checked_host_is_safe_to_fetch_only_under_fixed_allowed_hosts() -> None:
    for name in ("get_host", "build_absolute_uri"):
        assert "url" in source_cleansed(name)
        assert "url" not in source_cleansed(name, fixed_hosts=False)
        # NOTE: the browser sent that host: a redirect sends it back where it already is.
        assert "redirect" in source_cleansed(name, fixed_hosts=False)
    assert "url" in absolute_uri_cleansed(fixed_hosts=True)
    assert "url" not in absolute_uri_cleansed(fixed_hosts=False)


def test_fixed_hosts_are_kept_with_the_analysed_entry_points() -> None:
    entries = _entries("app.views.index")
    entries.fixed_hosts = False
    assert not entries.within(frozenset({"app.views"}), frozenset()).fixed_hosts


def _lowered(source: str, relpath: str) -> Lowered:
    parsed = parse_source(source, relpath)
    assert isinstance(parsed, ParsedPython)
    ctx = make_context(relpath, parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return Lowered.of(Lowering(ctx).module_ir())


_HELPERS = """\
from django.shortcuts import render


def alert(request, content, next_=None):
    return render(request, "prompt.html", {"info": content, "next": next_})


def unused(request, slug):
    return render(request, "unused.html", {"slug": slug})


def index(request):
    return alert(request, "Done", "/")


class Shown:
    def page(self, request):
        return alert(request, "Shown")
"""


def test_a_function_taking_request_that_code_calls_and_no_route_serves_is_a_helper() -> None:
    module = _lowered(_HELPERS, "shop/prompt.py")
    assert module.takes_request == (
        "prompt.alert",
        "prompt.unused",
        "prompt.index",
        "prompt.Shown.page",
    )
    # NOTE: `index` is served (and called by no one), `unused` called by no one: both
    # may be views; `alert` is only what its callers hand it.
    assert request_helpers(_entries("prompt.index"), [module]).helpers == {"prompt.alert"}


def test_without_routes_every_function_taking_request_may_be_a_view() -> None:
    module = _lowered(_HELPERS, "shop/prompt.py")
    assert request_helpers(Entries(), [module]).helpers == frozenset()


def test_url_parameters_of_routes_no_navigation_reaches_are_safe_for_html() -> None:
    entries = Entries()
    entries.add(EntryPoint("app.patch", (("pk", True),), "/a/<pk>", "flask", navigable=False))
    entries.add(EntryPoint("app.both", (("pk", True),), "/b/<pk>", "flask", navigable=False))
    entries.add(EntryPoint("app.both", (("pk", True),), "/c/<pk>", "flask"))
    assert entries.path_shape("app.patch", "pk")[2] == frozenset({"html"})
    # NOTE: one route a link or a form reaches shows the answer as a page.
    assert entries.path_shape("app.both", "pk")[2] == frozenset()
