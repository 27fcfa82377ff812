"""REST framework's HTTP Basic authentication: a password on every API request."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.auth.facts import LoginEntry
from webwarden.model.module import FileContext

_BASIC = "rest_framework.authentication.BasicAuthentication"
_SETTING = "DEFAULT_AUTHENTICATION_CLASSES"
_ATTRIBUTE = "authentication_classes"


def basic_auth_entries(ctx: FileContext) -> Iterator[LoginEntry]:
    """Where the module turns on DRF's `BasicAuthentication`: in the
    `DEFAULT_AUTHENTICATION_CLASSES` of `REST_FRAMEWORK`, a view's
    `authentication_classes`, or the `@authentication_classes` decorator. Each such API
    checks the username and password sent with any request, a login of its own."""
    for node in ctx.nodes(ast.List, ast.Tuple):
        if not isinstance(node, ast.List | ast.Tuple):
            continue
        where = _enabled_by(ctx, node)
        if where is None:
            continue
        for element in node.elts:
            if _names_basic(ctx, element):
                yield LoginEntry(f"`BasicAuthentication` in `{where}`", ctx.location(element))
                break


def _enabled_by(ctx: FileContext, node: ast.List | ast.Tuple) -> str | None:
    """The setting, attribute or decorator whose classes the list holds, if any."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Dict):
        keys = [k for k, v in zip(parent.keys, parent.values, strict=True) if v is node]
        if keys and isinstance(keys[0], ast.Constant) and keys[0].value == _SETTING:
            return _SETTING
        return None
    if isinstance(parent, ast.Assign | ast.AnnAssign) and parent.value is node:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        found = names & {_SETTING, _ATTRIBUTE}
        return found.pop() if found else None
    if isinstance(parent, ast.Call) and node in parent.args:
        name = ctx.call_name(parent) or ""
        return _ATTRIBUTE if name.rpartition(".")[2] == _ATTRIBUTE else None
    return None


def _names_basic(ctx: FileContext, element: ast.expr) -> bool:
    if isinstance(element, ast.Constant):
        return element.value == _BASIC
    return ctx.qualified(element) == _BASIC
