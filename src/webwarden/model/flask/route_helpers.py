"""Project functions adding URL rules with what their callers give them: FlaskBB's
`register_view(bp, routes=[...], view_func=View.as_view("name"))`, whose body is `for
route in routes: bp_or_app.add_url_rule(route, view_func=view_func)`. The function's
`add_url_rule` is a template (`RouteFact.template`); each call handing it URL rules
(`RouteCallFact`) makes the routes it adds, in the caller's module."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from webwarden.model.flask.facts import RouteArgument, RouteCallFact, RouteFact
from webwarden.model.flask.references import Namer

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_FLASK_ADDERS = frozenset(
    {"route", "get", "post", "put", "patch", "delete", "add_url_rule", "add_resource"}
)
"""Methods of Flask's and its extensions' own adding URL rules: no project helper."""


def route_template(namer: Namer, call: ast.Call) -> tuple[tuple[str, str, int], ...]:
    """The parts of `owner.add_url_rule(...)` that the module-level function making the
    call takes from its parameters, when the owner and the view are two of them (see
    `RouteFact.template`); () otherwise."""
    ctx = namer.ctx
    function = ctx.scopes.enclosing_function(call)
    if not isinstance(function, _FUNCTIONS) or function not in ctx.tree.body:
        return ()
    positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    params = {a: i for i, a in enumerate(positional)}
    params.update({a.arg: -1 for a in function.args.kwonlyargs})
    owner = call.func.value if isinstance(call.func, ast.Attribute) else None
    view = ctx.argument(call, 2, "view_func")
    if not (
        isinstance(owner, ast.Name)
        and owner.id in params
        and isinstance(view, ast.Name)
        and view.id in params
    ):
        return ()
    parts = [("owner", owner.id, params[owner.id]), ("view", view.id, params[view.id])]
    rule = ctx.argument(call, 0, "rule")
    if isinstance(rule, ast.Name) and _param(rule, params):
        parts.append(("rule", rule.id, params[rule.id]))
    elif isinstance(rule, ast.Name) and (looped := _looped(namer, call, rule.id)) in params:
        parts.append(("rules", looped, params[looped]))
    endpoint = ctx.argument(call, 1, "endpoint")
    if isinstance(endpoint, ast.Name) and _param(endpoint, params):
        parts.append(("endpoint", endpoint.id, params[endpoint.id]))
    methods = ctx.keyword(call, "methods")
    if isinstance(methods, ast.Name) and _param(methods, params):
        parts.append(("methods", methods.id, params[methods.id]))
    elif methods is None and _forwards_keywords(call, function):
        parts.append(("methods", _METHODS, -1))
    return tuple(parts)


_METHODS = "methods"


def _forwards_keywords(call: ast.Call, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`add_url_rule(route, view_func=view_func, **kwargs)` in `def f(..., **kwargs)`: a
    caller's `methods=[...]` reaches Flask."""
    kwarg = function.args.kwarg
    return kwarg is not None and any(
        k.arg is None and isinstance(k.value, ast.Name) and k.value.id == kwarg.arg
        for k in call.keywords
    )


def _param(node: ast.expr | None, params: dict[str, int]) -> bool:
    return isinstance(node, ast.Name) and node.id in params


def _looped(namer: Namer, call: ast.Call, name: str) -> str:
    """The name a `for` loop around `call` (in its function) goes over when its target is
    `name` (`for route in routes:`), or ""."""
    for holder in namer.ctx.ancestors(call):
        if isinstance(holder, _FUNCTIONS):
            return ""
        if (
            isinstance(holder, ast.For)
            and isinstance(holder.target, ast.Name)
            and holder.target.id == name
            and isinstance(holder.iter, ast.Name)
        ):
            return holder.iter.id
    return ""


