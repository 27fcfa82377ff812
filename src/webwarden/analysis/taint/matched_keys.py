"""A key taken apart by a regular expression matched in full, its free parts checked.

`m = re.match(r"^(.+)__(lt|gt|in)$", key)` splits `key` into a field name and one of
the pattern's own operators: when every group that could hold any text is checked
against an allow-list (`if m.group(1) in FIELDS:`, or `field = m.group(1)` then `if
field in FIELDS:`), `key` itself is made of allowed names and the code's literals, as
if it had been checked whole. The pattern must match the whole key (`re.fullmatch`, or
`match` anchored with `$`) and hold nothing but literal text, groups of literal
alternatives and groups that are checked: a `.*` outside any group, or a group left
unchecked, leaves the key as the client wrote it.

And `key.replace(m.group(1), name, 1)`, the first group swapped for another name, is
that name followed by the rest of the pattern (`f"{name}__{m.group(2)}"`): a later
check of the name (`if name in FIELDS:`) checks the new key as a check of the group did
the old one.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from webwarden.analysis.patterns import anchored_core
from webwarden.analysis.taint import ir

_SPECIAL = frozenset(".^$*+?{}[]|()\\")
_QUANTIFIERS = frozenset("*+?{")
_GROUP_NAME = re.compile(r"\?P<([A-Za-z_]\w*)>")


@dataclass(frozen=True, slots=True)
class Decomposed:
    """What `re.<how>(pattern, subject)` splits `subject` into, read off the pattern."""

    subject: str
    items: tuple[str | int, ...]
    """Literal text, or the number of a group, in the order the key holds them."""
    free: frozenset[int]
    """The groups that may hold any text: each must be checked for the key to be."""
    names: tuple[tuple[str, int], ...] = ()


def _literal(pattern: str, i: int) -> tuple[str, int] | None:
    """The literal character at `i` (`a`, `\\.`) and the index past it; None for anything
    else (a class, `.`, `\\w`, an anchor)."""
    char = pattern[i]
    if char == "\\":
        escaped = pattern[i + 1 : i + 2]
        if not escaped or escaped.isalnum():
            return None
        return escaped, i + 2
    return None if char in _SPECIAL else (char, i + 1)


def _fixed(body: str) -> bool:
    """Whether a group's body is literal alternatives (`lt|lte|i?contains`)."""
    i = 0
    while i < len(body):
        if body[i] == "|":
            i += 1
            continue
        found = _literal(body, i)
        if found is None:
            return False
        i = found[1] + (1 if body[found[1] : found[1] + 1] == "?" else 0)
    return True


def _closing(pattern: str, start: int) -> int | None:
    """The index of the `)` closing the group opened at `start`; None when its body holds
    another capturing group (which would renumber the rest) or is unbalanced."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 if pattern[i + 1 : i + 2] != "]" else 2
            continue
        elif char == "(":
            if depth and not pattern.startswith("(?:", i):
                return None
            depth += 1
        elif char == ")":
            depth -= 1
            if not depth:
                return i
        i += 1
    return None


def decompose(pattern: str, how: str, subject: str) -> Decomposed | None:
    """The decomposition of `subject` by a pattern matched in full; None when a part of
    the key could be any text outside a group, or the pattern is not matched in full."""
    found = anchored_core(pattern, how)
    if found is None or not found[0]:
        return None  # NOTE: a `|` outside any group is refused below, as any special
    core = found[0]
    items: list[str | int] = []
    free: set[int] = set()
    names: list[tuple[str, int]] = []
    i, number = 0, 0
    while i < len(core):
        if core[i] == "(":
            end = _closing(core, i)
            if end is None or core[end + 1 : end + 2] in _QUANTIFIERS:
                return None
            head = core[i + 1 : end]
            named = _GROUP_NAME.match(head)
            if head.startswith("?:") and _fixed(head[2:]):
                items.append(head[2:])
            elif head.startswith("?") and not named:
                return None  # NOTE: a lookaround or flags: not read
            else:
                number += 1
                body = head[named.end() :] if named else head
                if named:
                    names.append((named.group(1), number))
                if not _fixed(body):
                    free.add(number)
                items.append(number)
            i = end + 1
            continue
        literal = _literal(core, i)
        if literal is None or core[literal[1] : literal[1] + 1] in _QUANTIFIERS:
            return None
        items.append(literal[0])
        i = literal[1]
    try:
        if re.compile(pattern).groups != number:
            return None
    except re.error:
        return None
    return Decomposed(subject, tuple(items), frozenset(free), tuple(names))


Matches = dict[str, Decomposed]
Groups = dict[str, tuple[str, int]]


def forget(bound: set[str], matches: Matches, groups: Groups) -> None:
    """Drop what a rebinding of `bound` makes stale: a match of a subject rebound, or a
    match or group copy itself rebound."""
    for name in [m for m, d in matches.items() if m in bound or d.subject in bound]:
        del matches[name]
    for name in [g for g, (m, _) in groups.items() if g in bound or m not in matches]:
        del groups[name]


def group_read(node: ast.expr, matches: Matches, groups: Groups) -> tuple[str, int] | None:
    """(match local, group number) of `m.group(1)`, `m["name"]`, or a local holding one."""
    if isinstance(node, ast.Name):
        return groups.get(node.id)
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "group"):
            return None
        owner, index = func.value, node.args[0]
    elif isinstance(node, ast.Subscript):
        owner, index = node.value, node.slice
    else:
        return None
    if not (isinstance(owner, ast.Name) and owner.id in matches):
        return None
    if not isinstance(index, ast.Constant):
        return None
    found = matches[owner.id]
    number = index.value
    if isinstance(number, str):
        number = dict(found.names).get(number)
    if type(number) is not int or number < 1 or number not in found.items:
        return None
    return owner.id, number


def note_groups(node: ast.Assign, matches: Matches, groups: Groups) -> None:
    """`field = m.group(1)`, `field, op = m.groups()`: locals holding a group."""
    only = node.targets[0] if len(node.targets) == 1 else None
    if isinstance(only, ast.Name):
        read = group_read(node.value, matches, groups)
        if read is not None:
            groups[only.id] = read
        return
    value = node.value
    if not (
        isinstance(only, ast.Tuple)
        and isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "groups"
        and not value.args
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id in matches
    ):
        return
    owner = value.func.value.id
    for number, element in enumerate(only.elts, start=1):
        if isinstance(element, ast.Name) and number in matches[owner].items:
            groups[element.id] = (owner, number)


Checks = dict[tuple[str, int], list[ast.expr]]


def _checks(test: ast.expr, matches: Matches, groups: Groups) -> tuple[Checks, Checks]:
    """Groups a test checks against an allow-list, with the lists: where it holds, where
    it fails."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        then, otherwise = _checks(test.operand, matches, groups)
        return otherwise, then
    if isinstance(test, ast.BoolOp):
        parts = [_checks(v, matches, groups) for v in test.values]
        merged: Checks = {}
        for then, otherwise in parts:
            for key, lists in (then if isinstance(test.op, ast.And) else otherwise).items():
                merged.setdefault(key, []).extend(lists)
        return (merged, {}) if isinstance(test.op, ast.And) else ({}, merged)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return {}, {}
    op, right = test.ops[0], test.comparators[0]
    read = group_read(test.left, matches, groups)
    if read is None and isinstance(op, ast.Eq | ast.NotEq):
        read, right = group_read(right, matches, groups), test.left
    if read is None or (isinstance(op, ast.Eq | ast.NotEq) and not isinstance(right, ast.Constant)):
        return {}, {}
    found = {read: [right]}
    if isinstance(op, ast.In | ast.Eq):
        return found, {}
    if isinstance(op, ast.NotIn | ast.NotEq):
        return {}, found
    return {}, {}


