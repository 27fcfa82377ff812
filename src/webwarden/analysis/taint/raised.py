"""Exceptions whose message holds request data: the text a parser failed on, or what the
code raised.

`int("<b>x</b>")` raises `ValueError("invalid literal for int() with base 10:
'<b>x</b>'")`: an `except ValueError as err:` that answers `str(err)` writes the request's
text back (`HttpResponseBadRequest(f"Bad date: {err}")`, HTML by default); so does
`raise ValueError(f"Unknown sort key: {key}")` of a key the request sent. The text is
caught by the nearest `try` of the function (its handler's name holds it), or, when it
leaves in no `try`, by its callers' (the function's summary keeps the parameters that
reached it under `RAISES`). Which exceptions a handler takes is not read: one that names
the wrong class is taken to catch it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import CLEAN, Taint, Value, extend, symbolic, union

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Keywords
    from webwarden.analysis.taint.interpret import Interpreter

RAISES = "<raises>"
"""Summary sink key of the parameters an exception leaving the function may hold."""

QUOTING_PARSERS = frozenset(
    {
        "int",
        "float",
        "datetime.datetime.strptime",
        "datetime.datetime.fromisoformat",
        "datetime.date.fromisoformat",
        "datetime.time.fromisoformat",
        "time.strptime",
        "ipaddress.ip_address",
        "ipaddress.ip_network",
        "ipaddress.ip_interface",
        "ipaddress.IPv4Address",
        "ipaddress.IPv6Address",
        "dateutil.parser.parse",
        "dateutil.parser.isoparse",
    }
)
"""Parsers whose error message holds the text they were given (as `repr`)."""


LISTED_VALUES = "<listed-values>"
"""A mapping of each key to the list of values sent under it (Werkzeug's
`to_dict(flat=False)`)."""
VALUE_LIST = "<value-list>"
"""One list of `LISTED_VALUES`: `int()` of it fails with a `TypeError` that names the
type, not the values."""


def listed(keywords: Keywords) -> bool:
    """`to_dict(flat=False)`: each key's list of values, not its first value."""
    return any(
        name == "flat" and isinstance(expr, ir.Const) and expr.value is False
        for name, expr, _ in keywords
    )


def parse_failed(interp: Interpreter, node: ir.Call, name: str, given: Value) -> None:
    """A call of a quoting parser (`name`) given `given`: its exception may quote it."""
    if given.kind != VALUE_LIST and (text := given.whole()):
        step = interp.step(f"quoted by the error of `{name}()`")
        raised(interp, node.pos, extend(text, step))


def raised(interp: Interpreter, pos: ir.Pos, taint: Taint) -> None:
    """An exception holding `taint` leaves at `pos` (a failed parse, or `raise
    ValueError(f"unknown sort {key}")`): the nearest `try` of the function gets it, or
    its callers do."""
    if not taint:
        return
    if interp.catching:
        interp.catching[-1] = union(interp.catching[-1], taint)
        return
    params = symbolic(taint)
    if params:
        key = (RAISES, interp.relpath, pos[0], pos[1])
        previous = interp.summary.sinks.get(key)
        merged = params if previous is None else union(previous[1], params)
        interp.summary.sinks[key] = ("", merged)


def caught(interp: Interpreter, taint: Taint, name: str, handler: ir.Block) -> Value:
    """What a handler's name holds: the text its `try` caught quoted (`taint`)."""
    if not taint:
        return CLEAN
    where: ir.Pos | None = getattr(handler[0], "pos", None) if handler else None
    return Value(extend(taint, interp.step(f"caught as `{name}`", where)))
