"""`Entries`: the entry points the analysis can read, and the views the CSRF check guards."""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.entries import Entries, EntryPoint
from webwarden.analysis.taint.specs import source_cleansed


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


def test_the_body_of_a_csrf_checked_view_is_safe_for_html() -> None:
    assert "html" in source_cleansed("POST", csrf_checked=True)
    assert "html" in source_cleansed("body", csrf_checked=True)
    assert "html" not in source_cleansed("POST")
    assert "html" not in source_cleansed("GET", csrf_checked=True)
