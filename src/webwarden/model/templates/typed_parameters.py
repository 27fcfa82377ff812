"""URL parameters that the routes of a Django view let through as digits or words only.

A Django view's parameters count as request data when its renders are extracted, one
file at a time (see `feeds`), before the routes are known. Once they are, a parameter
that every route naming it converts (`<int:pk>`, `<slug:name>`) or matches with a
narrow group (`(?P<task_id>\\d+)`) carries no markup: its template feed is dropped,
and a context name that is the parameter itself (`"slug": slug`) is inert, safe in a
script as in HTML. One that every route matches with a class of letters, digits, `.`,
`-` and `_` (`(?P<image_id>[a-zA-Z0-9\\-_\\.]+)`) keeps its feed, but is text inside
a quoted JavaScript string or template literal (`ContextName.quoted_inert`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from webwarden.analysis.character_classes import SCRIPT_STRING
from webwarden.model.django.routes import Route, UrlParameter
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.facts import ContextName
from webwarden.model.templates.feeds import read_parameter


def drop_typed_parameters(model: TemplateModel, routes: Iterable[Route]) -> None:
    """Forget the request source of context names fed by a URL parameter that every
    route of the rendering view (or class view whose handler renders) naming it lets
    through as digits or words only; mark a context name that is such a parameter itself
    `quoted_inert` when every route lets through nothing that ends a JavaScript string."""
    routes = tuple(routes)
    typed = typed_parameters(routes)
    quoted = _parameters(routes, lambda p: not p.tainted or SCRIPT_STRING in p.inert_for)
    if not typed and not quoted:
        return
    changed = False
    for index, render in enumerate(model.renders):
        names = typed.get(render.function, frozenset())
        strings = quoted.get(render.function, frozenset())
        if not (names or strings) or render.framework != "django":
            continue
        context = tuple(_quoted(_untyped(c, names), strings) for c in render.context)
        if context != render.context:
            model.renders[index] = dataclasses.replace(render, context=context)
            changed = True
    if changed:
        model.relink()


_HANDLERS = ("get", "post", "put", "patch", "delete", "head", "options", "dispatch")
"""The methods of a Django class-based view that `View.dispatch` calls with the URL's
keyword arguments (`def get(self, request, pk)`)."""


def typed_parameters(routes: Iterable[Route]) -> dict[str, frozenset[str]]:
    """View function (or class view, or handler method of one) -> the parameters its
    routes give it, none of them as any text."""
    return _parameters(routes, lambda p: not p.tainted)


def _parameters(
    routes: Iterable[Route], narrow: Callable[[UrlParameter], bool]
) -> dict[str, frozenset[str]]:
    """View function (or class view, or handler method of one) -> the parameters its
    routes give it, each `narrow` in every route naming it."""
    given: dict[str, set[str]] = {}
    untyped: dict[str, set[str]] = {}
    for route in routes:
        if route.view is None or route.view.kind not in ("function", "class"):
            continue
        target = route.view.target
        # NOTE: a class view's own render (its `template_name`, the context its
        # `get_context_data` builds from `self.kwargs`) is the class's, not a handler's.
        functions = (
            [target]
            if route.view.kind == "function"
            else [target, *(f"{target}.{h}" for h in _HANDLERS)]
        )
        for function in functions:
            for parameter in route.parameters:
                given.setdefault(function, set()).add(parameter.name)
                if not narrow(parameter):
                    untyped.setdefault(function, set()).add(parameter.name)
    return {
        target: frozenset(names - untyped.get(target, set())) for target, names in given.items()
    }


def _untyped(name: ContextName, typed: frozenset[str]) -> ContextName:
    """The name without its request source, and inert when it is the parameter itself:
    letters, digits, `_` and `-` only, nothing that ends a string or starts code."""
    if read_parameter(name.source) in typed:
        inert = name.inert or name.parameter in typed
        return dataclasses.replace(name, source="", source_location=None, inert=inert)
    return name


def _quoted(name: ContextName, strings: frozenset[str]) -> ContextName:
    """The name marked text inside a JavaScript string when it is such a parameter itself."""
    if name.parameter and name.parameter in strings and not name.quoted_inert:
        return dataclasses.replace(name, quoted_inert=True)
    return name
