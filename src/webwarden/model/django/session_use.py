"""What of a request may act with the authority its cookies give, and which functions of
the project use it when handed the request.

A forged cross-site post reaches a view with the victim's cookies; it gains something
only when the view acts on them: the logged-in user (`request.user`), the session, a login,
or a callee it hands the request to that may do either. A view's own module shows the
view; the functions of other modules it hands the request to (`has_valid_api_key(request)`
from the project's `utils`) are judged by their bodies in the project step, from the
`SESSION_HELPERS` facts of their modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from webwarden.model.django.harmless_decorators import harmless_aliases
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel

SESSION_HELPERS = "django.session_helpers"
"""Fact name: each top-level function of a module taking the request that reads none of
its authority itself, with the imported functions it hands the request to."""

AUTHORITY = frozenset({"user", "session", "COOKIES", "auser"})
"""What of the request says who is asking, by the cookies it came with."""
_LOGINS = frozenset(
    {"login", "logout", "alogin", "alogout", "update_session_auth_hash", "get_user", "aget_user"}
)
"""Not `authenticate(username=..., password=...)`: it checks the credentials the post
carries, not the cookies (handed the request, it counts as any callee given it)."""
_INERT = frozenset(
    {
        "django.shortcuts.render",
        "django.shortcuts.render_to_response",
        "django.template.response.TemplateResponse",
        "django.template.loader.render_to_string",
        "django.contrib.sites.shortcuts.get_current_site",
        "ipware.get_client_ip",
        "ipware.ip.get_client_ip",
        "django_ratelimit.core.is_ratelimited",
        "ratelimit.core.is_ratelimited",
        "ratelimit.utils.is_ratelimited",
        "raven.contrib.django.models.client.get_data_from_request",
        "raven.contrib.django.raven_compat.models.client.get_data_from_request",
        "rest_framework.authentication.get_authorization_header",
    }
)
"""Callees that take the request only to render a page (or to find the site its host
names, or the client's address: django-ipware; or to count the requests of a key:
django-ratelimit's `is_ratelimited`, as its decorator does; or to describe it in an error
report: Raven's Django client, whose `get_data_from_request` reads the user's id and the
headers into the event it returns; or to read its `Authorization` header: REST
framework's `get_authorization_header` returns `request.META["HTTP_AUTHORIZATION"]` as
bytes, which a browser never adds to a cross-site post): they change nothing."""
_Function = ast.FunctionDef | ast.AsyncFunctionDef
_HANDLERS = frozenset(
    {"dispatch", "get", "post", "put", "patch", "delete", "head", "options", "trace", "setup"}
)
"""Methods of a class-based view Django calls with the request and the URL's arguments."""


