"""What a function's return annotation says about the value it returns.

A typed project says what its helpers give back (`def recent(since) -> list[str]`).
Where the body's own value is not known (it returns what a client library's call gave,
`self.redis.zrange(...)`), the annotation still is: a list or a dict, which Flask sends
as JSON when a view returns it or hands it to `make_response` (a view's
`make_response(index.recent(day))` is no HTML page, whatever text the request chose).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.analysis.taint.annotation_types import single_type
from webwarden.analysis.taint.values import Value

ANNOTATED_LIST = "<annotated:list>"
ANNOTATED_DICT = "<annotated:dict>"
ANNOTATED_JSON = frozenset({ANNOTATED_LIST, ANNOTATED_DICT})
"""Kinds of a value a call returns whose function is annotated to return a list or a
dict: JSON to Flask's `make_response` and to a view's `return` (not to Django's
`HttpResponse` or werkzeug's `Response`, which write the items of an iterable)."""

_SHAPES = {
    "list": ANNOTATED_LIST,
    "builtins.list": ANNOTATED_LIST,
    "typing.List": ANNOTATED_LIST,
    "dict": ANNOTATED_DICT,
    "builtins.dict": ANNOTATED_DICT,
    "typing.Dict": ANNOTATED_DICT,
    "typing.OrderedDict": ANNOTATED_DICT,
    "collections.OrderedDict": ANNOTATED_DICT,
}

QUERYSET_OF = "<queryset>"
"""The prefix of the kept annotation of a function returning a Django queryset of one
model (`def visible_posts() -> QuerySet[Post]`), the model's qualified name after it."""
_QUERYSETS = frozenset({"django.db.models.QuerySet", "django.db.models.query.QuerySet"})


def queryset_model(returns: str) -> str:
    """The model a function kept as annotated `returns` gives a queryset of ("" if none)."""
    return returns.removeprefix(QUERYSET_OF) if returns.startswith(QUERYSET_OF) else ""


def return_type(annotation: ast.expr | None, qualify: Callable[[ast.expr], str | None]) -> str:
    """The return annotation as the lowering keeps it: `ANNOTATED_LIST` or
    `ANNOTATED_DICT` for a list or a dict of anything, `QUERYSET_OF` and the model's
    qualified name for Django's `QuerySet[Model]` (see `queryset_model`), "" for anything
    else (another type, a union of types, a string that does not parse). `X | None` and `Optional[X]`
    are `X`: a caller handed None gets no page either. `qualify` gives the qualified
    name of a name or attribute the module reads."""
    return _of(annotation, qualify, 0)


def _of(node: ast.expr | None, qualify: Callable[[ast.expr], str | None], depth: int) -> str:
    found = single_type(node, qualify, depth)
    if isinstance(found, ast.Subscript):
        if qualify(found.value) in _QUERYSETS and isinstance(found.slice, ast.Name | ast.Attribute):
            model = qualify(found.slice)
            return f"{QUERYSET_OF}{model}" if model else ""
        return _SHAPES.get(qualify(found.value) or "", "")
    if isinstance(found, ast.Name | ast.Attribute):
        return _SHAPES.get(qualify(found) or "", "")
    return ""


def with_annotation(returns: str, value: Value) -> Value:
    """What a call returns, its function annotated `returns`: of a list or dict
    annotation, the value given that kind when the body left it none, or only the name
    of the library call that made it (`self.redis.zrange(...)`); a display's, a
    project object's or the ORM's kind is kept."""
    if (
        returns in ANNOTATED_JSON
        and (value.taint or value.parts)
        and not value.kind.startswith(_KEPT_KINDS)
    ):
        return Value(value.taint, value.parts, returns)
    return value


_KEPT_KINDS = ("<", "cls:", "ref:", "super:")