def key_guards(
    test: ast.expr, matches: Matches, groups: Groups, lower: Callable[[ast.expr], ir.Expr]
) -> tuple[tuple[ir.Guard, ...], tuple[ir.Guard, ...]]:
    """The guards on each matched key whose free groups the test checks, on each arm: a
    membership of the lists the groups were checked against (the interpreter judges
    whether the client chose one of them)."""
    arms = []
    for checks in _checks(test, matches, groups):
        found = []
        for match, decomposed in matches.items():
            lists = [c for (m, n), cs in checks.items() if m == match for c in cs]
            checked = {n for m, n in checks if m == match}
            if not lists or not decomposed.free <= checked:
                continue
            container = ir.Union(tuple(lower(c) for c in lists))
            found.append(ir.Guard(decomposed.subject, "member", container=container))
        arms.append(tuple(found))
    return arms[0], arms[1]


def replaced(
    node: ast.Call, matches: Matches, groups: Groups
) -> tuple[ast.expr, list[ast.expr]] | None:
    """`key.replace(m.group(1), name, 1)` of a matched key whose first part is group 1:
    (`name`, the rest as it stands in the key: literals and `m.group(n)` reads)."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "replace"
        and isinstance(func.value, ast.Name)
        and len(node.args) == 3
        and not node.keywords
        and isinstance(node.args[2], ast.Constant)
        and node.args[2].value == 1
    ):
        return None
    read = group_read(node.args[0], matches, groups)
    if read is None or matches[read[0]].subject != func.value.id:
        return None
    match, number = read
    items = matches[match].items
    if items[0] != number:
        return None
    rest: list[ast.expr] = []
    for item in items[1:]:
        if isinstance(item, str):
            rest.append(ast.copy_location(ast.Constant(item), node))
            continue
        owner = ast.copy_location(ast.Name(match, ast.Load()), node)
        method = ast.copy_location(ast.Attribute(owner, "group", ast.Load()), node)
        index = ast.copy_location(ast.Constant(item), node)
        rest.append(ast.copy_location(ast.Call(method, [index], []), node))
    return node.args[1], rest


Renaming = tuple[str, str, Decomposed, int]


def renaming(node: ast.stmt, matches: Matches, groups: Groups) -> Renaming | None:
    """`key = key.replace(m.group(1), name, 1)`: (`key`, `name`, the match of the old
    key, the group swapped). The new key is `name` and the rest of the pattern, so a
    check of `name` checks that group of it (see `note_renaming`)."""
    if not (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Call)
    ):
        return None
    swapped = replaced(node.value, matches, groups)
    if swapped is None or not isinstance(swapped[0], ast.Name):
        return None
    read = group_read(node.value.args[0], matches, groups)
    if read is None:
        return None
    return node.targets[0].id, swapped[0].id, matches[read[0]], read[1]


def note_renaming(renamed: Renaming, matches: Matches, groups: Groups) -> None:
    """Note the new key of a `renaming` as matched, its swapped group held by the name
    (after what the statement rebinds is forgotten)."""
    key, name, decomposed, number = renamed
    match = f"<renamed {key}>"
    matches[match] = replace(decomposed, subject=key)
    groups[name] = (match, number)
