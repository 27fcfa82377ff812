"""Which project functions of other modules a view calls and that store nothing."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.model.flask.index import Index

_MAX_DEPTH = 4


def read_only_helpers(index: Index, calls: Iterable[str]) -> frozenset[str]:
    """Those of `calls` (as a view names them) that reach a module-level function of the
    project whose body provably stores nothing, itself or but for calls of further such
    functions (followed `_MAX_DEPTH` deep; a function still being read proves nothing)."""
    known: dict[str, bool] = {}
    return frozenset(call for call in calls if _stores_nothing(index, call, known, 0))


def _stores_nothing(index: Index, call: str, known: dict[str, bool], depth: int) -> bool:
    ref = index.canonical(call)
    if ref in known:
        return known[ref]
    function = index.functions.get(ref)
    body = None if function is None else function.body
    known[ref] = False
    if body is None or depth >= _MAX_DEPTH:
        return False
    through = body.writes_through
    known[ref] = body.writes_nothing or (
        bool(through) and all(_stores_nothing(index, c, known, depth + 1) for c in through)
    )
    return known[ref]
