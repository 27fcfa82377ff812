"""A project's own decorator that lets only some HTTP methods reach the view, as Django's
`require_http_methods` does.

The wrapper's first act refuses any other method (`if request.method not in
expected_methods: return HttpResponseNotAllowed(expected_methods)`, or `if request.method
in methods: return fn(request)` with an `else` that refuses); the methods are
written in the decorator (`if request.method != "POST":`) or given to its factory at
each view (`@api_endpoint(expected_methods=["POST"])`). Or it runs the view only for a
posted form, and shows any other request a page (a confirmation decorator: `if
"__confirm__" in request.POST: return func(request)`, else the form asking to confirm).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.analysis.constants import evaluate
from webwarden.model.caller_checks import after_docstring, refusal
from webwarden.model.django.caller_checks import returned_function
from webwarden.model.django.composed_decorators import Param, bind, factory_parameters
from webwarden.model.module import FileContext
from webwarden.model.tree import name_attribute
from webwarden.pickling import fast_pickling


@dataclass(frozen=True, slots=True)
class MethodGate:
    """The methods a decorator lets through: written in it, or its factory's parameter
    (by name and position) that each view's decorator is given them by."""

    methods: tuple[str, ...] = ()
    parameter: Param | None = None
    posted_keys: bool = False
    """The parameter names keys the wrapper requires in `request.POST` rather than
    methods: any of them lets a POST alone through (Django fills `request.POST` for a
    POST only)."""

    def allowed(self, args: tuple[object, ...], keywords: dict[str, object]) -> tuple[str, ...]:
        """The methods a view's use of the decorator lets through, () when unknown."""
        if self.parameter is None:
            return self.methods
        value = bind(self.parameter, args, keywords, called=True)
        if isinstance(value, tuple) and value and all(isinstance(m, str) for m in value):
            return ("POST",) if self.posted_keys else tuple(str(m).upper() for m in value)
        return ()


def method_gate(
    ctx: FileContext,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    *,
    holds_functions: bool = True,
) -> MethodGate | None:
    """The methods the decorator (or factory of one) `function` lets reach the view, when
    its wrapper first refuses every other method, itself or by a decorator of Django or
    DRF given the methods its factory was (only if it `holds_functions`: defines any)."""
    found = _tested_gate(ctx, function)
    if found is None and holds_functions:
        found = _decorated_gate(ctx, function)
    return found


_METHOD_LISTS = frozenset(
    {
        "django.views.decorators.http.require_http_methods",
        "rest_framework.decorators.api_view",
    }
)
"""Decorators answering `405 Method Not Allowed` to a method missing from the list they
are given."""


