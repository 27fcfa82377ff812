"""WW605: a DRF session authentication class that skips the CSRF check."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable, Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.csrf._read_only_users import only_read_only_views_use

_SESSION_AUTH = "rest_framework.authentication.SessionAuthentication"
_AUTH_BASES = frozenset(
    {
        _SESSION_AUTH,
        *(
            f"rest_framework.authentication.{name}"
            for name in ("BaseAuthentication", "TokenAuthentication", "BasicAuthentication")
        ),
        *(
            f"rest_framework_simplejwt.authentication.{name}"
            for name in (
                "JWTAuthentication",
                "JWTStatelessUserAuthentication",
                "JWTTokenUserAuthentication",
            )
        ),
        "knox.auth.TokenAuthentication",
    }
)
"""REST framework's authentication classes a project's may build on, its own and those of
the token libraries written for it (Simple JWT's, Knox's): each reads a header, and a
subclass reading a cookie instead gives up what kept other sites out."""
_CLASS_TAG = "drf-auth-class:"
"""Tag naming the class's qualified name, for the project step."""
_READ_ONLY_REASON = "only views answering GET, HEAD or OPTIONS authenticate with it"
_USED_IN_MODULE = "drf-auth-class-used-in-module"
"""Tag of a class its own module names again (a view's `authentication_classes`)."""


