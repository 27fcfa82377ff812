"""URL parameters that the routes of a Django view let through as digits or words only.

A Django view's parameters count as request data when its renders are extracted, one
file at a time (see `feeds`), before the routes are known. Once they are, a parameter
that every route naming it converts (`<int:pk>`, `<slug:name>`) or matches with a
narrow group (`(?P<task_id>\\d+)`) carries no markup: its template feed is dropped,
and a context name that is the parameter itself (`"slug": slug`) is inert, safe in a
script as in HTML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from webwarden.model.django.routes import Route
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.facts import ContextName
from webwarden.model.templates.feeds import read_parameter


def drop_typed_parameters(model: TemplateModel, routes: Iterable[Route]) -> None:
    """Forget the request source of context names fed by a URL parameter that every
    route of the rendering view (or class view whose handler renders) naming it lets
    through as digits or words only."""
    typed = typed_parameters(routes)
    if not typed:
        return
    changed = False
    for index, render in enumerate(model.renders):
        names = typed.get(render.function)
        if not names or render.framework != "django":
            continue
        context = tuple(_untyped(c, names) for c in render.context)
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
                if parameter.tainted:
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
