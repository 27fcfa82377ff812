"""Under which path prefixes a project's middleware turns away the anonymous.

An admin area's middleware often guards a part of the site only: `process_request`
tests the path (`if request.path_info.startswith("/api/admin/"):`, or `path =
request.path` first) and, under it, answers an anonymous request itself (`if not
(request.user.is_authenticated and request.user.is_admin_role()): return
JsonResponse(...)`). Every view served under such a prefix runs for logged-in users
only, as if each had `@login_required`; views elsewhere are not guarded by it.
"""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import after_docstring
from webwarden.model.django.login_gates import anonymous_test, answers, request_parameter

_PATHS = frozenset({"path", "path_info"})


def login_paths(method: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    """The path prefixes (`api/admin/`, without the leading `/`) under which the
    middleware method answers every anonymous request itself: a statement of its body
    `if <path>.startswith("/api/admin/"):` (or several prefixes joined by `or`, or a
    tuple of them) whose branch holds, not nested in another test, `if not
    request.user.is_authenticated:` (or a test true for the anonymous) answering with a
    response or raising."""
    request = request_parameter(method)
    if not request:
        return ()
    body = after_docstring(method.body)
    paths = _path_names(body, request)
    found: list[str] = []
    for stmt in body:
        if not isinstance(stmt, ast.If):
            continue
        prefixes = _prefixes(stmt.test, request, paths)
        if prefixes and any(
            isinstance(inner, ast.If)
            and anonymous_test(inner.test, request)
            and answers(inner.body)
            for inner in stmt.body
        ):
            found += prefixes
    return tuple(found)


def _path_names(body: list[ast.stmt], request: str) -> frozenset[str]:
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


def _prefixes(test: ast.expr, request: str, paths: frozenset[str]) -> list[str]:
    """The prefixes of `<path>.startswith(...)` tests joined by `or`; none when another
    kind of test is among them (the branch may then run for other paths too, or not for
    all under the prefix)."""
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
            if not prefix:
                return []  # NOTE: `startswith("/")` holds for every path
            found.append(prefix)
    return found
