"""Counts a view reads off Django's `Paginator`: whole numbers, whatever the rows hold.

`paginator = Paginator(rows, 10)` then `{"pn": paginator.num_pages}` hands the template
the number of the last page, and `paginator.count` the number of rows (an `int`, or
what the rows' own `count()` gives, a count too). A page's `number` is the page the
paginator validated: `page()` raises for anything but a whole number in range, and
`get_page()` falls back to the first or the last page.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.module import FileContext
from webwarden.model.templates.aggregates import Assignments

_PAGINATOR = "django.core.paginator.Paginator"
_PAGINATOR_COUNTS = frozenset({"num_pages", "count"})
_PAGE_METHODS = frozenset({"page", "get_page"})

_Maker = Callable[[FileContext, ast.expr, Assignments], bool]


def paginator_count(ctx: FileContext, value: ast.expr, assignments: Assignments) -> bool:
    """Whether `value` reads `num_pages` or `count` of a Django `Paginator` (made there,
    `Paginator(rows, 10).num_pages`, or held by a local every assignment of which makes
    one), or `number` of a page such a paginator's `page()` or `get_page()` gives."""
    if not isinstance(value, ast.Attribute):
        return False
    if value.attr in _PAGINATOR_COUNTS:
        return _made_by(ctx, value.value, assignments, _paginator)
    if value.attr == "number":
        return _made_by(ctx, value.value, assignments, _page)
    return False


def _made_by(ctx: FileContext, held: ast.expr, assignments: Assignments, makes: _Maker) -> bool:
    """Whether `held` is made by what `makes` tells, itself or as every value a local
    holding it is assigned."""
    if isinstance(held, ast.Name):
        assigned = assignments(held.id)
        return bool(assigned) and all(makes(ctx, each, assignments) for each in assigned)
    return makes(ctx, held, assignments)


def _paginator(ctx: FileContext, node: ast.expr, _: Assignments) -> bool:
    return isinstance(node, ast.Call) and ctx.call_name(node) == _PAGINATOR


def _page(ctx: FileContext, node: ast.expr, assignments: Assignments) -> bool:
    """`paginator.page(n)` or `paginator.get_page(n)` of a Django `Paginator`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _PAGE_METHODS
        and _made_by(ctx, node.func.value, assignments, _paginator)
    )
