"""Project functions that render the template their caller names, and calls of them.

`def render(name, **context): return render_template(name, site=SITE, **context)` makes
`render("a.html", q=q)` a render of `a.html` with `q` and `site` in its context; so does
Django's `def render_page(request, template, context): return render(request, template,
context)`, and a function loading the template from an environment of its own
(`def render_template(name, **context): return env.get_template(name).render(context)`).
The per-file step records such functions (`WrapperFact`) and the calls that
pass a constant template name (`WrapperCallFact`); the project step joins the two by the
callee's qualified name (`wrapped_renders`), wherever each is defined. A function handing
its template parameter (also `args[0]` of its `*args`) and its `**kwargs` on to such a
wrapper is one too (`def render_title_template(*args, **kwargs): return
themed_render(args[0], sidebar=..., **kwargs)`, calibre-web's), a few levels deep
(`forwarder_fact`, `forwarded_wrappers`).
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable, Iterable, Iterator

from webwarden.model.module import FileContext
from webwarden.model.templates.collected_context import CollectedContext, handed_parameter
from webwarden.model.templates.extract_renders import (
    DJANGO_RENDERERS,
    FLASK_RENDERERS,
    function_ref,
    loaded_template,
    positional_parameters,
    scope_feeds,
    template_names,
)
from webwarden.model.templates.facts import (
    CallArgument,
    ContextName,
    RenderFact,
    WrapperCallFact,
    WrapperFact,
)
from webwarden.model.templates.feeds import Feeds

TEMPLATE_ENDINGS = (".html", ".htm", ".jinja", ".jinja2", ".j2", ".txt", ".xml", ".tpl")
"""File endings that make a constant argument a template name."""
_MAX_POSITION = 3
_MAX_DEPTH = 3
"""How many wrappers deep a chain of functions forwarding to one another is followed."""


def _module_function(
    ctx: FileContext, call: ast.Call
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The module-level function `call` is in (a method's callers are not followed)."""
    function = ctx.scopes.enclosing_function(call)
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    nested = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    if any(isinstance(holder, nested) for holder in ctx.ancestors(function)):
        return None
    return function


def wrapper_fact(ctx: FileContext, call: ast.Call, name: str) -> WrapperFact | None:
    """The wrapper a known renderer's `call` makes of its function: the template name is
    one of the function's parameters and the context forwards another."""
    known = name in FLASK_RENDERERS or name in DJANGO_RENDERERS
    loaded = None if known else loaded_template(ctx, call)
    if not known and loaded is None:
        return None
    function = _module_function(ctx, call)
    if function is None:
        return None
    arguments = function.args
    positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
    named = (*positional, *(a.arg for a in arguments.kwonlyargs))
    kwarg = arguments.kwarg.arg if arguments.kwarg else None
    feeds, _ = scope_feeds(ctx, call)
    fixed = CollectedContext(ctx, feeds)
    starred: tuple[int, str, str] | None = None
    if name in FLASK_RENDERERS:
        template_at, keyword, not_context = FLASK_RENDERERS[name]
        template = ctx.argument(call, template_at, keyword)
        if template is None or _vararg_item(function, template) is not None:
            # NOTE: `render_template(*args, **kwargs)`, `render_template(args[0], ...)`
            keys = (str(template_at), keyword)
            starred = next((h[1:] for h in _handed(function, call) if h[0] in keys), None)
        context = [k for k in call.keywords if k.arg not in not_context]
        spreads = [k for k in context if k.arg is None and _parameter(k.value, named, kwarg)]
        if len(spreads) != 1:
            return None
        forwarded = spreads[0].value
        rest = [k for k in context if k is not spreads[0]]
        passed = [(k.arg, k.value) for k in rest if k.arg and _parameter(k.value, named, None)]
        fixed.keywords([k for k in rest if not (k.arg and _parameter(k.value, named, None))])
        framework = "flask"
    elif name in DJANGO_RENDERERS:
        template_at, context_at = DJANGO_RENDERERS[name]
        keyword = "template" if name.endswith("TemplateResponse") else "template_name"
        template = ctx.argument(call, template_at, keyword)
        passed = []
        # NOTE: `def render_page(request, name, **data): return render(request, name,
        # context=data)`: the keywords of each call are the context, as in Flask's.
        forwarding = (*named, kwarg) if kwarg else named
        given = ctx.argument(call, context_at, "context")
        found = _forwarded_mapping(given, forwarding, fixed, passed)
        if found is None:
            return None
        if _handed_on(ctx, function, found.id, call):
            fixed.opaque = True  # NOTE: a hook handed the dict may put any name into it
        forwarded = found
        framework = "django"
    elif loaded is not None:
        template, framework = loaded
        passed = []
        found = _forwarded_render_context(call, named, kwarg, fixed, passed)
        if found is None:
            return None
        forwarded = found
    else:
        return None
    if starred is not None:
        found_template = starred
    elif isinstance(template, ast.Name) and template.id in named:
        found_template = (_position(positional, template.id), template.id, template.id)
    else:
        return None
    assert isinstance(forwarded, ast.Name)  # noqa: S101 - `_parameter` checked it
    if {found_template[2], forwarded.id} & feeds.scope.assignments.keys():
        return None  # NOTE: a parameter given a new value is no longer the caller's
    return WrapperFact(
        function_ref(ctx, function),
        found_template[:2],
        (_position(positional, forwarded.id), forwarded.id),
        forwarded.id == kwarg,
        tuple(named),
        framework,
        tuple(fixed.names),
        fixed.opaque,
        themed=name.endswith(".render_theme_template"),
        passed=tuple(
            (key, _position(positional, value.id), value.id)
            for key, value in passed
            if isinstance(value, ast.Name) and value.id not in feeds.scope.assignments
        ),
    )


