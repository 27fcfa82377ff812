"""The requests a login-checking request hook lets through before its check: a hook
that returns early for some paths (`if request.path.startswith("/static"): return`) or
checks only the others (`if not current_user.is_authenticated and not
request.path.startswith("/login"):`) does not guard the routes under those paths."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.flask.path_words import holding, lacking
from webwarden.model.module import FileContext
from webwarden.model.tree import name_attribute

ENDPOINT = "endpoint:"
"""The prefix of an endpoint let through (`endpoint:login`), beside URL prefixes."""
EXACT = "="
"""The prefix of one whole path let through (`=/health`)."""
WRAP_VIEWS = "wrap_views"
"""The kind of a hook that is a loop wrapping each of the app's views in decorators
(`wrapped_views`): its `passes` are the endpoints the loop skips."""


def passes(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    """URL prefixes, whole paths (`EXACT` + path), words held anywhere in the path
    (`path_words.CONTAINS` + word) and endpoints (`ENDPOINT` + name) the hook lets
    through unchecked: an `if` that returns at once when the request is one of them, or
    an `if` that requires, beside its other conditions, that the request is none of them;
    at the top of its body or in a branch of another `if` (the session's check made in
    the `else` of one for an API key: a visitor sending no key takes that branch)."""
    return tuple(dict.fromkeys(_passed(ctx, function.body)))


def _passed(ctx: FileContext, statements: list[ast.stmt]) -> Iterator[str]:
    for statement in statements:
        if not isinstance(statement, ast.If):
            continue
        if _returns_at_once(statement.body):
            yield from _tested(ctx, statement.test)
        else:
            yield from _excluded(ctx, statement.test)
        yield from _passed(ctx, statement.body)
        yield from _passed(ctx, statement.orelse)


def _returns_at_once(body: list[ast.stmt]) -> bool:
    first = body[0] if body else None
    return isinstance(first, ast.Return) and (
        first.value is None or isinstance(first.value, ast.Constant)
    )


def _excluded(ctx: FileContext, test: ast.expr) -> Iterator[str]:
    """`a and not <path test>`: what the path test names is let through; also `a and
    <none of the words is in the path>` (`all(w not in request.path for w in PUBLIC)`)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        for value in test.values:
            if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not):
                yield from _tested(ctx, value.operand)
            else:
                yield from lacking(ctx, value)


def _tested(ctx: FileContext, test: ast.expr) -> list[str]:
    """The paths or endpoints a test is true for, when it is only a test of them (an
    `or` of them, or a local assigned one); else none."""
    if isinstance(test, ast.Name):
        value = ctx.lookup(test)
        return [] if value is None else _tested(ctx, value)
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        parts = [_tested(ctx, value) for value in test.values]
        return [p for part in parts for p in part] if all(parts) else []
    return _path_test(test) or _endpoint_test(test) or holding(ctx, test)


def _path_test(test: ast.expr) -> list[str]:
    """`request.path.startswith("/login")` (or a tuple of prefixes), `request.path ==
    "/login"`."""
    func = test.func if isinstance(test, ast.Call) else None
    if (
        isinstance(test, ast.Call)
        and isinstance(func, ast.Attribute)
        and func.attr == "startswith"
        and name_attribute(func.value, "request", "path")
        and test.args
    ):
        return _texts(test.args[0], "/")
    compared = _compared(test, "path", ast.Eq)
    return [EXACT + text for text in _texts(compared, "/")] if compared else []


def _endpoint_test(test: ast.expr) -> list[str]:
    """`request.endpoint in ("login", "static")`, `request.endpoint == "login"`."""
    compared = _compared(test, "endpoint", ast.In, ast.Eq)
    return [ENDPOINT + text for text in _texts(compared, "")] if compared else []


def _compared(test: ast.expr, attribute: str, *ops: type[ast.cmpop]) -> ast.expr | None:
    """What `request.<attribute> <op> X` compares the attribute with: X."""
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ops)
        and name_attribute(test.left, "request", attribute)
    ):
        return test.comparators[0]
    return None


def _texts(node: ast.expr, start: str) -> list[str]:
    """The string constants of a constant or a tuple, list or set of them, each starting
    with `start`; none when anything else is among them."""
    items = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]
    texts = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    if len(texts) != len(items) or not all(t.startswith(start) and t for t in texts):
        return []
    return texts