class DrfSessionAuthCsrfOff(PythonRule):
    """## What it does
    Finds subclasses of Django REST framework's `SessionAuthentication` whose
    `enforce_csrf()` checks nothing (it returns at once, or only passes): the well-known
    `CsrfExemptSessionAuthentication` snippet. Also finds subclasses of it or of
    `BaseAuthentication` whose own `authenticate()` returns the user Django's middleware
    attached to the request (`(request._request.user, None)`, also through a name bound
    to it, `if user := getattr(request._request, "user", None): return (user, None)`, or
    to the wrapped request, `http_request = request._request`) and
    never calls `enforce_csrf()`: the user of the session cookie, or of a header a
    sign-on proxy sets from its own cookie, accepted without the CSRF check that DRF's
    `SessionAuthentication.authenticate()` makes. Such a pair read from the Django
    request DRF's `Request` wraps is DRF's contract itself, so a class of any base is
    judged so: one on a project's own copy of REST framework (Taiga's `taiga.base.api`,
    a fork of DRF 2 read from the same `REST_FRAMEWORK` setting), whose views are exempt
    from the middleware as DRF's are. And such an `authenticate()` that
    returns a pair built from the request's cookies (`request.COOKIES`), on DRF's own
    bases, read by itself or
    by a function of its module or a method of its class it hands the request to, and
    that mentions no CSRF check: a token kept in a cookie is sent by the browser as a
    session cookie is. DRF's bases are its own authentication classes and those of the
    token libraries made for it (Simple JWT's `JWTAuthentication`, Knox's
    `TokenAuthentication`), whose header a subclass swaps for a cookie.

    ## Why is this bad?
    DRF exempts its views from Django's CSRF middleware and checks the token itself, in
    `SessionAuthentication.enforce_csrf()`, for requests the session cookie
    authenticates. Overridden to do nothing, every API view using the class (all of them,
    when it is in `DEFAULT_AUTHENTICATION_CLASSES`) accepts requests any site a logged-in
    user visits can send with their cookie: a form on another site posts to the API in
    their name.

    ## Known problems
    An `authenticate()` returning the request's user is reported with medium confidence:
    when every middleware that sets that user reads it from a header the client sends
    itself (an API token, not a cookie or a proxy's login), no other site can make the
    browser send it, and the missing check costs nothing.
    One reading a cookie is reported with medium confidence too: a cookie set with
    `SameSite=Strict` (or `Lax`, for posts) is not sent with requests other sites start,
    which the rule does not follow to where the cookie is set. Helpers are followed three
    calls deep, in the class's own module only.
    A class that no settings module names and that other modules name only in view
    classes answering GET, HEAD or OPTIONS alone (`authentication_classes =
    [SignedCookieAuthentication]` on an `APIView` defining only `get`), whose bases are
    REST framework's or Django's read-only views and whose subclasses of the project add
    no other handler, is reported low: REST framework checks no CSRF token for those
    methods either, so nothing is lost until a view that changes something uses it.
    A class that only development or test settings modules name, in
    `REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]`, and that no other module
    imports nor its own module names again (a developer's settings letting an API client
    post without a token), is reported low: production never authenticates with it.

    ## Example
    ```python
    from rest_framework.authentication import SessionAuthentication


    class CsrfExemptSessionAuthentication(SessionAuthentication):
        def enforce_csrf(self, request):
            return
    ```

    ## Fix
    ```python
    REST_FRAMEWORK = {
        "DEFAULT_AUTHENTICATION_CLASSES": [
            # DRF's own checks the CSRF token of requests its session authenticates;
            # clients on other origins get a token instead of the session cookie.
            "rest_framework.authentication.SessionAuthentication",
            "rest_framework.authentication.TokenAuthentication",
        ]
    }
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [DRF: SessionAuthentication and CSRF](https://www.django-rest-framework.org/api-guide/authentication/#sessionauthentication)
    - [DRF: AJAX, CSRF & CORS](https://www.django-rest-framework.org/topics/ajax-csrf-cors/)
    """

    code = "WW605"
    name = "drf-session-auth-csrf-off"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 352
    message = (
        "`{auth_class}.{method}()` {problem}: API views it authenticates by session accept"
        " requests forged by other sites"
    )
    fix = (
        "delete the override (DRF checks the CSRF token for session-authenticated requests),"
        " or check it before accepting a cookie; give other clients token authentication"
    )
    frameworks = frozenset({Framework.DJANGO})

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        bases = {ctx.qualified(base) for base in node.bases}
        drf = bool(bases & _AUTH_BASES)
        for statement in node.body:
            if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if (
                _SESSION_AUTH in bases
                and statement.name == "enforce_csrf"
                and _does_nothing(statement.body)
            ):
                finding = self.finding(
                    ctx,
                    statement,
                    auth_class=node.name,
                    method="enforce_csrf",
                    problem="checks nothing",
                )
                yield _tagged(finding, ctx, node)
            elif statement.name == "authenticate" and (
                problem := _authenticate_problem(statement, node, ctx.tree, drf=drf)
            ):
                finding = self.finding(
                    ctx,
                    statement,
                    auth_class=node.name,
                    confidence=Confidence.MEDIUM,
                    method="authenticate",
                    problem=problem,
                )
                yield _tagged(finding, ctx, node)

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low when only development or test settings modules authenticate with the
        class, and no code of the project names it; or when only views answering GET,
        HEAD or OPTIONS name it, and no settings module does."""
        named = [t.removeprefix(_CLASS_TAG) for t in finding.tags if t.startswith(_CLASS_TAG)]
        django = project.django
        if not named or _USED_IN_MODULE in finding.tags or django is None:
            return finding
        qualified = named[0]
        defining = qualified.rpartition(".")[0]
        if only_read_only_views_use(project, qualified) and not any(
            _names_class(project, settings.module, qualified)
            for settings in django.settings.values()
        ):
            return lower_for_context(finding, Severity.LOW, _READ_ONLY_REASON)
        for summary in project.modules.values():
            imported = summary.imports.values()
            if (
                summary.module != defining
                and not summary.is_test
                and (qualified in imported or defining in imported)
            ):
                return finding  # NOTE: the class, or its module (`auth.TheClass`)
        naming = {
            settings.relpath
            for settings in django.settings.values()
            if _names_class(project, settings.module, qualified)
        }
        users = [settings for settings in django.judged if naming & set(settings.chain)]
        if not users or not all(settings.role.is_development for settings in users):
            return finding
        where = ", ".join(sorted(settings.relpath for settings in users))
        return lower_for_context(finding, Severity.LOW, f"only settings module {where} uses it")


def _tagged(finding: Finding, ctx: FileContext, node: ast.ClassDef) -> Finding:
    """The finding tagged with the class's qualified name, and whether its own module
    names it again, for `reassessed`."""
    tags = [f"{_CLASS_TAG}{ctx.module}.{node.name}"]
    if _named_again(ctx, node):
        tags.append(_USED_IN_MODULE)
    return dataclasses.replace(finding, tags=(*finding.tags, *tags))


def _named_again(ctx: FileContext, node: ast.ClassDef) -> bool:
    """Whether the module names the class anywhere but its definition."""
    return any(isinstance(name, ast.Name) and name.id == node.name for name in ctx.nodes(ast.Name))


def _names_class(project: ProjectModel, module: str, qualified: str) -> bool:
    """Whether a settings module names the class by its dotted path (in
    `DEFAULT_AUTHENTICATION_CLASSES`, however the list is built)."""
    ctx = project.read_module(module) if project.read_module is not None else None
    if ctx is None:
        return False
    return any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (node.value == qualified or qualified.endswith(f".{node.value}"))
        and "." in node.value
        for node in ctx.nodes(ast.Constant)
    )


def _authenticate_problem(
    method: ast.FunctionDef | ast.AsyncFunctionDef,
    cls: ast.ClassDef,
    module: ast.Module,
    *,
    drf: bool,
) -> str:
    """What `authenticate()` accepts without DRF's CSRF check, or "" when nothing.

    NOTE: returning `(request._request.user, ...)` is REST framework's contract itself
    (the pair, the Django request its `Request` wraps), whatever the class derives from:
    a project's own copy of DRF (Taiga's `taiga.base.api`) calls it as DRF does. A
    cookie read is judged only on DRF's own bases."""
    if _returns_middleware_user_unchecked(method):
        return "returns the request's user without `enforce_csrf()`"
    if drf and _returns_user_from_cookie_unchecked(method, cls, module):
        return "takes the user from a cookie without `enforce_csrf()`"
    return ""