def forwarder_fact(ctx: FileContext, call: ast.Call, name: str) -> WrapperFact | None:
    """`def render_title_template(*args, **kwargs): return themed_render(args[0],
    sidebar=sidebar, **kwargs)`: a function handing its `**kwargs` and some of its
    parameters on to another function, which the project step makes a wrapper when the
    callee is one and takes the template name from one of them (`forwarded_wrappers`)."""
    function = _module_function(ctx, call)
    if function is None or function.args.kwarg is None or not name:
        return None
    kwarg = function.args.kwarg.arg
    spreads = [k.value for k in call.keywords if k.arg is None]
    if len(spreads) != 1 or not (isinstance(spreads[0], ast.Name) and spreads[0].id == kwarg):
        return None
    if isinstance(call.func, ast.Name) and name == call.func.id and ctx.module:
        name = f"{ctx.module}.{name}"  # NOTE: a function of the same module
    handed = _handed(function, call)
    feeds, _ = scope_feeds(ctx, call)
    if not handed or ({h[3] for h in handed} | {kwarg}) & feeds.scope.assignments.keys():
        return None  # NOTE: a parameter given a new value is no longer the caller's
    arguments = function.args
    positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
    fixed = CollectedContext(ctx, feeds)
    fixed.keywords([k for k in call.keywords if k.arg and not _handed_value(function, k.value)])
    return WrapperFact(
        function_ref(ctx, function),
        (-1, ""),
        (-1, kwarg),
        True,
        (*positional, *(a.arg for a in arguments.kwonlyargs)),
        "",
        tuple(fixed.names),
        fixed.opaque,
        through=name,
        handed=tuple(h[:3] for h in handed),
    )


def _vararg_item(function: ast.AST, value: ast.expr | None) -> int | None:
    """`i` for `args[i]` of the function's `*args`."""
    vararg = getattr(getattr(function, "args", None), "vararg", None)
    if (
        vararg is None
        or not isinstance(value, ast.Subscript)
        or not isinstance(value.value, ast.Name)
        or value.value.id != vararg.arg
        or not isinstance(value.slice, ast.Constant)
        or type(value.slice.value) is not int
        or value.slice.value < 0
    ):
        return None
    return value.slice.value


def _handed_value(
    function: ast.FunctionDef | ast.AsyncFunctionDef, value: ast.expr
) -> tuple[int, str, str] | None:
    """(position, name, local) of the function's parameter `value` is: a named one, or
    `args[i]` of its `*args` (no name: no keyword binds it)."""
    arguments = function.args
    positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
    if isinstance(value, ast.Name) and value.id in positional:
        return positional.index(value.id), value.id, value.id
    if isinstance(value, ast.Name) and value.id in {a.arg for a in arguments.kwonlyargs}:
        return -1, value.id, value.id
    item = _vararg_item(function, value)
    if item is None or arguments.vararg is None:
        return None
    return len(positional) + item, "", arguments.vararg.arg


