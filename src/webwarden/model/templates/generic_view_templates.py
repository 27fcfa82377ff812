"""The template a Django generic view renders when it names none: Django's default,
`<app_label>/<model_name><template_name_suffix>.html`."""

from __future__ import annotations

import ast
from pathlib import PurePosixPath

from webwarden.model.module import FileContext

_SUFFIXES = {
    "DetailView": "_detail",
    "ListView": "_list",
    "CreateView": "_form",
    "UpdateView": "_form",
    "DeleteView": "_confirm_delete",
}
"""Django's generic views that render a model's template, and the suffix of its name."""
GENERIC_VIEWS = tuple(_SUFFIXES)
_GENERIC_VIEWS = "django.views.generic."


def default_template_names(ctx: FileContext, node: ast.ClassDef) -> tuple[str, ...]:
    """`("realms/realmgroup_detail.html",)` for `class GroupView(DetailView)` with
    `model = RealmGroup` of `realms.models`: the name Django's
    `SingleObjectTemplateResponseMixin` (or `MultipleObject...`) gives the view, the app
    label being the package that holds the model's `models` module. () when the class
    chooses its templates itself (`get_template_names`), names no model, or derives from
    no such view of Django's directly."""
    suffix = _view_suffix(ctx, node)
    model: ast.expr | None = None
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef) and statement.name == "get_template_names":
            return ()
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            continue
        target = statement.targets[0]
        if not isinstance(target, ast.Name):
            continue
        if target.id == "model":
            model = statement.value
        elif target.id == "template_name_suffix":
            given = ctx.evaluate(statement.value)
            suffix = given if isinstance(given, str) else None
    if suffix is None or model is None:
        return ()
    qualified = ctx.qualified_here(model) or ""
    label = _app_label(ctx, qualified)
    if not label:
        return ()
    return (f"{label}/{qualified.rsplit('.', 1)[-1].lower()}{suffix}.html",)


def _app_label(ctx: FileContext, model: str) -> str:
    """The package holding the model's `models` module (`realms` of
    `realms.models.RealmGroup`; of `models.RealmGroup`, imported `from .models`, the
    folder of the view's own module)."""
    parts = model.split(".")
    if parts[:1] == ["models"] and len(parts) == 2:
        return PurePosixPath(ctx.relpath).parent.name
    if len(parts) < 3 or "models" not in parts[1:-1]:
        return ""
    at = len(parts) - 1 - parts[::-1].index("models")
    return parts[at - 1]


def _view_suffix(ctx: FileContext, node: ast.ClassDef) -> str | None:
    for base in node.bases:
        name = ctx.qualified(base) or ""
        last = name.rsplit(".", 1)[-1]
        if name.startswith(_GENERIC_VIEWS) and last in _SUFFIXES:
            return _SUFFIXES[last]
    return None
