"""Routes as the source declares them: route decorators, `add_url_rule`, view classes."""

from __future__ import annotations

import ast
import copy

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model.caller_checks import after_docstring, raises_or_aborts
from webwarden.model.flask.facts import (
    BodyFacts,
    DecoratorFact,
    ExposedViewFact,
    NamespaceFact,
    RouteFact,
    ViewClassFact,
)
from webwarden.model.flask.prefixed_rules import path_after_prefix
from webwarden.model.flask.references import Namer
from webwarden.model.flask.registers import looped_objects
from webwarden.model.flask.route_helpers import route_template
from webwarden.model.http_methods import enum_method

ROUTE_DECORATORS: dict[str, tuple[str, ...] | None] = {
    "route": None,
    "get": ("GET",),
    "post": ("POST",),
    "put": ("PUT",),
    "patch": ("PATCH",),
    "delete": ("DELETE",),
}
HTTP_HANDLERS = ("get", "post", "put", "patch", "delete", "head", "options")
VIEW_BASES = frozenset(
    {"flask.views.View", "flask.views.MethodView"}
    | {"flask_restful.Resource", "flask_restx.Resource", "flask_restplus.Resource"}
)
_WRITE_HANDLERS = frozenset({"post", "put", "patch", "delete"})


def _methods(namer: Namer, node: ast.expr | None) -> tuple[str, ...] | None:
    value = namer.ctx.evaluate(node)
    if value is UNKNOWN and isinstance(node, ast.List | ast.Tuple | ast.Set):
        value = [_method(namer, element) for element in node.elts]
    if isinstance(value, list | tuple | set) and all(isinstance(m, str) for m in value):
        return tuple(sorted({str(m).upper() for m in value}))
    return None


def _method(namer: Namer, node: ast.expr) -> object:
    """A method name in a `methods` list: a string, or `HTTPMethod.POST`."""
    return enum_method(namer.ctx.names.qualified(node)) or namer.ctx.evaluate(node)


def _string(namer: Namer, node: ast.expr | None) -> str | None:
    value = namer.ctx.evaluate(node)
    if isinstance(value, str):
        return value
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        # NOTE: a rule a project helper builds from a path (Redash's
        # `org_scoped_rule("/invite/<token>")`, which may put a tenant's prefix before
        # it): the path is the route's own part, and tells more than no rule at all.
        inner = namer.ctx.evaluate(node.args[0])
        if isinstance(inner, str) and inner.startswith("/"):
            return inner
    return None


def _rule(namer: Namer, node: ast.expr | None) -> str | None:
    """A route's rule: its constant text, or the path after a prefix the source does not
    show (`prefixed_rules`)."""
    text = _string(namer, node)
    return text if text is not None else path_after_prefix(namer.ctx, node)


def route_facts(namer: Namer, node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[RouteFact]:
    """Every `@owner.route(...)` / `@owner.get(...)` on one function."""
    routes = []
    others: list[DecoratorFact] = []
    declared = []
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr in ROUTE_DECORATORS
            and (owner := namer.ref(decorator.func.value)) is not None
        ):
            declared.append((owner, decorator, len(others)))
        else:
            others.append(namer.decorator(decorator))
    if not declared:
        return []
    body = namer.body(node)
    view = namer.function_ref(node)
    for owner, decorator, above in declared:
        assert isinstance(decorator.func, ast.Attribute)  # noqa: S101 - checked above
        fixed = ROUTE_DECORATORS[decorator.func.attr]
        methods = fixed if fixed else _methods(namer, namer.ctx.keyword(decorator, "methods"))
        routes.append(
            RouteFact(
                owner=owner,
                rule=_rule(namer, namer.ctx.argument(decorator, 0, "rule")),
                endpoint=_string(namer, namer.ctx.keyword(decorator, "endpoint")),
                methods=methods,
                view=view,
                location=namer.ctx.location(node),
                decorators=tuple(others),
                body=body,
                view_name=node.name,
                outer_decorators=tuple(others[:above]),
            )
        )
    return routes


def class_route_facts(namer: Namer, node: ast.ClassDef) -> list[RouteFact]:
    """`@ns.route("/a", "/b")` on a Flask-RESTX resource class: one rule per URL."""
    routes = []
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "route"
            and (owner := namer.ref(decorator.func.value)) is not None
        ):
            endpoint = _string(namer, namer.ctx.keyword(decorator, "endpoint"))
            routes += [
                RouteFact(
                    owner=owner,
                    rule=_rule(namer, url),
                    endpoint=endpoint,
                    methods=None,
                    view=namer.function_ref(node),
                    location=namer.ctx.location(node),
                    view_name=node.name.lower(),
                )
                for url in decorator.args
                if not isinstance(url, ast.Starred)
            ]
    return routes


