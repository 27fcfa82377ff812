"""Django editing views whose POST runs Django's own `post()`, which no user check of the
view's page-rendering methods reaches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from webwarden.model.names import last_part

if TYPE_CHECKING:
    from webwarden.model.django.extract_views import ViewDef

_EDITING_VIEWS: Final = frozenset(
    {"CreateView", "UpdateView", "DeleteView", "FormView"}
    | {"BaseCreateView", "BaseUpdateView", "BaseDeleteView", "BaseFormView", "ProcessFormView"}
)
"""Django's generic views whose inherited `post()` validates a form and hands a valid one
to `form_valid()` (which saves the object, for a model's), or deletes the object."""
RENDERING: Final = frozenset(
    {"get", "head", "get_context_data", "form_invalid", "render_to_response"}
    | {"get_template_names"}
)
"""The methods of such a view that a POST with a valid form never runs: they only build
the page shown for a GET or for a form sent back with its errors."""
_OWN_HANDLERS: Final = frozenset({"post", "put", "delete"})
"""Handlers of the project's own, which may run any method of the view."""


def unchecked_post(classes: Sequence[ViewDef], bases: Sequence[str], checked: bool) -> bool:
    """Whether the class view answers POST with the `post()` of one of Django's editing
    views (`UpdateView`, `CreateView`, `DeleteView`, `FormView`; no class of the project
    defines `post`, `put` or `delete`) and every user check of its classes is
    in a method that builds the page (`RENDERING`): `if not request.user.is_staff: raise
    Http404` in `get_context_data()` turns away a GET, while a POST with a valid form is
    saved without rendering any page. `checked`: a wrapper of the view, or a function of
    the project its classes hand the request to, checks the user (which method does is
    not known)."""
    if checked or not classes or not any(_editing(base) for base in bases):
        return False
    methods = [method for cls in classes for method in cls.methods]
    if any(method.name in _OWN_HANDLERS for method in methods):
        return False
    if any(cls.checks_user and not any(m.checks_user for m in cls.methods) for cls in classes):
        return False  # NOTE: a check outside the methods known, which may run for every request
    return any(cls.checks_user for cls in classes) and all(
        method.name in RENDERING for method in methods if method.checks_user
    )


def _editing(base: str) -> bool:
    return base.startswith("django.") and last_part(base) in _EDITING_VIEWS
