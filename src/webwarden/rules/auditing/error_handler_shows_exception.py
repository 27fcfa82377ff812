"""WW1133: an error handler putting the exception being handled into the page it sends."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import own_nodes
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_EXC_INFO = frozenset({"sys.exc_info"})
_EXCEPTION_CALLS = frozenset(
    {
        "sys.exception",
        "traceback.format_exc",
        "traceback.format_exception",
        "traceback.format_exception_only",
    }
)
_CONTEXT_AT = {
    "django.shortcuts.render": (2, "context"),
    "django.template.loader.render_to_string": (1, "context"),
    "django.template.response.TemplateResponse": (2, "context"),
    "django.template.response.SimpleTemplateResponse": (1, "context"),
}
"""Django's renderers -> where their context is given."""
_RESPONSES = ("django.http.", "rest_framework.response.")
_FLASK_RESPONSES = frozenset(
    {
        "flask.Response",
        "flask.wrappers.Response",
        "flask.make_response",
        "flask.jsonify",
        "flask.render_template",
        "flask.render_template_string",
    }
)
"""Flask's response makers (not any `flask.` name: `current_app.logger.exception(...)`
writes to the log)."""
_RESPONSE_NAMES = frozenset({"jsonify", "make_response", "render_template"})
_STAFF_WORDS = ("admin", "staff", "superuser")