_Function = ast.FunctionDef | ast.AsyncFunctionDef
_HELPER_DEPTH = 3
"""How many calls deep a cookie is followed from `authenticate()`: helpers of its own
module or class, to which the request is passed on."""


def _returns_user_from_cookie_unchecked(
    method: _Function, cls: ast.ClassDef, module: ast.Module
) -> bool:
    """Whether `authenticate(self, request)` returns a pair, mentions no CSRF check, and
    reads the request's cookies itself or through functions of its module (or methods of
    its class) it hands the request to."""
    if not any(
        isinstance(node, ast.Return) and node.value is not None and _pair(node.value)
        for node in ast.walk(method)
    ):
        return False
    helpers: dict[str, tuple[_Function, int]] = {
        statement.name: (statement, 0)
        for statement in module.body
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    methods: dict[str, tuple[_Function, int]] = {
        statement.name: (statement, 1)
        for statement in cls.body
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    seen: set[int] = set()
    reads = _reads_cookie(method, 1, helpers, methods, _HELPER_DEPTH, seen)
    return reads and not any(
        _mentions_csrf(function) for function in [method, *_visited(seen, helpers, methods)]
    )


def _pair(node: ast.expr) -> bool:
    """`(user, auth)`, also as a branch of `... if ... else ...`."""
    if isinstance(node, ast.IfExp):
        return _pair(node.body) or _pair(node.orelse)
    return isinstance(node, ast.Tuple) and len(node.elts) == 2


def _visited(seen: set[int], *tables: dict[str, tuple[_Function, int]]) -> list[_Function]:
    return [function for table in tables for function, _ in table.values() if id(function) in seen]


def _reads_cookie(
    function: _Function,
    index: int,
    helpers: dict[str, tuple[_Function, int]],
    methods: dict[str, tuple[_Function, int]],
    depth: int,
    seen: set[int],
) -> bool:
    """Whether `function` reads `COOKIES` of its parameter at `index` (a request), or
    passes that parameter on to a helper that does."""
    seen.add(id(function))
    parameters = function.args.posonlyargs + function.args.args
    if len(parameters) <= index:
        return False
    request = parameters[index].arg
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and node.attr == "COOKIES":
            if _is_request(node.value, request):
                return True
        elif isinstance(node, ast.Call) and depth > 0:
            callee = _callee(node.func, helpers, methods)
            if callee is None:
                continue
            target, offset = callee
            positions = [
                position
                for position, argument in enumerate(node.args)
                if isinstance(argument, ast.Name) and argument.id == request
            ]
            if any(
                _reads_cookie(target, position + offset, helpers, methods, depth - 1, seen)
                for position in positions
            ):
                return True
    return False


def _callee(
    func: ast.expr,
    helpers: dict[str, tuple[_Function, int]],
    methods: dict[str, tuple[_Function, int]],
) -> tuple[_Function, int] | None:
    """The module function (`helper(request)`) or own method (`self.helper(request)`)
    a call names, with the offset of its first positional parameter."""
    if isinstance(func, ast.Name):
        return helpers.get(func.id)
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
    ):
        return methods.get(func.attr)
    return None


def _is_request(node: ast.expr, request: str) -> bool:
    """`request`, or the Django request DRF's wraps (`request._request`)."""
    return (isinstance(node, ast.Name) and node.id == request) or _django_request(node, request)


def _mentions_csrf(function: _Function) -> bool:
    """Whether a name, attribute or string in the function speaks of CSRF (its own
    check of a token)."""
    for node in ast.walk(function):
        text = (
            node.id
            if isinstance(node, ast.Name)
            else node.attr
            if isinstance(node, ast.Attribute)
            else node.value
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            else ""
        )
        if "csrf" in text.lower():
            return True
    return False


def _returns_middleware_user_unchecked(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether `authenticate(self, request)` calls no `enforce_csrf()` and returns a pair
    whose first item is the user Django's middleware attached to the request
    (`request._request.user`, also through a name bound to `request._request`), or a
    name bound to it."""
    parameters = method.args.posonlyargs + method.args.args
    if len(parameters) < 2:
        return False
    request = parameters[1].arg
    nodes = list(ast.walk(method))
    if any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "enforce_csrf"
        for node in nodes
    ):
        return False
    wrapped = _bound_names(nodes, lambda value: _django_request(value, request))
    bound = _bound_names(nodes, lambda value: _middleware_user(value, request, wrapped))
    return any(
        isinstance(node, ast.Return)
        and isinstance(node.value, ast.Tuple)
        and len(node.value.elts) == 2
        and (
            _middleware_user(node.value.elts[0], request, wrapped)
            or (isinstance(node.value.elts[0], ast.Name) and node.value.elts[0].id in bound)
        )
        for node in nodes
    )


def _bound_names(nodes: list[ast.AST], given: Callable[[ast.expr], bool]) -> frozenset[str]:
    """Names an assignment or `:=` of the method binds to a value `given` accepts."""
    return frozenset(
        target.id
        for node in nodes
        if isinstance(node, ast.Assign | ast.NamedExpr) and given(node.value)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    )


def _middleware_user(node: ast.expr, request: str, wrapped: frozenset[str]) -> bool:
    """`request._request.user`, or `getattr(request._request, "user", ...)`, the Django
    request also as a name in `wrapped`."""
    if isinstance(node, ast.Attribute) and node.attr == "user":
        return _django_request(node.value, request, wrapped)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and _django_request(node.args[0], request, wrapped)
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value == "user"
    )


def _django_request(node: ast.expr, request: str, wrapped: frozenset[str] = frozenset()) -> bool:
    """`request._request` (the Django request DRF's wraps), or a name bound to it."""
    if isinstance(node, ast.Name):
        return node.id in wrapped
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "_request"
        and isinstance(node.value, ast.Name)
        and node.value.id == request
    )


def _does_nothing(body: list[ast.stmt]) -> bool:
    """Only a docstring, `pass`, `...`, `return` or `return None`."""
    for statement in body:
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        return isinstance(statement, ast.Return) and (
            statement.value is None
            or (isinstance(statement.value, ast.Constant) and statement.value.value is None)
        )
    return True
