"""Routes as `app.url_map` holds them: blueprints mounted with their prefixes and names."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from webwarden.findings import Location
from webwarden.model.flask.app import FlaskApp, Route
from webwarden.model.flask.cookie_authority import body_acts_as_user
from webwarden.model.flask.facts import (
    AppFact,
    DecoratorFact,
    FlaskFacts,
    HookFact,
    RegisterFact,
    ResourceTableFact,
    RouteFact,
    TableCallFact,
    TableHelper,
    ViewClassFact,
)
from webwarden.model.flask.index import Index
from webwarden.model.flask.layers import located
from webwarden.model.flask.openapi import operations
from webwarden.model.flask.registers import WILDCARD
from webwarden.model.flask.restful import ApiMounts
from webwarden.model.flask.route_helpers import expanded

_MAX_NESTING = 5
_AUTOMATIC = frozenset({"OPTIONS"})


@dataclass(frozen=True, slots=True)
class Mount:
    """A blueprint registered on the app: its full name and URL prefix."""

    ref: str
    name: str
    prefix: str | None


def _join(prefix: str | None, rule: str | None) -> str | None:
    """Flask's `BlueprintSetupState.add_url_rule` prefixing."""
    if prefix is None or rule is None:
        return rule
    if not rule:
        return prefix
    return "/".join((prefix.rstrip("/"), rule.lstrip("/")))


def _nest(outer: str | None, inner: str | None) -> str | None:
    if outer is not None and inner is not None:
        return outer.rstrip("/") + "/" + inner.lstrip("/")
    return inner if inner is not None else outer


def mounts(index: Index, app_ref: str) -> list[Mount]:
    """Every blueprint registered on the app, nested ones included."""
    found: list[Mount] = []
    parents: list[tuple[str, str, str | None]] = [(app_ref, "", None)]
    for _ in range(_MAX_NESTING):
        next_parents = []
        for parent_ref, parent_name, parent_prefix in parents:
            for _, facts in index.facts:
                for register, ref in _registered(index, facts):
                    if not _targets(index, register.target, parent_ref, app_ref):
                        continue
                    blueprint = index.blueprints[ref][0]
                    own = register.url_prefix if isinstance(register.url_prefix, str) else None
                    prefix = own if own is not None else blueprint.url_prefix
                    name = register.name if isinstance(register.name, str) else blueprint.name
                    full = f"{parent_name}.{name}" if parent_name else name
                    mount = Mount(ref, full, _nest(parent_prefix, prefix))
                    if mount not in found:
                        found.append(mount)
                        next_parents.append((ref, full, mount.prefix))
        parents = next_parents
    return found


def _registered(index: Index, facts: FlaskFacts) -> Iterator[tuple[RegisterFact, str]]:
    """Each registration with the blueprint it registers (each of a loop's)."""
    for register in facts.registers:
        given = index.members(register.blueprint) if register.each else [register.blueprint]
        given = [found for ref in given for found in _matching(index, ref)]
        for blueprint in given:
            ref = index.blueprint_of(blueprint)
            if ref is not None:
                yield register, ref


def _matching(index: Index, ref: str) -> list[str]:
    """`ref`, or for a blueprint of modules an import names at run time
    (`web.auth.*.views.auth`) each blueprint of the project it may be, in name order."""
    if WILDCARD not in ref.split("."):
        return [ref]
    pattern = re.compile(
        r"\.".join("[^.]+" if p == WILDCARD else re.escape(p) for p in ref.split("."))
    )
    return sorted(b for b in index.blueprints if pattern.fullmatch(b))


def _targets(index: Index, target: str, parent_ref: str, app_ref: str) -> bool:
    if parent_ref == app_ref:
        return app_ref in index.apps_of(target)
    return index.blueprint_of(target) == parent_ref


def _view_of(index: Index, ref: str) -> tuple[ViewClassFact | None, tuple[str, ...]]:
    """The view class fact of `ref` and its bases. A project class with no handler or
    view attribute of its own (`class Contact(FormView): template = "contact.html"`) has
    no fact, only its bases, whose handlers it runs."""
    canonical = index.canonical(ref)
    view = index.view_classes.get(canonical)
    return view, view.bases if view is not None else index.bases.get(canonical, ())


def _class_methods(index: Index, ref: str, depth: int = 0) -> set[str]:
    if depth > _MAX_NESTING:
        return set()
    view, bases = _view_of(index, ref)
    if view is not None and view.methods is not None:
        return set(view.methods)
    found = set(view.handlers) if view is not None else set()
    refused = set(view.refused) if view is not None else set()
    for base in bases:
        found |= _class_methods(index, base, depth + 1) - refused
    return found


