"""`Entries.within`: the entry points the analysis can read, those of analysed modules."""

from __future__ import annotations

from webwarden.analysis.taint.entries import Entries, EntryPoint


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
