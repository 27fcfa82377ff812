"""Session interfaces of the project that take the session from a request header: an
API's token (`Authorization: Token ...`) opens the session the site's pages open by
cookie. A browser sends no such header to a link or form of another site."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext
from webwarden.model.tree import name_attribute

_HEADER_READS = frozenset({"headers", "authorization"})


def header_session_prefixes(ctx: FileContext, classes: list[ast.ClassDef]) -> Iterator[str]:
    """For each class whose `open_session(self, app, request)` reads the session from a
    request header: the URL prefix of the requests it does so for (`/api/` under `if
    request.path.split("/")[1] == "api":`, `/api` under `request.path.startswith("/api")`),
    or `/` when it reads a header for every request and never a cookie."""
    for cls in classes:
        for statement in cls.body:
            if isinstance(statement, ast.FunctionDef) and statement.name == "open_session":
                prefix = _prefix(ctx, statement)
                if prefix is not None:
                    yield prefix


def _prefix(ctx: FileContext, method: ast.FunctionDef) -> str | None:
    params = [a.arg for a in method.args.args]
    if len(params) < 3:
        return None
    request = params[2]
    reads = [node for node in ast.walk(method) if _reads(node, request, _HEADER_READS)]
    if not reads:
        return None
    prefixes = {_guarding_prefix(ctx, method, node, request) for node in reads}
    if prefixes == {""}:
        reads_cookies = any(_reads(node, request, {"cookies"}) for node in ast.walk(method))
        return None if reads_cookies else "/"
    found = prefixes - {""}
    return found.pop() if len(found) == 1 else None


def _reads(node: ast.AST, request: str, attributes: frozenset[str] | set[str]) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr in attributes
        and isinstance(node.value, ast.Name)
        and node.value.id == request
    )


def _guarding_prefix(ctx: FileContext, method: ast.FunctionDef, node: ast.AST, request: str) -> str:
    """The prefix an `if` around `node` (in its body) tests the request's path for, ""
    when none does."""
    inner = node
    for ancestor in ctx.ancestors(node):
        if ancestor is method:
            break
        if isinstance(ancestor, ast.If) and any(inner is s for s in ancestor.body):
            prefix = _path_prefix(ctx, ancestor.test, request)
            if prefix:
                return prefix
        inner = ancestor
    return ""


def _path_prefix(ctx: FileContext, test: ast.expr, request: str) -> str:
    """`request.path.startswith("/api")` -> `/api`; `request.path.split("/")[1] ==
    "api"` -> `/api/`; a name assigned one of them once, likewise."""
    if isinstance(test, ast.Name):
        value = ctx.lookup(test)
        return "" if value is None else _path_prefix(ctx, value, request)
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute):
        if (
            test.func.attr == "startswith"
            and name_attribute(test.func.value, request, "path")
            and test.args
        ):
            start = test.args[0]
            if isinstance(start, ast.Constant) and isinstance(start.value, str):
                return start.value if start.value.startswith("/") else ""
        return ""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
        left, right = test.left, test.comparators[0]
        if isinstance(right, ast.Constant) and isinstance(right.value, str):
            return f"/{right.value}/" if _first_segment(left, request) and right.value else ""
    return ""


def _first_segment(node: ast.expr, request: str) -> bool:
    """`request.path.split("/")[1]`: the path's first segment."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)):
        return False
    call = node.value
    return (
        node.slice.value == 1
        and isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "split"
        and name_attribute(call.func.value, request, "path")
        and len(call.args) == 1
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value == "/"
    )
