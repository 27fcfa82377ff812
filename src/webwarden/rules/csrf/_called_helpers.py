"""An exempted function that its module only calls itself, as a helper of its views.

`@csrf_exempt def get_step_form(step, request): ...`, which the module's views call as
`get_step_form(1, request)`: Django's CSRF middleware reads the exemption off the view that
URL resolution hands it (`process_view`), so on a function code calls directly the mark
changes nothing, and the views calling it are checked as usual. Whether a route leads to it
all the same, or another module takes it by name, is left to the project step
(`refuted_called_helper`).
"""

from __future__ import annotations

import ast

from webwarden.findings import Finding
from webwarden.model.project import ProjectModel
from webwarden.rules.context import FileContext
from webwarden.rules.module_calls import calls_of

TAG = "csrf-exempt-called-helper:"
"""Tag of a finding on a top-level function the module only calls, with its qualified
name: refuted when no route leads to it."""


def called_helper(ctx: FileContext, node: ast.AST) -> tuple[str, ...]:
    """The tag of a top-level function whose name the module reads only to call it (once
    at least), never handing it on as a value (to a URLconf, a registry, a decorator),
    nor returning what it gives as the caller's answer (`return social_complete(request,
    "email")`: a view that another view hands the request on to, which a route may
    serve too)."""
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return ()
    if not isinstance(ctx.parent(node), ast.Module) or not ctx.module:
        return ()
    calls = calls_of(ctx, node)
    if calls is None or any(_returned(ctx, call) for call in calls):
        return ()
    return (f"{TAG}{ctx.module}.{node.name}",)


def _returned(ctx: FileContext, call: ast.Call) -> bool:
    """Whether what `call` gives may be what its function returns, as it is: the value of
    a `return` (also as a branch of a conditional, an `or`, an `await`), or assigned so
    to a name a `return` of that function reads (`response = view(request)` then `return
    response`); not when the caller reads something of it or hands it to another call
    (`render(..., {"form": get_form(request)})`)."""
    value: ast.AST = call
    parent = ctx.parent(value)
    while isinstance(parent, ast.IfExp | ast.BoolOp | ast.Await) and not (
        isinstance(parent, ast.IfExp) and parent.test is value
    ):
        value, parent = parent, ctx.parent(parent)
    if isinstance(parent, ast.Return):
        return True
    if not isinstance(parent, ast.Assign | ast.AnnAssign | ast.NamedExpr):
        return False
    found = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
    names = {n.id for t in found for n in ast.walk(t) if isinstance(n, ast.Name)}
    function = ctx.scopes.enclosing_function(parent)
    return function is not None and any(
        isinstance(r, ast.Return) and names.intersection(_given_back(r.value))
        for r in ast.walk(function)
    )


def _given_back(value: ast.expr | None) -> set[str]:
    """The names a `return` gives back as they are (`return response`, `return a or b`,
    `return a if x else b`), not those it reads on the way (`return render(..., {"form":
    form})`)."""
    if isinstance(value, ast.Name):
        return {value.id}
    if isinstance(value, ast.IfExp):
        return _given_back(value.body) | _given_back(value.orelse)
    if isinstance(value, ast.BoolOp):
        return {name for part in value.values for name in _given_back(part)}
    if isinstance(value, ast.Await):
        return _given_back(value.value)
    return set()


def refuted_called_helper(finding: Finding, project: ProjectModel) -> bool:
    """A tagged finding on a function no route of the project's (known) routes leads to
    and no other module imports by name or star-imports: only its module calls it, and
    the exemption of a function no request resolves to changes nothing."""
    qualified = next((t.removeprefix(TAG) for t in finding.tags if t.startswith(TAG)), None)
    django = project.django
    if qualified is None or django is None or not django.routes:
        return False
    if any(r.view is not None and r.view.target == qualified for r in django.routes):
        return False
    module = qualified.rpartition(".")[0]
    return not any(
        qualified in summary.imports.values() or module in summary.stars
        for summary in project.modules.values()
        if summary.module != module
    )
