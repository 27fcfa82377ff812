"""Request data a view hands its template only where Django's URL check passed it.

`if prev and url_has_allowed_host_and_scheme(prev, allowed_hosts=...):
context["prev"] = prev` gives the template a path of the site or a URL of an allowed
host with an `http(s)` scheme: never `javascript:`, never another site. The check may
sit in a local the test reads (`safe = url_has_allowed_host_and_scheme(url=prev, ...)`,
then `if prev and safe:`).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence

from webwarden.model.module import FileContext
from webwarden.model.templates.pinned import under_test

URL_CHECKS = frozenset(
    {"django.utils.http.url_has_allowed_host_and_scheme", "django.utils.http.is_safe_url"}
)


def url_checked(
    ctx: FileContext,
    node: ast.Name,
    function: ast.AST | None,
    assignments: Mapping[str, Sequence[ast.expr]],
) -> bool:
    """Whether `node` is read in the body of an `if` of `function` whose test holds only
    when a URL check of its name passed (a conjunct of an `and`)."""
    return under_test(
        ctx, node, function, lambda test: _requires_check(ctx, test, node.id, assignments)
    )


def _requires_check(
    ctx: FileContext, test: ast.expr, name: str, assignments: Mapping[str, Sequence[ast.expr]]
) -> bool:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_requires_check(ctx, value, name, assignments) for value in test.values)
    if isinstance(test, ast.Name):
        assigned = assignments.get(test.id, ())
        return len(assigned) == 1 and _checks(ctx, assigned[0], name)
    return _checks(ctx, test, name)


def _checks(ctx: FileContext, call: ast.expr, name: str) -> bool:
    """`url_has_allowed_host_and_scheme(name, ...)` or `(url=name, ...)`."""
    if not isinstance(call, ast.Call) or ctx.call_name(call) not in URL_CHECKS:
        return False
    given = call.args[0] if call.args else ctx.keyword(call, "url")
    return isinstance(given, ast.Name) and given.id == name