class ErrorHandlerShowsException(PythonRule):
    """## What it does
    Finds a function that reads the exception being handled outside an `except` block
    (`sys.exc_info()`, its type or value, `sys.exception()`, `traceback.format_exc()`), as
    Django's `handler500` view and a middleware's exception hook do, and puts it into the
    response it makes: the context of a template it renders (`render(request,
    "500.html", {"error": error})`, `loader.get_template(name).render(context)`,
    `render_to_string`, `TemplateResponse`, Flask's `render_template`), or the content of
    a response (`HttpResponseServerError(str(error))`, `JsonResponse`, DRF's `Response`,
    `jsonify`), also through a local set from it (`detail = str(error)`) or a context
    dict it was added to (`context["error"] = error`, `context.update(...)`). Not when
    the response is made under a test of `DEBUG` (`if settings.DEBUG:`), nor what an
    expression lets through only when `DEBUG` is on (`trace = DEBUG and
    traceback.format_exc() or ""`, `... if settings.DEBUG else ""`), nor what is read
    in the branch a test of the user being staff takes (`if current_user.is_admin():`, a
    trace shown to administrators), nor inside an `except` block, which WW1132 judges; a
    call writing to the log (`current_app.logger.exception(...)`) makes no response.

    ## Why is this bad?
    The error page is what every visitor sees when anything fails, in production too.
    The exception's text is written for developers: a database error quotes the SQL and
    the schema, an OS error the server's paths, an HTTP client's error the URL it called
    with its key, a template error the code's layout. Shown on the page, it tells an
    attacker what the server runs and how to aim the next request; Django's own
    `server_error` view shows none of it.

    ## Known problems
    Whether the template writes the value is not checked: a context holding the exception
    is reported even if the page never shows it.

    ## Example
    ```python
    import sys

    from django.shortcuts import render


    def server_error(request):
        kind, error, _ = sys.exc_info()
        return render(request, "500.html", {"error": error, "kind": kind}, status=500)
    ```

    ## Fix
    ```python
    import logging

    from django.shortcuts import render

    log = logging.getLogger(__name__)


    def server_error(request):
        return render(request, "500.html", {"support": "help@example.com"}, status=500)
    ```
    Log the exception (Django's request logger already does) and show the visitor a
    fixed message, or the request's id to quote to the support team.

    ## References
    - [CWE-209: Generation of Error Message Containing Sensitive Information](https://cwe.mitre.org/data/definitions/209.html)
    - [Django docs: customizing error views](https://docs.djangoproject.com/en/stable/topics/http/views/#customizing-error-views)
    """

    code = "WW1133"
    name = "error-handler-shows-exception"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 209
    message = "the exception being handled (`{source}`) is put into the response of `{call}()`"
    fix = "log the exception and show the visitor a fixed message"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    mentions = (("exc_info", "format_exc", "exception"),)

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from _judge(self, node, ctx)

    def visit_AsyncFunctionDef(
        self, node: ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        yield from _judge(self, node, ctx)


def _judge(
    rule: ErrorHandlerShowsException,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    ctx: FileContext,
) -> Iterator[Finding]:
    reads = _EXC_INFO | _EXCEPTION_CALLS
    # NOTE: most modules and functions read no exception at all: asked of the module's
    # calls once, then of the function's cached walk, before the costlier own-node list
    # below (the rule was a seventh of a cold scan of Django's tree without them).
    if not _module_reads(ctx) or not any(
        isinstance(n, ast.Call) and ctx.call_name(n) in reads for n in ctx.subtree(function)
    ):
        return
    # NOTE: what an `except` block reads and sends is WW1132's; left out here, its
    # locals taint no response made outside it.
    own = [n for n in own_nodes(function) if not _in_handler(n, function, ctx)]
    if not any(isinstance(n, ast.Call) and ctx.call_name(n) in reads for n in own):
        return
    held = _holders([n for n in own if not _guarded(n, function, ctx)], ctx)
    found: list[tuple[ast.Call, str, str]] = []
    for call in own:
        if not isinstance(call, ast.Call) or _guarded(call, function, ctx):
            continue
        name = ctx.call_name(call) or ""
        given = _given(call, name, ctx)
        source = next((s for s in (_source(g, held, ctx) for g in given) if s), None)
        if source is not None:
            found.append((call, source, name.rpartition(".")[2]))
    reported = {id(call) for call, _, _ in found}
    for call, source, name in sorted(found, key=lambda f: (f[0].lineno, f[0].col_offset)):
        # NOTE: `HttpResponseServerError(template.render(context))`: the render inside it
        # is the place; the response only sends what it made.
        if not any(id(n) in reported for n in ast.walk(call) if n is not call):
            yield rule.finding(ctx, call, source=source, call=name)


def _module_reads(ctx: FileContext) -> bool:
    """Whether the module calls anything reading the exception being handled."""
    key = (_module_reads,)
    found = ctx.memo.get(key)
    if not isinstance(found, bool):
        reads = _EXC_INFO | _EXCEPTION_CALLS
        found = ctx.memo[key] = any(
            isinstance(n, ast.Call) and ctx.call_name(n) in reads for n in ctx.nodes(ast.Call)
        )
    return found


def _reads_exception(node: ast.AST, ctx: FileContext) -> str | None:
    """The text of a read of the exception being handled that `node` is, or None:
    `sys.exc_info()[1]`, `sys.exception()`, `traceback.format_exc()`."""
    if isinstance(node, ast.Call) and ctx.call_name(node) in _EXCEPTION_CALLS:
        return ast.unparse(node)
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Call)
        and ctx.call_name(node.value) in _EXC_INFO
        and isinstance(node.slice, ast.Constant)
        and node.slice.value in (0, 1)
    ):
        return ast.unparse(node)
    return None


def _holders(own: list[ast.AST], ctx: FileContext) -> dict[str, str]:
    """The locals holding the exception (or text made of it) -> the read they came from:
    `kind, error, _ = sys.exc_info()`, `detail = str(error)`, a dict it was put in
    (`context["error"] = error`, `context.update(error=error)`)."""
    held: dict[str, str] = {}
    for _ in range(4):
        before = len(held)
        for node in own:
            if isinstance(node, ast.Assign):
                _assigned(node, held, ctx)
            elif isinstance(node, ast.AugAssign | ast.AnnAssign) and node.value is not None:
                _bind(node.target, _source(node.value, held, ctx), held)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"update", "setdefault"}
            ):
                given = [*node.args, *(k.value for k in node.keywords)]
                found = next((s for s in (_source(g, held, ctx) for g in given) if s), None)
                _bind(node.func.value, found, held)
        if len(held) == before:
            break
    return held


def _assigned(node: ast.Assign, held: dict[str, str], ctx: FileContext) -> None:
    value = node.value
    if isinstance(value, ast.Call) and ctx.call_name(value) in _EXC_INFO:
        for target in node.targets:
            if isinstance(target, ast.Tuple | ast.List):
                for element in target.elts[:2]:
                    _bind(element, ast.unparse(value), held)
            elif isinstance(target, ast.Name):
                # NOTE: `info = sys.exc_info()`: `info[1]` is read through it
                held[target.id] = ast.unparse(value)
        return
    found = _source(value, held, ctx)
    for target in node.targets:
        _bind(target, found, held)


