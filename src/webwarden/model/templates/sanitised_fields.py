"""Model fields whose library cleans the HTML they hold.

A template writes `{{ event.text|safe }}` where the model declares `text =
BleachField()`: django-bleach cleans the value whenever the row is saved, and
django-prose-editor's field told to `sanitize` cleans it whenever a form (the admin's,
a `ModelForm`) validates it. The markup is what the sanitiser's allow-list kept.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.safe_marking import SANITISER_NAME

_ALWAYS = frozenset(
    {
        "django_bleach.models.BleachField",
        "django_prose_editor.sanitized.SanitizedProseEditorField",
    }
)
"""Fields that clean what they store whatever they are given: django-bleach's (in
`pre_save`) and django-prose-editor's sanitised field (nh3 unless told otherwise)."""
_TOLD = frozenset(
    {
        "django_prose_editor.fields.ProseEditorField",
        "django_prose_editor.configurable.ConfigurableProseEditorField",
    }
)
"""Fields that clean what they store when given `sanitize=True` (the allow-list of the
editor's extensions) or a cleaning function (`sanitize=nh3.clean`)."""


def sanitised_field(ctx: FileContext, value: ast.expr | None) -> bool:
    """Whether a class body's `value` is a model field that cleans the HTML it holds:
    `BleachField(...)`, `ProseEditorField(sanitize=True)`; not one told
    `sanitize=False`, nor a cleaner the field takes from elsewhere."""
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value) or ""
    if name in _ALWAYS:
        given = ctx.keyword(value, "sanitize")
        return given is None or _cleaner(ctx, given)
    if name in _TOLD:
        given = ctx.keyword(value, "sanitize")
        return given is not None and _cleaner(ctx, given)
    return False


def _cleaner(ctx: FileContext, given: ast.expr) -> bool:
    """`True`, or a function named for cleaning HTML (`nh3.clean`, `sanitize_html`) or
    made by one (`nh3_sanitizer()`)."""
    if isinstance(given, ast.Constant):
        return given.value is True
    if isinstance(given, ast.Call):
        given = given.func  # NOTE: a factory of the cleaner, `_nh3_sanitizer()`
    if isinstance(given, ast.Name | ast.Attribute):
        named = (ctx.qualified(given) or ast.unparse(given)).lower()
        return SANITISER_NAME.search(named) is not None
    return False
