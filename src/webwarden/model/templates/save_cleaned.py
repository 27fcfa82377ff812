"""Fields a Django model's own `save()` sets to HTML it cleaned.

A template writes `{{ post.body_html|safe }}` where the model declares

    body_html = models.TextField(editable=False)

    def save(self, *args, **kwargs):
        self.body_html = sanitize_markdown(self.body)
        self.code_html = self.highlight()
        super().save(*args, **kwargs)

Every save of the row writes the field anew from the cleaned value, whatever a form or
other code set it to before: what the template reads is the markup the sanitiser kept
(or Pygments' highlighting, which escapes the code). Only an assignment of the method's
own body (not under an `if`, a loop or a `try`) made before the statement that saves is
taken; a bulk `QuerySet.update()` or `bulk_create()` skips `save()`, which is not
followed.
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from webwarden.model.templates.markup_methods import Returns, cleaned_html, returns_markup
from webwarden.model.tree import self_method

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def save_cleaned(
    node: ast.ClassDef, returns: Returns | None, cleaning: Collection[str] = ()
) -> frozenset[str]:
    """The attributes the class's `save()` sets to cleaned or escaped HTML before it
    saves: a cleaning call (`cleaning` names the module's functions that return such
    HTML), or a method of the class every `return` of which gives such HTML."""
    methods = {s.name: s for s in node.body if isinstance(s, _Function)}
    save = methods.get("save")
    if save is None:
        return frozenset()
    found: set[str] = set()
    for statement in save.body:
        if _saves(statement):
            break
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            continue
        target = statement.targets[0]
        if not (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        ):
            continue
        value = statement.value
        if cleaned_html(value, cleaning) or _own_method_markup(value, methods, returns):
            found.add(target.attr)
    return frozenset(found)


def _saves(statement: ast.stmt) -> bool:
    """Whether the statement calls a `save` (`super().save(...)`, `Model.save(self)`)."""
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "save"
        for node in ast.walk(statement)
    )


def _own_method_markup(
    value: ast.expr, methods: dict[str, _Function], returns: Returns | None
) -> bool:
    """`self.highlight()`: a method of the class every `return` of which gives escaped
    HTML."""
    name = self_method(value)
    if returns is None or name is None:
        return False
    method = methods.get(name)
    if method is None:
        return False
    returned = returns.get(id(method), [])
    return bool(returned) and returns_markup(method, returned)