def _bind(target: ast.expr, source: str | None, held: dict[str, str]) -> None:
    """Mark the local `target` (or the dict `target[key]` is an item of) as holding."""
    if source is None:
        return
    while isinstance(target, ast.Subscript | ast.Attribute):
        target = target.value
    if isinstance(target, ast.Name):
        held.setdefault(target.id, source)


def _source(node: ast.AST, held: dict[str, str], ctx: FileContext) -> str | None:
    """The read of the exception that `node` holds any of, or None; not one only an
    expression's own test of `DEBUG` lets through (`DEBUG and traceback.format_exc() or
    ""`, `trace if settings.DEBUG else ""`)."""
    for part in _unguarded_parts(node):
        found = _reads_exception(part, ctx)
        if found is not None:
            return found
        if isinstance(part, ast.Name) and isinstance(part.ctx, ast.Load) and part.id in held:
            return held[part.id]
    return None


def _unguarded_parts(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `node`, as `ast.walk` gives them, leaving out the arms of a
    conditional expression testing `DEBUG` and what an `and` evaluates after a value
    reading it: they are evaluated only when `DEBUG` is on."""
    pending = [node]
    while pending:
        part = pending.pop(0)
        yield part
        if isinstance(part, ast.IfExp) and _reads_debug(part.test):
            continue
        if isinstance(part, ast.BoolOp) and isinstance(part.op, ast.And):
            values = part.values
            first = next((i for i, v in enumerate(values) if _reads_debug(v)), len(values))
            pending.extend(values[: first + 1])
            continue
        pending.extend(ast.iter_child_nodes(part))


def _given(call: ast.Call, name: str, ctx: FileContext) -> list[ast.expr]:
    """What of a call makes the response: a renderer's context, a response's content."""
    if name in _CONTEXT_AT:
        at, keyword = _CONTEXT_AT[name]
        found = ctx.argument(call, at, keyword)
        return [found] if found is not None else []
    if isinstance(call.func, ast.Attribute) and call.func.attr == "render":
        # NOTE: `template.render(context, request)`, a template the function loaded
        found = ctx.argument(call, 0, "context")
        return [found] if found is not None else []
    if (
        name.startswith(_RESPONSES)
        or name in _FLASK_RESPONSES
        or name.rpartition(".")[2] in _RESPONSE_NAMES
    ):
        return [*call.args, *(k.value for k in call.keywords if k.arg != "status")]
    return []


def _in_handler(node: ast.AST, function: ast.AST, ctx: FileContext) -> bool:
    """Whether `node` is inside an `except` block of `function`."""
    for ancestor in ctx.ancestors(node):
        if ancestor is function:
            return False
        if isinstance(ancestor, ast.ExceptHandler):
            return True
    return False


def _guarded(node: ast.AST, function: ast.AST, ctx: FileContext) -> bool:
    """Under a test of `DEBUG`, or in the branch a test of the user being the site's staff
    takes (`if current_user.is_admin():`, `request.user.is_superuser`): shown to
    developers or administrators only."""
    child = node
    for ancestor in ctx.ancestors(node):
        if ancestor is function:
            return False
        if isinstance(ancestor, ast.If) and (
            _reads_debug(ancestor.test)
            or (any(c is child for c in ancestor.body) and _staff_test(ancestor.test))
        ):
            return True
        child = ancestor
    return False


def _reads_debug(test: ast.expr) -> bool:
    return any(
        (isinstance(n, ast.Name) and n.id == "DEBUG")
        or (isinstance(n, ast.Attribute) and n.attr == "DEBUG")
        for n in ast.walk(test)
    )


def _staff_test(test: ast.expr) -> bool:
    """A test that holds for staff only: an attribute or method of the user named for it
    (`is_staff`, `role_admin()`), alone or in an `and`; not negated."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_staff_test(value) for value in test.values)
    if isinstance(test, ast.Call):
        test = test.func
    return isinstance(test, ast.Attribute) and any(w in test.attr.lower() for w in _STAFF_WORDS)