def _handed(
    function: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call
) -> list[tuple[str, int, str, str]]:
    """(argument key in `call`, position, name, local) of each parameter of the function
    the call hands on: by position (`"0"`), also the items of `*args` spread there
    (`render_template(*args, **kwargs)`), or by keyword."""
    found: list[tuple[str, int, str, str]] = []
    arguments = function.args
    positional = len(arguments.posonlyargs) + len(arguments.args)
    for at, argument in enumerate(call.args[:_MAX_POSITION]):
        if isinstance(argument, ast.Starred):
            value = argument.value
            if (
                arguments.vararg
                and isinstance(value, ast.Name)
                and value.id == arguments.vararg.arg
            ):
                found += [
                    (str(at + i), positional + i, "", value.id) for i in range(_MAX_POSITION - at)
                ]
            break
        if (parameter := _handed_value(function, argument)) is not None:
            found.append((str(at), *parameter))
    for keyword in call.keywords:
        if keyword.arg and (parameter := _handed_value(function, keyword.value)) is not None:
            found.append((keyword.arg, *parameter))
    return found


def forwarded_wrappers(wrappers: dict[str, WrapperFact], origin: Callable[[str], str]) -> None:
    """Make wrappers of the functions that hand their template parameter and `**kwargs`
    on to a wrapper (`forwarder_fact`), a few levels deep; drop those that do not."""
    for _ in range(_MAX_DEPTH):
        pending = {name: fact for name, fact in wrappers.items() if fact.through}
        if not pending:
            return
        for name, fact in pending.items():
            target = wrappers.get(origin(fact.through))
            if target is None or target.through:
                continue
            resolved = _through(fact, target)
            if resolved is None:
                del wrappers[name]
            else:
                wrappers[name] = resolved
    for name in [name for name, fact in wrappers.items() if fact.through]:
        del wrappers[name]


def _through(fact: WrapperFact, target: WrapperFact) -> WrapperFact | None:
    """The wrapper `fact` makes of its call of the wrapper `target`: the template name and
    the `**kwargs` go on to the target's template and `**kwargs`; what it adds by keyword
    itself is context, unless the target takes it as a parameter."""
    if not target.spread:
        return None
    template = [h for h in fact.handed if _binds(h[0], target.template)]
    if len(template) != 1:
        return None
    passed = [
        (context, h[1], h[2])
        for context, at, parameter in target.passed
        for h in fact.handed
        if _binds(h[0], (at, parameter))
    ]
    passed += [
        (h[0], h[1], h[2]) for h in fact.handed if not h[0].isdigit() and h[0] not in target.params
    ]
    names = [n for n in fact.names if n.name.partition(".")[0] not in target.params]
    return dataclasses.replace(
        fact,
        template=template[0][1:],
        framework=target.framework,
        names=(*names, *target.names),
        opaque=fact.opaque or target.opaque,
        themed=target.themed,
        passed=tuple(passed),
        through="",
        handed=(),
    )


def _binds(key: str, parameter: tuple[int, str]) -> bool:
    """Whether the argument `key` of a call binds the callee's `parameter`."""
    position, name = parameter
    return key == str(position) if key.isdigit() else bool(name) and key == name


def _handed_on(
    ctx: FileContext, function: ast.AST, name: str, render: ast.Call | None, depth: int = 0
) -> bool:
    """Whether the function hands the context dict `name` to a call other than the
    renderer's (`dispatch_hook("render_page", context=data)`), which may add to it; not
    to a function of the module that does not hand it on in turn, whose edits of it
    `CollectedContext.edits` reads (`complete_context(request, context)`)."""
    for node in ast.walk(function):
        if not isinstance(node, ast.Call) or node is render:
            continue
        given = [*node.args, *(k.value for k in node.keywords)]
        if not any(isinstance(g, ast.Name) and g.id == name for g in given):
            continue
        helper = ctx.module_function(node.func.id) if isinstance(node.func, ast.Name) else None
        parameter = None if helper is None else handed_parameter(helper, node, name)
        if (
            helper is None
            or helper is function
            or parameter is None
            or depth >= 1
            or _handed_on(ctx, helper, parameter, None, depth + 1)
        ):
            return True
    return False


def _parameter(node: ast.expr, named: Iterable[str], kwarg: str | None) -> bool:
    return isinstance(node, ast.Name) and (node.id == kwarg or node.id in named)


def _position(positional: list[str], name: str) -> int:
    return positional.index(name) if name in positional else -1


def _forwarded_mapping(
    given: ast.expr | None,
    named: tuple[str, ...],
    fixed: CollectedContext,
    passed: list[tuple[str, ast.expr]],
) -> ast.Name | None:
    """The dict parameter a Django renderer's context forwards (`context`, or
    `{**context, "site": SITE}`), the keys the function adds itself put into `fixed`."""
    if isinstance(given, ast.Name) and given.id in named:
        fixed.edits(given.id)
        return given
    if not isinstance(given, ast.Dict):
        return None
    spreads = [v for k, v in zip(given.keys, given.values, strict=True) if k is None]
    forwarded = [v for v in spreads if isinstance(v, ast.Name) and v.id in named]
    if len(forwarded) != 1:
        return None
    for key, value in zip(given.keys, given.values, strict=True):
        if key is None and value is not forwarded[0]:
            fixed.mapping(value, 1)
        elif isinstance(key, ast.Constant) and isinstance(key.value, str):
            if _parameter(value, named, None):
                passed.append((key.value, value))
            else:
                fixed.add(key.value, value)
    assert isinstance(forwarded[0], ast.Name)  # noqa: S101 - checked above
    return forwarded[0]


