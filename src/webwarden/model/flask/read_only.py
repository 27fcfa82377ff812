"""Which project functions of other modules a view calls and that store nothing."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.model.flask.facts import FunctionFact
from webwarden.model.flask.index import Index
from webwarden.model.signed_in_user import is_signed_in_user

_MAX_DEPTH = 4


def read_only_helpers(index: Index, calls: Iterable[str]) -> frozenset[str]:
    """Those of `calls` (as a view names them) that reach a module-level function of the
    project whose body provably stores nothing, itself or but for calls of further such
    functions (followed `_MAX_DEPTH` deep; a function still being read proves nothing),
    or a method of the project called on the signed-in user, Flask-Login's or the one
    the project keeps on `g` (`g.current_user.generate_auth_token()`), when no other
    method of the project has its name."""
    known: dict[str, bool] = {}
    return frozenset(call for call in calls if _stores_nothing(index, call, known, 0))


def _stores_nothing(index: Index, call: str, known: dict[str, bool], depth: int) -> bool:
    ref = index.canonical(call)
    if ref in known:
        return known[ref]
    function = index.functions.get(ref) or _held_object_method(index, ref)
    known[ref] = False
    if function is None or depth >= _MAX_DEPTH:
        return False
    if function.body is not None:
        nothing, through = function.body.writes_nothing, function.body.writes_through
    elif function.method_stores_through is not None:
        nothing, through = not function.method_stores_through, function.method_stores_through
    else:
        return False
    known[ref] = nothing or (
        bool(through) and all(_stores_nothing(index, c, known, depth + 1) for c in through)
    )
    return known[ref]


def _held_object_method(index: Index, ref: str) -> FunctionFact | None:
    """The project method `current_user.rotate()` or `g.user.rotate()` calls: the
    signed-in user is a row of the project's own user class, whose method of that name
    is the one the project defines (none when several classes define it)."""
    return index.handler(ref) if is_signed_in_user(ref.rpartition(".")[0]) else None
