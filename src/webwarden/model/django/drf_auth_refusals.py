"""Whether a handler of a class-based view authenticates its caller itself, the way REST
framework words it: before it changes anything it calls a method of its class (or of a
base class the module defines) that raises `AuthenticationFailed`, REST framework's
answer to credentials it does not know (a 401 or 403), for the key the request sent: an
ingestion endpoint taking a project's key in a header or the query string, with
`authentication_classes = []` and `permission_classes = [AllowAny]`.

The method may look the key up itself or hand the request to another method reading it
(`self.key_from(request)`): any raise of `AuthenticationFailed` in it, or in a method it
calls (two calls deep), is the project's word that a caller without a known key gets no
further. A method reading the browser's user, session or cookies does not count: a
forged cross-site request carries those."""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import after_docstring, ends, unchanging_before_check
from webwarden.model.module import FileContext
from webwarden.model.raising_checks import deployed
from webwarden.model.tree import defined_method

AUTHENTICATION_FAILED = frozenset(
    {
        "rest_framework.exceptions.AuthenticationFailed",
        "rest_framework_simplejwt.exceptions.AuthenticationFailed",
    }
)
_BROWSER = frozenset({"user", "auser", "session", "COOKIES"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def authenticates_by_raising(ctx: FileContext, handler: _Function, owner: ast.ClassDef) -> bool:
    """Whether the handler's first act, after statements that change nothing (logging,
    settings read into locals, a refusal when a switch is off), calls a method that raises
    `AuthenticationFailed` for the request it is handed (also as the first statement of
    a `try` whose handlers all leave): past that call, the caller proved a credential."""
    parameters = handler.args.posonlyargs + handler.args.args
    if len(parameters) < 2:
        return False
    request = parameters[1].arg
    for statement in deployed(after_docstring(handler.body)):
        call = _first_call(ctx, statement)
        if call is not None and _hands_request(call, request):
            method = _resolve(ctx, owner, call.func)
            if method is not None and _raises_failed(ctx, owner, method, depth=2):
                return True
        if not unchanging_before_check(ctx, statement):
            return False
    return False


def _first_call(ctx: FileContext, statement: ast.stmt) -> ast.Call | None:
    """The call a statement makes as a whole (`self.check(request)`, `project =
    self.project_for(request)`), or that opens a `try` whose handlers all leave."""
    if isinstance(statement, ast.Try):
        if not statement.handlers or not all(ends(ctx, h.body) for h in statement.handlers):
            return None
        statement = statement.body[0]
    value = statement.value if isinstance(statement, ast.Expr | ast.Assign) else None
    return value if isinstance(value, ast.Call) else None


def _hands_request(call: ast.Call, request: str) -> bool:
    """The call is given the request, or a part of it (`request.GET`)."""
    return any(
        isinstance(node, ast.Name) and node.id == request
        for argument in (*call.args, *(k.value for k in call.keywords))
        for node in ast.walk(argument)
    )


def _resolve(ctx: FileContext, owner: ast.ClassDef, func: ast.expr) -> _Function | None:
    """The method `self.name`, `cls.name` or `Klass.name` runs: the nearest definition in
    the class and the base classes the module defines (`Klass` one of those)."""
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    receiver = func.value.id
    classes = _module_classes(ctx)
    start = owner if receiver in {"self", "cls"} else classes.get(receiver)
    if start is None:
        return None
    seen: set[str] = set()
    queue = [start]
    while queue:
        cls = queue.pop(0)
        if cls.name in seen:
            continue
        seen.add(cls.name)
        found = defined_method(cls, func.attr)
        if found is not None:
            return found
        queue.extend(b for base in cls.bases if (b := _module_class(classes, base)) is not None)
    return None


def _module_classes(ctx: FileContext) -> dict[str, ast.ClassDef]:
    return {n.name: n for n in ctx.tree.body if isinstance(n, ast.ClassDef)}


def _module_class(classes: dict[str, ast.ClassDef], base: ast.expr) -> ast.ClassDef | None:
    return classes.get(base.id) if isinstance(base, ast.Name) else None


def _raises_failed(ctx: FileContext, owner: ast.ClassDef, method: _Function, depth: int) -> bool:
    """Whether the method raises `AuthenticationFailed`, itself or in a method of the
    classes it calls, and reads nothing the browser sends by itself."""
    if _reads_browser(method):
        return False
    for node in ast.walk(method):
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if ctx.qualified(raised) in AUTHENTICATION_FAILED:
                return True
    if depth <= 1:
        return False
    return any(
        isinstance(node, ast.Call)
        and (inner := _resolve(ctx, owner, node.func)) is not None
        and inner is not method
        and _raises_failed(ctx, owner, inner, depth - 1)
        for node in ast.walk(method)
    )


def _reads_browser(method: _Function) -> bool:
    """`request.user`, `self.request.session`, `request.COOKIES` read in the method."""
    parameters = {a.arg for a in (*method.args.posonlyargs, *method.args.args)} - {"self", "cls"}
    for node in ast.walk(method):
        if not (isinstance(node, ast.Attribute) and node.attr in _BROWSER):
            continue
        value = node.value
        if isinstance(value, ast.Name) and value.id in parameters:
            return True
        if isinstance(value, ast.Attribute) and value.attr == "request":
            return True
    return False
