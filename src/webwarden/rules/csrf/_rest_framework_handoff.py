"""Function views that only hand the request on to Django REST framework views: a
router written out by method (`if request.method == "POST": return create(request)`,
`create = CreateFeedback.as_view()`), exempt from the CSRF middleware as the views it
hands to are already."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_READS = frozenset({"method"})
"""Attributes of the request a router may read without acting as anyone: which view to
hand the request to."""


def hands_to_rest_framework(ctx: FileContext, node: ast.AST) -> bool:
    """A function view whose request goes only to REST framework views, a name the module
    binds to `Api.as_view()` alone (in the module or in the function making the view) or
    `Api.as_view()(request)` itself, `Api` a class of the module with a REST framework
    base, and is read otherwise only for its method. `APIView.as_view()` exempts each of
    those views already and DRF's `SessionAuthentication` runs its own CSRF check, so the
    router's exemption changes nothing: a forged post reaches the same views it would if
    they were routed themselves."""
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or not node.args.args:
        return False
    request = node.args.args[0].arg
    classes = _rest_framework_classes(ctx)
    if not classes:
        return False
    views = _view_names(ctx, classes)
    handed = False
    for inner in ast.walk(node):
        if not (isinstance(inner, ast.Name) and inner.id == request):
            continue
        parent = ctx.parent(inner)
        if isinstance(parent, ast.Attribute) and parent.attr in _READS:
            continue
        if (
            isinstance(parent, ast.Call)
            and inner in parent.args
            and _is_view(parent.func, views, classes)
        ):
            handed = True
            continue
        return False
    return handed


def _rest_framework_classes(ctx: FileContext) -> set[str]:
    """Classes of the module's top level with a REST framework base, directly or through
    another such class of the module."""
    found: set[str] = set()
    grown = True
    while grown:
        grown = False
        for statement in ctx.tree.body:
            if not isinstance(statement, ast.ClassDef) or statement.name in found:
                continue
            if any(
                (ctx.qualified(base) or "").startswith("rest_framework.")
                or (isinstance(base, ast.Name) and base.id in found)
                for base in statement.bases
            ):
                found.add(statement.name)
                grown = True
    return found


def _made_view(value: ast.expr, classes: set[str]) -> bool:
    """`Api.as_view(...)` of one of `classes`."""
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "as_view"
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id in classes
    )


def _view_names(ctx: FileContext, classes: set[str]) -> set[str]:
    """Names the module binds (anywhere) to `Api.as_view(...)`, and to nothing else."""
    made: set[str] = set()
    other: set[str] = set()
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    (made if _made_view(node.value, classes) else other).add(target.id)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr) and isinstance(
            node.target, ast.Name
        ):
            other.add(node.target.id)
    return made - other


def _is_view(func: ast.expr, views: set[str], classes: set[str]) -> bool:
    return (isinstance(func, ast.Name) and func.id in views) or _made_view(func, classes)
