"""Exceptions whose message holds request data: the text a parser failed on, or what the
code raised.

`int("<b>x</b>")` raises `ValueError("invalid literal for int() with base 10:
'<b>x</b>'")`: an `except ValueError as err:` that answers `str(err)` writes the request's
text back (`HttpResponseBadRequest(f"Bad date: {err}")`, HTML by default); so does
`raise ValueError(f"Unknown sort key: {key}")` of a key the request sent. The text is
caught by the nearest `try` of the function (its handler's name holds it), or, when it
leaves in no `try`, by its callers' (the function's summary keeps the parameters that
reached it under `RAISES`). Which exceptions a handler takes is read only for a builtin
class raised by name (`raise Exception(f"unsupported: {q}")`) and for Django's
`ValidationError`: a handler that names only other classes, none of them a base of it
(`except ESError:`; a class of the project or of another library cannot be the base of a
builtin one, nor of Django's), lets it pass to the next `try` out, or to the callers, and
of one `try` only the handlers before the first that surely takes it get it (`except
ValueError:` before `except PermissionDenied as err:` leaves `err` clean). The error of a
standard parser that raises `ValueError` itself (`int()`, `strptime()`) is read as that
class. Any other exception (`raise err`, a class of the project) is taken to be caught by
the nearest handler, whatever it names.
"""

from __future__ import annotations

import builtins
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

VALUE_ERROR_PARSERS = QUOTING_PARSERS - {
    "ipaddress.IPv4Address",
    "ipaddress.IPv6Address",
    "dateutil.parser.parse",
    "dateutil.parser.isoparse",
}
"""The quoting parsers whose error is a `ValueError` itself, not a subclass of it (the
`AddressValueError` of `IPv4Address`, dateutil's `ParserError`), which a handler naming
the subclass would take."""


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
        kind = "ValueError" if name in VALUE_ERROR_PARSERS else ""
        raised(interp, node.pos, extend(text, step), kind)


BUILTIN_ALIASES = {
    "socket.error": "OSError",
    "select.error": "OSError",
    "os.error": "OSError",
    "asyncio.TimeoutError": "TimeoutError",
    "concurrent.futures.TimeoutError": "TimeoutError",
}
"""Library names of builtin exception classes."""


def builtin_exception(name: str | None) -> type[BaseException] | None:
    """The builtin exception class a qualified name is (`ValueError`,
    `builtins.KeyError`, `socket.error`), or None."""
    if not name:
        return None
    name = BUILTIN_ALIASES.get(name, name).removeprefix("builtins.")
    found = getattr(builtins, name, None)
    if isinstance(found, type) and issubclass(found, BaseException):
        return found
    return None


DJANGO_VALIDATION_ERROR = "django.core.exceptions.ValidationError"
"""The error a Django form's or model's `clean()` raises, which the form (`full_clean()`)
catches and keeps among its errors."""


FORM_RUN = ir.Local("<form>")
"""The receiver of a form's `clean_<field>()` and `clean()` when Django's form runs them
(`cleaned_data` read): the `ValidationError` they raise becomes one of the form's errors,
it does not leave `is_valid()`."""


def django_validation_error(name: str | None) -> bool:
    """Whether a qualified name is Django's `ValidationError` (`django.forms` and
    `django.core.validators` import it from `django.core.exceptions`)."""
    return bool(
        name
        and name.startswith(("django.core.", "django.forms."))
        and name.rpartition(".")[2] == "ValidationError"
    )


def raised_class(value: ir.Expr) -> str:
    """The class a `raise` makes by name when it is a builtin one (`raise ValueError(...)`,
    `raise KeyError`) or Django's `ValidationError`, or ""."""
    named = value.callee if isinstance(value, ir.Call) else None
    if isinstance(value, ir.Global):
        named = value.name
    if django_validation_error(named):
        return DJANGO_VALIDATION_ERROR
    return named if named and builtin_exception(named) is not None else ""


def may_catch(kind: str, classes: tuple[str, ...] | None) -> bool:
    """Whether a handler naming `classes` (None: any) may take a `kind` exception (""
    when the class is not known)."""
    if classes is None:
        return True
    if kind == DJANGO_VALIDATION_ERROR:
        # NOTE: its one base is `Exception`; a name not resolved (no module) may be it.
        return any(
            django_validation_error(name)
            or builtin_exception(name) in {Exception, BaseException}
            or ("." not in name and builtin_exception(name) is None)
            for name in classes
        )
    exception = builtin_exception(kind)
    if exception is None:
        return True
    for name in classes:
        handled = builtin_exception(name)
        if handled is not None and issubclass(exception, handled):
            return True
    return False


def surely_catches(kind: str, classes: tuple[str, ...] | None) -> bool:
    """Whether a handler naming `classes` takes every `kind` exception ("" when the class
    is not known, which `except Exception:` is taken to take), so later ones get none."""
    if classes is None:
        return True
    exception = builtin_exception(kind) or Exception
    if kind == DJANGO_VALIDATION_ERROR and any(map(django_validation_error, classes)):
        return True
    return any(
        (handled := builtin_exception(name)) is not None and issubclass(exception, handled)
        for name in classes
    )


def _takers(kind: str, taken: tuple[tuple[str, ...] | None, ...]) -> list[int]:
    """The handlers of one `try` (by index) that may take a `kind` exception: those that
    may, up to the first that surely does."""
    takers = []
    for index, classes in enumerate(taken):
        if may_catch(kind, classes):
            takers.append(index)
            if surely_catches(kind, classes):
                break
    return takers


def raised(interp: Interpreter, pos: ir.Pos, taint: Taint, kind: str = "") -> None:
    """An exception holding `taint` leaves at `pos` (a failed parse, or `raise
    ValueError(f"unknown sort {key}")`; `kind` its builtin class when known): the handlers
    of the nearest `try` of the function that may take it get it, or its callers do."""
    if not taint:
        return
    for level in range(len(interp.catching) - 1, -1, -1):
        slots = interp.catching[level]
        taken = interp.catchers[level]
        takers = _takers(kind, taken) if taken else list(range(len(slots)))
        if takers:
            for index in takers:
                slots[index] = union(slots[index], taint)
            return
    params = symbolic(taint)
    if params:
        key = (RAISES, interp.relpath, pos[0], pos[1])
        previous = interp.summary.sinks.get(key)
        merged = params if previous is None else union(previous[1], params)
        interp.summary.sinks[key] = (kind, merged)


def caught(interp: Interpreter, taint: Taint, name: str, handler: ir.Block) -> Value:
    """What a handler's name holds: the text its `try` caught quoted (`taint`)."""
    if not taint:
        return CLEAN
    where: ir.Pos | None = getattr(handler[0], "pos", None) if handler else None
    return Value(extend(taint, interp.step(f"caught as `{name}`", where)))
