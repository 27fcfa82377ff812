"""Settings read from a pydantic-settings object another module of the project makes.

```python
# config/env.py
class Settings(BaseSettings):  # pydantic_settings
    DEBUG: bool = True

env = Settings()

# config/settings.py
from config.env import env
DEBUG = env.DEBUG
```

The object reads each field from the environment variable of its name (after the
class's `env_prefix`, or the name the field's `alias` gives), and from the env file it is
given, which is the same deploy-time input; when neither sets it, the field's default
ships. So `DEBUG` is a `DeployTime` of `$DEBUG` that is true when unset. A module binding
the object in several arms (one class per platform) gives a value only when every arm
gives the same.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Final

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, DeployTime, EnvLookup
from webwarden.model.module import FileContext

Modules = Callable[[str], FileContext | None]
BASE_SETTINGS: Final = frozenset(
    {
        "pydantic_settings.BaseSettings",
        "pydantic_settings.main.BaseSettings",
        "pydantic.BaseSettings",
        "pydantic.env_settings.BaseSettings",
        "pydantic.v1.BaseSettings",
    }
)
_FIELDS: Final = frozenset({"pydantic.Field", "pydantic.fields.Field"})
_VIA: Final = "pydantic_settings.BaseSettings"
_MAX_DEPTH: Final = 6
_Class = tuple[FileContext, ast.ClassDef]


def settings_field(modules: Modules, ref: str) -> object:
    """The value of `ref` (`config.env.env.DEBUG`), a field of the pydantic-settings
    object a module of the project binds at its top level: a `DeployTime`, the value
    the object was made with, or `UNKNOWN` (not such an object, or arms that differ)."""
    holder, _, field = ref.rpartition(".")
    module, _, name = holder.rpartition(".")
    ctx = modules(module) if module else None
    if ctx is None:
        return UNKNOWN
    values = [_made(modules, ctx, value, field) for value in _bindings(ctx.tree.body, name)]
    if not values or any(value is UNKNOWN or value != values[0] for value in values):
        return UNKNOWN
    return values[0]


def _bindings(body: list[ast.stmt], name: str) -> list[ast.expr]:
    """What the module's own top-level statements bind `name` to, in `if` arms too."""
    found: list[ast.expr] = []
    for stmt in body:
        if isinstance(stmt, ast.If):
            found.extend(_bindings(stmt.body, name) + _bindings(stmt.orelse, name))
            continue
        targets = (
            stmt.targets
            if isinstance(stmt, ast.Assign)
            else [stmt.target]
            if isinstance(stmt, ast.AnnAssign)
            else []
        )
        value = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
        if value is not None and any(isinstance(t, ast.Name) and t.id == name for t in targets):
            found.append(value)
    return found


def _made(modules: Modules, ctx: FileContext, value: ast.expr, field: str) -> object:
    """The field of the object `value` makes (`Settings()`)."""
    if not isinstance(value, ast.Call) or any(k.arg is None for k in value.keywords):
        return UNKNOWN
    given = next((k.value for k in value.keywords if k.arg == field), None)
    if given is not None:
        return ctx.evaluate(given)
    chain = _chain(modules, ctx, value.func, 0)
    if chain is None:
        return UNKNOWN
    prefix = next((p for c, cls in chain if (p := _prefix(c, cls)) is not None), "")
    for owner, cls in chain:
        for stmt in cls.body:
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and stmt.target.id == field
            ):
                return _field(owner, stmt.value, prefix + field)
    return UNKNOWN


def _chain(modules: Modules, ctx: FileContext, node: ast.expr, depth: int) -> list[_Class] | None:
    """The class `node` names and its bases of the project, nearest first, when one of
    them derives from pydantic's `BaseSettings`; None otherwise."""
    found = _class(modules, ctx, node)
    if found is None or depth > _MAX_DEPTH:
        return None
    owner, cls = found
    chain: list[_Class] = [found]
    settings = False
    for base in cls.bases:
        if owner.qualified(base) in BASE_SETTINGS:
            settings = True
            continue
        above = _chain(modules, owner, base, depth + 1)
        if above is not None:
            chain.extend(above)
            settings = True
    return chain if settings else None


def _class(modules: Modules, ctx: FileContext, node: ast.expr) -> _Class | None:
    """The project's class `node` names: one of the module, or one it imports."""
    if isinstance(node, ast.Name):
        local = next(
            (s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name == node.id),
            None,
        )
        if local is not None:
            return ctx, local
    qualified = ctx.qualified(node) or ""
    if "." not in qualified and isinstance(node, ast.Name):
        # NOTE: a class a star import brings (`from .base import *`), from the one module
        # starred that defines it.
        starred = (f"{module}.{node.id}" for module in ctx.names.stars)
        return next((found for ref in starred if (found := _defined(modules, ctx, ref))), None)
    return _defined(modules, ctx, qualified)


def _defined(modules: Modules, ctx: FileContext, ref: str) -> _Class | None:
    """The class `ref` names at the top level of another module of the project."""
    module, _, name = ref.rpartition(".")
    other = modules(module) if module else None
    if other is None or other is ctx:
        return None
    cls = next((s for s in other.tree.body if isinstance(s, ast.ClassDef) and s.name == name), None)
    return None if cls is None else (other, cls)


def _prefix(ctx: FileContext, cls: ast.ClassDef) -> str | None:
    """The class's `env_prefix`: `model_config = SettingsConfigDict(env_prefix="APP_")`,
    or pydantic 1's `class Config: env_prefix = "APP_"`."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and isinstance(stmt.value, ast.Call):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets):
                given = ctx.keyword(stmt.value, "env_prefix")
                prefix = ctx.evaluate(given) if given is not None else None
                return prefix if isinstance(prefix, str) else None
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Config":
            for inner in stmt.body:
                if isinstance(inner, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "env_prefix" for t in inner.targets
                ):
                    prefix = ctx.evaluate(inner.value)
                    return prefix if isinstance(prefix, str) else None
    return None


def _field(ctx: FileContext, value: ast.expr | None, variable: str) -> object:
    """The field declared with `value` (`= True`, `= Field(default=True, alias="X")`,
    none: required) read from `variable`."""
    default: object = NO_DEFAULT
    if isinstance(value, ast.Call) and ctx.call_name(value) in _FIELDS:
        alias = ctx.evaluate(ctx.keyword(value, "alias") or ctx.keyword(value, "env"))
        variable = alias if isinstance(alias, str) else variable
        if ctx.keyword(value, "default_factory") is not None:
            return UNKNOWN
        given = ctx.argument(value, 0, "default")
        default = NO_DEFAULT if given is None or _is_ellipsis(given) else ctx.evaluate(given)
    elif value is not None:
        default = ctx.evaluate(value)
    if default is UNKNOWN:
        return UNKNOWN
    return DeployTime((EnvLookup(variable, _VIA, default),), default)


def _is_ellipsis(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis
