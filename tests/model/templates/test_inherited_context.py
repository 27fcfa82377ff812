"""The context a class-based view inherits from base classes of other modules."""

from __future__ import annotations

from webwarden.findings import Location
from webwarden.model.templates.facts import ContextClassFact, ContextName, RenderFact
from webwarden.model.templates.inherited_context import inherited_contexts

_HERE = Location("app/views.py", 1, 1)


def _render(function: str, *names: str) -> RenderFact:
    context = tuple(ContextName(name, _HERE) for name in names)
    return RenderFact(function, ("edit.html",), _HERE, "django", context)


def _class(cls: str, bases: tuple[str, ...], *names: str, opaque: bool = False) -> ContextClassFact:
    context = tuple(ContextName(name, _HERE) for name in names)
    return ContextClassFact(cls, bases, context, opaque)


def test_names_of_ancestors_in_other_modules_are_added() -> None:
    classes = {
        "app.views.Edit": _class("app.views.Edit", ("base.views.Middle",)),
        "base.views.Middle": _class("base.views.Middle", ("base.core.Root",), "title"),
        "base.core.Root": _class("base.core.Root", ("django.views.generic.UpdateView",), "cb"),
    }
    renders = [_render("app.views.Edit", "form")]
    inherited_contexts(renders, classes, lambda name: name)
    assert [name.name for name in renders[0].context] == ["form", "title", "cb"]


def test_own_module_ancestors_and_known_names_are_not_added_twice() -> None:
    classes = {
        "app.views.Edit": _class("app.views.Edit", ("app.views.Base", "lib.Mixin")),
        "app.views.Base": _class("app.views.Base", (), "local"),
        "lib.Mixin": _class("lib.Mixin", (), "form", opaque=True),
    }
    renders = [_render("app.views.Edit", "form")]
    inherited_contexts(renders, classes, lambda name: name)
    assert [name.name for name in renders[0].context] == ["form"]
    assert renders[0].opaque


def test_base_reexported_by_a_package_is_followed() -> None:
    classes = {
        "app.views.Edit": _class("app.views.Edit", ("base.Root",)),
        "base.views.Root": _class("base.views.Root", (), "cb"),
    }
    renders = [_render("app.views.Edit")]
    reexports = {"base.Root": "base.views.Root"}
    inherited_contexts(renders, classes, lambda name: reexports.get(name, name))
    assert [name.name for name in renders[0].context] == ["cb"]
