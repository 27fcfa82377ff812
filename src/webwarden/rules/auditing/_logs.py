"""Calls that write what they are given to a log, the console or an error tracker."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.caller_checks import LOG_LEVELS, called_helper
from webwarden.rules.context import FileContext, identifier_words

_LEVELS = LOG_LEVELS | {"log"}
_REPORTERS = frozenset(
    {"print", "builtins.print", "pprint.pprint", "pprint.pp", "sentry_sdk.capture_message"}
)
_LOGGER_WORDS = frozenset({"log", "logger", "logging", "structlog", "loguru"})
_TEXT_CALLS = frozenset({"str", "repr", "builtins.str", "builtins.repr"})
LOG_CALLS = frozenset({*(f".{level}" for level in _LEVELS), *_REPORTERS})
"""What a rule judging log calls asks the engine for (see `PythonRule.calls`)."""


def writes_log(ctx: FileContext, call: ast.Call) -> bool:
    """`logger.info(...)`, `logging.warning(...)`, `app.logger.debug(...)`, `print(...)`,
    `pprint(...)`, `sentry_sdk.capture_message(...)`."""
    if ctx.call_name(call) in _REPORTERS:
        return True
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _LEVELS:
        return False
    receiver = func.value
    qualified = ctx.qualified(receiver) or ""
    if qualified.split(".")[0] in _LOGGER_WORDS:
        return True
    if isinstance(receiver, ast.Name):
        made = ctx.scopes.made_by(receiver)
        if isinstance(made, ast.Call) and (ctx.call_name(made) or "").endswith(
            ("getLogger", "get_logger")
        ):
            return True
    name = receiver.attr if isinstance(receiver, ast.Attribute) else None
    if isinstance(receiver, ast.Name):
        name = receiver.id
    return name is not None and bool(_LOGGER_WORDS & set(identifier_words(name)))


def helper_called(
    ctx: FileContext, func: ast.expr
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function a call of `func` runs: a method of the class around the call, or the
    function `name` (`caller_checks.called_helper`)."""
    owner = ctx.parent(func)
    while owner is not None and not isinstance(owner, ast.ClassDef):
        owner = ctx.parent(owner)
    return called_helper(ctx, func, owner)


def carried_parts(node: ast.expr) -> Iterator[ast.expr]:
    """`node` and what it writes whole into a log message: the parts of an f-string, a
    `%` or `+`, `.format()`, `str()`, a tuple, list or dict."""
    match node:
        case ast.JoinedStr(values=values):
            for value in values:
                if isinstance(value, ast.FormattedValue):
                    yield from carried_parts(value.value)
        case ast.BinOp(op=ast.Mod() | ast.Add(), left=left, right=right):
            yield from carried_parts(left)
            yield from carried_parts(right)
        case ast.Tuple(elts=elts) | ast.List(elts=elts):
            for element in elts:
                yield from carried_parts(element)
        case ast.Dict(values=values):
            for value in values:
                yield from carried_parts(value)
        case ast.Call(func=ast.Attribute(attr="format"), args=args, keywords=keywords):
            for argument in (*args, *(k.value for k in keywords)):
                yield from carried_parts(argument)
        case ast.Call(func=ast.Name(id=name), args=[argument]) if name in _TEXT_CALLS:
            yield from carried_parts(argument)
        case _:
            yield node
