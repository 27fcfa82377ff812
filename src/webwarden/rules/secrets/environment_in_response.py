"""WW257: the server's environment or a request's whole `META` sent in a response."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.names import last_part
from webwarden.rules.auditing._staff_only import staff_only
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_RENDERS = frozenset(
    {"flask.render_template", "flask.templating.render_template"}
    | {"django.shortcuts.render", "django.shortcuts.render_to_response"}
    | {"django.template.response.TemplateResponse"}
)
_FRAMEWORKS = ("django.http.", "rest_framework.response.", "flask.", "werkzeug.")
_MAKERS = frozenset({"jsonify", "make_response"})
_WRAPPERS = frozenset({"dict", "list", "sorted", "str", "repr", "dumps", "OrderedDict", "pformat"})
"""Calls that copy or write out all of what they are given."""
_WHOLE_METHODS = frozenset({"items", "copy", "values"})
_REQUEST_ENVIRONMENTS = frozenset({"META", "environ"})
_SERVER = "every environment variable of the server, with its secrets"
_REQUEST = (
    "the request's cookies (`HttpOnly` ones too) and headers, and under a development "
    "server every environment variable"
)


class EnvironmentInResponse(PythonRule):
    """## What it does
    Finds `os.environ`, a Django request's `request.META` or a WSGI request's
    `request.environ` handed whole to a template or a response of Django, REST framework
    or Flask (`render(request, "debug.html", {"env": request.META})`,
    `jsonify(dict(os.environ))`), also copied first (`dict(...)`, `.items()`,
    `.copy()`, `sorted(...)`, `json.dumps(...)`, `{**os.environ}`) or through a local
    name bound to it. One value read from it (`request.META["REMOTE_ADDR"]`,
    `os.environ.get("REGION")`) is not reported, nor a view only staff reach
    (`@staff_member_required`, a `ModelAdmin`'s, REST framework's `IsAdminUser`).

    ## Why is this bad?
    The process environment holds the deployment's secrets: database passwords, API
    keys, the `SECRET_KEY`. A request's `META` holds its `Cookie` header (the session
    cookie, which `HttpOnly` keeps from scripts, is then in the page for any injected
    script to read) and `Authorization` header, and under `runserver` or any server
    built on `wsgiref` a copy of the whole process environment as well. A debugging page
    that lists them shows all of it to whoever opens it.

    ## Example
    ```python
    from django.shortcuts import render


    def server_info(request):
        return render(request, "info.html", {"variables": request.META})
    ```

    ## Fix
    ```python
    from django.shortcuts import render


    def server_info(request):
        return render(request, "info.html", {"address": request.META["REMOTE_ADDR"]})
    ```

    ## References
    - [CWE-526: Cleartext Storage of Sensitive Information in an Environment Variable](https://cwe.mitre.org/data/definitions/526.html)
    - [Django: `HttpRequest.META`](https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpRequest.META)
    - [OWASP: Top 10 A05, security misconfiguration](https://owasp.org/Top10/A05_2021-Security_Misconfiguration/)
    """

    code = "WW257"
    name = "environment-in-response"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 526
    message = "`{what}` is sent whole in a response: {holds}"
    fix = 'send only the values the page needs (`request.META["REMOTE_ADDR"]`), never the whole mapping'
    calls = _RENDERS | {"django.http.*", "rest_framework.response.*", "flask.*", "werkzeug.*"}

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not _response(node, ctx):
            return
        function = ctx.scopes.enclosing_function(node)
        bound = _bound_names(function, ctx) if function is not None else {}
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            for inner in ast.walk(argument):
                what = _environment(inner, ctx) or (
                    bound.get(inner.id) if isinstance(inner, ast.Name) else None
                )
                if what is None or not _whole(inner, argument, ctx):
                    continue
                if staff_only(ctx, node):
                    return
                server = what == "os.environ"
                yield self.finding(
                    ctx,
                    inner,
                    severity=Severity.HIGH if server else Severity.MEDIUM,
                    what=what,
                    holds=_SERVER if server else _REQUEST,
                )
                return


def _response(call: ast.Call, ctx: FileContext) -> bool:
    name = ctx.call_name(call)
    if name in _RENDERS:
        return True
    if name is None or not name.startswith(_FRAMEWORKS):
        return False
    last = last_part(name)
    return "Response" in last or last in _MAKERS


def _environment(node: ast.AST, ctx: FileContext) -> str | None:
    """`os.environ`, or `request.META` / `request.environ` (also `self.request.META`)."""
    if not isinstance(node, ast.Attribute):
        return None
    if ctx.qualified(node) == "os.environ":
        return "os.environ"
    owner = node.value
    named = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
    if node.attr in _REQUEST_ENVIRONMENTS and named in ("request", "req"):
        return ast.unparse(node)
    return None


def _whole(node: ast.AST, top: ast.AST, ctx: FileContext) -> bool:
    """Whether all of `node` reaches `top` (an argument of the response): through
    copies, displays and dict values, not a subscript or a method picking one value."""
    child = node
    while child is not top:
        holder = ctx.parent(child)
        if holder is None:
            return False
        if isinstance(holder, ast.Attribute):
            if holder.attr not in _WHOLE_METHODS or not isinstance(ctx.parent(holder), ast.Call):
                return False
        elif isinstance(holder, ast.Call):
            if child is holder.func:
                pass  # NOTE: `os.environ.items()`: the method was judged as an attribute
            elif last_part(ctx.call_name(holder) or "") not in _WRAPPERS:
                return False
        elif isinstance(holder, ast.Dict):
            if any(child is k for k in holder.keys):
                return False
        elif not isinstance(holder, ast.List | ast.Tuple | ast.Set | ast.keyword | ast.Starred):
            return False
        child = holder
    return True


def _bound_names(
    function: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
) -> dict[str, str]:
    """Local names the function binds to all of an environment (`env = request.META`)."""
    bound: dict[str, str] = {}
    for node in ast.walk(function):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        if not isinstance(target, ast.Name):
            continue
        for inner in ast.walk(node.value):
            what = _environment(inner, ctx)
            if what is not None and _whole(inner, node.value, ctx):
                bound[target.id] = what
    return bound
