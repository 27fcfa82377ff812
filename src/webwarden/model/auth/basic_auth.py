"""REST framework's HTTP Basic authentication: a password on every API request."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.auth.facts import LoginEntry
from webwarden.model.module import FileContext

_BASIC = "rest_framework.authentication.BasicAuthentication"
_SETTING = "DEFAULT_AUTHENTICATION_CLASSES"
_ATTRIBUTE = "authentication_classes"
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def basic_auth_entries(ctx: FileContext) -> Iterator[LoginEntry]:
    """Where the module turns on DRF's `BasicAuthentication`: in the
    `DEFAULT_AUTHENTICATION_CLASSES` of `REST_FRAMEWORK`, a view's
    `authentication_classes`, or the `@authentication_classes` decorator, written there
    or named first (`API_AUTH = (...)`, then `"DEFAULT_AUTHENTICATION_CLASSES":
    API_AUTH`). Each such API checks the username and password sent with any request, a
    login of its own."""
    if not ctx.mentions("BasicAuthentication"):
        return
    for node in ctx.nodes(ast.List, ast.Tuple):
        if not isinstance(node, ast.List | ast.Tuple):
            continue
        basic = next((e for e in node.elts if _names_basic(ctx, e)), None)
        if basic is None:
            continue
        where = _enabled_by(ctx, node) or _enabled_by_name(ctx, node)
        if where is not None:
            yield LoginEntry(
                f"`BasicAuthentication` in `{where}`", ctx.location(basic), basic_auth=True
            )


def _enabled_by_name(ctx: FileContext, node: ast.List | ast.Tuple) -> str | None:
    """The setting, attribute or decorator that the module-level name the list is
    assigned to is given to, if any (`"DEFAULT_AUTHENTICATION_CLASSES": API_AUTH`)."""
    parent = ctx.parent(node)
    if not isinstance(parent, ast.Assign) or any(
        isinstance(a, _SCOPES) for a in ctx.ancestors(parent)
    ):
        return None
    names = {t.id for t in parent.targets if isinstance(t, ast.Name)}
    for use in ctx.nodes(ast.Name):
        if isinstance(use, ast.Name) and use.id in names and isinstance(use.ctx, ast.Load):
            where = _enabled_by(ctx, use)
            if where is not None:
                return where
    return None


def _enabled_by(ctx: FileContext, node: ast.expr) -> str | None:
    """The setting, attribute or decorator whose classes the list (or the name of one)
    holds, if any."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Dict):
        keys = [k for k, v in zip(parent.keys, parent.values, strict=True) if v is node]
        if keys and isinstance(keys[0], ast.Constant) and keys[0].value == _SETTING:
            return _SETTING
        return None
    if isinstance(parent, ast.Assign | ast.AnnAssign) and parent.value is node:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        found = {_target_name(t) for t in targets} & {_SETTING, _ATTRIBUTE}
        return found.pop() if found else None
    if isinstance(parent, ast.Call) and node in parent.args:
        name = ctx.call_name(parent) or ""
        return _ATTRIBUTE if name.rpartition(".")[2] == _ATTRIBUTE else None
    return None


def _target_name(target: ast.expr) -> str | None:
    """The name assigned (`authentication_classes = ...`), or the key of the item
    (`REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = ...`, a settings module
    changing the dict it imported)."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        key = target.slice.value
        return key if isinstance(key, str) else None
    return None


def _names_basic(ctx: FileContext, element: ast.expr) -> bool:
    if isinstance(element, ast.Constant):
        return element.value == _BASIC
    return ctx.qualified(element) == _BASIC
