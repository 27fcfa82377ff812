"""WW711: a view decorator that runs the view before its access check."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_USER_ATTRIBUTES = frozenset(
    {"user", "is_authenticated", "is_anonymous", "is_staff", "is_superuser", "has_perm",
     "has_perms", "is_active"}
)  # fmt: skip
"""What a test of the visitor reads: Django's `request.user` and its flags and methods."""
_USER_NAMES = frozenset({"user", "current_user"})
"""A user bound by name: a local `user`, Flask-Login's `current_user`."""
_ABORT = "abort"
"""Flask's `abort(403)` (or Werkzeug's), which raises."""
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class AccessCheckAfterView(PythonRule):
    """## What it does
    Finds a view decorator whose wrapper calls the view it wraps first, keeps what the
    view returned, and only then tests the user (`request.user`, its `is_staff` or
    `has_perm()`, Flask-Login's `current_user`), handing the view's response back when
    the test passes and denying otherwise: a redirect, another response, `raise
    PermissionDenied` or `abort(403)`. The wrapper must be the one the decorator returns,
    and the view one of the decorator's parameters.

    ## Why is this bad?
    The view has already run when the check decides: a `POST` saved the form, deleted
    the row or sent the mail, whatever the user may do. Denying afterwards only changes
    the page the user sees, and a wrapper that hands redirects back unchecked (the usual
    answer to a successful `POST`) lets the change through without a word. The check
    must come before the call.

    ## Known problems
    Only tests written in the wrapper itself (or calls it makes with the user) are seen;
    a decorator that calls the view first on purpose, to post-process a response for
    some users, is not reported as long as every arm hands back that response.

    ## Example
    ```python
    from functools import wraps

    from django.shortcuts import redirect


    def owner_required(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if request.user.is_staff:
                return response
            return redirect("home")

        return wrapper
    ```

    ## Fix
    ```python
    from functools import wraps

    from django.shortcuts import redirect


    def owner_required(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_staff:
                return redirect("home")
            return view(request, *args, **kwargs)

        return wrapper
    ```

    ## References
    - [CWE-696: Incorrect Behavior Order](https://cwe.mitre.org/data/definitions/696.html)
    - [Django: decorating views](https://docs.djangoproject.com/en/stable/topics/http/decorators/)
    - [Flask: view decorators](https://flask.palletsprojects.com/en/stable/patterns/viewdecorators/)
    """

    code = "WW711"
    name = "access-check-after-view"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 696
    message = (
        "`{wrapper}` runs the view `{view}(...)` before its access check (line {line}):"
        " what the view changes is done whatever the check decides"
    )
    fix = "test the user first and call the view only when the test passes"
    mentions = (("user", "is_staff", "is_superuser", "has_perm"),)

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._judge(node, ctx)

    def visit_AsyncFunctionDef(
        self, node: ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        yield from self._judge(node, ctx)

    def _judge(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        views = _wrapped_views(node, ctx)
        if not views:
            return
        for index, statement in enumerate(node.body):
            called = _view_call(statement, views)
            if called is None:
                continue
            kept, view = called
            check = _late_check(node.body[index + 1 :], kept)
            if check is not None:
                yield self.finding(ctx, statement, wrapper=node.name, view=view, line=check)
            return  # NOTE: the first call of the view is the one judged


def _wrapped_views(
    node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
) -> frozenset[str]:
    """The parameters of the function defining `node` that may be the view it wraps,
    when that function returns `node` (a decorator handing back its wrapper)."""
    outer = ctx.parent(node)
    while outer is not None and not isinstance(outer, _FUNCTIONS):
        outer = ctx.parent(outer)
    if not isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef):
        return frozenset()
    returned = any(
        isinstance(s, ast.Return) and isinstance(s.value, ast.Name) and s.value.id == node.name
        for s in outer.body
    )
    if not returned:
        return frozenset()
    arguments = outer.args
    return frozenset(a.arg for a in (*arguments.posonlyargs, *arguments.args))


def _view_call(statement: ast.stmt, views: frozenset[str]) -> tuple[str, str] | None:
    """`response = view(request, ...)` (or `await view(...)`): the name the view's answer
    is kept under, and the view's."""
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return None
    target, value = statement.targets[0], statement.value
    if isinstance(value, ast.Await):
        value = value.value
    if not (isinstance(target, ast.Name) and isinstance(value, ast.Call)):
        return None
    func = value.func
    return (target.id, func.id) if isinstance(func, ast.Name) and func.id in views else None


def _late_check(rest: list[ast.stmt], kept: str) -> int | None:
    """The line of the first `if` after the call that tests the user, one arm of which
    hands back the view's answer while the other denies; None when there is none."""
    for index, statement in enumerate(rest):
        if _rebinds(statement, kept):
            return None
        if not (isinstance(statement, ast.If) and _tests_user(statement.test)):
            continue
        other = statement.orelse or rest[index + 1 :]
        if (_hands_back(statement.body, kept) and _denies(other, kept)) or (
            _hands_back(other, kept) and _denies(statement.body, kept)
        ):
            return statement.lineno
    return None


def _tests_user(test: ast.expr) -> bool:
    return any(
        (isinstance(node, ast.Attribute) and node.attr in _USER_ATTRIBUTES)
        or (isinstance(node, ast.Name) and node.id in _USER_NAMES)
        for node in ast.walk(test)
    )


def _own_nodes(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of the statements, not those of functions defined in them."""
    pending: list[ast.AST] = list(statements)
    while pending:
        node = pending.pop()
        yield node
        pending.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, _FUNCTIONS))


def _hands_back(statements: list[ast.stmt], kept: str) -> bool:
    return any(
        isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and node.value.id == kept
        for node in _own_nodes(statements)
    )


def _denies(statements: list[ast.stmt], kept: str) -> bool:
    """A `raise`, Flask's `abort()`, or a `return` of another answer that is not made
    from the view's (`return redirect("home")`)."""
    for node in _own_nodes(statements):
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call) and _called(node) == _ABORT:
            return True
        if (
            isinstance(node, ast.Return)
            and isinstance(node.value, ast.Call)
            and not any(isinstance(n, ast.Name) and n.id == kept for n in ast.walk(node.value))
        ):
            return True
    return False


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _rebinds(statement: ast.stmt, kept: str) -> bool:
    """`response = view(request)` again, or another value bound to the name."""
    return any(
        isinstance(node, ast.Name) and node.id == kept and isinstance(node.ctx, ast.Store)
        for node in ast.walk(statement)
    )
