"""DRF views whose DELETE runs REST framework's own `destroy()`, which no user check of
the view's other methods reaches."""

from __future__ import annotations

from collections.abc import Sequence

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.extract_views import REQUEST_METHODS, ViewDef
from webwarden.model.names import last_part

_DRF_DELETES = frozenset(
    {
        "ModelViewSet",
        "DestroyModelMixin",
        "DestroyAPIView",
        "RetrieveDestroyAPIView",
        "RetrieveUpdateDestroyAPIView",
    }
)
"""REST framework's classes whose `destroy()` (or `delete()` calling it) answers DELETE."""
_DELETE_RUNS = REQUEST_METHODS | {
    "setup",
    "get_queryset",
    "filter_queryset",
    "perform_destroy",
}
"""The methods of the view that REST framework's `destroy()` runs: those of every request,
`get_object()` with the queryset it filters, and `perform_destroy()`. No serializer runs."""


def unchecked_delete(classes: Sequence[ViewDef], bases: Sequence[str], checked: bool) -> bool:
    """Whether the class view answers DELETE with REST framework's inherited `destroy()`
    (no class of the project defines `destroy` or `delete`), and every user check of its
    classes is in a method that does not run for it (another handler's, `create()`, an
    extra action's): a check of `request.user.is_superuser` in `create()` guards no
    deletion. `checked`: a wrapper of the view, or a function of the project its classes
    hand the request to, checks the user (which method does is not known). Not when a
    class sets `filter_backends`, which `get_object()` applies and may filter by user."""
    if checked or not classes or not any(_drf_delete(base) for base in bases):
        return False
    methods = [method for cls in classes for method in cls.methods]
    if any(method.name in {"destroy", "delete"} for method in methods):
        return False
    if any(cls.attribute("filter_backends") is not UNKNOWN for cls in classes):
        return False
    if any(cls.checks_user and not any(m.checks_user for m in cls.methods) for cls in classes):
        return False  # NOTE: a check outside the methods, which may run for every request
    return any(cls.checks_user for cls in classes) and not any(
        method.checks_user for method in methods if method.name in _DELETE_RUNS
    )


def _drf_delete(base: str) -> bool:
    return base.startswith("rest_framework.") and last_part(base) in _DRF_DELETES
