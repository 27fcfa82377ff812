"""Saves that fill a row's field only while it is unset, with a value the request does not choose.

`if profile.start_page is None:` then `profile.start_page = busiest_team(user)` and
`profile.save(update_fields=["start_page"])`: a default the first request works out and
keeps (a user's home page, a slug made once). A second request finds the field set and
changes nothing, and a forged GET only makes the default the user's own visit would
have made. Not a value read from the request's query string, its submitted data, its
cookies or headers, or a parameter of the URL (`profile.start_page = team_code`), which
whoever forges the request chooses; nor a branch that sets other fields of the row, or a
save naming other fields (or none: `save()` writes whatever else changed before).
SQLAlchemy's `session.commit()` in that branch counts as such a save when the function
sets no other attribute or item: it then writes that field alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from webwarden.analysis.taint import ir
from webwarden.analysis.writes.counters import session_commit

_REQUEST_PARTS = frozenset(
    {"GET", "POST", "FILES", "COOKIES", "META", "headers", "cookies", "args", "form"}
    | {"values", "files", "json", "get_json", "data", "body", "query_params", "query_string"}
)
"""Parts of a request whoever sends it chooses (Django's, Flask's and DRF's)."""
_REQUEST_NAMES = frozenset({"request", "req"})
_BOUND = frozenset({"self", "cls"})

Walk = Callable[[ir.Block], Iterator[ir.Stmt]]


def filled_when_unset(function: ir.Function, walk: Walk) -> frozenset[ir.Pos]:
    """Where `function` saves a row's field in the arm of an `if` that finds it unset
    (`lookup_test.unset_field`), the arm setting no other field of the row and none to a
    value the request chooses, the save naming that field alone (`update_fields`, or a
    session's `commit()` in a function changing nothing else).
    `walk` gives a block's statements, nested ones too."""
    chosen = _chosen_locals(function, walk)
    found: set[ir.Pos] = set()
    for statement in walk(function.body):
        if not isinstance(statement, ir.If) or not statement.unset[0]:
            continue
        row, field, arm = statement.unset
        block = statement.body if arm == "then" else statement.orelse
        saves: list[ir.Pos] = []
        kept = True
        alone = _changes_only(function, walk, row, field)
        for inner in walk(block):
            match inner:
                case ir.Assign(targets=targets, value=value):
                    kept = kept and all(_fills(t, row, field, value, chosen) for t in targets)
                case ir.Eval(value=ir.Call() as call) if _saves_field(call, row, field) or (
                    alone and session_commit(call)
                ):
                    saves.append(call.pos)
        if kept:
            found.update(saves)
    return frozenset(found)


def _fills(target: ir.Target, row: str, field: str, value: ir.Expr, chosen: set[str]) -> bool:
    """Whether an assignment of the arm leaves the row as the fill allows: it binds a
    local other than the row, or sets the field to a value the request does not choose."""
    match target:
        case ir.TName(name=name):
            return name != row
        case ir.TAttr(value=ir.Local(name=name), attr=attr) if name == row:
            return attr == field and not _request_chosen(value, chosen)
    return True


def _changes_only(function: ir.Function, walk: Walk, row: str, field: str) -> bool:
    """Whether the function sets no attribute or item but `row.field`: SQLAlchemy's
    `session.commit()` then writes that field alone."""
    for statement in walk(function.body):
        if isinstance(statement, ir.Assign | ir.AugAssign):
            targets = statement.targets if isinstance(statement, ir.Assign) else (statement.target,)
            for target in targets:
                if isinstance(target, ir.TSub) or (
                    isinstance(target, ir.TAttr)
                    and not (
                        isinstance(target.value, ir.Local)
                        and target.value.name == row
                        and target.attr == field
                    )
                ):
                    return False
    return True


def _saves_field(call: ir.Call, row: str, field: str) -> bool:
    """`row.save(update_fields=["field"])`."""
    func = call.func
    if not (
        isinstance(func, ir.Attr)
        and func.attr == "save"
        and isinstance(func.value, ir.Local)
        and func.value.name == row
        and not call.args
    ):
        return False
    keywords = dict(call.keywords)
    written = keywords.get("update_fields")
    return (
        set(keywords) == {"update_fields"}
        and isinstance(written, ir.Seq)
        and written.elts == (ir.Const(field),)
    )


def _chosen_locals(function: ir.Function, walk: Walk) -> set[str]:
    """The function's parameters besides the request (a URL's parts) and the locals
    bound to what reads them or the request's own parts."""
    chosen = {p.name for p in function.params} - _BOUND - _REQUEST_NAMES
    statements = [s for s in walk(function.body) if isinstance(s, ir.Assign)]
    for _ in range(2):  # NOTE: a local bound from one bound later in a loop
        for statement in statements:
            if _request_chosen(statement.value, chosen):
                chosen.update(t.name for t in statement.targets if isinstance(t, ir.TName))
    return chosen


def _request_chosen(expr: ir.Expr, chosen: set[str]) -> bool:
    """Whether `expr` reads a part of the request its sender chooses or a local in
    `chosen`; any expression not followed here counts as chosen."""
    stack: list[ir.Expr] = [expr]
    while stack:
        match stack.pop():
            case ir.Const() | ir.Global() | ir.Free():
                pass
            case ir.Local(name=name):
                if name in chosen:
                    return True
            case ir.Attr(value=value, attr=attr):
                if attr in _REQUEST_PARTS:
                    return True
                stack.append(value)
            case ir.Call(func=func, args=args, keywords=keywords):
                stack.extend((func, *args, *(v for _, v in keywords)))
            case ir.Sub(value=value, index=index):
                stack.extend((value, index))
            case ir.Star(value=value) | ir.Walrus(value=value):
                stack.append(value)
            case ir.Union(values=values) | ir.Seq(elts=values) | ir.Clean(parts=values):
                stack.extend(values)
            case ir.Fmt(parts=parts):
                stack.extend(parts)
            case _:
                return True
    return False
