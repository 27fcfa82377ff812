"""WW11115: a public page showing the server's host name or its software's versions."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.names import last_name
from webwarden.rules.auditing._staff_only import staff_only
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_DETAILS = {
    "os.uname": "host name",
    "socket.gethostname": "host name",
    "socket.getfqdn": "host name",
    "platform.node": "host name",
    "platform.uname": "host name",
    "platform.platform": "operating system version",
    "platform.version": "operating system version",
    "platform.release": "operating system version",
    "platform.python_version": "Python version",
    "sys.version": "Python version",
    "sys.version_info": "Python version",
    "django.get_version": "Django version",
    "django.VERSION": "Django version",
    "django.__version__": "Django version",
    "flask.__version__": "Flask version",
}
"""What of the machine or its software each value tells (calls and attributes)."""
_RESPONSES = frozenset(
    {"HttpResponse", "JsonResponse", "TemplateResponse", "jsonify", "make_response"} | {"Response"}
)
"""Calls building the response from what they are given (and any `render*` call, a
template's context too)."""
_GUARD_WORDS = frozenset({"login", "staff", "superuser", "admin", "permission", "auth"})
"""Words of a decorator that lets only some users in (`@login_required`)."""
_ROUTES = frozenset({"route", "get", "post"})


class SystemDetailsInResponse(PythonRule):
    """## What it does
    Finds a view open to anyone (no login, staff or permission decorator) that puts the
    server's host name (`os.uname()`, `socket.gethostname()`, `platform.node()`) or the
    versions of its operating system, Python or framework (`django.get_version()`,
    `sys.version`, `platform.platform()`) into its response: a template's context, an
    `HttpResponse`, a JSON answer, directly or through a local. A Django view is a
    function whose first parameter is the request; a Flask view carries a route.

    ## Why is this bad?
    A visitor learns which release of each piece of software to look up known
    vulnerabilities for, and the internal name of the machine that answered (a
    cluster's naming, a host to aim at once inside). Nothing of it helps a visitor;
    attackers scan for such pages.

    ## Known problems
    A view guarded by a middleware, or by a check in its body, is still reported; a
    value handed over from another module is not followed. Test code is not judged.

    ## Example
    ```python
    import os

    import django
    from django.shortcuts import render


    def server_info(request):
        return render(
            request,
            "info.html",
            {"server": os.uname()[1], "django_version": django.get_version()},
        )
    ```

    ## Fix
    ```python
    import os

    import django
    from django.contrib.admin.views.decorators import staff_member_required
    from django.shortcuts import render


    @staff_member_required
    def server_info(request):
        return render(
            request,
            "info.html",
            {"server": os.uname()[1], "django_version": django.get_version()},
        )
    ```
    Show such details only to staff, or log them where operators look.

    ## References
    - [CWE-497: Exposure of Sensitive System Information to an Unauthorized Control Sphere](https://cwe.mitre.org/data/definitions/497.html)
    - [OWASP WSTG: Fingerprint Web Application Framework](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/01-Information_Gathering/08-Fingerprint_Web_Application_Framework)
    """

    code = "WW11115"
    name = "system-details-in-response"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 497
    message = "`{view}` shows anyone the server's {what} (`{source}`)"
    fix = "leave it out of public pages, or show it only to staff"

    in_tests = False

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._view(node, ctx)

    def visit_AsyncFunctionDef(
        self, node: ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        yield from self._view(node, ctx)

    def _view(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        if not _public_view(node, ctx) or staff_only(ctx, node.body[0]):
            return
        for call in ast.walk(node):
            if not isinstance(call, ast.Call) or not _responds(call):
                continue
            if ctx.scopes.enclosing_function(call) is not node:
                continue
            found = _detail(ctx, call)
            if found is not None:
                source, what = found
                yield self.finding(ctx, source, view=node.name, what=what, source=_text(source))
                return


def _responds(call: ast.Call) -> bool:
    """A response built from what the call is given, or a render of the project's own
    (`render_page(request, "info.html", context)`)."""
    name = last_name(call.func)
    return name in _RESPONSES or name.startswith("render")


def _public_view(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext) -> bool:
    """A Django view (first parameter `request`) or a Flask route, with no decorator
    named for a login, staff or a permission."""
    parameters = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
    routed = any(
        isinstance(d, ast.Call) and last_name(d.func) in _ROUTES for d in node.decorator_list
    )
    if not (parameters[:1] == ["request"] or routed):
        return False
    for decorator in node.decorator_list:
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        words = set(identifier_words(last_name(called) or ast.unparse(called)))
        if words & _GUARD_WORDS or "passes" in words:
            return False
    return True


def _detail(ctx: FileContext, call: ast.Call) -> tuple[ast.AST, str] | None:
    """The first value telling a detail of the machine among what the call is given,
    directly or through a local bound to one."""
    for argument in (*call.args, *(k.value for k in call.keywords)):
        for inner in ast.walk(argument):
            found = _told(ctx, inner)
            if found is not None:
                return inner, found
            if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load):
                for value in ctx.scopes.values_of(inner) or ():
                    for part in ast.walk(value):
                        found = _told(ctx, part)
                        if found is not None:
                            return inner, found
    return None


def _told(ctx: FileContext, node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        return _DETAILS.get(ctx.qualified(node.func) or "")
    if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
        return _DETAILS.get(ctx.qualified(node) or "")
    return None


def _text(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."
