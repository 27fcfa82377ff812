"""The functions the project connects to Django signals: what a signal's `send()` runs.

`@receiver(application_posted)` above a module's function (also `@receiver([a, b])`), or
`application_posted.connect(create_application)` in a module's body: Django calls each
receiver of a signal, in the request, when the code sends it
(`application_posted.send(sender=None, ...)`). Each pair is kept as the module names the
signal (its qualified name) and the receiving function's qualified name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext

SIGNAL_RECEIVER_FACTS = "django-signal-receivers"

Receivers = tuple[tuple[str, str], ...]
"""(signal, receiving function), both qualified names."""

_RECEIVER_DECORATORS = frozenset(
    {"django.dispatch.receiver", "django.dispatch.dispatcher.receiver"}
)


def extract_signal_receivers(ctx: FileContext) -> Receivers | None:
    """The module's functions connected to a signal, by decorator or `connect()`."""
    if not (ctx.holds("receiver") or ctx.holds("connect")):
        return None
    found = (*_decorated(ctx), *_connected(ctx))
    return tuple(dict.fromkeys(found)) or None


def _decorated(ctx: FileContext) -> Iterator[tuple[str, str]]:
    for statement in ctx.tree.body:
        if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in statement.decorator_list:
            if not (
                isinstance(decorator, ast.Call)
                and decorator.args
                and ctx.call_name(decorator) in _RECEIVER_DECORATORS
            ):
                continue
            given = decorator.args[0]
            signals = given.elts if isinstance(given, ast.List | ast.Tuple) else [given]
            for signal in signals:
                name = _signal(ctx, signal)
                if name:
                    yield name, _qualname(ctx, statement.name)


def _connected(ctx: FileContext) -> Iterator[tuple[str, str]]:
    """`signal.connect(handler, ...)` in the module's body, `handler` one of its functions."""
    for statement in ctx.tree.body:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "connect"
            and call.args
            and isinstance(call.args[0], ast.Name)
            and ctx.module_function(call.args[0].id) is not None
        ):
            continue
        name = _signal(ctx, call.func.value)
        if name:
            yield name, _qualname(ctx, call.args[0].id)


def _signal(ctx: FileContext, node: ast.expr) -> str | None:
    """The signal's qualified name; one the module itself defines (`posted = Signal()`)
    named with the module, as other modules import it."""
    name = ctx.qualified(node)
    if isinstance(node, ast.Name) and node.id not in ctx.names.aliases:
        return _qualname(ctx, node.id)
    return name


def _qualname(ctx: FileContext, name: str) -> str:
    return f"{ctx.module}.{name}" if ctx.module else name
