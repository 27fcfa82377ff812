"""Which functions an analysis must summarise: those request data may pass through.

Request data enters a function in few ways: the function is a view (its request and URL
parameters), a method of a class-based view or of a form bound to the submission, or it
reads the request global (`flask.request`), a configured source or a form that binds
itself (Flask-WTF). Such a function is a root. Data then reaches a function only if a
root calls it (directly or through other functions: the data may be handed to it), or if
it calls a function whose summary hands data back, in its result or in an argument it
changed (the summary leaks). Every other function takes part in no flow: its summary
would say nothing its callers need, and it reports nothing. On the Django tree that is
most functions.

So the engine summarises the roots and what they call, callees first as always; then
the callers of every summary that leaks, and what those call; and again, until no new
summary leaks. Who may call a leaking function is over-approximated from what
functions name (`references`): a call names resolve, any function that names it (a
callback, a nested `def`), and for a method, any function that calls or reads an
attribute of that name, whatever the object. A callee only the interpreter finds (a
method of an object a call returned) is summarised when the call is reached, as any
callee not summarised yet is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import CallSite, IndexView, Located
from webwarden.analysis.taint.objects import REQUEST
from webwarden.analysis.taint.specs import SELF_BINDING_FORMS
from webwarden.analysis.taint.state import Env, Summary
from webwarden.analysis.taint.values import Value, concrete

URL_KWARGS = "<urlkwargs:"
"""The kind of a class-based view's `self.kwargs`, whose items are URL parameters."""
_SELF = ir.Local("self")
ATTRIBUTE = "."
"""The prefix of an attribute name in `references` (`.get_queryset`)."""


def references(function: ir.Function) -> tuple[tuple[CallSite, ...], tuple[str, ...]]:
    """What a (whole) function refers to, in one walk of it: its call sites that may
    reach project code (`index.callees`), and what it names, sorted: the qualified names
    it reads or calls, the nested functions and classes it defines, and (prefixed with
    `ATTRIBUTE`) the attributes it reads or calls on any object."""
    found: set[str] = set()
    sites: dict[CallSite, None] = {}
    owner = function.owner
    expressions: list[ir.Expr] = []
    reads = [value for _, value in function.defaults]
    blocks: list[ir.Block] = [function.body]
    while blocks:
        for statement in blocks.pop():
            match statement:
                case ir.Assign(targets=targets, value=value):
                    expressions.append(value)
                    reads.extend(_target_reads(targets))
                case ir.AugAssign(target=target, value=value):
                    expressions.append(value)
                    reads.extend(_target_reads((target,)))
                case ir.Eval(value=value) | ir.Return(value=value) if value is not None:
                    expressions.append(value)
                case ir.If(test=test, body=body, orelse=orelse):
                    expressions.append(test)
                    blocks += [body, orelse]
                case ir.Loop(iterable=iterable, body=body, orelse=orelse):
                    expressions.append(iterable)
                    blocks += [body, orelse]
                case ir.Try(body=body, handlers=handlers, orelse=orelse, final=final):
                    blocks += [body, orelse, final, *(block for _, block in handlers)]
                case ir.With(items=items, body=body):
                    expressions.extend(context for context, _ in items)
                    blocks.append(body)
                case ir.Define(ref=ref):
                    found.add(ref)
    _expression_names(expressions, found, sites, owner)
    # NOTE: what targets and defaults call is read for names only: the call graph has
    # always been built from the statements' own expressions.
    _expression_names(reads, found, {}, owner)
    return tuple(sites), tuple(sorted(found))


def _target_reads(targets: Iterable[ir.Target]) -> Iterator[ir.Expr]:
    """The expressions an assignment target reads (`d[key] = v` reads `d` and `key`)."""
    stack = list(targets)
    while stack:
        match stack.pop():
            case ir.TAttr(value=value):
                yield value
            case ir.TSub(value=value, index=index):
                yield value
                yield index
            case ir.TSeq(elts=elts):
                stack.extend(elts)


