"""What the arm of a failed `isinstance(x, str)` holds: never text a request sent.

Form fields, query parameters, cookies, headers and URL parameters are read as text, so
the arm of `if isinstance(res_id, str): ... else: res = res_id` that takes anything
else (a helper accepting a key or the row itself, `authorize(request, res_id)` then
`res = res_id`) never holds such a read: what it returns there is the caller's row.
Request data that is not text (a JSON body, a list of values, an upload) still goes
there, and stays request data, except as a field name: a loop's item that is no text
(`for key in ordering: if not isinstance(key, str): result.append(key)`) is an
expression the code built (`Lower("name")`), as a query takes it, or data a query
refuses as a field name (a number, a list, a dict: Django names fields by text only);
handed on as one item, not spread, it names no field a client chose (`LOOKUPS`).
"""

from __future__ import annotations

import re

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import ALL_KINDS, LOOKUPS, Origin, Value

NOT_TEXT_IF = "<not-text-if>"
"""Prefix of a mark a failed `isinstance(param, str)` puts on the parameter as it was
given (`NOT_TEXT_IF + "res_id"`): safe for every kind when the caller passes request text
as it was read; binding the call resolves it, so no mark outlives its function."""

_TEXT_READ = re.compile(
    r"`(?:self\.)?request\.(?:GET|POST|COOKIES|META|headers|query_params|args|form|values|cookies)"
    r"(?:\.get\(|\[)"
)
"""A single value read from Django's `QueryDict`s, cookies, headers or Flask's
`MultiDict`s: text (not `getlist()`, and not DRF's `request.data` or Flask's JSON,
which may hold any JSON value)."""
_URL_PARAMETER = "URL parameter `"


def not_text_kinds(value: Value | None, *, item: bool = False) -> frozenset[str]:
    """What a failed `isinstance(x, str)` makes `value` (x as it was read or given) safe
    for: every kind for request text as read, a mark for a parameter as given (resolved
    when the call is bound), nothing for anything else; `LOOKUPS` besides when `x` is a
    loop's item (`item`)."""
    named = frozenset({LOOKUPS}) if item else frozenset()
    origin = _as_given(value)
    if origin is None:
        return named
    if origin.kind == "param" and not origin.path:
        return frozenset({NOT_TEXT_IF + origin.name}) | named
    if text_read(origin):
        return ALL_KINDS
    return named


def text_read(origin: Origin) -> bool:
    """Whether `origin` is a read of request text: a URL parameter, or one value of the
    query string, the form, a header or a cookie (never an upload, whatever is made of it)."""
    return origin.kind == "source" and (
        origin.text.startswith(_URL_PARAMETER) or _TEXT_READ.match(origin.text) is not None
    )


def _as_given(value: Value | None) -> Origin | None:
    """The one origin of a value holding data as it was read or given, nothing made of it
    (a URL parameter keeps the marks its router gives it)."""
    if value is None or value.parts or value.kind or len(value.taint) != 1:
        return None
    ((label, trace),) = value.taint.items()
    return label.origin if len(trace.steps) <= 1 else None


def divides_by_text(divisor: Value) -> bool:
    """Whether `x / divisor` divides by request text as it was read: no number divides by
    a string, so `x` is a path (`project.output_path / name`) and so is what it makes."""
    origin = _as_given(divisor)
    return origin is not None and text_read(origin)


def built_text(node: ir.Expr) -> bool:
    """Whether `node` can only be a string: an f-string, a `%` format of constant text,
    or a `+` with constant text (`name + ".json"`; a number plus text raises). What
    `x / node` divides is then a path (`root / (name + ".json")`), as with `divides_by_text`."""
    if not isinstance(node, ir.Fmt):
        return False
    if node.kind == "f-string":
        return True
    texts = [isinstance(p, ir.Const) and isinstance(p.value, str) for p in node.parts]
    return texts[0] if node.kind == "%" else any(texts)
