"""Whether a project's middleware turns away, under a path prefix, every request that does
not prove a header credential: an API's `process_request` that lets other paths through
(`if not request.path.startswith("/api/"): return None`) and then refuses a request
without the API key, as a view checking it first would (`caller_checks`).

Views served under that prefix are authenticated by the header, which a page on another
site cannot make a browser send: no cross-site post reaches them.
"""

from __future__ import annotations

import ast
import re

from webwarden.model.caller_checks import after_docstring, refuses_unproven
from webwarden.model.django.caller_checks import carried
from webwarden.model.django.login_gates import reads_header
from webwarden.model.module import FileContext

GATED_METHODS = frozenset({"process_request", "__call__"})
"""Middleware methods that run on each request before Django resolves its view."""
_PATHS = frozenset({"path", "path_info"})
_REGEX_SPECIAL = re.compile(r"[.^$*+?{}\[\]\\|()]")


def credential_path(ctx: FileContext, method: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The path prefix under which the middleware method refuses first every request
    without a header credential (`/api/`), or "" when it does not so."""
    parameters = method.args.posonlyargs + method.args.args
    if len(parameters) != 2:
        return ""
    request = parameters[1].arg
    body = after_docstring(method.body)
    if len(body) < 2:
        return ""
    first = body[0]
    if not (isinstance(first, ast.If) and not first.orelse and first.body):
        return ""
    if not isinstance(first.body[-1], ast.Return):
        return ""
    prefix = _other_paths_pass(first.test, request)
    if not prefix:
        return ""
    refuses = refuses_unproven(ctx, body[1:], lambda node: carried(node, request))
    return prefix if refuses else ""


def _other_paths_pass(test: ast.expr, request: str) -> str:
    """The prefix of `not request.path.startswith("<prefix>")`, else ""."""
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return ""
    prefixes = path_prefixes(test.operand, request)
    return prefixes[0] if len(prefixes) == 1 else ""


def served_under(pattern: str, prefix: str) -> bool:
    """Whether every path a route's pattern (`^api/v1/upload$`, `api/v1/upload`) matches
    starts with `/` + `prefix`."""
    text = pattern.removeprefix("^").lstrip("/")
    return bool(prefix) and text.startswith(prefix)


_COOKIE_READS = frozenset({"session", "COOKIES"})
_COOKIE_LOGIN_MODULES = ("django.contrib.auth", "django.contrib.sessions")


def logs_in_by_header(ctx: FileContext, node: ast.ClassDef) -> bool:
    """Whether a middleware class logs the request in from a header alone: a method run on
    each request (`process_request`, `__call__`) reads a request header (`x_token =
    request.headers.get("x-token")`) and nothing of the class reads the session or the
    cookies (`request.session`, `request.COOKIES`) or calls Django's session login
    (`django.contrib.auth.get_user(request)`). A browser sends such a header to no other
    site's page by itself, so the middleware keeps no login another site can ride on."""
    gated = [
        stmt
        for stmt in node.body
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name in GATED_METHODS
    ]
    if not any(_reads_header(method) for method in gated):
        return False
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr in _COOKIE_READS:
            return False
        if isinstance(sub, ast.Call) and (ctx.qualified(sub.func) or "").startswith(
            _COOKIE_LOGIN_MODULES
        ):
            return False
    return True


def _reads_header(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    parameters = method.args.posonlyargs + method.args.args
    if len(parameters) != 2:
        return False
    return reads_header(method, parameters[1].arg)


def path_names(body: list[ast.stmt], request: str) -> frozenset[str]:
    """The names the body binds to the request's path (`path = request.path_info`)."""
    return frozenset(
        target.id
        for stmt in body
        if isinstance(stmt, ast.Assign) and _request_path(stmt.value, request, frozenset())
        for target in stmt.targets
        if isinstance(target, ast.Name)
    )


def _request_path(node: ast.expr, request: str, paths: frozenset[str]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in paths
    return (
        isinstance(node, ast.Attribute)
        and node.attr in _PATHS
        and isinstance(node.value, ast.Name)
        and node.value.id == request
    )


def path_prefixes(test: ast.expr, request: str, paths: frozenset[str] = frozenset()) -> list[str]:
    """The prefixes (without the leading `/`) of `<path>.startswith(...)` tests of the
    request's path, or of a local in `paths` holding it, joined by `or`, each given a
    string or a tuple of strings; none when another kind of test is among them (the
    branch may then run for other paths too, or not for all under the prefix), nor for
    `/` alone (every path) or a prefix holding a regex character (matched against URL
    patterns, see `served_under`)."""
    tests = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) else [test]
    found: list[str] = []
    for part in tests:
        if not (
            isinstance(part, ast.Call)
            and isinstance(part.func, ast.Attribute)
            and part.func.attr == "startswith"
            and len(part.args) == 1
            and not part.keywords
            and _request_path(part.func.value, request, paths)
        ):
            return []
        argument = part.args[0]
        items = argument.elts if isinstance(argument, ast.Tuple) else [argument]
        for item in items:
            if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
                return []
            prefix = item.value.lstrip("/")
            if not prefix or _REGEX_SPECIAL.search(prefix):
                return []
            found.append(prefix)
    return found
