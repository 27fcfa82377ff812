"""The per-file facts of Flask-Classful views: each class's routable methods.

Read for the classes of a module that imports Flask-Classful (its `FlaskView`
subclasses and the plain mixins they take methods from) or that registers a class of
its own (`HostView.register(host_api)`, the usual last line of a view module), and for
the classes with a `before_*` hook of a module that imports Flask only (a mixin whose
`before_request` checks the login, kept beside the project's other request helpers):
which of them are `FlaskView`s, or bases of one, is known only in the project step.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence

from webwarden.model.flask.app import calls_csrf_check, gates_login
from webwarden.model.flask.facts import (
    BodyFacts,
    ClassfulHookFact,
    ClassfulMemberFact,
    ClassfulRegisterFact,
    ClassfulViewFact,
    DecoratorFact,
)
from webwarden.model.flask.references import Namer

LIBRARIES = ("flask_classful", "flask_classy", "flask.ext.classy")

ATTRIBUTES = frozenset(
    {"route_base", "route_prefix", "base_args", "excluded_methods", "default_methods"}
    | {"trailing_slash", "method_dashified"}
)
"""Class attributes of `FlaskView` that shape the rules `register()` makes."""

_NOT_FUNCTIONS = frozenset({"classmethod", "property", "cached_property"})
"""Decorators making a member `inspect.getmembers(cls, isfunction)` does not list."""

Function = ast.FunctionDef | ast.AsyncFunctionDef


def register_fact(namer: Namer, call: ast.Call, func: ast.Attribute) -> ClassfulRegisterFact | None:
    """`View.register(bp, ...)` as a fact (whether `View` is a `FlaskView` is for later)."""
    if func.attr != "register" or not call.args:
        return None
    view, target = namer.ref(func.value), namer.ref(call.args[0])
    if view is None or target is None:
        return None
    return ClassfulRegisterFact(view, target, namer.options(call), namer.ctx.location(call))


def classful_view_facts(
    namer: Namer,
    classes: Sequence[ast.ClassDef],
    bodies: Mapping[int, BodyFacts],
    registers: Sequence[ClassfulRegisterFact],
    imports_flask: bool = False,
) -> tuple[ClassfulViewFact, ...]:
    """The facts of the module's classes, when the module may hold Flask-Classful views
    (or, importing Flask, the hook mixins they derive from)."""
    if not classes:
        return ()
    registered = {r.view for r in registers}
    uses_library = any(q.startswith(LIBRARIES) for q in namer.ctx.names.aliases.values())
    refs = [namer.function_ref(c) for c in classes]
    if uses_library or not registered.isdisjoint(refs):
        chosen = list(zip(classes, refs, strict=True))
    elif imports_flask:
        chosen = [(c, ref) for c, ref in zip(classes, refs, strict=True) if _has_hook(c)]
    else:
        return ()
    return tuple(_view(namer, c, ref, bodies) for c, ref in chosen)


def _has_hook(node: ast.ClassDef) -> bool:
    return any(
        isinstance(statement, Function) and statement.name.startswith("before_")
        for statement in node.body
    )


def _view(
    namer: Namer, node: ast.ClassDef, ref: str, bodies: Mapping[int, BodyFacts]
) -> ClassfulViewFact:
    attributes: list[tuple[str, object]] = []
    decorators: tuple[DecoratorFact, ...] | None = None
    members: list[ClassfulMemberFact] = []
    hooks: list[ClassfulHookFact] = []
    helpers: list[tuple[str, frozenset[str], frozenset[str]]] = []
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if not isinstance(target, ast.Name):
                continue
            if target.id in ATTRIBUTES:
                attributes.append((target.id, namer.value(statement.value)))
            elif target.id == "decorators" and isinstance(statement.value, ast.List | ast.Tuple):
                decorators = tuple(namer.decorator(d) for d in statement.value.elts)
        elif isinstance(statement, Function):
            body = bodies.get(id(statement)) or namer.body(statement)
            if statement.name.startswith("before_"):
                hooks.append(_hook(statement.name, body))
            elif statement.name.startswith(("_", "after_")):
                helpers.append((statement.name, body.request_reads, body.calls))
            elif (member := _member(namer, statement, body)) is not None:
                members.append(member)
    return ClassfulViewFact(
        ref,
        node.name,
        tuple(attributes),
        decorators,
        tuple(members),
        tuple(hooks),
        namer.ctx.location(node),
        tuple(helpers),
    )


def _hook(name: str, body: BodyFacts) -> ClassfulHookFact:
    """The hook, and the one of the same name it calls: `Base.before_request(self, name)`
    names the class, `super().before_request(name)` the next along the bases."""
    suffix = f".{name}"
    owners = sorted(c.removesuffix(suffix) for c in body.calls if c.endswith(suffix))
    explicit = [o for o in owners if o and o.rpartition(".")[2] != "super"]
    hands_on = explicit[0] if explicit else "" if suffix in body.calls else None
    return ClassfulHookFact(name, gates_login(body), calls_csrf_check(body), hands_on)


def _member(namer: Namer, function: Function, body: BodyFacts) -> ClassfulMemberFact | None:
    rules: list[tuple[str, object, tuple[tuple[str, object], ...]]] = []
    methods: list[tuple[str, str]] = []
    others: list[DecoratorFact] = []
    static = False
    for decorator in function.decorator_list:
        name = namer.ref(decorator.func if isinstance(decorator, ast.Call) else decorator) or ""
        tail = name.rpartition(".")[2]
        if name in _NOT_FUNCTIONS or tail == "setter":
            return None
        static = static or name == "staticmethod"
        # NOTE: which `route` and `method` are Flask-Classful's (or a re-export of them,
        # `from app.api.base import route`) is for the project step to tell.
        if isinstance(decorator, ast.Call) and tail == "route":
            rule = namer.value(decorator.args[0]) if decorator.args else None
            rules.append((name, rule, namer.options(decorator)))
        elif isinstance(decorator, ast.Call) and tail == "method":
            given = namer.value(decorator.args[0]) if decorator.args else None
            methods += [(name, given.upper())] if isinstance(given, str) else []
        else:
            others.append(namer.decorator(decorator))
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args][0 if static else 1 :]
    required = positional[: max(0, len(positional) - len(arguments.defaults))]
    return ClassfulMemberFact(
        function.name,
        namer.function_ref(function),
        tuple(a.arg for a in required),
        tuple(rules),
        tuple(methods),
        tuple(others),
        body,
        namer.ctx.location(function),
    )
