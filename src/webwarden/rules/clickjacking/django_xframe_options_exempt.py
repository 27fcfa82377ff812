"""WW1003: a Django view exempted from the X-Frame-Options header."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.clickjacking._error_pages import refuses_only, under_error_status
from webwarden.rules.context import FileContext
from webwarden.rules.decorators import applied

XFRAME_EXEMPT = "django.views.decorators.clickjacking.xframe_options_exempt"
_Function = ast.FunctionDef | ast.AsyncFunctionDef
_FORM_DATA = frozenset({"POST", "FILES"})
_CHANGING = frozenset({"post", "put", "patch", "delete"})
_FORM_VIEWS = ("FormView", "CreateView", "UpdateView", "DeleteView")


class DjangoXframeOptionsExempt(PythonRule):
    """## What it does
    Finds Django views exempted from the `X-Frame-Options` header that
    `XFrameOptionsMiddleware` adds: `@xframe_options_exempt` on a function,
    `@method_decorator(xframe_options_exempt, name="dispatch")` on a class or its
    `dispatch`, `xframe_options_exempt(view)` in a URLconf, and a response marked by hand
    (`response.xframe_options_exempt = True`, unless the view then sends its own
    `X-Frame-Options`). A view that handles a form (reads `request.POST` or
    `request.FILES`, tests `request.method`, has a `post` handler or is a form view) is
    reported at medium severity, any other at low. A view that only ever answers with an
    error status (each `return` an `HttpResponseNotFound`, `HttpResponseServerError`, ...
    or a response given a `status=` of 400 or more: the `handler404` and `handler500` pages) and
    a response marked only under a test that its status is an error (`if
    response.status_code == 500:` in a middleware) are not reported: an error page holds
    nothing a click could change.

    ## Why is this bad?
    Any site can load the view in an invisible frame over its own page and trick a
    logged-in visitor into clicking the view's buttons: submitting its form, confirming a
    payment, deleting an account. Pages meant to be embedded elsewhere (a widget, an
    oEmbed player) must be framed; they should then hold nothing a click can change, or
    allow only the sites that embed them with a `Content-Security-Policy:
    frame-ancestors` list.

    ## Example
    ```python
    from django.shortcuts import redirect, render
    from django.views.decorators.clickjacking import xframe_options_exempt


    @xframe_options_exempt
    def delete_account(request):
        if request.method == "POST":
            request.user.delete()
            return redirect("/")
        return render(request, "accounts/delete.html")
    ```

    ## Fix
    ```python
    from django.shortcuts import redirect, render


    def delete_account(request):
        if request.method == "POST":
            request.user.delete()
            return redirect("/")
        return render(request, "accounts/delete.html")
    ```

    ## References
    - [CWE-1021: Improper Restriction of Rendered UI Layers or Frames](https://cwe.mitre.org/data/definitions/1021.html)
    - [Django: clickjacking protection](https://docs.djangoproject.com/en/stable/ref/clickjacking/)
    - [OWASP: Clickjacking Defense Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html)
    """

    code = "WW1003"
    name = "django-xframe-options-exempt"
    practice = Practice.CLICKJACKING
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 1021
    message = "`{view}` is exempt from X-Frame-Options: any site can frame it{what}"
    fix = (
        "remove `xframe_options_exempt`; for a page others embed, allow those sites with "
        "CSP `frame-ancestors`"
    )
    frameworks = frozenset({Framework.DJANGO})
    calls = frozenset({XFRAME_EXEMPT})
    assigns = frozenset({"xframe_options_exempt"})
    decorated_only = True

    def _exempting(self, ctx: FileContext, decorator: ast.expr) -> bool:
        return any(ctx.qualified(node) == XFRAME_EXEMPT for node in applied(ctx, decorator))

    def _definition(self, node: _Function | ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        exempting = [d for d in node.decorator_list if self._exempting(ctx, d)]
        if not exempting or (isinstance(node, _Function) and refuses_only(ctx, node)):
            return
        if (
            isinstance(node, _Function)
            and node.name != "dispatch"
            and isinstance(ctx.parent(node), ast.ClassDef)
        ):
            return  # NOTE: `as_view()` copies the mark from `dispatch` only
        view: ast.AST = node
        if isinstance(node, _Function) and node.name == "dispatch":
            view = ctx.parent(node) or node
        name = getattr(view, "name", node.name)
        for decorator in exempting:
            yield self._report(ctx, decorator, name, _handles_forms(ctx, view))

    def _report(self, ctx: FileContext, node: ast.AST, view: str, forms: bool) -> Finding:
        return self.finding(
            ctx,
            node,
            severity=Severity.MEDIUM if forms else None,
            view=view,
            what=" and trick visitors into submitting its form" if forms else "",
        )

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._definition(node, ctx)

    def visit_AsyncFunctionDef(
        self, node: ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        yield from self._definition(node, ctx)

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._definition(node, ctx)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) != XFRAME_EXEMPT or not node.args:
            return
        given = node.args[0]
        function = ctx.module_function(given.id) if isinstance(given, ast.Name) else None
        if function is not None and refuses_only(ctx, function):
            return
        view = ast.unparse(given)
        yield self._report(ctx, node, view if len(view) <= 60 else view[:57] + "...", False)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "xframe_options_exempt"
                and ctx.evaluate(node.value) is True
            ):
                enclosing = [a for a in ctx.ancestors(node) if isinstance(a, _Function)]
                if len(enclosing) > 1:
                    continue  # NOTE: a decorator's wrapper, reported where it is applied
                where = next(
                    (a for a in ctx.ancestors(node) if isinstance(a, _Function | ast.ClassDef)),
                    None,
                )
                if where is not None and _sets_frame_options(where):
                    continue  # NOTE: exempt from the middleware to send its own header
                if under_error_status(ctx, node) or (
                    isinstance(where, _Function) and refuses_only(ctx, where)
                ):
                    continue
                name = where.name if where is not None else ctx.relpath.rsplit("/", 1)[-1]
                forms = where is not None and _handles_forms(ctx, where)
                yield self._report(ctx, node, name, forms)


def _sets_frame_options(scope: ast.AST) -> bool:
    """`response["X-Frame-Options"] = ...` (or `.headers[...]`) in the same function."""
    for inner in ast.walk(scope):
        if isinstance(inner, ast.Assign):
            for target in inner.targets:
                key = target.slice if isinstance(target, ast.Subscript) else None
                if isinstance(key, ast.Constant) and str(key.value).lower() == "x-frame-options":
                    return True
    return False


def _handles_forms(ctx: FileContext, view: ast.AST) -> bool:
    """Reads form data, tests the request method, or (a class) has a state-changing
    handler: a framed page with something to click."""
    if isinstance(view, ast.ClassDef) and (
        any(isinstance(s, _Function) and s.name in _CHANGING for s in view.body)
        or any(ast.unparse(b).endswith(_FORM_VIEWS) for b in view.bases)
    ):
        return True
    return any(isinstance(inner, ast.Attribute) and _reads_form(inner) for inner in ast.walk(view))


def _reads_form(node: ast.Attribute) -> bool:
    """`request.POST`, `request.FILES`, `request.method`, `self.request.POST`."""
    owner = node.value
    if isinstance(owner, ast.Name):
        return owner.id == "request" and node.attr in _FORM_DATA | {"method"}
    return isinstance(owner, ast.Attribute) and owner.attr == "request" and node.attr in _FORM_DATA
