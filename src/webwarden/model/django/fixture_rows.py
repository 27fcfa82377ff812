"""Which row of a Django fixture a value sits in, and whether the row's model mints it.

A fixture (`loaddata`'s list of `model`/`pk`/`fields` rows) holds a database's rows. A
field the model fills itself with a random value when a row is made (`token =
models.UUIDField(default=uuid.uuid4)`, or a `save()` setting `self.token =
str(uuid4())` when it is empty) holds, in such a row, the value the model minted for
that row when a developer made it: the key of that row in whatever database loads the
fixture, not a credential of a service.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from webwarden.model.module import FileContext

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel

_JSON_LABEL = re.compile(r'"model"\s*:\s*"([A-Za-z_]\w*)\.([A-Za-z_]\w*)"')
_YAML_LABEL = re.compile(r"^\s*-?\s*model\s*:\s*['\"]?([A-Za-z_]\w*)\.([A-Za-z_]\w*)['\"]?\s*$")
_MINTERS = frozenset(
    {"uuid.uuid4", "uuid.uuid1", "os.urandom", "django.utils.crypto.get_random_string"}
    | {"secrets.token_hex", "secrets.token_urlsafe", "secrets.token_bytes"}
)
"""Functions whose value is random: a model calling one for a field mints its value."""
_LIBRARY_MINTED = {"payments.models.BasePayment": frozenset({"token"})}
"""Libraries' abstract models minting a field in `save()`: django-payments' `BasePayment`
sets an empty `token` to `str(uuid4())`."""


def row_label(text: str, line: int, column: int) -> tuple[str, str] | None:
    """(app label, model name) of the fixture row holding the value at `line` (1-based)
    and `column` (0-based): the last `"model": "app.Model"` written before it, as
    `dumpdata` writes each row's label first (a YAML fixture's `- model: app.Model`)."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    if text.lstrip().startswith("["):
        before = "\n".join([*lines[: line - 1], lines[line - 1][:column]])
        found = list(_JSON_LABEL.finditer(before))
        return (found[-1][1], found[-1][2]) if found else None
    for earlier in reversed(lines[:line]):
        match = _YAML_LABEL.match(earlier)
        if match:
            return match[1], match[2]
    return None


def minted_by_model(project: ProjectModel, label: tuple[str, str], field: str) -> str:
    """`Order.token` when the project's model of the fixture label (`order.order`: a class
    `Order`, by name in any case, of a `models` module or package of an app whose last
    package is `order`) mints `field` itself (see `_mints`); "" otherwise."""
    app, name = label
    if project.read_module is None:
        return ""
    for summary in project.modules.values():
        parts = summary.module.split(".")
        if summary.is_test or "models" not in parts[1:]:
            continue
        if parts[parts.index("models", 1) - 1] != app:
            continue
        ctx = project.read_module(summary.module)
        if ctx is None:
            continue
        for node in ctx.tree.body:
            if isinstance(node, ast.ClassDef) and node.name.lower() == name.lower():
                return f"{node.name}.{field}" if _mints(ctx, node, field) else ""
    return ""


def _mints(ctx: FileContext, model: ast.ClassDef, field: str) -> bool:
    """The class declares `field` with a random `default` (`default=uuid.uuid4`, or a
    lambda or call giving one), or one of its methods sets `self.<field>` to a value made
    by a random call (`self.token = str(uuid4())` in `save()`), or it derives from a
    library's model that does (`_LIBRARY_MINTED`)."""
    for base in model.bases:
        if field in _LIBRARY_MINTED.get(ctx.qualified(base) or "", ()):
            return True
    for statement in model.body:
        if isinstance(statement, ast.Assign) and _named(statement.targets, field):
            value = statement.value
            if isinstance(value, ast.Call) and any(
                k.arg == "default" and _random(ctx, k.value) for k in value.keywords
            ):
                return True
        if isinstance(statement, ast.FunctionDef):
            for node in ast.walk(statement):
                if (
                    isinstance(node, ast.Assign)
                    and any(_self_attribute(t, field) for t in node.targets)
                    and _random(ctx, node.value)
                ):
                    return True
    return False


def _named(targets: list[ast.expr], field: str) -> bool:
    return any(isinstance(t, ast.Name) and t.id == field for t in targets)


def _self_attribute(target: ast.expr, field: str) -> bool:
    return (
        isinstance(target, ast.Attribute)
        and target.attr == field
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    )


def _random(ctx: FileContext, value: ast.expr) -> bool:
    """`uuid.uuid4` itself, or an expression calling a random function anywhere in it."""
    if isinstance(value, ast.Name | ast.Attribute) and ctx.qualified(value) in _MINTERS:
        return True
    return any(
        isinstance(node, ast.Call) and ctx.call_name(node) in _MINTERS for node in ast.walk(value)
    )
