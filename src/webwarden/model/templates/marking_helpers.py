"""Functions that return their input marked safe, and the filters of other modules that
hand their input to one (`def markdown(value): return markdownit(value)`, with
`markdownit` returning `Markup(md.render(content))` in a helpers module): such a filter
marks its input safe as surely as one calling `Markup` itself (WW552)."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable, Iterable

from webwarden.model.function_returns import function_returns
from webwarden.model.module import FileContext
from webwarden.model.names import last_part
from webwarden.model.templates.facts import FilterDefFact, MarkingFunction
from webwarden.model.templates.safe_marking import (
    SAFE_MARKERS,
    SANITISER_NAME,
    Function,
    marks_input_safe,
    module_escapers,
)

_ESCAPER_NAME = re.compile(r"^(?!.*unescape).*escape", re.IGNORECASE)
"""A function named for escaping (`escapejson`, `escape_html`; not `unescape_html`),
taken at its word as one named for cleaning is (`SANITISER_NAME`): a JSON escaper marks
safe text it translated through a table of `\\u003C`-style escapes for a `<script>`,
which webwarden does not read as escaping."""


def marking_functions(ctx: FileContext) -> tuple[MarkingFunction, ...]:
    """The module's top-level functions that return a parameter marked safe unescaped
    (read only in modules naming a marking call), bar those named for escaping or
    cleaning."""
    if not any(ctx.holds(marker) for marker in SAFE_MARKERS):
        return ()
    functions = {n.name: n for n in ctx.tree.body if isinstance(n, Function)}
    if not functions:
        return ()
    tables = module_escapers(ctx.tree, ctx.evaluate, ctx.nodes(ast.ImportFrom))
    returns = function_returns(ctx).returns
    found = []
    for name, function in functions.items():
        if _ESCAPER_NAME.match(name) or SANITISER_NAME.match(name.lower()):
            continue
        if not _returns_marked(returns.get(id(function), [])):
            continue
        marker, raw = marks_input_safe(function, functions, tables, qualify=ctx.qualified)
        if marker and raw:
            args = function.args
            params = tuple(a.arg for a in (*args.posonlyargs, *args.args))
            found.append(MarkingFunction(name, ctx.location(function), marker, params, raw))
    return tuple(found)


def _returns_marked(returns: list[ast.Return]) -> bool:
    """Whether a `return` of the function calls a marking call (`return Markup(...)`):
    the screen before `marks_input_safe`, which follows locals and helpers."""
    return any(
        node.value is not None
        and any(
            isinstance(call, ast.Call) and _called(call) in SAFE_MARKERS
            for call in ast.walk(node.value)
        )
        for node in returns
    )


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def returns_given(ctx: FileContext, function: Function, callee: str) -> tuple[str, ...]:
    """How a filter hands its parameters to `callee` in what it returns (`slot=param`:
    `0=value` for `return markdownit(value)`, `text=value` for a keyword)."""
    args = function.args
    params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    short = last_part(callee)
    for node in ast.walk(function):
        call = node.value if isinstance(node, ast.Return) else None
        if not isinstance(call, ast.Call) or _called(call) != short:
            continue
        slots = [(str(i), a) for i, a in enumerate(call.args)]
        slots += [(k.arg, k.value) for k in call.keywords if k.arg]
        return tuple(
            f"{slot}={value.id}"
            for slot, value in slots
            if isinstance(value, ast.Name) and value.id in params
        )
    return ()


def resolve_marking(
    filters: dict[str, list[FilterDefFact]],
    marking: dict[str, MarkingFunction],
    origin: Callable[[str], str],
) -> None:
    """Mark as marking its input safe each filter returning what a function of another
    module returns marked safe, given the parameters that function writes unescaped
    (`origin`: where a re-exported name is defined)."""
    for name, definitions in filters.items():
        filters[name] = [_resolved(d, marking, origin) for d in definitions]


def _resolved(
    definition: FilterDefFact,
    marking: dict[str, MarkingFunction],
    origin: Callable[[str], str],
) -> FilterDefFact:
    if definition.marks_safe or not definition.returns_of:
        return definition
    helper = marking.get(definition.returns_of) or marking.get(origin(definition.returns_of))
    if helper is None:
        return definition
    raw = tuple(_bound(definition.returns_given, helper))
    if not raw:
        return definition
    return dataclasses.replace(
        definition,
        marks_safe=True,
        marker=f"{helper.name}(...)",
        raw=raw,
        escapes_output=False,
        marked_in=helper,
    )


def _bound(given: Iterable[str], helper: MarkingFunction) -> Iterable[str]:
    """The filter's parameters handed to a parameter the helper writes unescaped."""
    for entry in given:
        slot, _, param = entry.partition("=")
        if slot.isdigit():
            index = int(slot)
            slot = helper.params[index] if index < len(helper.params) else ""
        target = slot
        if target in helper.raw:
            yield param