_NAMESPACE_CLASSES = frozenset({"flask_restx.Namespace", "flask_restplus.Namespace"})


def added_namespaces(namer: Namer, call: ast.Call, func: ast.Attribute) -> list[NamespaceFact]:
    """`api.add_namespace(ns, path=...)`, also in a loop over the namespaces written out
    (`for ns in [users_ns, teams_ns]: api.add_namespace(ns)`, or over a name bound to
    such a list): one fact for each namespace added."""
    ctx = namer.ctx
    api = namer.ref(func.value)
    given = ctx.argument(call, 0, "ns")
    if api is None or given is None:
        return []
    path = _string(namer, ctx.keyword(call, "path"))
    looped = looped_objects(namer, call, given)
    added = looped or [ref for ref in [namer.ref(given)] if ref]
    return [NamespaceFact(ref, api, path) for ref in added]


def namespace_fact(namer: Namer, ref: str, call: ast.Call) -> NamespaceFact | None:
    """`ref = api.namespace("auth", path=...)` or `ref = Namespace("auth")`."""
    func = call.func
    ctx = namer.ctx
    path = _string(namer, ctx.keyword(call, "path"))
    api = None
    if isinstance(func, ast.Attribute) and func.attr == "namespace":
        api = namer.ref(func.value)
    elif (ctx.call_name(call) or "") not in _NAMESPACE_CLASSES:
        return None
    name = _string(namer, ctx.argument(call, 0, "name"))
    if path is None and name is not None:
        path = "/" + name
    return NamespaceFact(ref, api, path)


def add_url_rule_fact(namer: Namer, call: ast.Call, owner: str) -> RouteFact | None:
    """`owner.add_url_rule(rule, endpoint, view_func, methods=...)`: the view function
    carries its own decorators, and those it is wrapped in where it is given
    (`view_func=login_required(edit)`), outermost first, as `@` decorators would be."""
    ctx = namer.ctx
    wrappers, view_func = _unwrapped(namer, ctx.argument(call, 2, "view_func"))
    view = ""
    view_name = ""
    decorators: tuple[DecoratorFact, ...] = ()
    body = BodyFacts()
    elsewhere = False
    if isinstance(view_func, ast.Call) and isinstance(view_func.func, ast.Attribute):
        view = namer.ref(view_func.func.value) or ""
        view_name = _string(namer, ctx.argument(view_func, 0, "name")) or ""
        # NOTE: `view.as_view(endpoint)` in `def register_api(view, ...)`: the class is
        # the caller's, whatever its handlers check is unknown here.
        elsewhere = _parameter(namer, call, view_func.func.value)
    elif isinstance(view_func, ast.Name | ast.Attribute):
        view = namer.ref(view_func) or ""
        view_name = view_func.id if isinstance(view_func, ast.Name) else view_func.attr
        function = _defined_here(namer, call, view_func)
        if function is not None:
            # NOTE: a view a factory defines (`def make_view(name): def _view(): ...`)
            # is named as the function it is, `mod.make_view._view`, not as a local
            # `mod.make_view:_view`: the name the taint analysis and the index know.
            view = namer.function_ref(function)
            decorators = tuple(namer.decorator(d) for d in function.decorator_list)
            body = namer.body(function)
        elsewhere = function is None
    elif isinstance(view_func, ast.Subscript):
        # NOTE: a view picked by a key at run time (CKAN's `view_func=globals()[action]`
        # in a loop over names): which one, and what it checks, is unknown.
        elsewhere = True
    return RouteFact(
        owner=owner,
        rule=_rule(namer, ctx.argument(call, 0, "rule")),
        endpoint=_string(namer, ctx.argument(call, 1, "endpoint")),
        methods=_methods(namer, ctx.keyword(call, "methods")),
        view=view,
        location=ctx.location(call),
        decorators=wrappers + decorators,
        body=body,
        view_name=view_name,
        view_elsewhere=elsewhere,
        template=route_template(namer, call) if elsewhere else (),
    )


_MAX_WRAPPERS = 8


