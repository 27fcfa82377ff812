"""Members a class sets only to its own constants (WW1101)."""

from __future__ import annotations

import ast

from webwarden.model.scopes import CHANGED_BINDING
from webwarden.rules.context import FileContext

_GROWING = frozenset({"append", "extend", "insert"})
"""List methods that add their arguments to the list they are called on."""


def constant_member(ctx: FileContext, node: ast.expr) -> bool:
    """`self.install_command` in a method of a class, where the module sets the member
    only on `self` and only to constants (`["npm", "install"]`), grown only by
    constants (`self.install_command.append("--no-audit")`); also a local bound to such a
    member alone, grown only by constants (`command = self.build_command`, then
    `command.append("--no-cache")`): the command is the class's own words."""
    if isinstance(node, ast.Name):
        values = [v for v in ctx.scopes.values_of(node) or [] if v is not CHANGED_BINDING]
        scope = ctx.scopes.binding_scope(node)
        if len(values) != 1 or scope is None or not _grown_by_constants(ctx, scope, node.id):
            return False
        node = values[0]
    if not (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return False
    inside = any(isinstance(a, ast.ClassDef) for a in ctx.ancestors(node))
    return inside and _set_only_to_constants(ctx, node.attr)


def _set_only_to_constants(ctx: FileContext, member: str) -> bool:
    """Whether every statement of the module that sets or grows `member` of any object is
    `self.<member> = <constant>` or a constant growth of it (in a method of the class or
    of a base), and every local bound to the member is grown by constants only."""
    assigned = False
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Assign) and _names_member(node.value, member):
            # NOTE: `command = self.build_command`, then `command.append(flag)` grows the
            # member itself
            scope = ctx.scopes.enclosing_function(node) or ctx.tree
            aliases = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if not all(_grown_by_constants(ctx, scope, alias) for alias in aliases):
                return False
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if not any(_names_member(t, member) for t in targets):
                continue
            if not (
                all(_on_self(t) for t in targets if _names_member(t, member))
                and ctx.is_constant(node.value)
            ):
                return False
            assigned = assigned or not isinstance(node, ast.AugAssign)
        elif (grown := _grown(node)) is not None and _names_member(grown[0], member):
            receiver, added = grown
            if not _on_self(receiver):
                return False
            if not all(ctx.is_constant(a) for a in added):
                return False
    return assigned


def _grown_by_constants(ctx: FileContext, scope: ast.AST, name: str) -> bool:
    """Whether every call growing the local `name` in its scope adds constants only, and
    no augmented assignment adds anything else."""
    for node in ast.walk(scope):
        grown = _grown(node)
        if grown is not None:
            receiver, added = grown
            named = isinstance(receiver, ast.Name) and receiver.id == name
            if named and not all(ctx.is_constant(a) for a in added):
                return False
        elif (
            isinstance(node, ast.AugAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
            and not ctx.is_constant(node.value)
        ):
            return False
    return True


def _grown(node: ast.AST) -> tuple[ast.expr, list[ast.expr]] | None:
    """`x.append(a)`: the list grown (`x`) and what is added (`[a]`)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _GROWING
    ):
        return node.func.value, [*node.args, *(k.value for k in node.keywords)]
    return None


def _names_member(node: ast.AST, member: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == member


def _on_self(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )
