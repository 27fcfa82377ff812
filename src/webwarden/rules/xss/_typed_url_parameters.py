"""A view's URL parameter that every route to the view lets through as digits or words.

One file at a time, a parameter of a view (`def get(self, request, pk, ext=None)`) is a
URL parameter, any text. The project's routes may say otherwise: `<int:pk>`, or a group
listing the words it matches, `(?P<ext>png|jpg|webp)`. Whether every route naming the
parameter does is left to the project step (`refuted_typed_parameter`), which reads the
routes as `model.templates.typed_parameters` does for the values a template is handed.
"""

from __future__ import annotations

import ast

from webwarden.findings import Finding
from webwarden.model.project import ProjectModel
from webwarden.model.templates.feeds import read_parameter
from webwarden.model.templates.typed_parameters import typed_parameters
from webwarden.rules.context import FileContext

TAG = "url-parameter:"
"""Tag of a finding whose source is a URL parameter of a view: the view's qualified name
(a function, or a method of a class view), then `:` and the parameter's name."""


def typed_parameter_tags(
    ctx: FileContext, function: ast.AST | None, source: str
) -> tuple[str, ...]:
    """The tag of a finding whose `source` is a URL parameter of `function`, a function of
    the module or a method of one of its classes."""
    name = read_parameter(source)
    if name is None or not ctx.module:
        return ()
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return ()
    owner = ctx.parent(function)
    if isinstance(owner, ast.Module):
        qualified = f"{ctx.module}.{function.name}"
    elif isinstance(owner, ast.ClassDef) and isinstance(ctx.parent(owner), ast.Module):
        qualified = f"{ctx.module}.{owner.name}.{function.name}"
    else:
        return ()
    return (f"{TAG}{qualified}:{name}",)


def refuted_typed_parameter(finding: Finding, project: ProjectModel) -> bool:
    """A tagged finding on a view whose routes all give the parameter as digits or words
    (`typed_parameters`): it holds no character a payload needs."""
    tag = next((t.removeprefix(TAG) for t in finding.tags if t.startswith(TAG)), None)
    django = project.django
    if tag is None or django is None or not django.routes:
        return False
    qualified, _, name = tag.rpartition(":")
    return name in typed_parameters(django.routes).get(qualified, frozenset())
