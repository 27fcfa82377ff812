"""Readings of views that look a row up by a key the request chooses (WW716, WW731)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.model.auth.owned_rows import OWNED_ROW_FACTS, OwnedRows
from webwarden.model.project import ProjectModel
from webwarden.rules.context import FileContext

KEYS = frozenset({"pk", "id"})
REQUEST_DATA = frozenset({"GET", "POST", "data", "query_params", "body", "COOKIES", "FILES"})
_CHANGES = frozenset({"save", "delete"})
_QUIET_METHODS = _CHANGES | {"full_clean", "refresh_from_db"}
"""Methods of the row that change or reload it and check nothing."""


def parent_scoped(ctx: FileContext) -> dict[str, str]:
    """The models the module looks up by key *and* by a parent (`get_object_or_404(Note,
    pk=pk, board=board)`), each with the first such parent keyword; worked out once."""
    known = ctx.memo.get(parent_scoped)
    if isinstance(known, dict):
        return known
    scoped: dict[str, str] = {}
    found = [
        ((call.lineno, call.col_offset), looked_up)
        for call in ctx.nodes(ast.Call)
        if isinstance(call, ast.Call) and (looked_up := lookup(call)) is not None
    ]
    for _, (model, keywords) in sorted(found, key=lambda item: item[0]):
        args = [k.arg for k in keywords]
        scope = next((a for a in args if a is not None and a not in KEYS), None)
        if scope is not None and not KEYS.isdisjoint(args):
            scoped.setdefault(model, scope)
    ctx.memo[parent_scoped] = scoped
    return scoped


def lookup(call: ast.Call) -> tuple[str, list[ast.keyword]] | None:
    """(the model, the keywords) of `get_object_or_404(Model, ...)` or
    `Model.objects.get(...)`; None for another call, or one with more positional arguments."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name == "get_object_or_404" and len(call.args) == 1 and isinstance(call.args[0], ast.Name):
        return call.args[0].id, call.keywords
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and not call.args
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "objects"
        and isinstance(func.value.value, ast.Name)
    ):
        return func.value.value.id, call.keywords
    return None


def reads_rows(expression: ast.expr) -> bool:
    """Whether the expression looks rows up (`get_object_or_404(...)`, `X.objects...`):
    a row found by the request's key is the database's, and its fields are no request data."""
    return any(
        (isinstance(n, ast.Call) and lookup(n) is not None)
        or (isinstance(n, ast.Attribute) and n.attr == "objects")
        for n in ast.walk(expression)
    )


def from_request(
    expression: ast.expr, chosen: set[str], data: frozenset[str] = REQUEST_DATA
) -> bool:
    """Whether the expression reads request data (`request.POST[...]`) or a name holding some."""
    for node in ast.walk(expression):
        if isinstance(node, ast.Name) and node.id in chosen:
            return True
        if (
            isinstance(node, ast.Attribute)
            and node.attr in data
            and isinstance(node.value, ast.Name)
            and node.value.id == "request"
        ):
            return True
    return False


def changed(function: ast.AST, name: str) -> bool:
    """Whether the function saves or deletes the row, or sets one of its fields."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            holder = node.func.value
            if node.func.attr in _CHANGES and isinstance(holder, ast.Name) and holder.id == name:
                return True
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == name
                ):
                    return True
    return False


def checked(function: ast.AST, name: str) -> bool:
    """Whether the function tests the row (in an `if`, `while`, `assert` or conditional
    expression), hands it to a call, or calls a method of it that may check it."""
    for node in ast.walk(function):
        if isinstance(node, ast.If | ast.While | ast.IfExp | ast.Assert) and any(
            isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.test)
        ):
            return True
        if isinstance(node, ast.Call):
            given = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(g, ast.Name) and g.id == name for g in given):
                return True
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == name
                and func.attr not in _QUIET_METHODS
            ):
                return True
    return False


_USER_MODELS = frozenset({"User", "AUTH_USER_MODEL", "get_user_model", "AbstractUser"})
_USER_TABLES = frozenset({"user", "users", "auth_user"})
_NOT_SERVING = frozenset({"migrations", "management", "alembic", "scripts"})
"""Folders of modules whose lookups by user serve no request: theirs are no scoping."""


@dataclass(frozen=True, slots=True)
class OwnedModels:
    """The project's models with a field pointing at a user model, and where some module
    relates each one's rows to the current user."""

    fields: dict[str, frozenset[str]]
    """The owner fields of every owned model, by class name."""
    scoped: dict[str, tuple[str, int]]
    """(relpath, line) of the first lookup of each owned model by the current user."""


def owned_models(project: ProjectModel) -> OwnedModels:
    """The project's `OwnedModels`, read once from every non-test module's facts."""
    known = project.memo.get(owned_models)
    if isinstance(known, OwnedModels):
        return known
    facts = [
        (relpath, found)
        for relpath in sorted(project.modules)
        if not project.modules[relpath].is_test
        and isinstance(found := project.modules[relpath].facts.get(OWNED_ROW_FACTS), OwnedRows)
    ]
    users = set(_USER_MODELS)
    tables = set(_USER_TABLES)
    for _, found in facts:
        users.update(name for name, _ in found.user_classes)
        tables.update(table for _, table in found.user_classes if table)
    fields: dict[str, set[str]] = {}
    related: dict[str, str] = {}
    for _, found in facts:
        for field in found.fields:
            if field.model in users:
                # NOTE: a user's own account is WW782's (`approved_by` is no owner).
                if not field.target.startswith("table:"):
                    related.setdefault(field.field, field.target)
            elif field.target in users or field.target.removeprefix("table:") in tables:
                fields.setdefault(field.model, set()).add(field.field)
                related[field.related_name or f"{field.model.lower()}_set"] = field.model
    _inherit(fields, [b for _, found in facts for b in found.bases])
    for user in users:
        fields.pop(user, None)
    scoped: dict[str, tuple[str, int]] = {}
    for relpath, found in facts:
        if any(part in _NOT_SERVING for part in relpath.split("/")[:-1]):
            continue  # NOTE: a command or migration looking rows up serves no request.
        for scope in found.scopes:
            model = scope.model or related.get(scope.related, "")
            owners = fields.get(model)
            if not owners or model in scoped:
                continue
            first = scope.field.split("__")[0]
            if not scope.model or "__" in scope.field or {first, f"{first}_id"} & owners:
                scoped[model] = (relpath, scope.line)
    known = OwnedModels({m: frozenset(f) for m, f in fields.items()}, scoped)
    project.memo[owned_models] = known
    return known


def _inherit(fields: dict[str, set[str]], bases: list[tuple[str, tuple[str, ...]]]) -> None:
    """Give every class the owner fields of its bases (`class Order(AbstractOrder)`)."""
    for _ in range(3):
        for name, named in bases:
            for base in named:
                if base in fields and base != name:
                    fields.setdefault(name, set()).update(fields[base])