def _forwarded_render_context(
    call: ast.Call,
    named: tuple[str, ...],
    kwarg: str | None,
    fixed: CollectedContext,
    passed: list[tuple[str, ast.expr]],
) -> ast.Name | None:
    """The parameter a loaded template's render forwards as its context (`render(context)`
    or `render(**context)`; Django's takes the request second), the keywords the function
    adds itself put into `fixed`."""
    spreads = [k.value for k in call.keywords if k.arg is None]
    given = [*call.args[:1], *spreads]
    if len(given) != 1 or not _parameter(given[0], named, kwarg):
        return None
    keywords = [k for k in call.keywords if k.arg]
    passed.extend((k.arg, k.value) for k in keywords if k.arg and _parameter(k.value, named, None))
    fixed.keywords([k for k in keywords if not _parameter(k.value, named, None)])
    assert isinstance(given[0], ast.Name)  # noqa: S101 - `_parameter` checked it
    return given[0]


def names_template(call: ast.Call) -> bool:
    """Whether a call passes a constant template file name (cheap: no name resolution)."""
    values = [*call.args[:_MAX_POSITION], *(k.value for k in call.keywords if k.arg)]
    return any(
        isinstance(v, ast.Constant)
        and isinstance(v.value, str)
        and v.value.endswith(TEMPLATE_ENDINGS)
        for v in values
    )


_HANDLERS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "trace", "dispatch", "setup"}
)
"""The methods of a class-based view that Django's `View.dispatch` calls with the URL's
arguments: a view's other methods get only what its own code passes them."""


def hands_request(ctx: FileContext, call: ast.Call) -> bool:
    """Whether a call of a plain name, of a function of an imported module
    (`prompt.alert(request, ...)`), or of a method of the view's own class that is no HTTP
    handler (`self._render_error(request, form)`), hands on the view's `request` first: a
    helper the view renders through (cheap: no name resolution)."""
    return (
        bool(call.args)
        and isinstance(call.args[0], ast.Name)
        and call.args[0].id == "request"
        and (
            isinstance(call.func, ast.Name)
            or _own_method(call.func)
            or _imported_module_function(ctx, call.func)
        )
    )


def _imported_module_function(ctx: FileContext, func: ast.expr) -> bool:
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and ctx.names.binds_import(func.value.id)
    )


def _own_method(func: ast.expr) -> bool:
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
        and func.attr not in _HANDLERS
    )


def _method_ref(ctx: FileContext, call: ast.Call) -> str:
    """`pkg.mod.Class.method` for `self.method(...)` called in a method of `Class` that
    defines `method` itself ("" for any other call: an inherited method is not in sight)."""
    function = ctx.scopes.enclosing_function(call)
    holder = next(iter(ctx.ancestors(function)), None) if function is not None else None
    if not (isinstance(holder, ast.ClassDef) and isinstance(call.func, ast.Attribute)):
        return ""
    attr = call.func.attr
    for node in holder.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == attr:
            return function_ref(ctx, node)
    return ""


def _local_callee(ctx: FileContext, func: ast.Name) -> str:
    """The project function a local of the calling function names, when every binding of
    it names that function or wraps the local itself: `controller = handler or
    render_page`, then `controller = login_required()(controller)`, and
    `controller(request, ...)` calls `render_page` unless the enclosing function's
    `handler` (a parameter, which no module binds) is given; also one branch of a
    conditional expression. "" for any other local."""
    scope = ctx.scopes.binding_scope(func)
    if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        return ""
    named: set[str] = set()
    for value in ctx.scopes.values_of(func) or ():
        if _rewraps(value, func.id):
            continue
        if isinstance(value, ast.BoolOp):
            operands = value.values
        elif isinstance(value, ast.IfExp):
            operands = [value.body, value.orelse]
        else:
            operands = [value]
        module_names = [
            operand
            for operand in operands
            if isinstance(operand, ast.Name)
            and not isinstance(
                ctx.scopes.binding_scope(operand), ast.FunctionDef | ast.AsyncFunctionDef
            )
        ]
        if not module_names:
            return ""
        named.update(ctx.qualified_here(operand) or "" for operand in module_names)
    if len(named) != 1:
        return ""
    [found] = named
    return found if "." in found else ""


