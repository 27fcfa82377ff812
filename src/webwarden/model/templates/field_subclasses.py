"""Model fields of the project's own classes derived from a field that cleans its HTML.

A project wraps django-bleach's field to change one thing (`class RichTextField(
BleachField)` with its own form widget, or a `from_db_value` that leaves the text
unmarked) in one module, and its models declare `title = RichTextField()` in others. The
subclass still cleans what it stores unless it overrides `pre_save` without calling its
parent's. Which class a call makes is known only once every module is read: the
per-file step records the project's field classes with their bases, and each model
attribute given a field class webwarden does not know; the project step follows the
bases (`sanitising_attributes`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping

from webwarden.model.module import FileContext
from webwarden.model.templates.sanitised_fields import library_field_cleans, proxy_field, told

FieldClass = tuple[str, tuple[str, ...], bool, bool]
"""A module-level class named with its module, its qualified bases, whether it keeps
its parents' `pre_save` (defines none, or calls theirs), and whether it keeps the value
its parents give an instance (`_keeps_value`)."""
FieldUse = tuple[str, str, str]
"""A class attribute's name, the qualified field class it is made by, and what that
call tells the field's `sanitize=` (see `sanitised_fields.told`)."""

_MAX_DEPTH = 8
_DJANGO = "django."


def _named_like_field(qualified: str) -> bool:
    return qualified.rsplit(".", 1)[-1].endswith("Field")


def field_classes(ctx: FileContext) -> tuple[FieldClass, ...]:
    """The module's top-level classes with a base named like a field (`...Field`)."""
    found: list[FieldClass] = []
    for statement in ctx.tree.body:
        if not isinstance(statement, ast.ClassDef):
            continue
        bases = tuple(ctx.qualified_here(base) or "" for base in statement.bases)
        if any(_named_like_field(base) for base in bases):
            name = f"{ctx.module}.{statement.name}" if ctx.module else statement.name
            found.append((name, bases, _keeps_pre_save(statement), _keeps_value(statement)))
    return tuple(found)


_VALUE_HOOKS = frozenset({"from_db_value", "to_python", "contribute_to_class", "descriptor_class"})
"""What makes the value a field gives a model instance: converting it as the row is
loaded, or setting the attribute's descriptor."""


def _keeps_value(node: ast.ClassDef) -> bool:
    """Whether the class leaves its instances' values as its parents make them: it
    overrides none of `_VALUE_HOOKS` (`class PaymentAmountField(models.DecimalField)`
    changing only `__init__`'s defaults still gives a `Decimal`)."""
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if statement.name in _VALUE_HOOKS:
                return False
        elif isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in _VALUE_HOOKS for t in statement.targets
        ):
            return False
    return True


def _keeps_pre_save(node: ast.ClassDef) -> bool:
    """Whether the class leaves saving to its parents: no `pre_save` of its own, or one
    that calls a parent's (`super().pre_save(instance, add)`)."""
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and (
            statement.name == "pre_save"
        ):
            return any(
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "pre_save"
                for call in ast.walk(statement)
            )
    return True


def project_field(ctx: FileContext, value: ast.expr | None) -> tuple[str, str] | None:
    """The qualified class and what it is told of `sanitize=`, when a class body's
    `value` calls a field class neither Django's nor a library's webwarden knows the
    cleaning of: maybe one of the project's, judged once every module is read."""
    if not isinstance(value, ast.Call) or proxy_field(ctx, value):
        return None
    name = ctx.qualified_here(value.func) or ""
    if not _named_like_field(name) or name.startswith(_DJANGO):
        return None
    said = told(ctx, value)
    if library_field_cleans(ctx.call_name(value) or "", said) is not None:
        return None
    return name, said


def field_uses(ctx: FileContext) -> tuple[FieldUse, ...]:
    """Each attribute a class of the module assigns a `project_field` call."""
    found: list[FieldUse] = []
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            if not isinstance(statement, ast.Assign | ast.AnnAssign):
                continue
            use = project_field(ctx, statement.value)
            if use is None:
                continue
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            found.extend((t.id, *use) for t in targets if isinstance(t, ast.Name))
    return tuple(found)


def sanitising_attributes(
    uses: list[FieldUse],
    classes: Mapping[str, tuple[tuple[str, ...], bool]],
    reexported: Callable[[str], str],
) -> dict[str, bool]:
    """Attribute name -> whether every use of the name makes a field that cleans its
    HTML, following the project's field `classes` (qualified name -> bases, keeps
    `pre_save`) to a library's field; `reexported` names what a module re-exports by
    its origin."""
    found: dict[str, bool] = {}
    for attribute, qualified, said in uses:
        cleans = _cleans(qualified, said, classes, reexported, 0)
        found[attribute] = found.get(attribute, True) and cleans
    return found


def _cleans(
    qualified: str,
    said: str,
    classes: Mapping[str, tuple[tuple[str, ...], bool]],
    reexported: Callable[[str], str],
    depth: int,
) -> bool:
    qualified = reexported(qualified)
    judged = library_field_cleans(qualified, said)
    if judged is not None:
        return judged
    entry = classes.get(qualified)
    if entry is None or depth >= _MAX_DEPTH:
        return False
    bases, keeps = entry
    return keeps and any(_cleans(b, said, classes, reexported, depth + 1) for b in bases)
