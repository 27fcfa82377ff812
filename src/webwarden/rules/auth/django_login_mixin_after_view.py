"""WW712: a Django access mixin listed after the view class it should guard."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.names import last_part
from webwarden.rules.auth._handler_logins import handlers_refuse_anonymous
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_ACCESS_MIXINS = frozenset({"LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin"})
"""Django's mixins that check the user in their `dispatch()`, then call `super()`."""
_MIXIN_MODULE = "django.contrib.auth.mixins."
_VIEW_MODULE = "django.views."
"""Django's view classes (not its mixins, which define no `dispatch()`): `View.dispatch()`
calls the handler and never `super()`."""


def _access_mixin(name: str | None) -> bool:
    return name is not None and name.startswith(_MIXIN_MODULE) and last_part(name) in _ACCESS_MIXINS


def _django_view(name: str | None) -> bool:
    if name is None or not name.startswith(_VIEW_MODULE):
        return False
    short = last_part(name)
    return short[:1].isupper() and not short.endswith("Mixin")


class DjangoLoginMixinAfterView(PythonRule):
    """## What it does
    Finds class-based views that list Django's `LoginRequiredMixin`,
    `PermissionRequiredMixin` or `UserPassesTestMixin` after one of Django's view
    classes (`View`, `TemplateView`, `FormView`, `UpdateView`...) among their bases:
    `class Settings(TemplateView, LoginRequiredMixin)`. Not for `LoginRequiredMixin` after
    Django's plain `View` (with no other base but access mixins) when every handler the
    class defines (`get`, `post`...) starts by turning the anonymous away itself (`if not
    request.user.is_authenticated: return redirect("login")`, also through a function of
    the module handed the request that answers whether its user is logged in): the
    skipped mixin would check nothing more.

    ## Why is this bad?
    These mixins check the user in their `dispatch()` and then call `super().dispatch()`.
    Python looks `dispatch` up along the class's method resolution order, left to right:
    with the view class first, Django's `View.dispatch()` is found first, and it calls
    the handler (`get`, `post`) directly, never `super()`. The mixin's check never runs,
    and anonymous visitors reach the view, although its code says it requires a login.
    Django's documentation asks for the mixin at the leftmost position.

    ## Known problems
    Only Django's own mixins listed directly beside Django's own view classes in the same
    class statement are judged; a project's base class that derives from a view class
    and is listed before the mixin hides the mistake from this rule. A view whose own
    `dispatch()` calls the mixin's by name works, and is not reported.

    ## Example
    ```python
    from django.contrib.auth.mixins import LoginRequiredMixin
    from django.views.generic import TemplateView


    class AccountSettings(TemplateView, LoginRequiredMixin):
        template_name = "account/settings.html"
    ```

    ## Fix
    ```python
    from django.contrib.auth.mixins import LoginRequiredMixin
    from django.views.generic import TemplateView


    class AccountSettings(LoginRequiredMixin, TemplateView):
        template_name = "account/settings.html"
    ```

    ## References
    - [CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)
    - [Django: the LoginRequiredMixin mixin](https://docs.djangoproject.com/en/stable/topics/auth/default/#the-loginrequiredmixin-mixin)
    """

    code = "WW712"
    name = "django-login-mixin-after-view"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 306
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{view}` lists `{mixin}` after `{base}`, whose `dispatch()` runs first: the mixin's"
        " check never does"
    )
    fix = "list the mixin first among the bases: `class View(LoginRequiredMixin, TemplateView)`"

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        view: ast.expr | None = None
        for base in node.bases:
            name = ctx.qualified(base)
            if view is None and _django_view(name):
                view = base
            elif view is not None and _access_mixin(name):
                mixin = last_part(name or "")
                skipped = mixin == "LoginRequiredMixin" and handlers_refuse_anonymous(
                    ctx, node, view
                )
                if not skipped and not _called_by_name(node, base):
                    shown = last_part(ctx.qualified(view) or "")
                    yield self.finding(ctx, node, view=node.name, mixin=mixin, base=shown)
                return


def _called_by_name(node: ast.ClassDef, base: ast.expr) -> bool:
    """Whether the class body names the mixin as written among the bases
    (`LoginRequiredMixin.dispatch(self, request)` in its own `dispatch()`)."""
    written = ast.unparse(base)
    return any(
        ast.unparse(child) == written
        for statement in node.body
        for child in ast.walk(statement)
        if isinstance(child, ast.Name | ast.Attribute)
    )
