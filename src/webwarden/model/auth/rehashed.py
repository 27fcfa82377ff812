"""Password members a class hashes in place before it stores them."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

from webwarden.analysis.secrets import is_password_name

_Method = ast.FunctionDef | ast.AsyncFunctionDef


def rehashed_members(methods: Iterable[_Method], hashing: Callable[[ast.Call], bool]) -> set[str]:
    """The password-named members a method of the class sets to a hash of their own value
    (`self.password = make_password(self.password)` in a `save()` override, or through
    locals: `digest = hash_password(salt, self.password)`, then `self.password = "%s$%s"
    % (salt, digest)`): whatever was written to the member before is stored hashed.
    `hashing` says whether a call hashes (a hashing function, or a method of the class
    whose body does)."""
    found: set[str] = set()
    for method in methods:
        if method.name == "__init__":
            continue
        assigns = [node for node in ast.walk(method) if isinstance(node, ast.Assign)]
        for assign in assigns:
            for target in assign.targets:
                member = _self_member(target)
                if member is None or not is_password_name(member):
                    continue
                if _hashes(assign.value, member, _hashed_locals(assigns, member, hashing), hashing):
                    found.add(member)
    return found


def sets_password_member(assign: ast.AST) -> bool:
    """Whether an assignment sets a password-named member of `self`: without one in the
    module, no class of it rehashes a member (the cheap test before `rehashed_members`)."""
    return isinstance(assign, ast.Assign) and any(
        (member := _self_member(target)) is not None and is_password_name(member)
        for target in assign.targets
    )


def _self_member(node: ast.AST) -> str | None:
    """`password` of `self.password`."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr if node.value.id == "self" else None
    return None


def _hashed_locals(
    assigns: list[ast.Assign], member: str, hashing: Callable[[ast.Call], bool]
) -> set[str]:
    """Local names the method binds to a hash of `self.<member>` (or to a value made from
    such a local)."""
    hashed: set[str] = set()
    changed = True
    while changed:
        changed = False
        for assign in assigns:
            names = {t.id for t in assign.targets if isinstance(t, ast.Name)} - hashed
            if names and _hashes(assign.value, member, hashed, hashing):
                hashed |= names
                changed = True
    return hashed


def _hashes(
    value: ast.expr, member: str, hashed: set[str], hashing: Callable[[ast.Call], bool]
) -> bool:
    """Whether `value` holds a hashing call given `self.<member>`, or a hashed local."""
    for node in ast.walk(value):
        if isinstance(node, ast.Name) and node.id in hashed:
            return True
        if isinstance(node, ast.Call) and hashing(node):
            given = [*node.args, *(k.value for k in node.keywords)]
            if any(_self_member(inner) == member for a in given for inner in ast.walk(a)):
                return True
    return False