def _expression_names(
    stack: list[ir.Expr], found: set[str], sites: dict[CallSite, None], owner: str
) -> None:
    while stack:
        match stack.pop():
            case ir.Global(name=name):
                found.add(name)
            case ir.Call(func=func, callee=callee, args=args, keywords=keywords):
                if callee is not None:
                    sites[(callee, None)] = None
                elif owner and isinstance(func, ir.Attr) and func.value == _SELF:
                    sites[(None, func.attr)] = None
                stack.append(func)
                stack.extend(args)
                stack.extend(value for _, value in keywords)
            case ir.Attr(value=value, attr=attr):
                found.add(ATTRIBUTE + attr)
                stack.append(value)
            case ir.Star(value=value) | ir.Walrus(value=value):
                stack.append(value)
            case ir.Sub(value=value, index=index):
                stack += [value, index]
            case ir.Fmt(parts=parts) | ir.Clean(parts=parts):
                stack.extend(parts)
            case ir.Seq(elts=elts) | ir.Union(values=elts):
                stack.extend(elts)
            case ir.DictE(keys=keys, values=values):
                stack.extend(key for key in keys if key is not None)
                stack.extend(values)
            case ir.Comp(generators=generators, elt=elt):
                stack.append(elt)
                for target, iterable, conditions in generators:
                    stack.extend(_target_reads((target,)))
                    stack.append(iterable)
                    stack.extend(conditions)


def entered(
    index: IndexView,
    functions: Mapping[str, ir.Function],
    named: Mapping[str, tuple[str, ...]],
    is_source: Callable[[str], bool],
    initial_env: Callable[[ir.Function], Env],
) -> tuple[str, ...]:
    """The roots among a file's functions (`functions`: their outlines, `named`: their
    `references`, `is_source(name)`: whether reading or calling a qualified name gives
    request data, `initial_env`: what the interpreter starts a function with)."""
    roots = []
    for qualname, function in functions.items():
        names = named.get(qualname, ())
        if any(_carries(value) for value in initial_env(function).values()) or any(
            is_source(name) or _binds_itself(index, name)
            for name in names
            if not name.startswith(ATTRIBUTE)
        ):
            roots.append(qualname)
    return tuple(roots)


def _binds_itself(index: IndexView, name: str) -> bool:
    """Whether `name` is a project form class that binds the submission by itself."""
    target = index.resolve(name)
    return (
        target is not None
        and target in index.classes
        and index.inherits(target, SELF_BINDING_FORMS)
    )


def leaks(summary: Summary) -> bool:
    """Whether a summary hands request data back to its callers."""
    return _carries(summary.ret) or any(_carries(value) for value in summary.effects.values())


def _carries(value: Value) -> bool:
    if value.kind == REQUEST.kind or value.kind.startswith(URL_KWARGS) or concrete(value.taint):
        return True
    return any(_carries(part) for part in (value.parts or {}).values())


class Callers:
    """Who may call a function, over-approximated from what functions name."""

    def __init__(
        self,
        index: IndexView,
        graph: Mapping[str, list[str]],
        named: Iterable[tuple[str, Mapping[str, tuple[str, ...]]]],
    ) -> None:
        """`graph`: the calls names resolve; `named`: (relpath, the `references` of its
        functions) for every lowered file."""
        self._by_target: dict[str, set[str]] = {}
        for caller, callees in graph.items():
            for callee in callees:
                self._by_target.setdefault(callee, set()).add(caller)
        for _, functions in named:
            for caller, names in functions.items():
                for name in names:
                    target = name if name.startswith(ATTRIBUTE) else index.resolve(name)
                    if target is not None:
                        self._by_target.setdefault(target, set()).add(caller)

    def of(self, located: Located) -> set[str]:
        """The functions that may call `located`'s function."""
        function = located.function
        found = set(self._by_target.get(function.qualname, ()))
        if function.owner:
            found |= self._by_target.get(ATTRIBUTE + function.name, set())
        return found


def closure(start: Iterable[str], edges: Mapping[str, Iterable[str]]) -> set[str]:
    """`start` and everything the edges lead to from it."""
    seen = set(start)
    stack = list(seen)
    while stack:
        for following in edges.get(stack.pop(), ()):
            if following not in seen:
                seen.add(following)
                stack.append(following)
    return seen
