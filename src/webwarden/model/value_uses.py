"""Where a value goes: every end of an expression's value in its function, followed
through the local names it is bound to (see `value_ends`)."""

from __future__ import annotations

import ast
import enum
from collections.abc import Callable
from dataclasses import dataclass

from webwarden.model.module import FileContext


class End(enum.StrEnum):
    """How one use of a value ends."""

    DELIVERED = "delivered"
    """Handed to what the caller's predicate names (an HTTP request's argument)."""
    TESTED = "tested"
    """Only compared or tested (`digest == stored`, `if not digest:`,
    `hmac.compare_digest(...)`), or written into (`payload["k"] = v`): nothing of it kept."""
    KEPT = "kept"
    """Anything else: set on an object or a key (`user.password_hash = digest`,
    `session["pw"] = digest`), handed to another call (`cursor.execute(sql, (digest,))`),
    returned, or bound to more names than are followed: it may be stored."""


@dataclass(frozen=True, slots=True)
class Use:
    """One end of a value: the read (or the expression itself) and how it ends."""

    read: ast.AST
    end: End


Delivers = Callable[[ast.AST, ast.AST], bool]
"""`(holder, child)`: whether the value, reaching `holder` as its part `child`, is
delivered there (the caller's idea of a harmless end: an argument of an HTTP call)."""

_TESTS = frozenset({"hmac.compare_digest", "secrets.compare_digest"})
_CONTAINER_CHANGES = frozenset({"update", "setdefault", "pop", "append", "extend"})
"""Methods that change a dict or list in place: the container is not kept by them."""


def value_ends(ctx: FileContext, node: ast.expr, delivers: Delivers, hops: int = 3) -> list[Use]:
    """Every use of the value of `node`: followed outward to its statement, and through
    the reads of a local it is bound to (`digest = ...`, `payload = {"h": digest}`, also
    one of a pair unpacked, `prefix, suffix = digest[:5], digest[5:]`) up to `hops`
    names deep; a name bound deeper counts as kept. A use is judged where it ends:
    delivered (as `delivers` says), only tested, or kept."""
    uses: list[Use] = []
    todo: list[ast.AST] = [node]
    for depth in range(hops + 1):
        reads: list[ast.AST] = []
        for expr in todo:
            end = _end(ctx, expr, delivers)
            if isinstance(end, End):
                uses.append(Use(expr, end))
            elif depth == hops:
                uses.append(Use(expr, End.KEPT))
            else:
                reads.extend(ctx.scopes.reads_of_bound(*end))
        if not reads:
            break
        todo = reads
    return uses


def _end(ctx: FileContext, expr: ast.AST, delivers: Delivers) -> End | tuple[ast.Assign, str]:
    """How the use `expr` ends, or the assignment binding it to a local and that name."""
    child = expr
    handed = False
    for holder in ctx.ancestors(expr):
        if delivers(holder, child):
            return End.DELIVERED
        if isinstance(holder, ast.Call) and child is not holder.func:
            if ctx.call_name(holder) in _TESTS:
                return End.TESTED
            handed = True
        elif not handed and (
            isinstance(holder, ast.Compare) or _changed_in_place(ctx, holder, child)
        ):
            return End.TESTED
        if isinstance(holder, ast.Tuple) and (unpacked := _unpacked(ctx, child)) is not None:
            return unpacked
        if isinstance(holder, ast.stmt):
            return _statement_end(holder, child, handed)
        child = holder
    return End.KEPT


def _changed_in_place(ctx: FileContext, holder: ast.AST, child: ast.AST) -> bool:
    """`payload.update({...})` as a statement: the container changes, and is not kept."""
    call = ctx.parent(holder)
    return (
        isinstance(holder, ast.Attribute)
        and holder.value is child
        and holder.attr in _CONTAINER_CHANGES
        and isinstance(call, ast.Call)
        and call.func is holder
        and isinstance(ctx.parent(call), ast.Expr)
    )


def _statement_end(
    statement: ast.stmt, child: ast.AST, handed: bool
) -> End | tuple[ast.Assign, str]:
    if isinstance(statement, ast.If | ast.While | ast.Assert) and not handed:
        return End.TESTED if child is statement.test else End.KEPT
    if not isinstance(statement, ast.Assign):
        return End.KEPT
    if child is not statement.value:
        return End.TESTED  # NOTE: `payload["k"] = v`: the container is written into
    if len(statement.targets) != 1:
        return End.KEPT
    target = statement.targets[0]
    if isinstance(target, ast.Name):
        return statement, target.id
    return End.KEPT


def _unpacked(ctx: FileContext, item: ast.AST) -> tuple[ast.Assign, str] | None:
    """`prefix, suffix = a[:5], a[5:]`: the statement and the name an item of the
    tuple on the right is bound to."""
    pair = ctx.parent(item)
    statement = ctx.parent(pair) if isinstance(pair, ast.Tuple) else None
    if not (
        isinstance(pair, ast.Tuple)
        and isinstance(statement, ast.Assign)
        and statement.value is pair
        and len(statement.targets) == 1
        and isinstance(names := statement.targets[0], ast.Tuple)
        and len(names.elts) == len(pair.elts)
        and not any(isinstance(e, ast.Starred) for e in pair.elts)
    ):
        return None
    target = next(n for n, e in zip(names.elts, pair.elts, strict=True) if e is item)
    return (statement, target.id) if isinstance(target, ast.Name) else None
