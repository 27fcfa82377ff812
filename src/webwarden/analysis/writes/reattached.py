"""SQLAlchemy merges that only put a detached object back into the session.

`if obj not in db.session: obj = db.session.merge(obj)` is SQLAlchemy's way of using an
object loaded by another session (a row kept in a cache between requests) in this one:
the session hands back its own copy, loaded from the database. Nothing is written
unless the request goes on to commit, and the commit is judged as a write of its own.
`merge(obj, load=False)`, the form the SQLAlchemy documentation gives for objects taken
from a cache, does not even load: it requires an object with no pending change.
"""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.analysis.taint import ir
from webwarden.analysis.writes.calls import names, split

_MERGE = "merge"


def merges_cached(call: ir.Call) -> bool:
    """`session.merge(obj, load=False)`: a cached object attached without a change."""
    receiver, method = split(call)
    return (
        method == _MERGE
        and _session(receiver)
        and any(
            key == "load" and isinstance(value, ir.Const) and value.value is False
            for key, value in call.keywords
        )
    )


def reattaching_merges(statements: Iterable[ir.Stmt]) -> frozenset[ir.Pos]:
    """Where a function's statements (each, nested ones too) merge an object into a
    session in the arm of a test that found it not in a session (`if obj not in
    db.session:`, the `else` of `if obj in db.session:`), the merged object being the
    one tested."""
    found: set[ir.Pos] = set()
    for statement in statements:
        if not isinstance(statement, ir.If):
            continue
        for present, arm in (
            (statement.then_guards, statement.orelse),
            (statement.else_guards, statement.body),
        ):
            tested = {
                g.name
                for g in present
                if g.how == "member" and g.container is not None and _session(names(g.container))
            }
            if tested:
                found.update(_merges_of(arm, tested))
    return frozenset(found)


def _merges_of(arm: ir.Block, tested: set[str]) -> Iterable[ir.Pos]:
    """Where the arm's own statements merge one of the tested locals into a session."""
    for statement in arm:
        value = statement.value if isinstance(statement, ir.Assign | ir.Eval) else None
        if not isinstance(value, ir.Call):
            continue
        receiver, method = split(value)
        first = value.args[0] if len(value.args) == 1 else None
        if (
            method == _MERGE
            and _session(receiver)
            and isinstance(first, ir.Local)
            and first.name in tested
        ):
            yield value.pos


def _session(found: list[str]) -> bool:
    """Whether these names (`names()`) end with a session (`db.session`, `session`)."""
    return bool(found) and found[-1].lower().endswith("session")
