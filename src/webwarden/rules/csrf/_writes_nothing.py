"""An exempted function view that a forged post gains nothing from (WW603).

`@csrf_exempt def session_status(request)` that reads nothing the client posts (its
query at most) and changes nothing: another site's post makes it answer what a link would, and the answer
is not the other site's to read. The file step tags such a function (it reads no
parameter, body or method); the project step refutes the finding when the view, itself
and through every project function it calls, writes nothing (`analysis.writes`, where an
unknown project call counts as a write).
"""

from __future__ import annotations

import ast

from webwarden.analysis.dispatch_tables import function_lookup
from webwarden.analysis.writes import state_changes
from webwarden.findings import Finding
from webwarden.model.django.response_decorators import RESPONSE_DECORATORS
from webwarden.model.django.views import View
from webwarden.model.project import ProjectModel
from webwarden.rules.context import FileContext

TAG = "csrf-exempt-reads-nothing-sent"
DECORATED = "csrf-exempt-decorated-by:"
"""Tag naming the decorators of the project on such a view (comma-separated)."""
_SENT = frozenset(
    {"POST", "FILES", "body", "data", "json", "read", "readline", "readlines"}
    | {"stream", "method", "content_type", "content_params", "upload_handlers"}
)
"""Attributes through which a request hands a view what the client chose in a post: its
form, files and body, and the method (a view telling a POST apart). NOTE: not the query
(`request.GET`): a view reading neither the method nor the body answers a forged post
as it answers a link with the same query, which needs no token (and carries a `Lax`
session cookie a cross-site post does not)."""
_DJANGO = "django."
_SESSION = "session"
"""NOTE: a view naming the session keeps its finding whatever the writes analysis says:
a change deep in a value it keeps (`request.session["cart"].pop(...)`) is not a call
that analysis reads as a write."""


def reads_nothing_sent(node: ast.AST, ctx: FileContext) -> tuple[str, ...]:
    """The tag of a function none of whose code names a part of the request the client
    posts (`request.POST`, `request.body`, `request.method`; the query may be read) or
    the session, on any object: a name is enough to keep the finding; that hands its
    request to no function picked at run time (`HANDLERS[command](request)`); and whose
    decorators are all Django's (`csrf_exempt`, `login_required`) or imported from the
    project (named in a second tag, for the project step to judge)."""
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return ()
    imported: list[str] = []
    for decorator in node.decorator_list:
        if _framework_decorator(ctx, decorator):
            continue
        # NOTE: a decorator of the project or a library wraps the view with code the
        # writes analysis does not follow (`args[0].session["seen"] = True`); the
        # project step clears those of the project's modules that change only the view
        # or its response (`RESPONSE_DECORATORS`).
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = ctx.qualified(target) or ""
        if "." not in name or name.startswith(ctx.module + "."):
            return ()
        imported.append(name)
    request = node.args.posonlyargs[:1] or node.args.args[:1]
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and (child.attr in _SENT or child.attr == _SESSION):
            return ()
        if request and _hands_to_chosen(child, request[0].arg, node, ctx):
            return ()
    return (TAG, f"{DECORATED}{','.join(imported)}") if imported else (TAG,)


def _hands_to_chosen(
    node: ast.AST, request: str, view: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
) -> bool:
    """Whether `node` hands the request to a function picked at run time from a table
    or by name (`HANDLERS[command](request)`, `getattr(module, name)(request)`) that
    the writes analysis does not follow, and whose pick may read the post. A display of
    functions nothing changes (`dispatch_tables`) is followed: each of its functions is
    judged as a call of it would be."""
    if not isinstance(node, ast.Call) or isinstance(node.func, ast.Name | ast.Attribute):
        return False
    given = [*node.args, *(k.value for k in node.keywords)]
    if not any(isinstance(arg, ast.Name) and arg.id == request for arg in given):
        return False
    return function_lookup(node.func, view, ctx) is None


def _framework_decorator(ctx: FileContext, decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (ctx.qualified(target) or "").startswith(_DJANGO)


def refuted_writing_nothing(finding: Finding, project: ProjectModel, view: View | None) -> bool:
    """A tagged finding on a function view that writes nothing: no row, file, session
    key, login, message sent or call named for a change; nor do its decorators of the
    project's modules."""
    if TAG not in finding.tags or view is None or view.kind != "function":
        return False
    if not all(_response_decorator(project, name) for name in _decorators(finding)):
        return False
    changes = state_changes(project)
    return changes.function(view.target) is not None and not changes.writes(view.target)


def _decorators(finding: Finding) -> list[str]:
    for tag in finding.tags:
        if tag.startswith(DECORATED):
            return [n for n in tag.removeprefix(DECORATED).split(",") if n]
    return []


def _response_decorator(project: ProjectModel, name: str) -> bool:
    """A decorator (or factory of one) of a project module that changes nothing but the
    view or its response (`RESPONSE_DECORATORS`)."""
    module, _, function = name.rpartition(".")
    summary = project.modules_named(module)
    found = summary.facts.get(RESPONSE_DECORATORS) if summary is not None else None
    return isinstance(found, frozenset) and function in found