def _class_decorators(index: Index, ref: str, depth: int = 0) -> tuple[DecoratorFact, ...]:
    """A view class's `decorators` (and `method_decorators`), or those it inherits from
    the first project base class that sets them (`AuthenticatedResource`)."""
    if depth > _MAX_NESTING:
        return ()
    view, bases = _view_of(index, ref)
    if view is not None and view.decorators:
        return view.decorators
    for base in bases:
        inherited = _class_decorators(index, base, depth + 1)
        if inherited:
            return inherited
    return ()


def _write_decorators(index: Index, ref: str) -> tuple[tuple[DecoratorFact, ...], ...]:
    """The decorators of each state-changing handler of a view class, as the class
    defines it or inherits it from the nearest project base that does (`put` and `delete`
    of a CRUD base class, under `@jwt_required()`); a handler that only refuses hides
    the one a base defines."""
    handlers: dict[str, tuple[DecoratorFact, ...] | None] = {}
    for view, _ in _class_chain(index, ref):
        for refused in view.refused:
            handlers.setdefault(refused.lower(), None)
        for name, decorators in view.write_handlers:
            handlers.setdefault(name, decorators)
    return tuple(d for d in handlers.values() if d is not None)


def _shared(handlers: tuple[tuple[DecoratorFact, ...], ...]) -> tuple[DecoratorFact, ...]:
    """The decorators every one of `handlers` carries."""
    if not handlers:
        return ()
    first, *others = handlers
    return tuple(d for d in first if all(d in other for other in others))


def _class_calls(index: Index, ref: str) -> tuple[frozenset[str], bool]:
    """`Route.class_calls` of the view class `ref`: its project bases' calls and the
    nearest `form_class` of it and them; and whether a base's body acts as the user
    (`Route.bases_act_as_user`)."""
    calls: set[str] = set()
    acts = False
    form_class = None
    for view, depth in _class_chain(index, ref):
        if depth:
            calls |= view.body.calls
            acts = acts or body_acts_as_user(view.body)
        form_class = form_class or view.form_class
    return frozenset(calls | ({form_class} if form_class else set())), acts


def _class_chain(index: Index, ref: str) -> Iterator[tuple[ViewClassFact, int]]:
    """The view class `ref` and its project bases, nearest first, each with its depth
    (0 for the class itself)."""
    pending = [(ref, 0)]
    while pending:
        current, depth = pending.pop(0)
        if depth > _MAX_NESTING:
            continue
        view, bases = _view_of(index, current)
        if view is not None:
            yield view, depth
        pending += [(base, depth + 1) for base in bases]


def make_route(
    index: Index,
    fact: RouteFact,
    relpath: str,
    mount: Mount | None,
    through_api: bool = False,
    apis: ApiMounts | None = None,
) -> Route:
    """The route a rule fact makes on the app, under its blueprint's mount if it has one;
    without the decorators of its `Api` or `Namespace` (`apis`) that only describe the
    handler (`ApiMounts.describes`)."""
    # NOTE: a class with no fact of its own runs the nearest view class it derives from.
    view = next((v for v, _ in _class_chain(index, fact.view)), None) if fact.view else None
    methods = set(fact.methods or ())
    if fact.methods is None:
        methods = (_class_methods(index, fact.view) if view else set()) or {"GET"}
    methods |= _AUTOMATIC
    if "GET" in methods:
        methods.add("HEAD")
    endpoint = fact.endpoint or fact.view_name
    # NOTE: the rules judging decorators (login, CSRF exemption, CORS) judge what a route
    # lets a request change, so the decorators its writing handlers share count too.
    handler_decorators = _write_decorators(index, fact.view) if view else ()
    if apis is not None:
        handler_decorators = tuple(_wrapping(apis, own) for own in handler_decorators)
    decorators = fact.decorators + (
        _class_decorators(index, fact.view) + _shared(handler_decorators) if view else ()
    )
    if apis is not None:
        decorators = _wrapping(apis, decorators)
    body = view.body if view is not None else fact.body
    function = index.functions.get(index.canonical(fact.view)) if fact.view_elsewhere else None
    if function is not None and function.body is not None:
        decorators += function.decorators
        body = function.body
    if body.checked_by and not body.verifies_caller:
        asked = index.functions.get(index.canonical(body.checked_by))
        if asked is not None and asked.proves_caller:
            body = replace(body, verifies_caller=True)
    if body.delegates_to and not body.verifies_caller:
        handler = index.handler(body.delegates_to)
        if handler is not None and handler.takes_sso_answer:
            body = replace(body, verifies_caller=True)
    if not body.verifies_caller and fact.view:
        # NOTE: the assertion consumer of python3-saml's own Flask demo hands the request
        # to `auth.process_response()` itself, then acts only when `get_errors()` is empty.
        viewed = index.functions.get(index.canonical(fact.view))
        if viewed is not None and viewed.takes_sso_answer:
            body = replace(body, verifies_caller=True)
    class_calls, bases_act = _class_calls(index, fact.view) if view else (frozenset(), False)
    route = Route(
        rule=_join(mount.prefix, fact.rule) if mount else fact.rule,
        endpoint=f"{mount.name}.{endpoint}" if mount else endpoint,
        methods=frozenset(methods),
        view=fact.view,
        location=located(relpath, fact.location),
        decorators=decorators,
        body=body,
        blueprint=mount.name if mount else None,
        view_found=not fact.view_elsewhere or view is not None or function is not None,
        through_api=through_api,
        outer_decorators=fact.outer_decorators,
        class_calls=class_calls,
        handler_decorators=handler_decorators if len(handler_decorators) > 1 else (),
        bases_act_as_user=bases_act,
    )
    if view is None or view.post_body is None or "POST" not in methods:
        return route
    own = next((d for name, d in view.write_handlers if name == "post"), ())
    post_decorators = fact.decorators + _class_decorators(index, fact.view) + own
    if apis is not None:
        post_decorators = _wrapping(apis, post_decorators)
    post_view = replace(
        route, decorators=post_decorators, body=view.post_body, handler_decorators=()
    )
    return replace(route, post_view=post_view)