def _decorated_gate(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> MethodGate | None:
    """The gate of a decorator (or factory) each of whose wrappers (its innermost
    functions, whichever decorator it returns: `if auths: return signed`, else another)
    is decorated with `@api_view(methods)` or `@require_http_methods(methods)`, `methods`
    one of the factory's parameters (each view's `@api_endpoint(methods=["POST"])` names
    what it answers) or the same list written in each."""
    nested = [
        node
        for node in ast.walk(function)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node is not function
    ]
    if not any(node.decorator_list for node in nested):
        return None  # NOTE: most decorators' wrappers carry none: no further walk
    holding = {
        id(outer)
        for outer in nested
        for inner in ast.walk(outer)
        if inner is not outer and isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    wrappers = [node for node in nested if id(node) not in holding]
    positions = factory_parameters(function)
    gates = {_wrapper_gate(ctx, wrapper, positions) for wrapper in wrappers}
    return gates.pop() if len(gates) == 1 else None


def _wrapper_gate(
    ctx: FileContext, wrapper: ast.FunctionDef | ast.AsyncFunctionDef, positions: dict[str, int]
) -> MethodGate | None:
    """The one method list decorating `wrapper`: a parameter of the factory by name, or
    written."""
    found: set[MethodGate] = set()
    for decorator in wrapper.decorator_list:
        if not (
            isinstance(decorator, ast.Call)
            and ctx.qualified(decorator.func) in _METHOD_LISTS
            and len(decorator.args) == 1
        ):
            continue
        given = decorator.args[0]
        if isinstance(given, ast.Name) and given.id in positions:
            found.add(MethodGate(parameter=Param(given.id, positions[given.id])))
            continue
        written = evaluate(given)
        if (
            isinstance(written, list | tuple)
            and written
            and all(isinstance(m, str) for m in written)
        ):
            found.add(MethodGate(methods=tuple(sorted(str(m).upper() for m in written))))
    return found.pop() if len(found) == 1 else None


def _tested_gate(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> MethodGate | None:
    inner = returned_function(function)
    wrapper = inner and (returned_function(inner) or inner)
    factory = function if inner is not None and wrapper is not inner else None
    parameters = wrapper.args.posonlyargs + wrapper.args.args if wrapper else []
    if wrapper is None or not parameters:
        return None
    body = after_docstring(wrapper.body)
    first = body[0] if body else None
    if not isinstance(first, ast.If):
        return None
    decorator = inner if factory is not None else function
    if decorator is not None and _runs_view_only_when_posted(
        first, body, decorator, parameters[0].arg
    ):
        return MethodGate(methods=("POST",))
    if not first.orelse and refusal(ctx, first.body):
        request = parameters[0].arg
        return _gate(first.test, request, factory) or _posted_keys_gate(
            first.test, request, factory
        )
    if decorator is not None and _refused_otherwise(ctx, first, body, decorator):
        return _gate(first.test, parameters[0].arg, factory, letting_through=True)
    return None


def _refused_otherwise(
    ctx: FileContext,
    first: ast.If,
    body: list[ast.stmt],
    decorator: ast.FunctionDef | ast.AsyncFunctionDef,
) -> bool:
    """Whether a request failing the wrapper's first test is refused before the view
    runs: its `else` refuses (`if request.method in methods: return fn(request) else:
    return HttpResponseNotAllowed(methods)`), or its branch returns the view and what
    follows refuses."""
    if first.orelse:
        return refusal(ctx, first.orelse)
    parameters = decorator.args.posonlyargs + decorator.args.args
    ends = first.body[-1] if first.body else None
    return (
        bool(parameters)
        and isinstance(ends, ast.Return)
        and _calls(first.body, parameters[0].arg)
        and refusal(ctx, body[1:])
    )


def _calls(nodes: list[ast.stmt], function: str) -> bool:
    """Whether `nodes` call the function named `function`."""
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == function
        for statement in nodes
        for n in ast.walk(statement)
    )


def _runs_view_only_when_posted(
    first: ast.If,
    body: list[ast.stmt],
    decorator: ast.FunctionDef | ast.AsyncFunctionDef,
    request: str,
) -> bool:
    """Whether the wrapper calls the view it decorates only in the branch of its first
    test that holds for a form posted alone (`if "__confirm__" in request.POST: return
    func(request)`, else a confirmation page): any other request gets that page, the view
    never runs for a GET."""
    parameters = decorator.args.posonlyargs + decorator.args.args
    if not parameters or not _posted(first.test, request):
        return False
    view = parameters[0].arg
    return _calls(first.body, view) and not _calls([*first.orelse, *body[1:]], view)


def _posted(test: ast.expr, request: str) -> bool:
    """A test holding only for a POST: `key in request.POST`, `request.POST` (or a `get()`
    from it) as a truth value, `request.method == "POST"`, or an `and` over one."""
    match test:
        case ast.BoolOp(op=ast.And(), values=values):
            return any(_posted(value, request) for value in values)
        case ast.Compare(ops=[ast.In()], comparators=[posted]):
            return _form_data(posted, request)
        case ast.Compare(left=left, ops=[ast.Eq()], comparators=[ast.Constant(value=str(m))]):
            return _method_of(left, request) and m.upper() == "POST"
        case ast.Call(func=ast.Attribute(attr="get", value=posted)):
            return _form_data(posted, request)
    return _form_data(test, request)


def _posted_keys_gate(
    test: ast.expr, request: str, factory: ast.FunctionDef | ast.AsyncFunctionDef | None
) -> MethodGate | None:
    """The gate of a refusing test that holds whenever the form data lacks a key: `key
    not in request.POST`, `not request.POST`, or over keys written in the decorator or
    given to its factory, `not all(p in request.POST for p in params)` or `any(p not in
    request.POST for p in params)` (a `@require_post_params(params=["title"])`): a GET
    carries no form data, so only a POST reaches the view, and only when keys are
    required (`all()` of none holds)."""
    match test:
        case ast.UnaryOp(op=ast.Not(), operand=ast.Call(func=ast.Name(id="all"), args=[keys])):
            return _keys_gate(keys, ast.In, request, factory)
        case ast.Call(func=ast.Name(id="any"), args=[keys]):
            return _keys_gate(keys, ast.NotIn, request, factory)
        case ast.UnaryOp(op=ast.Not(), operand=posted) if _form_data(posted, request):
            return MethodGate(methods=("POST",))
        case ast.Compare(ops=[ast.NotIn()], comparators=[posted]) if _form_data(posted, request):
            return MethodGate(methods=("POST",))
    return None


def _keys_gate(
    keys: ast.expr,
    op: type[ast.cmpop],
    request: str,
    factory: ast.FunctionDef | ast.AsyncFunctionDef | None,
) -> MethodGate | None:
    """The gate of `(p <op> request.POST for p in <keys>)`, the keys constants or the
    factory's parameter."""
    if not (isinstance(keys, ast.GeneratorExp | ast.ListComp) and len(keys.generators) == 1):
        return None
    loop, element = keys.generators[0], keys.elt
    if loop.ifs or not (
        isinstance(element, ast.Compare)
        and len(element.ops) == 1
        and isinstance(element.ops[0], op)
        and isinstance(loop.target, ast.Name)
        and isinstance(element.left, ast.Name)
        and element.left.id == loop.target.id
        and _form_data(element.comparators[0], request)
    ):
        return None
    if isinstance(loop.iter, ast.Name) and factory is not None:
        position = factory_parameters(factory).get(loop.iter.id)
        if position is not None:
            return MethodGate(parameter=Param(loop.iter.id, position), posted_keys=True)
    written = evaluate(loop.iter)
    return MethodGate(methods=("POST",)) if isinstance(written, list | tuple) and written else None


def _form_data(node: ast.expr, request: str) -> bool:
    """`request.POST`: empty unless the request is a POST of a form."""
    return name_attribute(node, request, "POST")


def _gate(
    test: ast.expr,
    request: str,
    factory: ast.FunctionDef | ast.AsyncFunctionDef | None,
    letting_through: bool = False,
) -> MethodGate | None:
    """The gate of `request.method != "POST"` or `request.method not in <methods>`, a test
    refusing; `letting_through`: of `==` or `in`, a test letting the request on."""
    one, several = (ast.Eq, ast.In) if letting_through else (ast.NotEq, ast.NotIn)
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], one | several)
        and _method_of(test.left, request)
    ):
        return None
    allowed = test.comparators[0]
    if isinstance(allowed, ast.Name) and factory is not None:
        position = factory_parameters(factory).get(allowed.id)
        if position is not None:
            return MethodGate(parameter=Param(allowed.id, position))
    value = evaluate(allowed)
    if isinstance(value, str) != isinstance(test.ops[0], one):
        return None  # NOTE: `!=` compares with one method, `not in` looks in several.
    methods = (value,) if isinstance(value, str) else value
    if not (isinstance(methods, list | tuple | set | frozenset) and methods):
        return None
    if not all(isinstance(m, str) for m in methods):
        return None
    return MethodGate(methods=tuple(sorted(str(m).upper() for m in methods)))


def _method_of(node: ast.expr, request: str) -> bool:
    return name_attribute(node, request, "method")


fast_pickling(globals())
