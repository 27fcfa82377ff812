"""Whether a Django filter or tag cleans its input only when a project setting is on
(WW552).

A filter may clean what it renders under a switch of the settings: `if
settings.MARKDOWN_SANITIZE: html = bleach.clean(html)`, then `return mark_safe(html)`.
The definition is judged again with each test of that setting alone (`settings.X`,
`not settings.X`, `getattr(settings, "X", default)`) decided true: if it then marks
nothing unescaped, the setting is recorded, and the project step asks the settings
modules whether each one turns it on.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from webwarden.model.django.values import is_known, shipped
from webwarden.model.module import FileContext

if TYPE_CHECKING:
    from webwarden.model.django import DjangoProject

Function = ast.FunctionDef | ast.AsyncFunctionDef
Marks = Callable[[Function], bool]
"""Whether a (pruned copy of a) definition marks its input unescaped."""

_SETTINGS = "django.conf.settings"


def cleaning_setting(ctx: FileContext, function: Function, marks: Marks) -> str:
    """The setting under which `function` (which marks its input unescaped as written)
    marks nothing unescaped: the one setting its `if` tests read alone; "" when there is
    none, or several."""
    read = {name for node in ast.walk(function) if (name := _tested_setting(ctx, node))}
    if len(read) != 1:
        return ""
    name = read.pop()
    pruned = _Pruner(ctx, name).visit(copy.deepcopy(function))
    if not isinstance(pruned, ast.FunctionDef | ast.AsyncFunctionDef) or marks(pruned):
        return ""
    return name


def _tested_setting(ctx: FileContext, node: ast.AST) -> str:
    """The setting an `if` (or inline `if`) tests the truth of alone, negated or not."""
    if not isinstance(node, ast.If | ast.IfExp):
        return ""
    test = node.test
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    return _setting_read(ctx, test)


def _setting_read(ctx: FileContext, node: ast.expr) -> str:
    """`settings.X` or `getattr(settings, "X"[, default])` of Django's settings: `X`."""
    if isinstance(node, ast.Attribute) and ctx.qualified(node.value) == _SETTINGS:
        return node.attr
    match node:
        case ast.Call(
            func=ast.Name(id="getattr"),
            args=[receiver, ast.Constant(value=str() as name), *_],
            keywords=[],
        ) if ctx.qualified(receiver) == _SETTINGS:
            return name
    return ""


class _Pruner(ast.NodeTransformer):
    """Replaces each `if` testing the setting alone by the branch taken when it is on."""

    def __init__(self, ctx: FileContext, setting: str) -> None:
        self.ctx = ctx
        self.setting = setting

    def _decide(self, test: ast.expr) -> bool | None:
        negated = False
        while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            test, negated = test.operand, not negated
        if _setting_read(self.ctx, test) != self.setting:
            return None
        return not negated

    def visit_If(self, node: ast.If) -> ast.AST | list[ast.stmt]:
        taken = self._decide(node.test)
        if taken is None:
            return self.generic_visit(node)
        kept: list[ast.stmt] = []
        for statement in node.body if taken else node.orelse:
            result = self.visit(statement)
            kept += result if isinstance(result, list) else [result]
        return kept or [ast.Pass()]

    def visit_IfExp(self, node: ast.IfExp) -> ast.AST:
        taken = self._decide(node.test)
        if taken is None:
            return self.generic_visit(node)
        result: ast.AST = self.visit(node.body if taken else node.orelse)
        return result


def turned_on(django: DjangoProject | None, name: str) -> bool:
    """Whether every judged settings module of the project gives setting `name` a true
    value as shipped (environment variables unset); not when one leaves it unset, or
    gives a value not known."""
    if django is None or not django.judged:
        return False
    values = [shipped(p.value) for module in django.judged for p in module.get(name)]
    return bool(values) and all(is_known(v) and bool(v) for v in values)