def _wrapping(apis: ApiMounts, decorators: tuple[DecoratorFact, ...]) -> tuple[DecoratorFact, ...]:
    return tuple(d for d in decorators if not apis.describes(d))


TableFinder = Callable[[str], tuple[ResourceTableFact, str] | None]
"""A resource table by reference, with the relpath of its module."""
HelperFinder = Callable[[str], TableHelper | None]
"""How a project function (by reference) adds the entries of a table it is given."""


def _written(
    facts: FlaskFacts, relpath: str, tables: TableFinder, helpers: HelperFinder
) -> list[tuple[RouteFact, str]]:
    """The routes a module adds, each with the relpath of the file declaring it: those
    of the resource tables its loops add come from the table's module."""
    found = [(route, relpath) for route in facts.routes]
    added: list[tuple[str, str, tuple[DecoratorFact, ...]]] = [
        (a.owner, a.table, ()) for a in facts.table_routes
    ]
    for call in facts.table_calls:
        helper = helpers(call.callee)
        if helper is None or max(helper.owner, helper.table) >= len(call.args):
            continue
        owner, table = call.args[helper.owner], call.args[helper.table]
        if owner is not None and table is not None:
            added.append((owner, table, _wrappers_given(call, helper)))
    for owner, ref, wrappers in added:
        held = tables(ref)
        if held is not None:
            entries, table_path = held
            found += [
                (replace(e, owner=owner, decorators=wrappers + e.decorators), table_path)
                for e in entries.entries
            ]
    return found


def _wrappers_given(call: TableCallFact, helper: TableHelper) -> tuple[DecoratorFact, ...]:
    """The decorators a call gives the helper to wrap each view in (by position or name)."""
    if helper.wrappers is None:
        return ()
    position, name = helper.wrappers
    listed = dict(call.listed)
    return listed.get(position, listed.get(name, ()))


def attach_routes(
    index: Index,
    app: FlaskApp,
    fact: AppFact,
    tables: TableFinder = lambda _: None,
    helpers: HelperFinder = lambda _: None,
    classful: Sequence[tuple[RouteFact, str]] = (),
) -> None:
    """Fill the app's routes, hooks and development-server runs. `classful`: the routes
    Flask-Classful views add (`classful.classful_routes`), each with its relpath."""
    by_blueprint = {m.ref: m for m in mounts(index, app.ref)}
    apis = ApiMounts(index)

    def place(fact_as_written: RouteFact, relpath: str) -> None:
        route = apis.place(fact_as_written)
        through_api = apis.represents(fact_as_written)
        blueprint = index.blueprint_of(route.owner)
        if blueprint is not None and blueprint in by_blueprint:
            mount = by_blueprint[blueprint]
            app.routes.append(make_route(index, route, relpath, mount, through_api, apis))
            app.modules.add(relpath)
        elif blueprint is None and app.ref in index.apps_of(route.owner):
            app.routes.append(make_route(index, route, relpath, None, through_api, apis))
            app.modules.add(relpath)

    for fact_as_written, relpath in classful:
        place(fact_as_written, relpath)
    templates = _templates(index)
    for module_path, facts in index.facts:
        for fact_as_written, relpath in _written(facts, module_path, tables, helpers):
            if not fact_as_written.template:
                place(fact_as_written, relpath)
        for fact_as_written in expanded(templates, facts.route_calls, index.canonical):
            place(fact_as_written, module_path)
        for written in facts.hooks:
            hook = _completed(index, written)
            if hook is None:
                continue
            blueprint = index.blueprint_of(hook.owner)
            if blueprint is not None and blueprint in by_blueprint:
                app_wide = "_app_" in hook.kind or hook.kind.startswith("app_")
                scope = None if app_wide else by_blueprint[blueprint].name
                app.hooks.append((scope, hook, module_path))
            elif blueprint is None and app.ref in index.apps_of(hook.owner):
                app.hooks.append((None, hook, module_path))
        for call in facts.calls:
            # NOTE: `csrf.exempt(api)`: Flask-WTF's exemption of a whole blueprint.
            target = index.blueprint_of(call.args[0]) if call.args else None
            if call.callee.endswith(".exempt") and target in by_blueprint:
                app.blueprint_calls.append((call.callee, by_blueprint[target].name))
        for run in facts.runs:
            same_module = module_path == app.location.path
            served = index.apps_of(run.target)
            # NOTE: `run_simple(host, port, wrapped)` of an app this module makes, in a
            # middleware webwarden does not follow, serves it too.
            unnamed = not run.target or (run.callee.endswith("run_simple") and not served)
            if app.ref in served or (unnamed and same_module):
                app.runs.append((dict(run.options), located(module_path, run.location)))
    static = _static_route(app, fact)
    if static is not None:
        app.routes.append(static)


