"""The model class of a row a view looks up and hands a template.

A view writes `event = get_object_or_404(Event, url_name=name)` and renders
`{"event": event}`; the template's `{{ event.text|safe }}` reads the `text` that `Event`
declares, whatever other models of the project declare under that name (a plain
`TextField` of a mail log). The model is named as the view's module names it
(`registration.models.Event`); the project step finds the class it is through
re-exports (`TemplateModel.row_markup`).
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_ROW_METHODS = frozenset({"get", "first", "last", "earliest", "latest"})
"""Queryset methods that give one instance of the model: `Model.objects.get(...)`."""
_CHAIN_METHODS = frozenset(
    {"filter", "exclude", "select_related", "prefetch_related", "order_by", "only", "defer",
     "all", "using", "annotate", "distinct"}
)  # fmt: skip
"""Queryset methods that keep its model: what `get()` at the end of them returns is a row
of it."""
_MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
_SHORTCUT = "get_object_or_404"


def row_class(ctx: FileContext, value: ast.expr) -> str:
    """The qualified name of the model class `value` is one row of
    (`get_object_or_404(Event, pk=pk)`, `Event.objects.filter(...).get(...)`,
    `get_object_or_404(Event.objects.filter(active=True), pk=pk)`); "" for anything
    else."""
    if not isinstance(value, ast.Call):
        return ""
    name = ctx.call_name(value) or ""
    if name.rpartition(".")[2] == _SHORTCUT and value.args:
        model = value.args[0]
        return _manager_model(ctx, model) or _model_name(ctx, model)
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr in _ROW_METHODS:
        return _manager_model(ctx, func.value)
    return ""


def _manager_model(ctx: FileContext, node: ast.expr) -> str:
    """The model of `Event.objects`, through queryset methods that keep it
    (`Event.objects.filter(...).select_related(...)`)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr not in _CHAIN_METHODS:
            return ""
        node = node.func.value
    if isinstance(node, ast.Attribute) and node.attr in _MANAGERS:
        return _model_name(ctx, node.value)
    return ""


def _model_name(ctx: FileContext, node: ast.expr) -> str:
    """The qualified name of the class `node` names: a class name, not a local."""
    if not isinstance(node, ast.Name | ast.Attribute):
        return ""
    if isinstance(node, ast.Name) and ctx.lookup(node) is not None:
        return ""  # NOTE: a local holding a queryset or a model chosen at run time
    name = ctx.qualified_here(node) or ""
    return name if name.rpartition(".")[2][:1].isupper() else ""
