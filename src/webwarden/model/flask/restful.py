"""Flask-RESTful and Flask-RESTX: the resources an `Api` object adds to an app or blueprint."""

from __future__ import annotations

import dataclasses

from webwarden.model.flask.facts import DecoratorFact, RouteFact
from webwarden.model.flask.index import Index

API_CLASSES = frozenset(
    {"flask_restful.Api", "flask_restx.Api", "flask_restx.api.Api", "flask_restplus.Api"}
)

_DESCRIBING = frozenset(
    {"doc", "expect", "response", "param", "header", "produces", "deprecated", "hide"}
    | {"vendor", "marshal_with", "marshal_list_with"}
)
"""Methods of a Flask-RESTX (or Flask-RESTPlus) `Api` or `Namespace` that only describe a
handler: all but the last two attach its documentation (`__apidoc__`) and hand it back
unchanged (`expect(parser, validate=True)` too: the resource validates the payload against
a model before the handler runs); `marshal_with` and `marshal_list_with` shape what it
returns. None of them knows the user, checks anything or changes state."""
_LIBRARY_MARSHALLING = frozenset(
    {"flask_restful.marshal_with", "flask_restx.marshal_with", "flask_restplus.marshal_with"}
    | {"flask_restx.marshal_with_field", "flask_restful.marshal_with_field"}
)


class ApiMounts:
    """Where each `Api` of the project adds its resources (the app or blueprint given to
    it or to its `init_app`, and its `prefix`), and the API and path of each namespace."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.apis: dict[str, tuple[str, str | None]] = {}
        self.namespaces: dict[str, tuple[str | None, str | None]] = {}
        self.own_apis: set[str] = set()
        """The project's own API objects (`resource_adders`): their views answer as
        Flask's, with no API representation around them."""
        later = {index.canonical(i.extension): i.app for _, f in index.facts for i in f.init_apps}
        adders = {
            index.canonical(ref): prefix
            for _, f in index.facts
            for ref, prefix in f.resource_adders
        }
        for _, facts in index.facts:
            for extension in facts.extensions:
                if extension.ref and extension.kind in API_CLASSES:
                    target = extension.app or later.get(extension.ref)
                    prefix = dict(extension.options).get("prefix")
                    if target is not None:
                        self.apis[extension.ref] = (target, _path(prefix))
            for alias in facts.aliases:
                # NOTE: `api = ProjectApi(app)` with `class ProjectApi(flask_restx.Api)`.
                made_of = index.canonical(alias.callee)
                target = alias.argument or later.get(alias.ref)
                classes = [made_of, *index.ancestors(made_of)]
                if target and API_CLASSES.intersection(classes):
                    self.apis[alias.ref] = (target, None)
                elif target and (own := next((c for c in classes if c in adders), None)):
                    # NOTE: `api = Service(app)`, whose `add_resource` adds `as_view()`
                    # of each resource to a blueprint of its own.
                    self.apis[alias.ref] = (target, adders[own])
                    self.own_apis.add(alias.ref)
            for namespace in facts.namespaces:
                api, path = self.namespaces.get(namespace.ref, (None, None))
                self.namespaces[namespace.ref] = (namespace.api or api, namespace.path or path)

    def serves(self, route: RouteFact) -> bool:
        """Whether the route is a resource of one of the project's `Api` objects."""
        owner = self.index.canonical(route.owner)
        return owner in self.apis or owner in self.namespaces

    def represents(self, route: RouteFact) -> bool:
        """Whether the route is a resource of a library's `Api`, which sends what a
        handler returns through one of its representations (JSON by default)."""
        owner = self.index.canonical(route.owner)
        return self.serves(route) and owner not in self.own_apis

    def describes(self, decorator: DecoratorFact) -> bool:
        """Whether the decorator only describes the handler it is on (`_DESCRIBING`):
        `@ns.expect(parser)`, `@ns.response(201, "Created")`, `@ns.marshal_with(model)` of
        one of the project's `Namespace` or library `Api` objects, or the libraries'
        own `marshal_with`."""
        name = self.index.canonical(decorator.name)
        if name in _LIBRARY_MARSHALLING:
            return True
        owner, _, method = name.rpartition(".")
        if method not in _DESCRIBING:
            return False
        return owner in self.namespaces or (owner in self.apis and owner not in self.own_apis)

    def place(self, route: RouteFact) -> RouteFact:
        """A resource's rule as the app or blueprint behind its `Api` holds it: under the
        namespace's path and the API's prefix. Any other route is returned as it is."""
        owner = self.index.canonical(route.owner)
        rule = route.rule
        if owner in self.namespaces:
            api, path = self.namespaces[owner]
            if api is None:
                return route
            owner, rule = self.index.canonical(api), _under_namespace(path, rule)
        if owner not in self.apis:
            return route
        target, prefix = self.apis[owner]
        return dataclasses.replace(route, owner=target, rule=_join(prefix, rule))


def _path(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _under_namespace(path: str | None, rule: str | None) -> str | None:
    """Flask-RESTX's URL of a namespace's resource: the namespace's path, its trailing
    `/` dropped, and the route run together (`Api.ns_urls`): `@ns.route("")` is the path
    itself, `@ns.route("y")` under `/categor` is `/category`."""
    if path is None or rule is None:
        return rule
    return path.rstrip("/") + rule


def _join(prefix: str | None, rule: str | None) -> str | None:
    if prefix is None or rule is None:
        return rule
    return prefix.rstrip("/") + "/" + rule.lstrip("/")
