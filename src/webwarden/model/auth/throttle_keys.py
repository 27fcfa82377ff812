"""What a throttle class of the project keys on: every client, or authenticated users alone.

Django REST framework's `SimpleRateThrottle.allow_request()` lets a request through when
`get_cache_key()` returns None. DRF's own classes key every request (`UserRateThrottle`
by the user's id, or the client's address for an anonymous one; `AnonRateThrottle`,
`ScopedRateThrottle` alike), but a project's `get_cache_key()` returning a key only for an
authenticated user (a per-user concurrency limit), or an `allow_request()` letting every
anonymous request through first, limits no anonymous client: it slows no one guessing
passwords at a login view.
"""

from __future__ import annotations

import ast

_AUTHENTICATED = "is_authenticated"
_ANONYMOUS = "is_anonymous"


def users_only(node: ast.ClassDef) -> bool | None:
    """Whether the class's own `get_cache_key()` gives a key only to authenticated users,
    or its own `allow_request()` first lets every anonymous request through; None when it
    defines neither (its bases decide)."""
    defined = {
        stmt.name: stmt
        for stmt in node.body
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    key = defined.get("get_cache_key")
    allow = defined.get("allow_request")
    if key is None and allow is None:
        return None
    return (key is not None and _keys_users_only(key.body)) or (
        allow is not None and _lets_anonymous_through(allow.body)
    )


def _keys_users_only(body: list[ast.stmt]) -> bool:
    """Whether every return of a value lies under a test holding only for an authenticated
    user (`if user.is_authenticated and not user.is_staff: return ...`), or after a
    guard returning None for every anonymous one (`if not user.is_authenticated: return
    None`)."""
    guarded = False
    for stmt in body:
        if isinstance(stmt, ast.If) and _for_anonymous(stmt.test) and _returns_none(stmt.body):
            return True
        if isinstance(stmt, ast.If) and _only_authenticated(stmt.test):
            if any(_returns_value(s) for s in stmt.orelse):
                return False
            guarded = True
            continue
        if _returns_value(stmt):
            return False
    return guarded


def _lets_anonymous_through(body: list[ast.stmt]) -> bool:
    """Whether `allow_request()` returns True for every anonymous request before it
    returns anything else (`if not request.user.is_authenticated: return True`)."""
    for stmt in body:
        if (
            isinstance(stmt, ast.If)
            and _for_anonymous(stmt.test)
            and len(stmt.body) == 1
            and isinstance(ret := stmt.body[0], ast.Return)
            and isinstance(ret.value, ast.Constant)
            and ret.value.value is True
        ):
            return True
        if any(isinstance(n, ast.Return) for n in ast.walk(stmt)):
            return False
    return False


def _user_state(node: ast.expr, attribute: str) -> bool:
    """`user.is_authenticated`, or called as old Django's `is_authenticated()`."""
    if isinstance(node, ast.Call) and not node.args:
        node = node.func
    return isinstance(node, ast.Attribute) and node.attr == attribute


def _only_authenticated(test: ast.expr) -> bool:
    """Whether `test` holds only for an authenticated user."""
    if _user_state(test, _AUTHENTICATED):
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _for_anonymous(test.operand)
    if isinstance(test, ast.BoolOp):
        found = map(_only_authenticated, test.values)
        return any(found) if isinstance(test.op, ast.And) else all(found)
    return False


def _for_anonymous(test: ast.expr) -> bool:
    """Whether `test` holds for every anonymous user."""
    if _user_state(test, _ANONYMOUS):
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _only_authenticated(test.operand)
    if isinstance(test, ast.BoolOp):
        found = map(_for_anonymous, test.values)
        return any(found) if isinstance(test.op, ast.Or) else all(found)
    return False


def _returns_none(body: list[ast.stmt]) -> bool:
    last = body[-1] if body else None
    return isinstance(last, ast.Return) and (
        last.value is None or (isinstance(last.value, ast.Constant) and last.value.value is None)
    )


def _returns_value(stmt: ast.stmt) -> bool:
    """Whether the statement returns something other than None."""
    return any(
        isinstance(n, ast.Return)
        and n.value is not None
        and not (isinstance(n.value, ast.Constant) and n.value.value is None)
        for n in ast.walk(stmt)
    )
