"""Tests of the user's permission in a view's body, and the arm of a test of the request's
method that a GET takes (`if request.method == "POST": ... else: ...`).

A permission test (`permission_test`) is narrow: a permission or role asked of the user
(`user.has_perm(...)`, `user.is_staff`, `current_user.is_admin`, `user.groups`), or a
helper named for one handed the user (`can_manage(request.user, team)`). What may check
the user (`checks_user`) is wide, so that a path with anything like a check is left
alone: such a test, a refusal (`raise PermissionDenied`, `abort(403)`), a comparison with
the user (`obj.owner == request.user`), a lookup or form handed the user, a method of the
user's relations (`request.user.projects.get(...)`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

_WRITING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_READING = frozenset({"GET", "HEAD"})
_PERMISSION_CALLS = frozenset(
    {"has_perm", "has_perms", "has_module_perms", "has_permission", "has_object_permission",
     "check_permissions", "check_object_permissions", "get_all_permissions",
     "get_group_permissions", "get_user_permissions", "user_passes_test"}
)  # fmt: skip
"""Django's and REST framework's calls asking a permission."""
_ROLE = re.compile(
    r"^(?:is_)?\w*(?:admin|staff|superuser|moderator|manager|owner|editor|privileged)$"
    r"|^(?:role|roles|groups|permissions|perms|privileges?|access_level|user_level|level"
    r"|user_type|rank)$|^(?:can|has_role|has_roles|has_any_role|in_group|is_member)\w*$|^can_\w+$"
)
"""Attributes and methods of a user that say what the user may do."""
_HELPER = re.compile(
    r"perm|admin|staff|superuser|role|privileg|moderat|allowed|authori[sz]|^can_|^may_"
    r"|access|owner|manager|editor|passes_test|test_func|in_group"
    r"|^is_(?!authenticated|anonymous|active|logged)",
    re.IGNORECASE,
)
"""Names of a project's own permission helpers (`can_manage`, `is_admin`, `check_access`)."""
_LOGIN_ONLY = frozenset({"is_authenticated", "is_anonymous", "is_active"})
_REFUSING = re.compile(
    r"Permission|Forbidden|Unauthori[sz]|AccessDenied|Http40[13]|NotAuthenticated|"
    r"^redirect_to_login$|^handle_no_permission$|^permission_denied$|^access_denied$"
)
_DENIED = frozenset({401, 403})
_NOT_CHECKS = frozenset(
    {"create", "save", "update", "add", "get_or_create", "update_or_create", "bulk_create",
     "append", "extend", "debug", "info", "warning", "error", "exception", "log", "success",
     "send", "delay", "apply_async", "render", "render_to_response", "render_template",
     "TemplateResponse", "str", "int", "len", "print", "dict", "jsonify", "JsonResponse",
     "Response", "HttpResponse", "format", "login", "logout", "login_user", "logout_user"}
)  # fmt: skip
"""Calls handed the user that check nothing: the row made for them, a log line, a page."""
_CHECKING_CLASS = re.compile(r"Form|Serializer|Permission|Policy|Validator|Checker|Guard|Access")
"""Classes handed the user that may check it: a form's validation, a policy."""


@dataclass(frozen=True, slots=True)
class Split:
    """A test of the request's method: what only a GET runs and what only `method` runs."""

    test: ast.If
    method: str
    get_path: tuple[ast.stmt, ...]
    other_path: tuple[ast.stmt, ...]


