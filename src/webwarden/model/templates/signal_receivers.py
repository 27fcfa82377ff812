"""What the receivers of a Django signal return, for a tag marking their answers safe (WW552).

A plug-in point written with Django's signals: a simple tag sends the signal
(`results = page_extras.send(sender=..., **kwargs)`) and marks safe the joined answers
(`mark_safe("".join(html for _, html in results))`). What it marks is what each receiver
returns, not the arguments it hands them: the tag writes nothing unescaped when every
receiver the project connects with `@receiver(page_extras)` returns escaped or rendered
HTML (`render_to_string(...)`, `format_html(...)`, `""`). Each receiver is judged in
its own module (`receiver_verdicts`), keyed by the signal's qualified name
(`signal_key`); the tag's module names the signal it sends (`sent_signal`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping

from webwarden.model.module import FileContext

SIGNAL_PREFIX = "signal:"
_SENDS = frozenset({"send", "send_robust"})
_RECEIVERS = frozenset({"django.dispatch.receiver", "django.dispatch.dispatcher.receiver"})
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def signal_key(signal: str) -> str:
    """The name under which the answers of the signal's receivers are judged
    (`signal:app.signals.page_extras`), beside the project's method names."""
    return f"{SIGNAL_PREFIX}{signal}"


def sent_signal(
    call: ast.Call, qualify: Callable[[ast.AST], str | None], local: Callable[[str], bool]
) -> str | None:
    """The qualified name of the signal `call` sends (`page_extras.send(...)`,
    `signals.page_extras.send_robust(...)`), a module-level object named through the
    module's imports; None for any other call, or one on a name `local` says is a
    parameter or a local of the function (an object webwarden does not know)."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in _SENDS):
        return None
    root = func.value
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name) or local(root.id):
        return None
    name = qualify(func.value)
    return name if name and "." in name else None


def receiver_verdicts(
    ctx: FileContext,
    returns: Mapping[int, list[ast.expr | None]] | None,
    judge: Callable[[_Function, list[ast.expr | None]], bool],
) -> Iterator[tuple[str, bool]]:
    """(`signal_key`, whether it returns escaped HTML) for each signal each function of
    the module receives through Django's `@receiver(signal)` (or a list of signals):
    `judge` decides on the function's `return`s (none: not escaped HTML). Nothing is
    judged when `returns` is None (the module names no escaping call)."""
    if not ctx.holds("receiver"):
        return
    for node in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef):
        assert isinstance(node, _Function)  # noqa: S101 - asked for functions
        for decorator in node.decorator_list:
            if not isinstance(decorator, ast.Call) or not decorator.args:
                continue
            if ctx.call_name(decorator) not in _RECEIVERS:
                continue
            given = decorator.args[0]
            signals = given.elts if isinstance(given, ast.List | ast.Tuple) else [given]
            returned = [] if returns is None else returns.get(id(node), [])
            verdict = bool(returned) and judge(node, returned)
            for signal in signals:
                name = ctx.qualified(signal)
                if name:
                    yield signal_key(name), verdict
