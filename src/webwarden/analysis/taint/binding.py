"""Applying a callee's summary at a call: bind arguments to parameters, then replace the
parameter symbols of the summary by what the caller passed, joining the traces."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import REQUEST_ATTRIBUTES, REQUEST_METHODS
from webwarden.analysis.taint.values import (
    MAX_DEPTH,
    MAX_LABELS,
    MAX_PATH,
    MAX_STEPS,
    Label,
    Origin,
    Step,
    Taint,
    Trace,
    Value,
    approximate,
    union,
)

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords
    from webwarden.analysis.taint.index import Located
    from webwarden.analysis.taint.interpret import Interpreter
    from webwarden.analysis.taint.objects import ObjectModel
    from webwarden.analysis.taint.state import Env

StepFor = Callable[[str], Step]
_BOUND_KINDS = frozenset({"method", "classmethod", "property"})


def bind(
    function: ir.Function, args: Args, keywords: Keywords, receiver: Value | None
) -> dict[str, Value]:
    """Parameter -> argument value (the receiver binds the first parameter of a method)."""
    positional = [p.name for p in function.params if p.kind == "pos"]
    binding: dict[str, Value] = {}
    index = 0
    if receiver is not None and function.kind in _BOUND_KINDS and positional:
        binding[positional[0]] = receiver
        index = 1
    extra: list[Value] = []
    for node, value in args:
        if isinstance(node, ir.Star):
            spread = Value(approximate(value.whole()))
            for name in positional[index:]:
                binding[name] = spread
            index = len(positional)
            extra.append(spread)
        elif index < len(positional):
            binding[positional[index]] = value
            index += 1
        else:
            extra.append(value)
    for param in function.params:
        if param.kind == "vararg" and extra:
            binding[param.name] = Value(union(*(v.whole() for v in extra)), kind="<tuple>")
    named = {p.name for p in function.params if p.kind in {"pos", "kwonly"}}
    kwarg = next((p.name for p in function.params if p.kind == "kwarg"), None)
    extra_keywords: dict[str, Value] = {}
    for key, _, value in keywords:
        if key is None:
            spread = Value(approximate(value.whole()))
            for name in named - binding.keys():
                binding[name] = spread
            if kwarg is not None:
                binding[kwarg] = spread
        elif key in named:
            binding[key] = value
        elif kwarg is not None:
            extra_keywords[f"[{key}]"] = value
    if kwarg is not None and extra_keywords:
        binding[kwarg] = Value(parts=extra_keywords, kind="<dict>")
    return binding


def _cap(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    return steps if len(steps) <= MAX_STEPS else steps[:4] + steps[-(MAX_STEPS - 4) :]


def _request_read(trace: Trace, path: tuple[str, ...], relpath: str) -> tuple[Label, Trace] | None:
    """A parameter's attribute read in the callee is a source when the caller passed the
    request object (`def helper(req): req.GET[...]`)."""
    name = path[0][1:].removesuffix("()")
    if name not in REQUEST_ATTRIBUTES and name not in REQUEST_METHODS:
        return None
    read = trace.steps[0] if trace.steps else Step(relpath, 1, 1, "")
    text = read.note.removesuffix(" read") or f"`request.{name}`"
    origin = Origin("source", f"{read.relpath}:{read.line}:{read.column}:{text}", text=text)
    return Label(origin), trace


def read_path(argument: Value, path: tuple[str, ...]) -> Taint:
    """What reading `path` (`.attr`, `[key]`, ...) from the argument gives."""
    value = argument
    for position, key in enumerate(path):
        part = value.part(key)
        if part is None:
            rest = path[position:]
            refined: dict[Label, Trace] = {}
            for label, trace in value.taint.items():
                origin = label.origin
                if origin.kind != "source" and len(origin.path) + len(rest) <= MAX_PATH:
                    origin = Origin(origin.kind, origin.name, (*origin.path, *rest))
                refined[Label(origin, label.cleansed)] = trace
            return refined
        value = part
    return value.whole()


def substitute(
    taint: Taint, binding: Mapping[str, Value], free: Env | None, step_for: StepFor, relpath: str
) -> Taint:
    """The callee's taint in the caller's terms (at most `MAX_LABELS` labels, real
    sources first, so that a summary full of parameters cannot crowd out a finding)."""
    if not taint:
        return taint
    merged: dict[Label, Trace] = {}
    ordered = [item for item in taint.items() if item[0].origin.kind == "source"]
    if len(ordered) != len(taint):
        ordered += [item for item in taint.items() if item[0].origin.kind != "source"]
    for label, trace in ordered:
        if len(merged) >= MAX_LABELS:
            break
        origin = label.origin
        if origin.kind == "source":
            merged.setdefault(label, trace)
            continue
        scope = binding if origin.kind == "param" else free
        argument = None if scope is None else scope.get(origin.name)
        if argument is None:
            continue
        if argument.kind == "<request>" and origin.path:
            read = _request_read(trace, origin.path, relpath)
            if read is not None:
                merged.setdefault(read[0], read[1])
            continue
        passed = (step_for(origin.name),) if origin.kind == "param" else ()
        for outer, outer_trace in read_path(argument, origin.path).items():
            key = Label(outer.origin, outer.cleansed | label.cleansed)
            if key not in merged:
                steps = _cap(outer_trace.steps + passed + trace.steps)
                merged[key] = Trace(steps, outer_trace.approx or trace.approx)
                if len(merged) >= MAX_LABELS:
                    break
    return merged


def substitute_value(
    value: Value,
    binding: Mapping[str, Value],
    free: Env | None,
    step_for: StepFor,
    relpath: str,
    depth: int = 0,
) -> Value:
    """A callee's value (its return, a changed parameter) in the caller's terms."""
    taint = substitute(value.taint, binding, free, step_for, relpath)
    parts: dict[str, Value] | None = None
    if value.parts and depth < MAX_DEPTH:
        parts = {
            key: substitute_value(part, binding, free, step_for, relpath, depth + 1)
            for key, part in value.parts.items()
        }
    kind = value.kind
    for label in value.taint:
        origin = label.origin
        if origin.kind == "param" and not origin.path and origin.name in binding:
            passed = binding[origin.name]
            if passed.parts:
                parts = {**passed.parts, **(parts or {})}
            kind = kind or passed.kind
    return Value(taint, parts, kind)


def merge(old: Value, new: Value) -> Value:
    """A variable after a call changed it: the new parts win, data accumulates."""
    parts = {**(old.parts or {}), **(new.parts or {})} or None
    return Value(union(old.taint, new.taint), parts, old.kind or new.kind)


def instantiate(
    engine: ObjectModel,
    interp: Interpreter,
    node: ir.Call,
    located: Located,
    args: Args,
    keywords: Keywords,
    receiver: tuple[ir.Expr, Value] | None,
    env: Env,
) -> tuple[Value, Value | None]:
    """The call's result, and the receiver as the call left it."""
    function = located.function
    summary = engine.summary_of(located)
    binding = bind(function, args, keywords, None if receiver is None else receiver[1])
    nested = function.qualname.startswith(interp.function.qualname + ".")
    free = env if nested else None
    shown = function.owner.rsplit(".", 1)[-1] if function.name == "__init__" else function.name

    steps: dict[str, Step] = {}

    def step_for(param: str) -> Step:
        found = steps.get(param)
        if found is None:
            found = steps[param] = interp.step(f"passed to `{shown}()` as `{param}`", node.pos)
        return found

    relpath = located.relpath
    result = substitute_value(summary.ret, binding, free, step_for, relpath)
    for (rule, where, line, column), (text, taint) in summary.sinks.items():
        reached = substitute(taint, binding, free, step_for, relpath)
        if reached:
            interp.reached(rule, where, (line, column), text, reached)
    updated = None if receiver is None else receiver[1]
    positional = [p.name for p in function.params if p.kind == "pos"]
    for param, effect in summary.effects.items():
        changed = substitute_value(effect, binding, free, step_for, relpath)
        if (
            receiver is not None
            and positional
            and param == positional[0]
            and function.kind in _BOUND_KINDS
        ):
            updated = merge(receiver[1], changed)
            _store(interp, receiver[0], updated, env)
            continue
        holder = _argument_node(function, param, args, keywords, receiver is not None)
        if holder is not None:
            _store(interp, holder, merge(interp.expr(holder, env), changed), env)
    return result, updated


def _argument_node(
    function: ir.Function, param: str, args: Args, keywords: Keywords, bound: bool
) -> ir.Expr | None:
    for key, node, _ in keywords:
        if key == param:
            return node
    positional = [p.name for p in function.params if p.kind == "pos"]
    if bound and function.kind in _BOUND_KINDS:
        positional = positional[1:]
    if param in positional:
        index = positional.index(param)
        if index < len(args) and not any(isinstance(a, ir.Star) for a, _ in args[: index + 1]):
            return args[index][0]
    return None


def _store(interp: Interpreter, holder: ir.Expr, value: Value, env: Env) -> None:
    if isinstance(holder, ir.Local | ir.Free):
        env[holder.name] = value
    elif isinstance(holder, ir.Attr):
        interp.update(holder.value, f".{holder.attr}", value, env)
