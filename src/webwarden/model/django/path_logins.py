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
from webwarden.model.django.middleware_gates import path_names, path_prefixes


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
    paths = path_names(body, request)
    found: list[str] = []
    for stmt in body:
        if not isinstance(stmt, ast.If):
            continue
        prefixes = path_prefixes(stmt.test, request, paths)
        if prefixes and any(
            isinstance(inner, ast.If)
            and anonymous_test(inner.test, request)
            and answers(inner.body)
            for inner in stmt.body
        ):
            found += prefixes
    return tuple(found)