def _rewraps(value: ast.expr, name: str) -> bool:
    """`login_required()(controller)`, `wrap(controller)`: a call handed the local itself,
    a decorator's wrapper around the function it names."""
    return isinstance(value, ast.Call) and any(
        isinstance(argument, ast.Name) and argument.id == name for argument in value.args
    )


def wrapper_call_fact(ctx: FileContext, call: ast.Call, name: str) -> WrapperCallFact | None:
    """A call of a function that may be a wrapper, with what each argument holds. A call
    of a method of the caller's own class counts its arguments from 1, as the method's
    parameters count `self` first."""
    shift = 0
    if _own_method(call.func):
        name, shift = _method_ref(ctx, call), 1
    elif isinstance(call.func, ast.Name):
        name = _local_callee(ctx, call.func) or name
    if not name or name in FLASK_RENDERERS or name in DJANGO_RENDERERS:
        return None
    if isinstance(call.func, ast.Name) and name == call.func.id and ctx.module:
        name = f"{ctx.module}.{name}"  # NOTE: a function of the same module
    feeds, function = scope_feeds(ctx, call)
    found: list[CallArgument] = []
    for position, argument in enumerate(call.args[:_MAX_POSITION], start=shift):
        if isinstance(argument, ast.Starred):
            break
        found.append(_argument(ctx, feeds, str(position), argument))
    for keyword in call.keywords:
        if keyword.arg is None:
            collected = CollectedContext(ctx, feeds)
            collected.mapping(keyword.value)
            found.append(CallArgument("**", names=tuple(collected.names), opaque=collected.opaque))
        else:
            found.append(_argument(ctx, feeds, keyword.arg, keyword.value))
    where = function_ref(ctx, function) if function is not None else ctx.module
    return WrapperCallFact(
        name, where, ctx.location(call), tuple(found), positional_parameters(function)
    )


def _argument(ctx: FileContext, feeds: Feeds, key: str, value: ast.expr) -> CallArgument:
    templates: tuple[str, ...] = ()
    if isinstance(value, ast.Constant | ast.List | ast.Tuple):
        templates = tuple(
            n for n in template_names(ctx.evaluate(value)) if n.endswith(TEMPLATE_ENDINGS)
        )
    as_value: tuple[ContextName, ...] = ()
    if not templates:
        collected = CollectedContext(ctx, feeds)
        collected.add(key, value)
        as_value = tuple(collected.names)
    if templates or not _maybe_mapping(ctx, value):
        return CallArgument(key, templates, as_value)
    collected = CollectedContext(ctx, feeds)
    collected.mapping(value)
    return CallArgument(key, (), as_value, tuple(collected.names), collected.opaque)


def _maybe_mapping(ctx: FileContext, value: ast.expr) -> bool:
    if isinstance(value, ast.Dict | ast.Name):
        return True
    return isinstance(value, ast.Call) and ctx.call_name(value) == "dict"


def wrapped_renders(
    wrappers: dict[str, WrapperFact], calls: Iterable[WrapperCallFact]
) -> Iterator[RenderFact]:
    """The renders that calls of the project's wrappers make."""
    for call in calls:
        wrapper = wrappers.get(call.callee)
        if wrapper is None:
            continue
        given = {argument.key: argument for argument in call.arguments}
        template = _bound(given, wrapper.template)
        if template is None or not template.templates:
            continue
        names: list[ContextName] = []
        opaque = wrapper.opaque
        if wrapper.spread:
            for argument in call.arguments:
                if argument.key == "**":
                    names += argument.names
                    opaque = opaque or argument.opaque
                elif not argument.key.isdigit() and argument.key not in wrapper.params:
                    names += argument.value  # NOTE: positional arguments are no keywords
        else:
            context = _bound(given, wrapper.context)
            if context is not None:
                names += context.names
                opaque = opaque or context.opaque
        for name, position, parameter in wrapper.passed:
            bound = _bound(given, (position, parameter))
            if bound is None:
                continue
            for value in bound.value:
                renamed = name + value.name[len(bound.key) :]  # NOTE: keys of a display
                names.append(dataclasses.replace(value, name=renamed))
        yield RenderFact(
            call.function,
            template.templates,
            call.location,
            wrapper.framework,
            (*names, *wrapper.names),
            opaque,
            themed=wrapper.themed,
            parameters=call.parameters,
        )


def _bound(given: dict[str, CallArgument], parameter: tuple[int, str]) -> CallArgument | None:
    position, name = parameter
    if position >= 0 and str(position) in given:
        return given[str(position)]
    return given.get(name)
