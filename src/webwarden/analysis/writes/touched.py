"""Saves that only move on the time of the record of a visit.

`seen, created = LastView.objects.get_or_create(user=user, page=page)` then `seen.save()`
refreshes the row's `auto_now` time: the record of when the user last opened the page.
SQLAlchemy writes nothing for a row added unchanged, so a project spells it with a
method of the row that sets its time (`view = View.get_or_create(...)`,
`view.update_modification_time()`, then `db.session.add(view)`). A forged GET records
a visit at the time it happens, as opening the page does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import expr_calls
from webwarden.analysis.writes.calls import GET_OR_CREATE, split
from webwarden.model.module import identifier_words

_TIME_WORDS = frozenset({"time", "timestamp", "date", "datetime"})
_REFRESH_WORDS = frozenset(
    {"update", "updated", "modification", "modified", "refresh", "access", "accessed"}
    | {"activity", "seen", "visit", "visited", "last"}
)


def touched_saves(statements: Iterable[ir.Stmt]) -> frozenset[ir.Pos]:
    """Where a function's statements (each, nested ones too) save a row
    `get_or_create()` returned with none of its fields set: `row.save()`, or a session's
    `add(row)` once the row's time is moved on by a method called with nothing and
    named for it (`row.update_modification_time()`, `row.touch()`). Not a row another
    method is called on (`row.archive()`, `row.rename(name)`): what it changes is not
    told."""
    statements = list(statements)
    made: set[str] = set()
    changed: set[str] = set()
    refreshed: set[str] = set()
    for statement in statements:
        match statement:
            case ir.Assign(targets=targets, value=value):
                for target in targets:
                    row = _row_target(target)
                    if gets_or_creates(value) and row is not None:
                        made.add(row)
                    changed.update(_changed_row(target))
            case ir.AugAssign(target=target):
                changed.update(_changed_row(target))
            case ir.Eval(
                value=ir.Call(func=ir.Attr(value=ir.Local(name=row), attr=method)) as call
            ):
                if method == "save":
                    continue
                if not call.args and not call.keywords and _refreshes_time(method):
                    refreshed.add(row)
                else:
                    changed.add(row)
    rows = made - changed
    return frozenset(
        call.pos
        for statement in statements
        if isinstance(statement, ir.Eval)
        for call in expr_calls(statement.value)
        if _saved(call, rows) or _added(call, rows & refreshed)
    )


def gets_or_creates(value: ir.Expr) -> bool:
    """`Model.objects.get_or_create(...)` (or its first item), or a project's own
    `Model.get_or_create(...)` returning the row."""
    if isinstance(value, ir.Sub):
        value = value.value
    return isinstance(value, ir.Call) and split(value)[1] == GET_OR_CREATE


def _row_target(target: ir.Target) -> str | None:
    """The local a `get_or_create()` row is bound to: the first of Django's pair
    (`seen, created = ...`), or the whole value (a project's helper returning the row)."""
    if isinstance(target, ir.TSeq):
        first = target.elts[0] if target.elts else None
        return first.name if isinstance(first, ir.TName) else None
    return target.name if isinstance(target, ir.TName) else None


def _refreshes_time(method: str) -> bool:
    """`touch`, `update_modification_time`, `refresh_timestamp`: a method named for
    moving a row's time on."""
    words = set(identifier_words(method))
    return words == {"touch"} or bool(words & _TIME_WORDS and words & _REFRESH_WORDS)


def _saved(call: ir.Call, rows: set[str]) -> bool:
    """`row.save()` of one of `rows`."""
    return (
        not call.args
        and not call.keywords
        and isinstance(call.func, ir.Attr)
        and call.func.attr == "save"
        and isinstance(call.func.value, ir.Local)
        and call.func.value.name in rows
    )


def _added(call: ir.Call, rows: set[str]) -> bool:
    """`session.add(row)` of one of `rows`."""
    return (
        len(call.args) == 1
        and not call.keywords
        and split(call)[1] == "add"
        and isinstance(call.args[0], ir.Local)
        and call.args[0].name in rows
    )


def _changed_row(target: ir.Target) -> Iterator[str]:
    """The local whose field or item the target sets (`row.count = 1`, `row.data[k] = v`)."""
    if isinstance(target, ir.TSeq):
        for element in target.elts:
            yield from _changed_row(element)
        return
    if not isinstance(target, ir.TAttr | ir.TSub):
        return
    base = target.value
    while isinstance(base, ir.Attr | ir.Sub):
        base = base.value
    if isinstance(base, ir.Local):
        yield base.name
