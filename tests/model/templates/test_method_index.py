"""The index of the verdicts on the project's class methods (`templates.method_index`)."""

from __future__ import annotations

from webwarden.model.templates.method_index import ModuleMethods


def test_a_method_is_found_by_its_qualified_name() -> None:
    index = ModuleMethods()
    index.add("site.mixins", (("Links.switch", True), ("Links.echo", False)))
    index.add("site.views", (("Page.get", False),))
    assert index.get("site.mixins.Links.switch") is True
    assert index.get("site.mixins.Links.echo") is False
    assert index.get("site.views.Page.get") is False


def test_an_unknown_method_module_or_name_is_none() -> None:
    index = ModuleMethods()
    index.add("site.mixins", (("Links.switch", True),))
    assert index.get("site.mixins.Links.other") is None
    assert index.get("site.other.Links.switch") is None
    assert index.get("switch") is None
    assert index.get("Links.switch") is None


def test_a_later_module_of_the_same_name_wins_a_name_both_give() -> None:
    index = ModuleMethods()
    index.add("app.views", (("View.render", True), ("View.title", True)))
    assert index.get("app.views.View.render") is True
    index.add("app.views", (("View.render", False),))
    assert index.get("app.views.View.render") is False
    assert index.get("app.views.View.title") is True
