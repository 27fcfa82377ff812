"""A Django function taking `request` first that views call and no route serves.

One file at a time, a function whose first parameter is `request` may be a view, and its
other parameters URL parameters (`feeds`). `def object_list(request, queryset,
content_type=None)` that views call as `object_list(request, queryset=...)` is a helper:
its parameters are what each caller passes (here nothing: the default), not what a URL
holds. Whether a route leads to it all the same is left to the project step
(`refuted_unrouted_helper`), as is whether another module imports it.
"""

from __future__ import annotations

import ast

from webwarden.findings import Finding
from webwarden.model.project import ProjectModel
from webwarden.model.templates.feeds import parameter_named
from webwarden.rules.context import FileContext
from webwarden.rules.module_calls import calls_of

TAG = "unrouted-helper-parameter:"
"""Tag of a finding whose source is a parameter of an undecorated top-level function, with
the function's qualified name and whether its module calls it (`:called`)."""
_CALLED = ":called"


def helper_parameter_tags(
    ctx: FileContext, function: ast.AST | None, source: str
) -> tuple[str, ...]:
    """The tag of a finding whose `source` is a URL parameter of `function`, a top-level
    function with no decorator (a Flask route's, `@login_required`: a view's marks)."""
    if parameter_named(source) is None or not ctx.module:
        return ()
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return ()
    if function.decorator_list or not isinstance(ctx.parent(function), ast.Module):
        return ()
    called = _CALLED if calls_of(ctx, function) else ""
    return (f"{TAG}{ctx.module}.{function.name}{called}",)


def refuted_unrouted_helper(finding: Finding, project: ProjectModel) -> bool:
    """A tagged finding on a function that none of the project's (known) Django routes
    leads to, and that its module calls or another module imports by name: a helper of
    the views, whose parameters no URL fills."""
    tag = next((t.removeprefix(TAG) for t in finding.tags if t.startswith(TAG)), None)
    django = project.django
    if tag is None or django is None or not django.routes:
        return False
    qualified = tag.removesuffix(_CALLED)
    if any(r.view is not None and r.view.target == qualified for r in django.routes):
        return False
    module = qualified.rpartition(".")[0]
    return tag.endswith(_CALLED) or any(
        qualified in summary.imports.values()
        for summary in project.modules.values()
        if summary.module != module
    )
