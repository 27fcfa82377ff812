"""Forms and serializers bound to the query string, whose validation a GET passes.

`if form.is_valid():` tells a submission from a GET when the form holds the posted body
(`Form(request.POST)`): on a GET it is unbound and invalid. Bound to what the URL holds
(`SearchForm(request.GET)`, `EmailSerializer(data={"email": request.GET.get("email")})`),
it validates what a link sends, and what it guards runs on a GET.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from webwarden.analysis.taint import ir

_QUERY = frozenset({"GET", "args", "query_params"})
"""Django's `request.GET`, Flask's `request.args`, REST framework's `request.query_params`."""
VALIDATIONS = frozenset({"is_valid", "validate"})
"""The methods of a Django form or DRF serializer, and of a WTForms form, that validate
what the object was bound to."""


def query_bound(
    statements: Iterable[ir.Stmt], submitted: Callable[[ir.Expr], bool]
) -> frozenset[str]:
    """The locals a function binds to a form or serializer made of the query string
    alone (`submitted` says whether an expression reads the posted body, which makes
    it no such object)."""
    read: set[str] = set()
    bound: set[str] = set()
    for statement in statements:
        if not isinstance(statement, ir.Assign):
            continue
        value = statement.value
        if not _reads_query(value, read) or submitted(value):
            continue
        targets = {t.name for t in statement.targets if isinstance(t, ir.TName)}
        if isinstance(value, ir.Call) and value.callee is not None:
            bound |= targets  # NOTE: a class made of the query: `Form(request.GET)`
        else:
            read |= targets
    return frozenset(bound)


def is_query_validation(expr: ir.Expr, bound: frozenset[str]) -> bool:
    """`form.is_valid()` on a form `query_bound` found."""
    match expr:
        case ir.Call(func=ir.Attr(value=ir.Local(name=name), attr=attr)):
            return attr in VALIDATIONS and name in bound
    return False


def _reads_query(expr: ir.Expr, read: set[str]) -> bool:
    stack = [expr]
    while stack:
        current = stack.pop()
        match current:
            case ir.Local(name=name) if name in read:
                return True
            case ir.Attr(value=value, attr=attr):
                if attr in _QUERY:
                    return True
                stack.append(value)
            case ir.Call(func=func, args=args, keywords=keywords):
                stack.append(func)
                stack.extend(args)
                stack.extend(v for _, v in keywords)
            case ir.Sub(value=value) | ir.Star(value=value):
                stack.append(value)
            case ir.DictE(values=values) | ir.Seq(elts=values) | ir.Union(values=values):
                stack.extend(values)
            case ir.Fmt(parts=parts) | ir.Clean(parts=parts):
                stack.extend(parts)
    return False
