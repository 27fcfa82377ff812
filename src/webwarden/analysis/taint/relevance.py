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

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import CallSite, IndexView, Located
from webwarden.analysis.taint.objects import REQUEST, URL_KWARGS
from webwarden.analysis.taint.specs import RESTFUL_SOURCE_ATTRIBUTES, SELF_BINDING_FORMS
from webwarden.analysis.taint.state import Env, Summary
from webwarden.analysis.taint.values import Value, has_source

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
    expressions: list[ir.Expr] = []
    reads = [value for _, value in function.defaults]
    blocks: list[ir.Block] = [function.body]
    while blocks:
        _statement_parts(blocks.pop(), expressions, reads, blocks, found)
    _expression_names(expressions, found, sites, function.owner)
    # NOTE: what targets and defaults call is read for names only: the call graph has
    # always been built from the statements' own expressions.
    _expression_names(reads, found, {}, function.owner)
    return tuple(sites), tuple(sorted(found))


def _statement_parts(
    block: ir.Block,
    expressions: list[ir.Expr],
    reads: list[ir.Expr],
    blocks: list[ir.Block],
    found: set[str],
) -> None:
    """Sort the parts of a block's statements: the expressions they evaluate, what their
    targets read, the blocks nested in them, and the functions and classes they define.

    NOTE: `isinstance` tests in the order of how common each kind is, not `match` class
    patterns, which also look each keyword's attribute up: a tree's functions have
    hundreds of thousands of statements and expressions."""
    for statement in block:
        if isinstance(statement, ir.Assign):
            expressions.append(statement.value)
            reads.extend(_target_reads(statement.targets))
        elif isinstance(statement, ir.Eval):
            expressions.append(statement.value)
        elif isinstance(statement, ir.Return):
            if statement.value is not None:
                expressions.append(statement.value)
        elif isinstance(statement, ir.If):
            expressions.append(statement.test)
            blocks += [statement.body, statement.orelse]
        elif isinstance(statement, ir.AugAssign):
            expressions.append(statement.value)
            reads.extend(_target_reads((statement.target,)))
        elif isinstance(statement, ir.Loop):
            expressions.append(statement.iterable)
            blocks += [statement.body, statement.orelse]
        elif isinstance(statement, ir.Exit):
            if statement.value is not None:
                expressions.append(statement.value)
        elif isinstance(statement, ir.Try):
            blocks += [statement.body, statement.orelse, statement.final]
            blocks.extend(block for _, block in statement.handlers)
        elif isinstance(statement, ir.With):
            expressions.extend(context for context, _ in statement.items)
            blocks.append(statement.body)
        elif isinstance(statement, ir.Define):
            found.add(statement.ref)


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


_NAMELESS: frozenset[type[ir.Expr]] = frozenset({ir.Local, ir.Const, ir.Free})
"""The expressions that name nothing and hold no other (most of a function's)."""


def _expression_names(
    stack: list[ir.Expr], found: set[str], sites: dict[CallSite, None], owner: str
) -> None:
    # NOTE: as `_statement_parts`; the nameless kinds by exact type first (no IR class
    # has subclasses): most expressions are locals and constants.
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        if type(node) in _NAMELESS:
            continue
        if isinstance(node, ir.Attr):
            found.add(ATTRIBUTE + node.attr)
            push(node.value)
        elif isinstance(node, ir.Call):
            func = node.func
            if node.callee is not None:
                sites[(node.callee, None)] = None
            elif owner and isinstance(func, ir.Attr) and func.value == _SELF:
                sites[(None, func.attr)] = None
            push(func)
            extend(node.args)
            extend(value for _, value in node.keywords)
        elif isinstance(node, ir.Global):
            found.add(node.name)
        elif isinstance(node, ir.Clean | ir.Fmt):
            extend(node.parts)
        elif isinstance(node, ir.Seq):
            extend(node.elts)
        elif isinstance(node, ir.Union):
            extend(node.values)
        elif isinstance(node, ir.Sub):
            stack += [node.value, node.index]
        elif isinstance(node, ir.Star | ir.Walrus):
            push(node.value)
        elif isinstance(node, ir.DictE):
            extend(key for key in node.keys if key is not None)
            extend(node.values)
        elif isinstance(node, ir.Comp):
            push(node.elt)
            for target, iterable, conditions in node.generators:
                extend(_target_reads((target,)))
                push(iterable)
                extend(conditions)


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
        if (
            any(_carries(value) for value in initial_env(function).values())
            or any(
                is_source(name) or _binds_itself(index, name)
                for name in names
                if not name.startswith(ATTRIBUTE)
            )
            or any(_may_read_restful_data(name) for name in names)
        ):
            roots.append(qualname)
    return tuple(roots)


def _may_read_restful_data(name: str) -> bool:
    """`parser.parse_args()`, `api.payload.get("name")`, `self.reqparse.parse_args()`:
    named so, the object may be Flask-RESTful's parser or Flask-RESTX's API (known when
    interpreted)."""
    return not RESTFUL_SOURCE_ATTRIBUTES.isdisjoint(name.split(".")[1:])


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
    if value.kind == REQUEST.kind or value.kind.startswith(URL_KWARGS) or has_source(value.taint):
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
        by_target: dict[str, set[str]] = {}
        for _, functions in named:
            for target, caller in caller_pairs(index, {}, functions):
                by_target.setdefault(target, set()).add(caller)
        for target, caller in caller_pairs(index, graph, {}):
            by_target.setdefault(target, set()).add(caller)
        self._by_target: Mapping[str, Collection[str]] = by_target

    @classmethod
    def over(cls, by_target: Mapping[str, Collection[str]]) -> Callers:
        """The callers `by_target` gives (callee -> its callers), as `KeptCallers` keeps."""
        made = cls.__new__(cls)
        made._by_target = by_target
        return made

    def of(self, located: Located) -> set[str]:
        """The functions that may call `located`'s function."""
        function = located.function
        found = set(self._by_target.get(function.qualname, ()))
        if function.owner:
            found.update(self._by_target.get(ATTRIBUTE + function.name, ()))
        return found


def caller_pairs(
    index: IndexView,
    edges: Mapping[str, Iterable[str]],
    mentioned: Mapping[str, tuple[str, ...]],
) -> Iterator[tuple[str, str]]:
    """(callee, caller) for each call edge, and for each name a function mentions that
    resolves (an attribute name as it is: any method of that name): who may call whom."""
    for caller, callees in edges.items():
        for callee in callees:
            yield callee, caller
    for caller, names in mentioned.items():
        for name in names:
            target = name if name.startswith(ATTRIBUTE) else index.resolve(name)
            if target is not None:
                yield target, caller


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
