"""Other spellings of one folder's path: `STORE[:-1]`, `STORE.rstrip("/")`,
`os.path.normpath(STORE)`, `str(root)`. `os.path.commonpath` never ends its result in a
slash, so a check of where a path lies often compares it with such a spelling of the base
rather than the base as given (`commonpath([path, STORE]) == STORE[:-1]`); and the common
path is often kept in a local before it is compared (`common = commonpath([path, root])`)."""

from __future__ import annotations

import ast

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope, lower
from webwarden.analysis.taint.specs import NORMALISED_PATHS

_TRIMS = frozenset({"rstrip", "strip", "removesuffix"})
_SAME_TEXT = frozenset({"str", "os.fspath", *NORMALISED_PATHS})
_COMMON_WRITTEN = frozenset({"commonpath", "commonprefix"})


def spelled_base(node: ast.expr, scope: Scope) -> str | None:
    """The name whose path `node` spells, or None: the name itself, a slice of it with
    constant bounds, it trimmed of constant characters, normalised or made a `str`, the
    same on both sides of a conditional, or a local noted to hold one of those."""
    if isinstance(node, ast.Name):
        return scope.bases.get(node.id, node.id) if scope.is_local(node.id) else node.id
    if isinstance(node, ast.IfExp):
        body = spelled_base(node.body, scope)
        return body if body is not None and body == spelled_base(node.orelse, scope) else None
    if isinstance(node, ast.Subscript) and _constant_slice(node.slice):
        return spelled_base(node.value, scope)
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _TRIMS:
        constant = all(isinstance(arg, ast.Constant) for arg in node.args)
        return spelled_base(func.value, scope) if constant and len(node.args) <= 1 else None
    callee = lower(func, scope)
    if isinstance(callee, ir.Global) and callee.name in _SAME_TEXT and len(node.args) == 1:
        return spelled_base(node.args[0], scope)
    return None


def _constant_slice(index: ast.expr) -> bool:
    return (
        isinstance(index, ast.Slice)
        and index.step is None
        and all(bound is None or _integer(bound) for bound in (index.lower, index.upper))
    )


def _integer(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is int


def note_base(target: str, value: ast.expr, scope: Scope) -> None:
    """Remember that the local `target` holds a spelling of another name's path (and
    forget it when it is given anything else)."""
    spelled = spelled_base(value, scope)
    if spelled is not None and spelled != target:
        scope.bases[target] = spelled
    else:
        scope.bases.pop(target, None)


def note_common(target: str, value: ast.expr, scope: Scope) -> None:
    """Remember that the local `target` holds a common path (`common =
    os.path.commonpath([path, root])`), by the call's written name (the comparison
    resolves it), and forget it when it is given anything else."""
    func = value.func if isinstance(value, ast.Call) else None
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if isinstance(value, ast.Call) and written in _COMMON_WRITTEN:
        scope.commons[target] = value
    else:
        scope.commons.pop(target, None)


def forget_common(name: str, scope: Scope) -> None:
    """Forget the common paths of a value `name` held: it holds another one now."""
    for local, call in list(scope.commons.items()):
        if local == name or any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(call)):
            del scope.commons[local]


def held_common(node: ast.expr, scope: Scope) -> ast.expr:
    """The common path call a local compared holds (`common` of `if common != root:`),
    or `node` itself."""
    if isinstance(node, ast.Name) and scope.is_local(node.id):
        return scope.commons.get(node.id, node)
    return node