def method_split(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Split | None:
    """The first test of `request.method` in the body telling a writing method from a GET
    (`== "POST"`, `!= "GET"`, `in ("POST", "PUT")`), with each arm and what follows it
    when the other arm always leaves."""
    for block in _blocks(function.body):
        for at, statement in enumerate(block):
            if not isinstance(statement, ast.If):
                continue
            found = _method_test(statement.test)
            if found is None:
                continue
            method, writing_first = found
            writing, reading = (
                (statement.body, statement.orelse)
                if writing_first
                else (statement.orelse, statement.body)
            )
            rest = block[at + 1 :]
            return Split(
                statement,
                method,
                (*reading, *(rest if exits(writing) else ())),
                (*writing, *(rest if exits(reading) else ())),
            )
    return None


def _blocks(body: list[ast.stmt]) -> Iterator[list[ast.stmt]]:
    """`body` and every block nested in it, outermost first, not those of nested defs."""
    yield body
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(statement, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                yield from _blocks(inner)
        for handler in getattr(statement, "handlers", ()):
            yield from _blocks(handler.body)


def _method_test(test: ast.expr) -> tuple[str, bool] | None:
    """(the writing method named, whether the test is true for it) of `request.method ==
    "POST"` and the like; None for any other test."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    left, right, op = test.left, test.comparators[0], test.ops[0]
    if not _is_method(left):
        left, right = right, left
    if not _is_method(left):
        return None
    values = right.elts if isinstance(right, ast.Tuple | ast.List | ast.Set) else [right]
    methods = {
        v.value.upper() for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
    }
    if not methods or len(methods) != len(values):
        return None
    positive = isinstance(op, ast.Eq | ast.In | ast.Is)
    if not positive and not isinstance(op, ast.NotEq | ast.NotIn | ast.IsNot):
        return None
    if methods <= _WRITING:
        return sorted(methods)[0], positive
    if methods <= _READING:
        return "POST", not positive
    return None


def _is_method(node: ast.expr) -> bool:
    """`request.method`, `self.request.method`, `req.method.upper()`."""
    func = node.func if isinstance(node, ast.Call) else None
    if isinstance(func, ast.Attribute) and func.attr in {"upper", "lower"}:
        node = func.value
    return isinstance(node, ast.Attribute) and node.attr == "method" and _is_request(node.value)


def _is_request(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "req" or node.id.endswith("request")
    return isinstance(node, ast.Attribute) and node.attr == "request"


def exits(block: Iterable[ast.stmt]) -> bool:
    """Whether every way through `block` leaves the function (`return`, `raise`, `abort()`)."""
    statements = list(block)
    if not statements:
        return False
    last = statements[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        return _last_name(last.value.func) == "abort"
    if isinstance(last, ast.If):
        return exits(last.body) and exits(last.orelse)
    if isinstance(last, ast.Try):
        return exits(last.body) and all(exits(h.body) for h in last.handlers)
    return False


def user_locals(function: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """Locals assigned the requesting user (`user = request.user`)."""
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and _is_user(node.value, found):
            found.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(found)


def _is_user(node: ast.expr, users: Iterable[str]) -> bool:
    """`request.user`, `self.request.user`, Flask-Login's `current_user`, `g.user`, or a
    local holding one."""
    if isinstance(node, ast.Name):
        return node.id == "current_user" or node.id in users
    if not isinstance(node, ast.Attribute):
        return False
    if node.attr == "current_user":
        return True
    if node.attr != "user":
        return False
    holder = node.value
    return _is_request(holder) or (isinstance(holder, ast.Name) and holder.id == "g")


def on_user(statements: Iterable[ast.stmt], line: int, users: Iterable[str]) -> bool:
    """Whether the calls of `statements` on `line` are all methods of the requesting user
    or their relations (`current_user.save()`, `request.user.profile.save()`): a change
    of their own account."""
    receivers = [
        n.func.value
        for s in statements
        for n in ast.walk(s)
        if isinstance(n, ast.Call) and n.lineno == line and isinstance(n.func, ast.Attribute)
    ]
    return bool(receivers) and all(_after_user(r, users) is not None for r in receivers)


def _after_user(node: ast.expr, users: Iterable[str]) -> list[str] | None:
    """The attributes and calls read of the user in `node` (`user.profile.is_manager` ->
    profile, is_manager), innermost first; None when `node` is not read of the user."""
    parts: list[str] = []
    while True:
        if _is_user(node, users):
            return parts[::-1]
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call | ast.Subscript):
            node = node.func if isinstance(node, ast.Call) else node.value
        else:
            return None


def permission_test(node: ast.AST, users: Iterable[str]) -> ast.AST | None:
    """The first permission or role test in `node`: a permission asked (`has_perm()`), a
    role attribute or method of the user (`user.is_staff`, `current_user.can(...)`), or a
    helper named for a permission handed the user (`can_manage(request.user, team)`)."""
    return next((n for n in ast.walk(node) if _asks_permission(n, users)), None)


def _asks_permission(node: ast.AST, users: Iterable[str]) -> bool:
    if isinstance(node, ast.Call):
        name = _last_name(node.func)
        if name in _PERMISSION_CALLS:
            return True
        return bool(_HELPER.search(name)) and any(
            _mentions_user(a, users) for a in _arguments(node)
        )
    if isinstance(node, ast.Attribute):
        parts = _after_user(node, users)
        return (
            bool(parts)
            and not set(parts or ()) & _LOGIN_ONLY
            and any(map(_ROLE.match, parts or ()))
        )
    return False


def get_guard(statements: Iterable[ast.stmt], users: Iterable[str]) -> ast.AST | None:
    """The permission test guarding what these statements show: the test of an `if` one
    of whose arms leaves or refuses, a test of the user whose arm refuses, or a helper
    named for a permission run on the user as a statement (`require_admin(user)`)."""
    for statement in statements:
        for node in _statements(statement):
            if isinstance(node, ast.If):
                test = permission_test(node.test, users)
                arms = (node.body, node.orelse)
                if test is not None and any(exits(a) or refuses(a) for a in arms):
                    return test
                if _mentions_user(node.test, users) and any(map(refuses, arms)):
                    return node.test
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                test = permission_test(node.value, users)
                if test is not None:
                    return test
    return None


def _statements(statement: ast.stmt) -> Iterator[ast.stmt]:
    yield statement
    for block in _blocks([statement]):
        if block[0] is not statement:
            yield from block


def refuses(block: Iterable[ast.AST]) -> bool:
    """Whether `block` refuses the request: raises `PermissionDenied` (or any exception
    named for a refusal), calls `abort(403)`, answers `HttpResponseForbidden()` or a 401
    or 403 status, or redirects to the login page (`redirect_to_login()`)."""
    return any(_refusal(n) for statement in block for n in ast.walk(statement))


def _refusal(node: ast.AST) -> bool:
    if isinstance(node, ast.Raise) and node.exc is not None:
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        return bool(_REFUSING.search(_last_name(exc)))
    if isinstance(node, ast.Call):
        name = _last_name(node.func)
        if name == "abort" and node.args and _denied(node.args[0]):
            return True
        if _REFUSING.search(name):
            return True
        return any(k.arg in {"status", "status_code"} and _denied(k.value) for k in node.keywords)
    if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
        return len(node.value.elts) > 1 and _denied(node.value.elts[1])
    return False


def _denied(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in _DENIED
    return isinstance(node, ast.Attribute) and bool(re.search(r"40[13]", node.attr))


def checks_user(
    nodes: Iterable[ast.AST],
    users: Iterable[str],
    checked: Callable[[ast.Call], bool] = lambda call: False,
) -> bool:
    """Whether any of `nodes` (each on its own: pass them walked) may check the user: a
    permission test, a refusal, a comparison with the user, a call handed the user (but
    one making their row, logging, rendering) or one of the user's relations
    (`request.user.projects.get(pk=pk)`), or a call `checked` says may (a helper of the
    project that checks)."""
    for node in nodes:
        if _asks_permission(node, users) or _refusal(node):
            return True
        if isinstance(node, ast.Compare) and any(
            _used(side, users) for side in (node.left, *node.comparators)
        ):
            return True
        if isinstance(node, ast.Call) and (_handed_user(node, users) or checked(node)):
            return True
    return False


def walk_outside(body: Iterable[ast.stmt], left_out: Iterable[ast.stmt] = ()) -> Iterator[ast.AST]:
    """Every node of `body` but those of the statements `left_out` and of nested defs."""
    skipped = {id(s) for s in left_out}
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if id(node) in skipped or isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
        ):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _handed_user(call: ast.Call, users: Iterable[str]) -> bool:
    name = _last_name(call.func)
    if isinstance(call.func, ast.Attribute):
        parts = _after_user(call.func.value, users)
        if parts is not None and name not in _NOT_CHECKS and not set(parts) & _LOGIN_ONLY:
            return name not in _LOGIN_ONLY
    if not any(_mentions_user(a, users) for a in _arguments(call)):
        return False
    if name[:1].isupper():
        return bool(_CHECKING_CLASS.search(name))
    return name not in _NOT_CHECKS


def _used(node: ast.expr, users: Iterable[str]) -> bool:
    """The user, or a value read of them other than whether they are logged in."""
    parts = _after_user(node, users)
    return parts is not None and not set(parts) & _LOGIN_ONLY


def _mentions_user(node: ast.AST, users: Iterable[str]) -> bool:
    return any(isinstance(n, ast.expr) and _used(n, users) for n in ast.walk(node))


def _arguments(call: ast.Call) -> list[ast.expr]:
    return [*call.args, *(k.value for k in call.keywords)]


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""
