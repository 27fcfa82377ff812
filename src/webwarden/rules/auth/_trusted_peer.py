"""Whether a remote-user class hands the request to its parent's login only when the
connection comes from a trusted address (`REMOTE_ADDR`, which the client cannot forge)."""

from __future__ import annotations

import ast

from webwarden.model.tree import defined_method, super_method, walk
from webwarden.rules.context import FileContext

PEER_KEY = "REMOTE_ADDR"
"""The `request.META` key of the connection's peer address: the socket's, set by the
server, not a header of the request."""
_TERMINAL = (ast.Return, ast.Raise)
_MATCHING = (ast.In, ast.NotIn, ast.Eq, ast.NotEq)
_TYPE_CHECKS = frozenset({"isinstance", "len", "bool", "str", "hasattr", "getattr", "get"})
"""Calls that read the address or test its type, which match it against nothing."""


def login_only_from_trusted_peer(ctx: FileContext, owner: ast.ClassDef, method: str) -> bool:
    """Whether `owner` overrides `method` (`process_request`, `authenticate`) and every
    `super().<method>(...)` in it runs only when a test of the peer address holds: inside
    `if <peer test>:`, or after `if <peer test>: return` (an allow list of proxies)."""
    function = defined_method(owner, method)
    if function is None:
        return False
    calls = [node for node in walk(function) if super_method(node) == method]
    if not calls:
        return False
    peer = _peer_names(function)
    return all(_guarded(ctx, call, function, peer) for call in calls)


def _peer_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Local names bound from the peer address, or from such names (`ip = ...get(
    "REMOTE_ADDR")`, `address = ip_address(ip)`)."""
    names: set[str] = set()
    assigns = [n for n in walk(function) if isinstance(n, ast.Assign | ast.AnnAssign)]
    changed = True
    while changed:
        changed = False
        for node in assigns:
            if node.value is None or not _reads_peer(node.value, names):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id not in names:
                    names.add(target.id)
                    changed = True
    return names


def _reads_peer(node: ast.AST, names: set[str]) -> bool:
    for part in walk(node):
        if isinstance(part, ast.Constant) and part.value == PEER_KEY:
            return True
        if isinstance(part, ast.Name) and part.id in names:
            return True
    return False


def _guarded(ctx: FileContext, call: ast.AST, function: ast.AST, peer: set[str]) -> bool:
    """Whether a peer test encloses `call`, or ends the function before it when it fails."""
    node: ast.AST = call
    while node is not function:
        holder = ctx.parent(node)
        if holder is None:
            return False
        if isinstance(holder, ast.If) and node in holder.body and _peer_test(holder.test, peer):
            return not _negated(holder.test)
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(holder, field, None)
            if isinstance(statements, list) and node in statements:
                before = statements[: statements.index(node)]
                if any(_peer_exit(statement, peer) for statement in before):
                    return True
        node = holder
    return False


def _peer_exit(statement: ast.stmt, peer: set[str]) -> bool:
    """`if <peer test>: return` (or `raise`): the code after it runs only when it fails."""
    return (
        isinstance(statement, ast.If)
        and bool(statement.body)
        and isinstance(statement.body[-1], _TERMINAL)
        and _negated(statement.test)
        and _peer_test(statement.test, peer)
    )


def _peer_test(test: ast.expr, peer: set[str]) -> bool:
    """Whether `test` matches the peer address against something else (`ip in network`,
    `addr not in settings.TRUSTED_PROXIES`, `is_trusted(ip)`, `address.is_private`), not
    just its type or presence (`isinstance(ip, str)`, `ip is None`)."""
    for node in walk(test):
        if isinstance(node, ast.Compare) and all(isinstance(op, _MATCHING) for op in node.ops):
            sides = [node.left, *node.comparators]
            if any(_reads_peer(side, peer) for side in sides) and any(
                not _reads_peer(side, peer) and not _none(side) for side in sides
            ):
                return True
        if (
            isinstance(node, ast.Call)
            and _written(node.func) not in _TYPE_CHECKS
            and any(_reads_peer(arg, peer) for arg in node.args)
        ):
            return True
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("is_")
            and _reads_peer(node.value, peer)
        ):
            return True
    return False


def _negated(test: ast.expr) -> bool:
    """`not ...`, `x not in y`, `x != y`: a test that holds when the match fails."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return True
    return isinstance(test, ast.Compare) and isinstance(test.ops[0], ast.NotIn | ast.NotEq)


def _written(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value in (None, "")
