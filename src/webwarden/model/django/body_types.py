"""Tests of a Django request's content type that turn away every request a page on
another site can make a browser send.

A form sends its body as `application/x-www-form-urlencoded`, `multipart/form-data` or
`text/plain`, and a link or an image none; a script on another site sends any other
type (`application/json`) only past a CORS preflight the site allows. A view refusing
every request whose type is not one of the others answers only its own pages' scripts
and other programs, never a navigation another site started.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.module import FileContext

FORM_TYPES = frozenset(
    {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain", ""}
)
"""The types a form (or a link, with none) sends: CORS lets another site's page send
them without a preflight."""
_TYPE_HEADERS = frozenset({"content_type", "content-type", "http_content_type"})


def refuses_form_bodies(
    ctx: FileContext, test: ast.expr, reads_request: Callable[[ast.expr], bool]
) -> bool:
    """Whether `test` holds for every request whose content type is not one of a few
    that no form sends: `request.content_type != "application/json"`,
    `request.META.get("CONTENT_TYPE") not in JSON_TYPES`, `request.headers["Content-Type"]
    != ...`; `reads_request` tells the request from other names."""
    match test:
        case ast.Compare(left=left, ops=[ast.NotEq() | ast.NotIn() as op], comparators=[right]):
            pass
        case _:
            return False
    if not _reads_content_type(left, reads_request):
        return False
    allowed = ctx.evaluate(right)
    if isinstance(op, ast.NotEq):
        types = [allowed]
    elif isinstance(allowed, list | tuple):
        types = list(allowed)
    else:
        return False  # NOTE: `not in "application/json"` tests for a substring
    return bool(types) and all(isinstance(t, str) and _essence(t) not in FORM_TYPES for t in types)


def _essence(content_type: str) -> str:
    """`text/plain` of `text/plain; charset=utf-8`."""
    return content_type.split(";", 1)[0].strip().lower()


def _reads_content_type(node: ast.expr, reads_request: Callable[[ast.expr], bool]) -> bool:
    """`request.content_type`, or the header read from `request.META` or
    `request.headers` by subscript or by `.get(name)` without a default (a default would
    stand for a request sent without a type)."""
    match node:
        case ast.Attribute(attr="content_type", value=value):
            return reads_request(value)
        case ast.Subscript(value=ast.Attribute(attr=attr, value=value), slice=key):
            pass
        case ast.Call(
            func=ast.Attribute(attr="get", value=ast.Attribute(attr=attr, value=value)),
            args=[key],
            keywords=[],
        ):
            pass
        case _:
            return False
    return (
        attr in {"META", "headers"}
        and reads_request(value)
        and isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and key.value.lower() in _TYPE_HEADERS
    )
