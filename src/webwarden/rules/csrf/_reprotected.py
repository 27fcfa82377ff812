"""A Django view exempt from the CSRF middleware only to check the token later (WW603).

Django's documentation on changing upload handlers on the fly: `CsrfViewMiddleware`
reads `request.POST` before the view runs, after which the handlers can no longer be
changed, so the view is made `csrf_exempt`, changes `request.upload_handlers`, and hands
the request to a function decorated `csrf_protect` (`return _upload_file_view(request)`),
or, in a class-based view, to a method so decorated (`@method_decorator(csrf_protect)` on
`post`, or on the method its exempted `dispatch` returns through). The check the
middleware skipped runs there, before anything posted is read: a forged post is refused
as before.
"""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext
from webwarden.rules.decorators import applied

CSRF_PROTECT = "django.views.decorators.csrf.csrf_protect"
_POSTED = frozenset({"POST", "FILES", "body", "data", "read", "readline", "readlines"})
"""What reads the posted body (which the exempted part must leave to the protected one)."""
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def protects_again(ctx: FileContext, node: ast.AST) -> bool:
    """Whether the exempted view `node` (a function, a class or its `dispatch`) reads
    nothing posted before the CSRF check of a `csrf_protect` it hands the request to:
    a function view returning a call of a module function so decorated, a `dispatch`
    returning a call of a method of its class so decorated, or a class whose own `post`
    is (the only method another site's form can send)."""
    if isinstance(node, ast.ClassDef):
        return _class_protects(ctx, node)
    if not isinstance(node, _Function):
        return False
    owner = ctx.parent(node)
    if isinstance(owner, ast.ClassDef):
        return node.name == "dispatch" and _class_protects(ctx, owner)
    protected = {
        stmt.name for stmt in ctx.tree.body if isinstance(stmt, _Function) and _protected(ctx, stmt)
    }
    return _returns_through(node, protected, receiver=None) and not _reads_posted(node)


def _class_protects(ctx: FileContext, cls: ast.ClassDef) -> bool:
    methods = {stmt.name: stmt for stmt in cls.body if isinstance(stmt, _Function)}
    post = methods.get("post")
    if post is not None and _protected(ctx, post):
        return True
    dispatch = methods.get("dispatch")
    if dispatch is None or _reads_posted(dispatch):
        return False
    protected = {name for name, method in methods.items() if _protected(ctx, method)}
    return _returns_through(dispatch, protected, receiver="self")


def _protected(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        ctx.qualified(inner) == CSRF_PROTECT
        for decorator in function.decorator_list
        for inner in applied(ctx, decorator)
    )


def _returns_through(
    function: ast.FunctionDef | ast.AsyncFunctionDef, names: set[str], receiver: str | None
) -> bool:
    """Whether the function's last statement returns a call of one of `names`
    (`return _view(request)`, or `return self._dispatch(request)` with `receiver`)."""
    if not names or not function.body:
        return False
    last = function.body[-1]
    if not isinstance(last, ast.Return) or not isinstance(last.value, ast.Call):
        return False
    func = last.value.func
    if receiver is None:
        return isinstance(func, ast.Name) and func.id in names
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == receiver
        and func.attr in names
    )


def _reads_posted(function: ast.AST) -> bool:
    """Whether the function reads the posted body itself (`request.POST`, `request.body`)."""
    return any(
        isinstance(inner, ast.Attribute) and inner.attr in _POSTED for inner in ast.walk(function)
    )
