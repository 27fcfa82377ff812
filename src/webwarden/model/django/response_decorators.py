"""Decorators of the project that change nothing but the view they wrap or its response.

A site often writes its own small decorators for views: one marks the function for a
middleware (`def queryparams(*names): def mark(fn): fn.queryparams = names; return fn`),
another sets a header on the response the view returns (`resp = fn(request, *args,
**kwargs); resp["Cache-Control"] = "s-maxage=60"; return resp`). Such a decorator writes
nothing anywhere: a view it wraps changes what the view itself changes.
"""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import after_docstring
from webwarden.model.module import FileContext

RESPONSE_DECORATORS = "django.response_decorators"
"""Fact name: the module's top-level decorators, and factories of one, that only set
attributes on the view or headers and attributes on its response."""
_Function = ast.FunctionDef | ast.AsyncFunctionDef
_METHODS = frozenset({"append", "extend", "update", "setdefault", "add"})
"""Methods changing a container the response holds (`resp.sources["script"].append(s)`)."""
_PURE = frozenset({"str", "int", "len", "list", "dict", "tuple", "set", "sorted", "getattr"})
_PURE |= {"hasattr", "isinstance", "collections.defaultdict", "collections.OrderedDict"}


def extract_response_decorators(ctx: FileContext) -> frozenset[str] | None:
    """`RESPONSE_DECORATORS` of the module."""
    found = frozenset(
        statement.name
        for statement in ctx.tree.body
        if isinstance(statement, _Function)
        and not statement.decorator_list
        and (_decorator(ctx, statement) or _factory(ctx, statement))
    )
    return found or None


def _factory(ctx: FileContext, function: _Function) -> bool:
    """`def cache(minutes=0): def decorate(fn): ...; return decorate`."""
    body = after_docstring(function.body)
    return (
        len(body) == 2
        and isinstance(body[0], _Function)
        and not body[0].decorator_list
        and _returns_name(body[1], body[0].name)
        and _decorator(ctx, body[0])
    )


def _decorator(ctx: FileContext, function: _Function) -> bool:
    """One parameter (the view); sets attributes on it, then returns it or a wrapper of
    it that only changes the response."""
    positional = [*function.args.posonlyargs, *function.args.args]
    if len(positional) != 1 or function.args.vararg or function.args.kwarg:
        return False
    view = positional[0].arg
    body = after_docstring(function.body)
    if not body:
        return False
    *marks, last = body
    wrappers = [s for s in marks if isinstance(s, _Function)]
    marks = [s for s in marks if not isinstance(s, _Function)]
    if not all(_sets_attribute(ctx, s, view) for s in marks):
        return False
    if _returns_name(last, view):
        return not wrappers
    return (
        len(wrappers) == 1
        and _returns_name(last, wrappers[0].name)
        and _wrapper(ctx, wrappers[0], view)
    )


def _wrapper(ctx: FileContext, wrapper: _Function, view: str) -> bool:
    """`resp = view(request, *args, **kwargs)`, then only changes of `resp`'s headers
    and attributes (also under an `if`), and `return resp`."""
    if wrapper.decorator_list:
        applied = wrapper.decorator_list
        if not all(
            isinstance(d, ast.Call) and ctx.call_name(d) == "functools.wraps" for d in applied
        ):
            return False
    body = after_docstring(wrapper.body)
    if len(body) < 2:
        return False
    first, *rest, last = body
    match first:
        case ast.Assign(
            targets=[ast.Name(id=response)], value=ast.Call(func=ast.Name(id=called))
        ) if called == view:
            pass
        case _:
            return False
    return _returns_name(last, response) and all(_changes_only(ctx, s, response) for s in rest)


def _changes_only(ctx: FileContext, statement: ast.stmt, response: str) -> bool:
    """A statement changing nothing but the response's headers or attributes, or locals
    computed without calls other than pure ones."""
    match statement:
        case ast.Assign(targets=targets, value=value):
            return _pure(ctx, value) and all(
                _on(target, response) or isinstance(target, ast.Name) for target in targets
            )
        case ast.AugAssign(target=target, value=value):
            return _pure(ctx, value) and _on(target, response)
        case ast.Expr(value=ast.Call(func=ast.Attribute(attr=method, value=owner), args=args)):
            return method in _METHODS and _on(owner, response) and all(_pure(ctx, a) for a in args)
        case ast.If(test=test, body=body, orelse=orelse):
            return _pure(ctx, test) and all(
                _changes_only(ctx, s, response) for s in (*body, *orelse)
            )
    return False


def _sets_attribute(ctx: FileContext, statement: ast.stmt, view: str) -> bool:
    """`fn.queryparams = names`: a mark on the view for a middleware to read."""
    match statement:
        case ast.Assign(targets=[ast.Attribute(value=ast.Name(id=name))], value=value):
            return name == view and _pure(ctx, value)
    return False


def _on(node: ast.expr, response: str) -> bool:
    """An item or attribute (at any depth) of the local `response`."""
    if not isinstance(node, ast.Subscript | ast.Attribute):
        return False
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id == response


def _pure(ctx: FileContext, node: ast.expr) -> bool:
    """No call in it but of a builtin or `datetime` that changes nothing."""
    return all(
        (ctx.call_name(call) or "") in _PURE
        or (ctx.call_name(call) or "").startswith("datetime.")
        or (isinstance(call.func, ast.Attribute) and call.func.attr in {"format", "join", "get"})
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
    )


def _returns_name(statement: ast.stmt, name: str) -> bool:
    return (
        isinstance(statement, ast.Return)
        and isinstance(statement.value, ast.Name)
        and statement.value.id == name
    )