def route_call_fact(namer: Namer, call: ast.Call) -> RouteCallFact | None:
    """A call handing a function URL rules (a constant string starting with `/`, or a list
    of them) beside a view or an object; None for any other call (a cheap screen: most
    calls hand no URL)."""
    if len(call.args) + len(call.keywords) < _LEAST_ARGUMENTS:
        return None
    given = [*call.args, *(k.value for k in call.keywords if k.arg)]
    if not any(_rules(a) for a in given):
        return None
    callee = namer.ref(call.func)
    if callee is None or callee.rpartition(".")[2] in _FLASK_ADDERS:
        return None
    return RouteCallFact(
        callee,
        tuple(_argument(namer, a) for a in call.args),
        tuple((k.arg, _argument(namer, k.value)) for k in call.keywords if k.arg),
        namer.ctx.location(call),
    )


_LEAST_ARGUMENTS = 3
"""An owner, the URL rules and a view: a call handing fewer adds no route."""


def _rules(node: ast.expr) -> tuple[str, ...]:
    """The URL rules a constant string or list (or tuple) of strings gives."""
    texts = _texts(node)
    return texts if texts and all(t.startswith("/") for t in texts) else ()


def _texts(node: ast.expr) -> tuple[str, ...]:
    """The strings a constant string or list (or tuple) of strings gives."""
    nodes = node.elts if isinstance(node, ast.List | ast.Tuple) else [node]
    texts = tuple(
        n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )
    return texts if len(texts) == len(nodes) else ()


def _argument(namer: Namer, node: ast.expr) -> RouteArgument | None:
    if isinstance(node, ast.Starred):
        return None
    texts = _texts(node)
    if texts:
        return RouteArgument(texts=texts)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "as_view"
    ):
        name = namer.ctx.evaluate(namer.ctx.argument(node, 0, "name"))
        view = namer.ref(node.func.value) or ""
        return RouteArgument(view=view, view_name=name if isinstance(name, str) else "")
    ref = namer.ref(node)
    if ref is None:
        return None
    name = node.id if isinstance(node, ast.Name) else ""
    name = node.attr if isinstance(node, ast.Attribute) else name
    return RouteArgument(ref=ref, view=ref, view_name=name)


def expanded(
    templates: dict[str, list[RouteFact]],
    calls: Iterable[RouteCallFact],
    canonical: Callable[[str], str],
) -> Iterator[RouteFact]:
    """The routes the calls of template functions make: one per rule each call gives, on
    the owner it gives, with the view it gives (defined wherever the caller takes it
    from), and the methods it names when the function takes them from its keywords."""
    for call in calls:
        for template in templates.get(canonical(call.callee), ()):
            parts = {part: _given(call, name, at) for part, name, at in template.template}
            owner, view = parts.get("owner"), parts.get("view")
            if owner is None or owner.ref is None or view is None or not view.view:
                continue
            endpoint = parts.get("endpoint")
            methods = parts.get("methods")
            for rule in _given_rules(template, parts):
                yield replace(
                    template,
                    owner=owner.ref,
                    rule=rule,
                    endpoint=(endpoint.texts[0] if endpoint and endpoint.texts else None)
                    if "endpoint" in parts
                    else template.endpoint,
                    methods=template.methods
                    or (
                        tuple(m.upper() for m in methods.texts)
                        if methods and methods.texts
                        else None
                    ),
                    view=view.view,
                    view_name=view.view_name,
                    location=call.location,
                    view_elsewhere=True,
                    template=(),
                )


def _given_rules(
    template: RouteFact, parts: dict[str, RouteArgument | None]
) -> tuple[str | None, ...]:
    """The rules a call makes the template add: each of a constant list it hands for
    `rules`, the constant string it hands for `rule`, the template's own rule when it
    takes none; none when what it hands is not constant (no route is known)."""
    if "rules" in parts:
        given = parts["rules"]
        return given.rules if given is not None else ()
    if "rule" in parts:
        given = parts["rule"]
        return given.rules if given is not None and len(given.texts) == 1 else ()
    return (template.rule,) if template.rule is not None else ()


def _given(call: RouteCallFact, name: str, at: int) -> RouteArgument | None:
    keyword = dict(call.keywords).get(name)
    if keyword is not None:
        return keyword
    return call.args[at] if 0 <= at < len(call.args) else None
