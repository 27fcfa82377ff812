"""Jinja globals that write a file of the app's own tree, named in the template.

`app.jinja_env.globals["inline_svg"] = inline_svg`, where `inline_svg(name)` returns
`open(os.path.join(app.static_folder, name)).read()`: called with literal arguments only
(`{{ inline_svg("icons/close.svg")|safe }}`), it writes a file the template names, as an
`{% include %}` of it would. No request chooses the file, and the file is the app's.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_READS = frozenset({"read", "read_text", "read_bytes"})
_OPENERS = frozenset({"open", "io.open", "codecs.open"})
_PATHS = frozenset({"pathlib.Path", "pathlib.PurePath"})
_REGISTERS = frozenset({"template_global", "app_template_global"})
"""Flask's decorators registering a function as a Jinja global."""
_LIBRARY_GLOBAL = "global_function"
"""django-jinja's decorator registering a function as a Jinja global
(`@library.global_function`, with `from django_jinja import library`)."""
_ADDERS = frozenset({"add_template_global", "add_app_template_global"})
"""Flask's methods registering a function as a Jinja global."""
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def file_readers(ctx: FileContext) -> tuple[str, ...]:
    """The module's top-level functions of a parameter (the file's name, given by the
    template) every `return` of which is the content of a file read there:
    `open(path).read()`, `f.read()` of a `with open(path) as f:`, or
    `Path(path).read_text()`. One of no parameter reads a path fixed in code, which may
    be a file the app writes at run time."""
    if not ctx.mentions(".read"):
        return ()
    top = {id(node) for node in ctx.tree.body if isinstance(node, _Function)}
    candidates: dict[int, _Function] = {}
    for node in ctx.nodes(ast.Return):
        value = node.value  # type: ignore[attr-defined]
        if not (isinstance(value, ast.Call) and _last(value.func) in _READS):
            continue
        owner = next((a for a in ctx.ancestors(node) if isinstance(a, _Function)), None)
        if owner is not None and id(owner) in top and owner.args.args:
            candidates[id(owner)] = owner
    # NOTE: a nested function's `return` counts as the owner's: that can only refuse one.
    return tuple(
        function.name
        for function in candidates.values()
        if all(
            _file_content(ctx, function, node.value)
            for node in ast.walk(function)
            if isinstance(node, ast.Return)
        )
    )


def _last(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else ""


def template_global_functions(
    ctx: FileContext, values: list[tuple[str, ast.expr]]
) -> tuple[tuple[str, str], ...]:
    """Each Jinja global the module sets to a function (among its `global_values`:
    `globals["name"] = function`, `globals.update(name=function)`; by
    `@app.template_global()`, django-jinja's `@library.global_function`, or by
    `app.add_template_global(function, "name")`), with the function's qualified name."""
    found: list[tuple[str, str]] = []
    for key, value in [*values, *_added_globals(ctx)]:
        target = ctx.qualified_here(value) if isinstance(value, ast.Name | ast.Attribute) else None
        if target is not None:
            found.append((key, target))
    if ctx.mentions("template_global") or ctx.mentions(_LIBRARY_GLOBAL):
        for node in ctx.tree.body:
            if isinstance(node, _Function):
                registered = _registered_as(ctx, node)
                if registered is not None:
                    found.append((registered, f"{ctx.module}.{node.name}"))
    return tuple(found)


def _added_globals(ctx: FileContext) -> list[tuple[str, ast.expr]]:
    """`app.add_template_global(function)` (or a blueprint's `add_app_template_global`),
    with the name given (second, or `name=`) or else the function's own."""
    if not ctx.mentions("template_global"):
        return []
    found: list[tuple[str, ast.expr]] = []
    for call in ctx.nodes(ast.Call):
        assert isinstance(call, ast.Call)  # noqa: S101 - nodes() of that type
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr in _ADDERS and call.args):
            continue
        function = call.args[0]
        given = call.args[1] if len(call.args) > 1 else _keyword(call, "name")
        named = ctx.evaluate(given) if given is not None else None
        if isinstance(named, str):
            found.append((named, function))
        elif given is None and isinstance(function, ast.Name | ast.Attribute):
            found.append(
                (function.id if isinstance(function, ast.Name) else function.attr, function)
            )
    return found


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _registered_as(ctx: FileContext, function: _Function) -> str | None:
    """The global name `@app.template_global()` (or a blueprint's
    `app_template_global`, or django-jinja's `@library.global_function`) registers the
    function under: the one given (first, or `name=`), else the function's own."""
    for decorator in function.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        func = call.func if call is not None else decorator
        if not isinstance(func, ast.Attribute) or not (
            func.attr in _REGISTERS or _library_global(ctx, func)
        ):
            continue
        given = call.args[0] if call is not None and call.args else None
        if given is None and call is not None:
            given = _keyword(call, "name")
        named = ctx.evaluate(given) if given is not None else None
        return named if isinstance(named, str) else function.name
    return None


def _library_global(ctx: FileContext, func: ast.Attribute) -> bool:
    return (
        func.attr == _LIBRARY_GLOBAL
        and isinstance(func.value, ast.Name)
        and ctx.names.imports("django_jinja")
    )


def _file_content(ctx: FileContext, function: _Function, value: ast.expr | None) -> bool:
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _READS
        and not value.args
    ):
        return False
    reader = value.func.value
    if value.func.attr != "read":
        return isinstance(reader, ast.Call) and ctx.call_name(reader) in _PATHS
    if isinstance(reader, ast.Call):
        return _opens(ctx, reader)
    return isinstance(reader, ast.Name) and _opened_as(ctx, function, reader.id)


def _opens(ctx: FileContext, call: ast.Call) -> bool:
    """`open(path)`, `io.open(path)`, `Path(path).open()`."""
    if ctx.call_name(call) in _OPENERS:
        return True
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "open"
        and isinstance(func.value, ast.Call)
        and ctx.call_name(func.value) in _PATHS
    )


def _opened_as(ctx: FileContext, function: _Function, name: str) -> bool:
    """`name` is bound only by `with open(...) as name:` in the function."""
    bound = [
        item.context_expr
        for node in ast.walk(function)
        if isinstance(node, ast.With | ast.AsyncWith)
        for item in node.items
        if isinstance(item.optional_vars, ast.Name) and item.optional_vars.id == name
    ]
    stores = sum(
        isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
        for node in ast.walk(function)
    )
    return (
        stores == 1 and len(bound) == 1 and isinstance(bound[0], ast.Call) and _opens(ctx, bound[0])
    )
