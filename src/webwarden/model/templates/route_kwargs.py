"""URL parameters that Django's class-based views put into their templates' context.

`TemplateView.get` calls `get_context_data(**kwargs)` with the keywords of the URL, and
`ContextMixin.get_context_data` puts every keyword in the context, with the view itself
as `view`: `path("map/<country>/", TemplateView.as_view(template_name="map.html"))`
renders `map.html` with `country` as the URL gives it, `<script>` and all. Other generic
views (`DetailView`, `ListView`, `FormView`) call it without them, but their templates
still read the parameters as `view.kwargs.country`. Once the routes are known, each such
render gets the parameters its routes let through as any text, as request data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from webwarden.model.django.routes import POSITIONAL, Route, UrlParameter
from webwarden.model.django.views import View
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.facts import ContextName, RenderFact
from webwarden.model.templates.feeds import url_parameter

TEMPLATE_VIEWS = frozenset(
    {"django.views.generic.TemplateView", "django.views.generic.base.TemplateView"}
)


def feed_url_kwargs(model: TemplateModel, routes: Iterable[Route]) -> None:
    """Add to each render of a class-based view the URL parameters its routes pass, and
    a render of each template the URLconf hands Django's own `TemplateView`."""
    handing_on = {r.function for r in model.renders if r.url_kwargs}
    added: dict[str, dict[str, ContextName]] = {}
    given: list[RenderFact] = []
    for route in routes:
        view = route.view
        if view is None:
            continue
        names = tuple(_parameter_names(route, _is_template_view(view)))
        if not names:
            continue
        if route.template_name is not None and view.target in TEMPLATE_VIEWS:
            given.append(
                RenderFact(view.target, (route.template_name,), route.location, "django", names)
            )
        elif view.kind == "class" and view.target in handing_on and route.template_name is None:
            added.setdefault(view.target, {}).update((n.name, n) for n in names)
    if not (added or given):
        return
    for index, render in enumerate(model.renders):
        extra = added.get(render.function)
        if extra and render.url_kwargs:
            known = {n.name for n in render.context}
            context = (*render.context, *(n for n in extra.values() if n.name not in known))
            model.renders[index] = dataclasses.replace(render, context=context)
    model.renders.extend(given)
    model.relink()


def _is_template_view(view: View) -> bool:
    return view.target in TEMPLATE_VIEWS or not TEMPLATE_VIEWS.isdisjoint(view.bases)


def _parameter_names(route: Route, as_names: bool) -> Iterator[ContextName]:
    """The context names a route's parameters that may be any text give the view's
    template: each under its own name for a `TemplateView`, and as `view.kwargs.<name>`."""
    for parameter in route.parameters:
        if parameter.name.startswith(POSITIONAL) or not parameter.tainted:
            continue
        yield _named(f"view.kwargs.{parameter.name}", parameter, route)
        if as_names:
            yield _named(parameter.name, parameter, route)


def _named(name: str, parameter: UrlParameter, route: Route) -> ContextName:
    source = url_parameter(parameter.name)
    return ContextName(name, route.location, source, route.location, parameter.inert_for)