def _unwrapped(
    namer: Namer, view_func: ast.expr | None
) -> tuple[tuple[DecoratorFact, ...], ast.expr | None]:
    """The decorators a view is wrapped in by calls (`login_required(edit)`,
    `limiter.limit("5/minute")(edit)`, or a name bound to such a call), outermost first,
    and what they wrap: a view function, or a view class's `as_view(...)` call."""
    wrappers: list[DecoratorFact] = []
    for _ in range(_MAX_WRAPPERS):
        if isinstance(view_func, ast.Name):
            bound = namer.ctx.lookup(view_func)
            if isinstance(bound, ast.Call) and (_is_as_view(bound) or _wraps(bound)):
                view_func = bound
        if not isinstance(view_func, ast.Call) or _is_as_view(view_func):
            break
        if not _wraps(view_func):
            return tuple(wrappers), None  # NOTE: `partial(view, kind)`: not a view we know
        wrappers.append(namer.decorator(view_func.func))
        view_func = view_func.args[0]
    return tuple(wrappers), view_func


def _wraps(call: ast.Call) -> bool:
    """`decorator(view)`: one argument, a name or another call."""
    return (
        len(call.args) == 1
        and not call.keywords
        and isinstance(call.args[0], ast.Name | ast.Attribute | ast.Call)
    )