def uses_authority(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` reads the request's user, session or cookies, logs in or out, or
    hands the request (or arguments passed on with `*args`) to a callee other than a
    response builder."""
    if isinstance(node, ast.Attribute):
        return node.attr in AUTHORITY and is_request_value(node.value)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    spread = [a.value for a in node.args if isinstance(a, ast.Starred)]
    spread += [k.value for k in node.keywords if k.arg is None]
    if any(_may_hold_request(ctx, value) for value in spread):
        return True  # NOTE: `super().dispatch(*args, **kwargs)` may pass the request on
    given = [*node.args, *(k.value for k in node.keywords)]
    if not any(is_request_value(argument) for argument in given):
        # NOTE: Django's `login(request, user)` and `get_user(request)` need the request;
        # a project's own `get_user(token)`, imported from its module, is not theirs.
        return name in _LOGINS and not _project_function(ctx, node)
    callee = ctx.call_name(node) or ""
    return callee not in _INERT and not callee.startswith("django.http.")


def _may_hold_request(ctx: FileContext, spread: ast.expr) -> bool:
    """Whether a value spread into a call (`*args`, `**kwargs`) may hold the request: any
    but a local name of the enclosing function that each assignment of it binds to a
    value reading no request and no spread parameter (`config.templates.add(*tagged)`
    after `tagged = queryset.filter(...)`, `text.format(**fields)` after `fields =
    {"id": device.pk}`)."""
    function = next(
        (a for a in ctx.ancestors(spread) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        None,
    )
    if not isinstance(spread, ast.Name) or function is None:
        return True
    arguments = function.args
    spread_parameters = {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
    if spread.id in spread_parameters:
        return not _request_apart(function) and not _called_without_request(ctx, function)
    bound = [
        node
        for node in ast.walk(function)
        if isinstance(node, ast.Name)
        and node.id == spread.id
        and not isinstance(node.ctx, ast.Load)
    ]
    values = [
        node.value
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == spread.id for t in node.targets)
    ]
    # NOTE: a parameter, or a name a loop, a `with` or an unpacking binds, may be anything.
    if not values or len(values) != len(bound):
        return True
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and _method_of(node.func, spread.id):
            values += [*node.args, *(k.value for k in node.keywords)]  # `fields.update(...)`
        elif isinstance(node, ast.Assign) and any(_item_of(t, spread.id) for t in node.targets):
            values.append(node.value)  # NOTE: `fields["id"] = ...`
    spread_read = not _request_apart(function) and any(
        isinstance(node, ast.Name) and node.id in spread_parameters
        for value in values
        for node in ast.walk(value)
    )
    return any(_holds_request(value) for value in values) or (
        spread_read and not _called_without_request(ctx, function)
    )


def _holds_request(value: ast.expr) -> bool:
    """Whether `value` holds the request itself (`[request, "inbox"]`), not only what is
    read from it (`request.POST.get("tags")`, whose `.user` and the like `uses_authority`
    judges where it is read)."""
    read_from = {id(node.value) for node in ast.walk(value) if isinstance(node, ast.Attribute)}
    return any(is_request_value(node) and id(node) not in read_from for node in ast.walk(value))


def _request_apart(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`def post(self, request, *args, **kwargs)`: the function takes the request by a
    name of its own, so its `*args` and `**kwargs` hold the rest (the URL's arguments)."""
    named = [*function.args.posonlyargs, *function.args.args]
    return any(a.arg.endswith("request") for a in named)


def _called_without_request(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    """Whether `function` is a method its module calls on `self` only (`self.init_object(
    **request.POST.dict())`, some call at least) and no call hands it the request: its
    `*args` and `**kwargs` hold what those calls pass. A handler (`get`, `post`,
    `dispatch`) is called by Django with the request."""
    if function.name in _HANDLERS or function.name.startswith("__"):
        return False
    calls = [
        node
        for node in ctx.nodes(ast.Call)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == function.name
    ]
    if not calls or any(
        not (isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name))
        or call.func.value.id != "self"
        for call in calls
    ):
        return False
    return not any(
        is_request_value(argument)
        for call in calls
        for argument in (*call.args, *(k.value for k in call.keywords))
    )


def _method_of(func: ast.expr, name: str) -> bool:
    """`name.update`, `name.append`: a method called on the name."""
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == name
    )


def _item_of(target: ast.expr, name: str) -> bool:
    """`name[key]` as an assignment's target."""
    return (
        isinstance(target, ast.Subscript)
        and isinstance(target.value, ast.Name)
        and target.value.id == name
    )


def _project_function(ctx: FileContext, call: ast.Call) -> bool:
    """The callee is a function the module imports from a module other than Django's."""
    imported = imported_callee(ctx, call)
    return imported is not None and not imported.startswith("django.")


def is_request_value(node: ast.AST) -> bool:
    """`request`, `self.request` (or any name ending so: `http_request`)."""
    if isinstance(node, ast.Name):
        return node.id.endswith("request")
    return isinstance(node, ast.Attribute) and node.attr == "request"


def imported_callee(ctx: FileContext, call: ast.Call) -> str | None:
    """The qualified name of the function `call` calls when the module imports it
    (`from basket.news.utils import has_valid_api_key`, `utils.is_authorized`), which the
    project step may find among the project's functions; None for a method, a local or
    a name the module binds otherwise."""
    return imported_name(ctx, call.func)


def imported_name(ctx: FileContext, func: ast.expr) -> str | None:
    """The qualified name `func` reads when the module imports it (a function, or a
    decorator: `@ratelimiter_3_per_m`), None for a local or a name bound otherwise."""
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name) or root.id not in ctx.names.aliases:
        return None
    if ctx.scopes.binding_scope(root) not in (ctx.tree, None):
        return None  # NOTE: a parameter or local of that name hides the import
    qualified = ctx.qualified(func)
    return qualified if qualified and "." in qualified else None


def extract_session_helpers(ctx: FileContext) -> dict[str, tuple[str, ...]] | None:
    """`SESSION_HELPERS` of the module: its undecorated top-level functions with a
    parameter named for the request that read no user, session or cookie of it, log no
    one in, and hand it on only to functions of their own module so judged or to
    imported ones (listed, for the project step); its names for decorators acting as
    no one (`harmless_aliases`), handing the request on to nothing; and its decorators
    that hand the request only to the view they wrap (`passing_decorators`)."""
    found: dict[str, tuple[str, ...]] = dict.fromkeys(harmless_aliases(ctx), ())
    found.update(passing_decorators(ctx))
    if not ctx.mentions("request"):
        return found or None
    for statement in ctx.tree.body:
        if not isinstance(statement, _Function) or statement.decorator_list:
            continue
        if not any(a.arg.endswith("request") for a in statement.args.args):
            continue
        callees: set[str] = set()
        if not _helper_uses(ctx, statement, {}, callees):
            found[statement.name] = tuple(sorted(callees))
    return found or None


def _helper_uses(
    ctx: FileContext, function: _Function, verdicts: dict[str, bool], callees: set[str]
) -> bool:
    verdicts[function.name] = True  # NOTE: met again while judging it: a cycle counts as use
    for node in ast.walk(function):
        if not uses_authority(ctx, node):
            continue
        if not isinstance(node, ast.Call):
            return True
        local = _module_helper(ctx, node.func)
        if local is not None:
            known = verdicts.get(local.name)
            if known is None:
                known = _helper_uses(ctx, local, verdicts, callees)
            if known:
                return True
            continue
        imported = imported_callee(ctx, node)
        if imported is None:
            return True
        callees.add(imported)
    verdicts[function.name] = False
    return False


def _module_helper(ctx: FileContext, func: ast.expr) -> _Function | None:
    """The undecorated top-level function of the module `func` names, if any."""
    if not isinstance(func, ast.Name) or func.id in ctx.names.aliases:
        return None
    found = ctx.module_function(func.id)
    return found if found is not None and not found.decorator_list else None


def helpers_use_session(project: ProjectModel, callees: Iterable[str]) -> bool:
    """Whether any of these functions (qualified names) may act as the request's user,
    through the functions they hand it to in turn: one the project does not define, or
    whose module's facts do not clear, counts as doing so."""
    seen: set[str] = set()
    pending = list(callees)
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        module, _, function = name.rpartition(".")
        summary = project.modules_named(module)
        helpers = summary.facts.get(SESSION_HELPERS) if summary is not None else None
        if not isinstance(helpers, dict) or function not in helpers:
            return True
        pending.extend(helpers[function])
    return False


def passing_decorators(ctx: FileContext) -> dict[str, tuple[str, ...]]:
    """The module's top-level decorators of one parameter (the view) that return a
    function they define (`@wraps(view)` or undecorated) which reads no user, session or
    cookie of the request nor the client's address, logs no one in, and hands the request (its own arguments:
    `request`, `*args`, `args[0]`) only to the view it wraps (`return view(*args,
    **kwargs)`), to functions of the module that act as no one, or to imported ones
    (listed, for the project step): a decorator catching errors as JSON, timing or
    logging the view. What the view itself does is judged with it."""
    found: dict[str, tuple[str, ...]] = {}
    for statement in ctx.tree.body:
        if not isinstance(statement, _Function) or statement.decorator_list:
            continue
        arguments = statement.args
        positional = [*arguments.posonlyargs, *arguments.args]
        if len(positional) != 1 or arguments.vararg or arguments.kwarg or arguments.kwonlyargs:
            continue
        view = positional[0].arg
        wrapper = _returned_wrapper(ctx, statement, view)
        if wrapper is None:
            continue
        callees: set[str] = set()
        if not _wrapper_uses(ctx, wrapper, view, callees):
            found[statement.name] = tuple(sorted(callees))
    return found


def _returned_wrapper(ctx: FileContext, decorator: _Function, view: str) -> _Function | None:
    """The one function `decorator` defines and returns (every `return` of its own body
    naming it, the name bound nowhere else), decorated with nothing but `wraps(view)`."""
    nested = [s for s in decorator.body if isinstance(s, _Function)]
    if len(nested) != 1:
        return None
    wrapper = nested[0]
    returns: list[ast.Return] = []
    pending: list[ast.AST] = [s for s in decorator.body if s is not wrapper]
    while pending:
        node = pending.pop()
        if isinstance(node, _Function | ast.Lambda | ast.ClassDef):
            return None  # NOTE: another function it may return instead
        if isinstance(node, ast.Return):
            returns.append(node)
        if (
            isinstance(node, ast.Name)
            and node.id == wrapper.name
            and not isinstance(node.ctx, ast.Load)
        ):
            return None  # NOTE: bound anew (`wrapper = other(wrapper)`)
        pending.extend(ast.iter_child_nodes(node))
    if not returns or not all(
        isinstance(r.value, ast.Name) and r.value.id == wrapper.name for r in returns
    ):
        return None
    for applied in wrapper.decorator_list:
        if not (
            isinstance(applied, ast.Call)
            and ctx.call_name(applied) == "functools.wraps"
            and len(applied.args) == 1
            and isinstance(applied.args[0], ast.Name)
            and applied.args[0].id == view
        ):
            return None
    return wrapper


def _wrapper_uses(ctx: FileContext, wrapper: _Function, view: str, callees: set[str]) -> bool:
    """Whether the wrapper may act with the request's authority other than through the
    view it calls (see `passing_decorators`)."""
    arguments = wrapper.args
    given = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    given |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
    verdicts: dict[str, bool] = {}
    for node in ast.walk(wrapper):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.lower() in _CLIENT_ADDRESS
        ):
            return True  # NOTE: trusts the address: a browser on that network lends it
        if isinstance(node, ast.Attribute) and node.attr in AUTHORITY:
            if is_request_value(node.value) or _argument(node.value, given):
                return True
            continue
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id == view:
            continue  # NOTE: the view itself, judged as the view
        passed = [*node.args, *(k.value for k in node.keywords)]
        if not uses_authority(ctx, node) and not any(_argument(a, given) for a in passed):
            continue
        local = _module_helper(ctx, node.func)
        if local is not None:
            if _helper_uses(ctx, local, verdicts, callees):
                return True
            continue
        imported = imported_callee(ctx, node)
        if imported is None:
            return True
        callees.add(imported)
    return False


_CLIENT_ADDRESS = frozenset(
    {"remote_addr", "http_x_forwarded_for", "http_x_real_ip", "x-forwarded-for", "x-real-ip"}
)
"""Where a wrapper reads the client's address (`request.META["REMOTE_ADDR"]`): letting
a trusted network's callers through is authority a cross-site post borrows too."""


def _argument(node: ast.AST, given: set[str]) -> bool:
    """One of the wrapper's arguments (`request`, `args`, `args[0]`, `*args`)."""
    if isinstance(node, ast.Starred | ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name) and node.id in given
