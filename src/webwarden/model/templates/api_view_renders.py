"""What a Django REST framework `APIView` with a `template_name` hands its template.

With `TemplateHTMLRenderer`, such a view's template is rendered with the data of the
`Response` its handler returns (`return Response({"projects": projects})`) as the
context, and the names of the context processors (DRF renders it with the request):
nothing else. A handler raising an API exception renders an error template instead.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.collected_context import CollectedContext, lineage
from webwarden.model.templates.facts import ContextName
from webwarden.model.templates.feeds import Feeds, FunctionScope
from webwarden.model.tree import walk

_API_VIEW = "rest_framework.views.APIView"
_RESPONSE = "rest_framework.response.Response"
_HANDLERS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})


def api_view_context(ctx: FileContext, node: ast.ClassDef) -> tuple[list[ContextName], bool] | None:
    """The names the `Response` data of the class's own methods passes, and whether some
    cannot be told (data that is no mapping the code shows); None unless the class
    derives from `APIView` alone, whose handlers are all the class's own (a generic view
    or a mixin of the project may answer with data this module does not show)."""
    if lineage(ctx, node)[1:] != (_API_VIEW,):
        return None
    names: list[ContextName] = []
    opaque = False
    for method in node.body:
        if not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        collected = CollectedContext(
            ctx, Feeds(ctx, FunctionScope.in_module(ctx, method, view=False)), owner=node
        )
        for child in walk(method):
            if isinstance(child, ast.Call) and ctx.call_name(child) == _RESPONSE:
                data = ctx.argument(child, 0, "data")
                if data is not None:
                    collected.mapping(data)
            elif (
                method.name in _HANDLERS
                and isinstance(child, ast.Return)
                and _answered_elsewhere(ctx, child.value)
            ):
                opaque = True
        names += collected.names
        opaque = opaque or collected.opaque
    return names, opaque


_OWN_ANSWERS = ("rest_framework.response.", "django.http.", "django.shortcuts.")


def _answered_elsewhere(ctx: FileContext, value: ast.expr | None) -> bool:
    """A handler returning what a function of the project made (`return answer(rows)`),
    which may be a `Response` whose data this class does not show; not a `Response`,
    a redirect or another of Django's responses, nor what a method of the class
    (`self.page(...)`) returns, whose own `Response` is read with the class."""
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"self", "super"}
    ):
        return False
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
        return not (isinstance(func.value.func, ast.Name) and func.value.func.id == "super")
    name = ctx.call_name(value) or ""
    return not name.startswith(_OWN_ANSWERS)