def _is_as_view(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and call.func.attr == "as_view"


def _parameter(namer: Namer, call: ast.Call, node: ast.expr) -> bool:
    """Whether `node` is a parameter of the function making the call."""
    function = namer.ctx.scopes.enclosing_function(call)
    if not isinstance(node, ast.Name) or function is None:
        return False
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return any(a.arg == node.id for a in every)


def _defined_here(
    namer: Namer, call: ast.Call, view_func: ast.Name | ast.Attribute
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function `view_func` names when this module defines it, at module level or in
    the function making the call (an app factory defining its views)."""
    if not isinstance(view_func, ast.Name):
        return None
    found = _local_function(namer, view_func.id)
    enclosing = namer.ctx.scopes.enclosing_function(call)
    for statement in getattr(enclosing, "body", ()) if found is None else ():
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            found = statement if statement.name == view_func.id else found
    return found


def route_call_fact(namer: Namer, call: ast.Call) -> RouteFact | None:
    """`owner.route(rule, methods=..., endpoint=...)(view)`: the decorator applied as a
    call, as Flask-Security-Too registers its views (`bp.route(login_url,
    endpoint="login")(login)`), for a view function the module defines (with its own
    decorators: `@login_required def change_email()`)."""
    inner = call.func
    if not (
        isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Attribute)
        and inner.func.attr in ROUTE_DECORATORS
        and len(call.args) == 1
        and isinstance(call.args[0], ast.Name | ast.Attribute)
        and not call.keywords
    ):
        return None
    owner = namer.ref(inner.func.value)
    rule = namer.ctx.argument(inner, 0, "rule")
    fixed = ROUTE_DECORATORS[inner.func.attr]
    if owner is None or (fixed and not (_string(namer, rule) or "").startswith("/")):
        return None  # NOTE: `handlers.get(name)(request)` is a lookup, not a route
    view_func = call.args[0]
    function = _local_function(namer, view_func.id) if isinstance(view_func, ast.Name) else None
    if function is None:
        # NOTE: a view imported from a library (udata routes Flask-Security-Too's own
        # `change_password`): its decorators and body are unknown, so no route is judged.
        return None
    return RouteFact(
        owner=owner,
        rule=_rule(namer, rule),
        endpoint=_string(namer, namer.ctx.keyword(inner, "endpoint")),
        methods=fixed or _methods(namer, namer.ctx.keyword(inner, "methods")),
        view=namer.ref(view_func) or "",
        location=namer.ctx.location(call),
        decorators=tuple(namer.decorator(d) for d in function.decorator_list),
        body=namer.body(function),
        view_name=function.name,
    )


def _local_function(namer: Namer, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    for statement in namer.ctx.tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and statement.name == name:
            return statement
    return None


def add_resource_facts(namer: Namer, call: ast.Call, owner: str) -> list[RouteFact]:
    """`api.add_resource(Resource, "/a", "/b", endpoint="x")` (Flask-RESTful, Flask-RESTX):
    one rule per URL, with the resource class as the view."""
    if not call.args or not isinstance(call.args[0], ast.Name | ast.Attribute):
        return []
    resource = call.args[0]
    name = resource.id if isinstance(resource, ast.Name) else resource.attr
    endpoint = _string(namer, namer.ctx.keyword(call, "endpoint"))
    urls = [_string(namer, url) for url in call.args[1:] if not isinstance(url, ast.Starred)]
    view = namer.ref(resource) or ""
    return resource_routes(owner, view, name, urls, endpoint, namer.ctx.location(call))


def resource_routes(
    owner: str,
    view: str,
    name: str,
    urls: list[str | None],
    endpoint: str | None,
    location: Location,
) -> list[RouteFact]:
    """The rules of a resource class `name` added at `urls` (one rule per URL)."""
    return [
        RouteFact(
            owner=owner,
            rule=url,
            endpoint=endpoint,
            methods=None,
            view=view,
            location=location,
            view_name=name.lower(),  # NOTE: Flask-RESTful's default endpoint
        )
        for url in urls
    ]


def view_class_fact(namer: Namer, node: ast.ClassDef) -> ViewClassFact | None:
    """A class with HTTP handler methods or a `flask.views` base."""
    bases = tuple(namer.ref(b) or "" for b in node.bases)
    defined = [
        statement
        for statement in node.body
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
        and statement.name in HTTP_HANDLERS
    ]
    refused = [s for s in defined if s.name in _WRITE_HANDLERS and _only_refuses(namer, s)]
    dispatch = any(
        isinstance(s, ast.FunctionDef) and s.name == "dispatch_request" for s in node.body
    )
    if not (defined or dispatch or VIEW_BASES.intersection(bases) or _sets_view(node)):
        return None
    methods = None
    form_class = None
    decorators: list[ast.expr] = []
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name) and target.id == "methods":
                methods = _methods(namer, statement.value)
            elif isinstance(target, ast.Name) and target.id == "form_class":
                form_class = namer.ref(statement.value)
            elif (
                isinstance(target, ast.Name)
                and target.id in {"decorators", "method_decorators"}
                and isinstance(statement.value, ast.List | ast.Tuple)
            ):
                # NOTE: Flask-RESTful's `method_decorators` wrap each handler, which
                # for what a request may do is the same as wrapping the view.
                decorators += statement.value.elts
    return ViewClassFact(
        ref=namer.function_ref(node),
        bases=bases,
        methods=methods,
        handlers=tuple(s.name.upper() for s in defined if s not in refused),
        decorators=tuple(namer.decorator(d) for d in decorators),
        write_handlers=_write_handlers(namer, [s for s in defined if s not in refused]),
        body=namer.body(node),
        location=namer.ctx.location(node),
        form_class=form_class,
        refused=tuple(s.name.upper() for s in refused),
        post_body=_post_body(namer, node, [s for s in defined if s not in refused]),
    )


def _post_body(
    namer: Namer, node: ast.ClassDef, handlers: list[ast.FunctionDef | ast.AsyncFunctionDef]
) -> BodyFacts | None:
    """What the class does but in its handlers other than `post` (`ViewClassFact.post_body`)."""
    others = [s for s in handlers if s.name != "post"]
    if not others or len(others) == len(handlers):
        return None
    # NOTE: a shallow copy of the class holding the same statements, but the other
    # handlers: its nodes keep their places in the module.
    shell = copy.copy(node)
    shell.body = [s for s in node.body if not any(s is other for other in others)]
    shell.decorator_list = []
    return namer.body(shell)


def _only_refuses(namer: Namer, handler: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the handler's one statement (after its docstring) raises or aborts (`raise
    ApiError("use /problems", status_code=501)`, `abort(405)`, `ns.abort(501)`): a method
    kept only to answer that it is not allowed, which changes nothing."""
    body = after_docstring(handler.body)
    return len(body) == 1 and raises_or_aborts(namer.ctx, body[0])


_VIEW_ATTRIBUTES = frozenset({"methods", "decorators", "method_decorators", "form_class"})


def _sets_view(node: ast.ClassDef) -> bool:
    """Whether a class with bases sets what a view class's handlers go by (a subclass of
    a project view setting its own `decorators` or `methods`)."""
    return bool(node.bases) and any(
        isinstance(s, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id in _VIEW_ATTRIBUTES for t in s.targets)
        for s in node.body
    )


def _write_handlers(
    namer: Namer, handlers: list[ast.FunctionDef | ast.AsyncFunctionDef]
) -> tuple[tuple[str, tuple[DecoratorFact, ...]], ...]:
    """The state-changing handlers of `handlers` with their decorators (`@require_token`
    on `post`, the one handler that writes, while `get` is public), but Python's
    `staticmethod` and `classmethod`, which only say how the handler is bound (a
    Flask-RESTX resource's `@staticmethod def post():`) and wrap no request."""
    return tuple(
        (
            handler.name,
            tuple(namer.decorator(d) for d in handler.decorator_list if not _binds_only(namer, d)),
        )
        for handler in handlers
        if handler.name in _WRITE_HANDLERS
    )


_BINDINGS = frozenset({"staticmethod", "classmethod"})


def _binds_only(namer: Namer, decorator: ast.expr) -> bool:
    """`@staticmethod` or `@classmethod`, Python's own (the module binds no such name)."""
    return (
        isinstance(decorator, ast.Name)
        and decorator.id in _BINDINGS
        and decorator.id not in namer.aliases
        and namer.ctx.lookup(decorator) is None
        and namer.ctx.module_function(decorator.id) is None
    )


_EXPOSING = ("flask_appbuilder", "flask_admin")
_CLASS_GUARDS = frozenset({"is_accessible", "_handle_view"})
"""Flask-Admin calls `_handle_view` before every exposed method, and its default calls
`is_accessible` (True unless overridden) and `inaccessible_callback` (abort 403)."""


def _exposes(namer: Namer, decorator: ast.expr) -> bool:
    """`@expose("/path")` of Flask-AppBuilder (views and REST APIs) or Flask-Admin."""
    if not isinstance(decorator, ast.Call):
        return False
    name = namer.ref(decorator.func) or ""
    return name.startswith(_EXPOSING) and name.rsplit(".", 1)[-1] in {"expose", "expose_api"}


def _exposed_routes(
    namer: Namer, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> list[RouteFact]:
    exposing = [d for d in function.decorator_list if _exposes(namer, d)]
    if not exposing:
        return []
    others = tuple(namer.decorator(d) for d in function.decorator_list if d not in exposing)
    body = namer.body(function)
    routes = []
    for decorator in exposing:
        assert isinstance(decorator, ast.Call)  # noqa: S101 - checked by _exposes
        url = namer.ctx.argument(decorator, 0, "url")
        methods_node = namer.ctx.argument(decorator, 1, "methods")
        routes.append(
            RouteFact(
                owner="",
                rule=_string(namer, url) if url is not None else "/",
                endpoint=function.name,
                # NOTE: both frameworks' `expose` default to `methods=("GET",)`.
                methods=_methods(namer, methods_node) if methods_node is not None else ("GET",),
                view=namer.function_ref(function),
                location=namer.ctx.location(function),
                decorators=others,
                body=body,
                view_name=function.name,
            )
        )
    return routes


def _grants_all(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`def is_accessible(self): return True`: an override that lets everyone in."""
    statements = [s for s in function.body if not isinstance(s, ast.Expr)]
    return (
        len(statements) == 1
        and isinstance(statements[0], ast.Return)
        and isinstance(statements[0].value, ast.Constant)
        and statements[0].value.value is True
    )


def exposed_view_fact(namer: Namer, node: ast.ClassDef) -> ExposedViewFact | None:
    """A class with `@expose` methods, an access check of Flask-Admin's, or a base class
    (it may be a project class deriving from a Flask-AppBuilder or Flask-Admin view)."""
    routes: list[RouteFact] = []
    guard = form_base = ""
    named: dict[str, str | None] = {}
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            routes += _exposed_routes(namer, statement)
            if statement.name in _CLASS_GUARDS and not _grants_all(statement):
                guard = guard or namer.function_ref(statement)
        elif (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id in {"route_base", "resource_name"}
        ):
            named[statement.targets[0].id] = _string(namer, statement.value)
        elif (value := _assigned(statement, "form_base_class")) is not None:
            form_base = namer.ref(value) or ""
    if not routes and not guard and not node.bases:
        return None
    return ExposedViewFact(
        ref=namer.function_ref(node),
        name=node.name,
        route_base=named.get("route_base"),
        routes=tuple(routes),
        resource_name=named.get("resource_name"),
        guard=guard,
        location=namer.ctx.location(node),
        form_base=form_base,
    )


def _assigned(statement: ast.stmt, name: str) -> ast.expr | None:
    """The value of `name = ...` in a class body, if the statement is that."""
    if (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and statement.targets[0].id == name
    ):
        return statement.value
    return None
