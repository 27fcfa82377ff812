"""A fallback run unless an earlier `if` finished the work: a flag set where it did.

```python
done = False
if sort and "_" in sort:
    field, direction = sort.rsplit("_", 1)
    if field in FIELDS:
        sort = field
        done = True
if not done:
    if sort not in FIELDS:
        sort = "created"
```

Past the first `if`, `done` is true on one path only: the one through `done = True`, on
which `sort` is a checked field. Joined there, the interpreter would let the unchecked
`sort` of the other paths skip the fallback. The statement list is read as the code
runs it instead: the fallback's statements at the end of each arm of the first `if`
(and of the `if`s inside it leading to the flag) that does not lead to the flag, and
no `if not done:` left. Only when that order is certain: the flag is bound only by
`done = False` before and `done = True` once inside, only `if`s lead to it, each the
last statement of its arm, and the fallback defines no function or class.
"""

from __future__ import annotations

import ast
import copy

from webwarden.model.tree import walk

_MAX_DEPTH = 4
"""How many `if`s deep the flag may be set: the fallback is written once per level."""
_MAX_FALLBACK = 200
"""Nodes of a fallback worth writing again (a few statements, as the idiom has)."""


def unflagged(body: list[ast.stmt]) -> list[ast.stmt]:
    """`body` with each `flag = False; if ...: ... flag = True; if not flag: fallback`
    read as the fallback run at the end of every other arm (see the module); `body`
    itself when it has none. The tree is not changed: the `if`s rewritten are copies."""
    found = [i for i in range(1, len(body)) if _flag_tested(body[i]) is not None]
    if not found:
        return body
    result = body
    for index in reversed(found):
        rewritten = _rewritten(result, index)
        if rewritten is not None:
            result = [*result[: index - 1], rewritten, *result[index + 1 :]]
    return result


def _flag_tested(node: ast.stmt) -> str | None:
    """`flag` for `if not flag:` with no `else`."""
    if not isinstance(node, ast.If) or node.orelse:
        return None
    test = node.test
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return None
    return test.operand.id if isinstance(test.operand, ast.Name) else None


def _rewritten(body: list[ast.stmt], index: int) -> ast.If | None:
    """The `if` before `body[index]` with the fallback written into the arms not setting
    the flag, or None when the pattern does not hold."""
    fallback = body[index]
    flag = _flag_tested(fallback)
    previous = body[index - 1]
    if flag is None or not isinstance(previous, ast.If) or not isinstance(fallback, ast.If):
        return None
    if not _started_off(body, index, flag):
        return None
    if any(isinstance(n, _DEFINITIONS) for s in fallback.body for n in walk(s)):
        return None
    if sum(1 for s in fallback.body for _ in walk(s)) > _MAX_FALLBACK:
        return None
    if _stores(previous, flag) != 1:
        return None
    return _written_in(previous, flag, fallback.body, 0)


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _started_off(body: list[ast.stmt], index: int, flag: str) -> bool:
    """`flag = False` comes before the `if` setting it, nothing between binding it."""
    for statement in reversed(body[: index - 1]):
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id == flag
        ):
            value = statement.value
            return isinstance(value, ast.Constant) and value.value is False
        if _stores(statement, flag):
            return False
    return False


def _stores(node: ast.AST, flag: str) -> int:
    """How many times `node` binds `flag` (a `global` or `nonlocal` of it counts many)."""
    count = 0
    for inner in walk(node):
        if isinstance(inner, ast.Name) and inner.id == flag and not isinstance(inner.ctx, ast.Load):
            count += 1
        elif isinstance(inner, ast.Global | ast.Nonlocal) and flag in inner.names:
            count += 2
    return count


def _written_in(node: ast.If, flag: str, fallback: list[ast.stmt], depth: int) -> ast.If | None:
    """A copy of `node` with `fallback` after the arm not leading to `flag = True`, and
    the arm leading to it rewritten the same way one level down."""
    if depth >= _MAX_DEPTH:
        return None
    arms = [node.body, node.orelse]
    leading = [arm for arm in arms if any(_stores(s, flag) for s in arm)]
    if len(leading) != 1:
        return None
    arm = leading[0]
    last = arm[-1] if arm else None
    if _sets_true(arm, flag):
        new_arm = arm
    elif isinstance(last, ast.If) and not any(_stores(s, flag) for s in arm[:-1]):
        inner = _written_in(last, flag, fallback, depth + 1)
        if inner is None:
            return None
        new_arm = [*arm[:-1], inner]
    else:
        return None
    other = [*(node.orelse if arm is node.body else node.body), *fallback]
    rewritten = copy.copy(node)
    if arm is node.body:
        rewritten.body, rewritten.orelse = new_arm, other
    else:
        rewritten.body, rewritten.orelse = other, new_arm
    return rewritten


def _sets_true(arm: list[ast.stmt], flag: str) -> bool:
    """The arm's own statements set `flag = True` (the statements after it run on its
    path alone, and do not bind it again)."""
    return any(
        isinstance(s, ast.Assign)
        and len(s.targets) == 1
        and isinstance(s.targets[0], ast.Name)
        and s.targets[0].id == flag
        and isinstance(s.value, ast.Constant)
        and s.value.value is True
        for s in arm
    )
