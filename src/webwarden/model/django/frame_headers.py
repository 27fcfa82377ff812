"""Whether a project's middleware class sends a header that stops other sites framing the
pages, on every response it passes on: `response["X-Frame-Options"] = "DENY"` (or
`SAMEORIGIN`, or a `Content-Security-Policy` whose `frame-ancestors` lets not every site
in) written in its `process_response` or `__call__` outside any test (or under one that
reads only the response, a mark a view sets to opt out), as Django's own
`XFrameOptionsMiddleware` does. A site's headers middleware often sets it with
`X-Content-Type-Options` and the like instead of listing Django's."""

from __future__ import annotations

import ast

from webwarden.model.server_headers import header_denies_framing

_RESPONSE_METHODS = frozenset({"process_response", "__call__", "__acall__"})
"""Middleware methods that hand on every response: the old style's `process_response`,
the new style's `__call__` (and its async twin)."""
FRAME_HEADER_WORDS = ("Frame-Options", "frame-options", "frame-ancestors")
"""Words a module setting such a header holds (a cheap screen before the walk)."""


def sets_frame_header(node: ast.ClassDef) -> bool:
    """Whether a statement of the class's `process_response` or `__call__` body itself (not
    under a loop, a `try` or an `if`, but one testing only a view's mark on the response)
    sets a header denying framing on a response:
    `response["X-Frame-Options"] = "DENY"`, `response.headers[...] = ...` or
    `response.setdefault("X-Frame-Options", "SAMEORIGIN")` (which keeps a view's own)."""
    return any(
        isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
        and stmt.name in _RESPONSE_METHODS
        and any(_denies_framing(line) or _unless_opted_out(line) for line in stmt.body)
        for stmt in node.body
    )


_TEST_BUILTINS = frozenset({"getattr", "hasattr"})


def _unless_opted_out(stmt: ast.stmt) -> bool:
    """An `if` that sets the header unless the response carries a view's mark, testing
    nothing but that response: `if not getattr(response, "frames_allowed", False):
    response["X-Frame-Options"] = "DENY"`. Every response gets it but those of views
    that opt out, as Django's own middleware skips those of `@xframe_options_exempt`
    views (a test of the request, `if request.path.startswith("/admin/")`, is no such
    mark)."""
    if not isinstance(stmt, ast.If) or stmt.orelse:
        return False
    responses = {name for line in stmt.body if (name := _denying_response(line)) is not None}
    if len(responses) != 1:
        return False
    read = {n.id for n in ast.walk(stmt.test) if isinstance(n, ast.Name)} - _TEST_BUILTINS
    return read == responses


def _denying_response(stmt: ast.stmt) -> str | None:
    """The name of the response a statement denying framing sets the header on."""
    if not _denies_framing(stmt):
        return None
    if isinstance(stmt, ast.Assign):
        node = stmt.targets[0]
    elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        node = stmt.value.func
    else:
        return None
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _denies_framing(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        return (
            isinstance(target, ast.Subscript)
            and _response(target.value)
            and _header(target.slice, stmt.value)
        )
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        return (
            isinstance(call.func, ast.Attribute)
            and call.func.attr == "setdefault"
            and len(call.args) == 2
            and not call.keywords
            and _response(call.func.value)
            and _header(call.args[0], call.args[1])
        )
    return False


def _response(node: ast.expr) -> bool:
    """A name (`response`) or its `headers` (Django 3.2's `response.headers`)."""
    if isinstance(node, ast.Attribute) and node.attr == "headers":
        node = node.value
    return isinstance(node, ast.Name)


def _header(name: ast.expr, value: ast.expr) -> bool:
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return False
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return False
    return header_denies_framing(name.value.lower(), value.value)