def _templates(index: Index) -> dict[str, list[RouteFact]]:
    """The `add_url_rule` templates of the project's functions (`RouteFact.template`),
    by the function's reference: they make routes only where their callers give the
    parts (`route_helpers.expanded`)."""
    found: dict[str, list[RouteFact]] = {}
    for _, facts in index.facts:
        for route in facts.routes:
            if route.template:
                found.setdefault(route.owner.partition(":")[0], []).append(route)
    return found


def _completed(index: Index, hook: HookFact) -> HookFact | None:
    """The hook, given the decorators, body and passes of its function when another module
    defines it (`HookFact.imported`); None when the project does not (a library's). An
    `after_request` hook also sets the headers the project's functions it calls set."""
    if hook.imported:
        function = index.functions.get(index.canonical(hook.function))
        if function is None or function.body is None:
            return None
        hook = replace(
            hook,
            function=function.ref,
            decorators=function.decorators,
            body=function.body,
            passes=function.passes,
        )
    if "after" not in hook.kind:
        return hook
    helped = _helpers_headers(index, hook.body.calls)
    if not helped:
        return hook
    return replace(hook, body=replace(hook.body, headers_set=hook.body.headers_set + helped))


def _helpers_headers(index: Index, calls: frozenset[str]) -> tuple[tuple[str, object], ...]:
    """The headers the project's functions among `calls` set on a response (a helper of
    another module, `add_security_headers(response)`, that the hook hands its response)."""
    found: list[tuple[str, object]] = []
    for call in sorted(calls):
        function = index.functions.get(index.canonical(call))
        if function is not None and function.body is not None:
            found.extend(function.body.headers_set)
    return tuple(found)


def attach_api_routes(index: Index, app: FlaskApp, fact: AppFact, read: Reader) -> None:
    """Add the routes of the specifications a Connexion app's `add_api` calls load (read
    from the app's `specification_dir`), one per operation, to the `operationId` view (or
    the one a `RestyResolver` names)."""
    folder = posixpath.join(app.root_dir, fact.specification_dir)
    for _, facts in index.facts:
        for api in facts.apis:
            if app.ref not in index.apps_of(api.owner):
                continue
            relpath = posixpath.normpath(posixpath.join(folder, api.specification))
            text = read(relpath)
            resolver = api.resolver or fact.resolver
            for operation in operations(text or "", api.base_path, resolver):
                written = RouteFact(
                    owner=app.ref,
                    rule=operation.rule,
                    endpoint=operation.view,
                    methods=(operation.method,),
                    view=operation.view,
                    location=Location(relpath, operation.line, operation.column),
                    view_name=operation.view,
                    view_elsewhere=True,
                )
                route = make_route(index, written, relpath, None, through_api=True)
                app.routes.append(replace(route, arguments=operation.arguments))


Reader = Callable[[str], str | None]
"""A project file's text by relative path (None: not in the project, or unreadable)."""


def _static_route(app: FlaskApp, fact: AppFact) -> Route | None:
    """Flask adds `/static/<path:filename>` whenever `static_folder` is set (the default)."""
    folder = fact.static_folder
    if not isinstance(folder, str):
        return None
    url_path = "/" + posixpath.basename(folder.rstrip("/"))
    return Route(
        rule=f"{url_path}/<path:filename>",
        endpoint="static",
        methods=frozenset({"GET", "HEAD", "OPTIONS"}),
        view="flask.Flask.send_static_file",
        location=Location(app.location.path, app.location.line, app.location.column),
    )
