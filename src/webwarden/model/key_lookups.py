"""Lookups of the key a request sent among the records holding one (an API key, an
invitation's token): only a request with a key the app knows gets past a refusal of the
lookup that finds nothing."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from webwarden.model.record_reads import MANAGERS

_KEYED = re.compile(r"key|token|secret", re.IGNORECASE)
_RAISING_READS = frozenset({"one", "get_or_404", "first_or_404"})
"""Reads that raise when no record matches (SQLAlchemy's `one()`, Flask-SQLAlchemy's
`get_or_404()`), as Django's `objects.get()` does; not `first()`, which gives None."""


def looks_up_key(value: ast.expr, carried: Callable[[ast.expr], bool]) -> bool:
    """`Project.objects.for_api_key(api_key)`, `Token.objects.filter(key=sent).first()`,
    `ApiKey.query.filter_by(token=sent).first()`: a query of the records holding a key,
    given the key the request sent (`carried` says what holds it)."""
    calls = [n for n in ast.walk(value) if isinstance(n, ast.Call)]
    through_manager = any(
        isinstance(n, ast.Attribute) and n.attr in MANAGERS for n in ast.walk(value)
    )
    sent = any(carried(a) for c in calls for a in (*c.args, *(k.value for k in c.keywords)))
    return bool(calls) and through_manager and sent and bool(_KEYED.search(ast.unparse(value)))


def raising_lookup(statement: ast.Try, carried: Callable[[ast.expr], bool]) -> bool:
    """`try: invite = Invite.query.filter_by(hash=token).one()`: the `try` opens with a
    lookup of the sent key that raises when the app knows no such key (the caller then
    checks that every handler leaves the view; a `try` with none catches nothing)."""
    first = statement.body[0]
    if not statement.handlers:
        return False
    if not (isinstance(first, ast.Assign) and isinstance(first.value, ast.Call)):
        return False
    func = first.value.func
    if not isinstance(func, ast.Attribute):
        return False
    raising = func.attr in _RAISING_READS or (
        func.attr == "get"
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "objects"
    )
    return raising and looks_up_key(first.value, carried)


_NOT_FOUND_SHORTCUTS = frozenset({"get_object_or_404"})


def refusing_lookup(value: ast.expr, carried: Callable[[ast.expr], bool]) -> bool:
    """`get_object_or_404(Invite, token=sent)`: Django's shortcut answering 404 when no
    record holds the key sent (a keyword named for a key or token given what `carried`
    says holds it), so nothing after it runs for an unknown key."""
    if not isinstance(value, ast.Call) or not value.args:
        return False
    func = value.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return name in _NOT_FOUND_SHORTCUTS and any(
        keyword.arg is not None and _KEYED.search(keyword.arg) and carried(keyword.value)
        for keyword in value.keywords
    )
