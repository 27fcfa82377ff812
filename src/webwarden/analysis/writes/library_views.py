"""Handlers a project view inherits from a library's view class, whose writes webwarden
knows by the library's name: the `post` of a logout view logs the user out."""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import ProjectIndex
from webwarden.analysis.writes.calls import split

LOGOUT_VIEWS = frozenset(
    {
        "django.contrib.auth.views.LogoutView",
        "mozilla_django_oidc.views.OIDCLogoutView",
        "allauth.account.views.LogoutView",
    }
)
"""Library views whose `post` ends the session (Django's `LogoutView` since 4.1, which
dropped logging out on GET in 5.0; mozilla-django-oidc's `OIDCLogoutView`;
django-allauth's `LogoutView`)."""
_HANDLER = "post"


def inherited_logout(index: ProjectIndex, owner: str, call: ir.Call) -> str | None:
    """The library logout view whose `post` a call in a method of the project class
    `owner` runs (`super().post(request)`, or `self.post(request)` when no project class
    of its ancestry defines `post`): that handler logs the user out. None otherwise."""
    receiver, method = split(call)
    if method != _HANDLER or not (receiver == ["self"] or receiver[:1] == ["super"]):
        return None
    if index.method(owner, _HANDLER, skip_first=receiver[:1] == ["super"]) is not None:
        return None  # NOTE: the project's own `post` runs, judged as written
    return next((base for base in index.mro(owner) if base in LOGOUT_VIEWS), None)
