"""Methods whose result a framework redirects to: a Django class-based view's
`get_redirect_url()` and `get_success_url()`, a django-allauth adapter's `get_*_redirect_url()`."""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView

_VIEW_CALLERS: dict[str, tuple[str, ...]] = {
    "get_redirect_url": (
        "django.views.generic.RedirectView",
        "django.views.generic.base.RedirectView",
    ),
    "get_success_url": (
        "django.views.generic.edit.",
        *(
            f"django.views.generic.{name}"
            for name in ("FormView", "CreateView", "UpdateView", "DeleteView")
        ),
    ),
}
"""Django's classes that call the method and redirect to its result: `RedirectView.get()`,
the editing views' `form_valid()` and `delete()`."""

_DJANGO_VIEWS = "django.views."
_REST_FRAMEWORK_VIEWS = tuple(
    f"rest_framework.{module}." for module in ("views", "generics", "viewsets", "mixins")
)
"""REST framework's views (on Django's `View`): none of them calls `get_redirect_url()` or
`get_success_url()`; they answer with the serializer's data."""
_VIEWS = (_DJANGO_VIEWS, *_REST_FRAMEWORK_VIEWS)
_KNOWN_BASES = (*_VIEWS, "django.contrib.auth.mixins.")
"""Library bases whose methods are all known: Django's and REST framework's views and
Django's access mixins."""
_OBJECT = frozenset({"object", "builtins.object"})

_ADAPTERS = ("allauth.account.adapter.", "allauth.socialaccount.adapter.")
_ADAPTER_REDIRECTS = frozenset(
    {
        "get_login_redirect_url",
        "get_logout_redirect_url",
        "get_signup_redirect_url",
        "get_email_confirmation_redirect_url",
        "get_email_verification_redirect_url",
        "get_password_change_redirect_url",
        "get_connect_redirect_url",
    }
)
"""The adapter methods whose result allauth's views redirect to unchecked (only a `next`
parameter is checked against the allowed hosts, by allauth itself)."""

REDIRECT_METHODS = frozenset(_VIEW_CALLERS) | _ADAPTER_REDIRECTS
"""The names of methods whose result a framework may redirect to."""


def redirecting_framework(index: IndexView, method: ir.Function) -> str:
    """Who redirects to what `method` returns: `Django's class-based view`,
    `django-allauth` or "" (no framework calls it)."""
    if method.name in _ADAPTER_REDIRECTS:
        owner = method.owner
        adapter = index.inherits(owner, _ADAPTERS) or index.mixed_into(owner, _ADAPTERS)
        return "django-allauth" if owner and adapter else ""
    return "Django's class-based view" if _view_calls(index, method) else ""


def _view_calls(index: IndexView, method: ir.Function) -> bool:
    """Whether a class-based view's framework may call `method` and redirect to its result.

    Not so only for a Django or REST framework view whose ancestors are all the
    project's own classes and Django or REST framework views (or access mixins) none of
    which calls it, and no project class mixes it with one that does: a `TemplateView`'s
    or an `APIView`'s `get_redirect_url()` runs only where the project calls it, and that
    call is judged where the redirect is made. A mixin of no
    Django view, or a view with another library's base, is taken as called.
    """
    callers = _VIEW_CALLERS.get(method.name)
    if callers is None or not method.owner:
        return True
    ancestors = index.mro(method.owner)[1:]
    if not any(name.startswith(_VIEWS) for name in ancestors):
        return True
    for name in ancestors:
        if name in _OBJECT or name in index.classes:
            continue
        if name.startswith(callers) or not name.startswith(_KNOWN_BASES):
            return True
    return index.mixed_into(method.owner, callers)
