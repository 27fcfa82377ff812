"""Flask-RESTful and Flask-RESTX: the resources an `Api` object adds to an app or blueprint."""

from __future__ import annotations

import dataclasses

from webwarden.model.flask.facts import RouteFact
from webwarden.model.flask.index import Index

API_CLASSES = frozenset(
    {"flask_restful.Api", "flask_restx.Api", "flask_restx.api.Api", "flask_restplus.Api"}
)


def through_api(index: Index, route: RouteFact) -> RouteFact:
    """A resource's rule as the app or blueprint behind its `Api` holds it: the owner
    given to `Api(owner, prefix=...)` (or to its `init_app`), the rule under the prefix.
    Any other route is returned as it is."""
    found = index.extensions.get(index.canonical(route.owner))
    if found is None or found[0].kind not in API_CLASSES:
        return route
    api = found[0]
    owner = api.app or _init_target(index, api.ref)
    if owner is None:
        return route
    prefix = dict(api.options).get("prefix")
    rule = route.rule
    if isinstance(prefix, str) and prefix and rule is not None:
        rule = prefix.rstrip("/") + "/" + rule.lstrip("/")
    return dataclasses.replace(route, owner=owner, rule=rule)


def _init_target(index: Index, api_ref: str) -> str | None:
    """`api = Api(); api.init_app(app)`: the app (or blueprint) given later."""
    for _, facts in index.facts:
        for init in facts.init_apps:
            if index.canonical(init.extension) == api_ref:
                return init.app
    return None
