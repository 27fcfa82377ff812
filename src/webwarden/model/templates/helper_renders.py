"""Renders of a helper the views call, judged with what each caller hands it.

A Django view's parameters after `request` count as URL parameters when its renders
are extracted, one file at a time (see `feeds`), before the routes are known. A
function taking `request` first that no route serves but views call,
`def render_error(request, message): return render(request, "error.html", {"message":
message})`, is a helper: its `message` is what each caller passes
(`render_error(request, "Invalid state")`, or a text made from `request.GET["path"]`).
Once the routes are known, its render is replaced by one render per call, made in the
caller with the values the call binds to those parameters. So is a render of a class-based
view's own method that is no HTTP handler (`self._invalid(request, form, record_id)`):
Django's `View.dispatch` gives the URL's arguments to `get`, `post` and the like only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from webwarden.model.django.routes import Route
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.facts import CallArgument, ContextName, RenderFact, WrapperCallFact
from webwarden.model.templates.feeds import parameter_named


def follow_helper_renders(model: TemplateModel, routes: Iterable[Route]) -> None:
    """Replace each Django render of a function that no route serves, and that calls
    hand `request`, by the renders its calls make (its URL parameters bound to what
    each call passes)."""
    served = {route.view.target for route in routes if route.view is not None}
    if not served:
        return  # NOTE: no URLconf read: every function taking `request` may be a view
    callers: dict[str, list[WrapperCallFact]] = {}
    for call in model.calls:
        callers.setdefault(call.callee, []).append(call)
    renders: list[RenderFact] = []
    changed = False
    for render in model.renders:
        calls = callers.get(render.function)
        if not calls or render.function in served or not _fed_by_parameters(render):
            renders.append(render)
            continue
        renders.extend(_made_by(render, call) for call in calls)
        changed = True
    if changed:
        model.renders[:] = renders
        model.relink()


def _fed_by_parameters(render: RenderFact) -> bool:
    return (
        render.framework == "django"
        and bool(render.parameters)
        and any(parameter_named(name.source) for name in render.context)
    )


def _made_by(render: RenderFact, call: WrapperCallFact) -> RenderFact:
    given = {argument.key: argument for argument in call.arguments}
    context = tuple(_bound(name, render.parameters, given) for name in render.context)
    bound = tuple(name.name for name in render.context if parameter_named(name.source))
    return dataclasses.replace(
        render,
        function=call.function,
        location=call.location,
        context=context,
        parameters=(),
        origin=render.origin or render.location,
        bound=(*render.bound, *bound),
    )


def _bound(
    name: ContextName, parameters: tuple[str, ...], given: dict[str, CallArgument]
) -> ContextName:
    """The context name with the source of what the call binds to its parameter (none
    when the call leaves it to its default)."""
    parameter = parameter_named(name.source)
    if parameter is None:
        return name
    position = str(parameters.index(parameter)) if parameter in parameters else ""
    argument = given.get(position) or given.get(parameter)
    values = argument.value if argument is not None else ()
    fed = [v for v in values if v.source]
    if fed:
        return dataclasses.replace(
            name,
            source=fed[0].source,
            source_location=fed[0].source_location,
            safe_for=fed[0].safe_for,
            parameter="",
        )
    return dataclasses.replace(
        name,
        source="",
        source_location=None,
        cleaned=bool(values) and all(v.cleaned for v in values),
        inert=bool(values) and all(v.inert for v in values),
        inert_if=_assumed(values),
        built_url=bool(values) and all(v.built_url for v in values),
        parameter="",  # NOTE: the caller's value, not a URL parameter of the helper
    )


def _assumed(values: tuple[ContextName, ...]) -> tuple[str, ...]:
    """The functions the values a call binds are inert only if they return inert values,
    when each value is inert or so assumes: else none."""
    if not values or not all(v.inert or v.inert_if for v in values):
        return ()
    return tuple(dict.fromkeys(f for v in values for f in v.inert_if))
