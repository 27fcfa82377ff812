"""Whether what a Jinja2 environment renders only goes where no browser shows it."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_PARSERS = frozenset(
    {"json.loads", "yaml.safe_load", "yaml.load", "tomllib.loads", "tomli.loads", "toml.loads"}
)
"""Parsers of data formats: text they parse is JSON, YAML or TOML, not a page (they raise
on anything else)."""
_CONSOLE_CALLS = frozenset({"print", "click.echo", "click.secho", "typer.echo"})
_STREAMS = frozenset({"stdout", "stderr"})
"""`sys.stdout`, or a Django management command's `self.stdout`: the terminal."""
_LOADERS = frozenset({"get_template", "select_template", "from_string"})


def renders_to_console(node: ast.Call, ctx: FileContext) -> bool:
    """Whether the environment `node` makes, assigned to a name, has every template it
    loads in that scope rendered into text that is only written to the terminal (`print`,
    `sys.stdout.write`, a management command's `self.stdout.write`) or parsed as data
    (`json.loads(rendered)`): a command generating a schema or a config, whose output
    no browser reads as HTML. Its filters and globals may be set up first."""
    target = ctx.assigned_name(node)
    if target is None:
        return False
    scope = ctx.scopes.enclosing_function(node) or ctx.tree
    renders = 0
    for use in _loads_of(target, scope):
        attribute = ctx.parent(use)
        if not isinstance(attribute, ast.Attribute):
            return False
        if attribute.attr in {"filters", "globals", "tests"}:
            continue
        loaded = ctx.parent(attribute)
        if attribute.attr not in _LOADERS or not isinstance(loaded, ast.Call):
            return False
        calls = _render_calls(loaded, scope, ctx)
        if calls is None or not all(_shown_off_page(call, scope, ctx) for call in calls):
            return False
        renders += len(calls)
    return renders > 0


def _loads_of(name: str, scope: ast.AST) -> list[ast.Name]:
    return [
        use
        for use in ast.walk(scope)
        if isinstance(use, ast.Name) and use.id == name and isinstance(use.ctx, ast.Load)
    ]


def _render_calls(loaded: ast.Call, scope: ast.AST, ctx: FileContext) -> list[ast.Call] | None:
    """The `render()` calls of the template a loader call gives: chained on it
    (`env.from_string(text).render()`) or on the name it is assigned to; None when the
    template is used otherwise (returned, passed on, streamed)."""
    holder = ctx.parent(loaded)
    if isinstance(holder, ast.Attribute):
        call = ctx.parent(holder)
        ok = holder.attr == "render" and isinstance(call, ast.Call)
        return [call] if ok and isinstance(call, ast.Call) else None
    name = ctx.assigned_name(loaded)
    if name is None:
        return None
    calls: list[ast.Call] = []
    for use in _loads_of(name, scope):
        method = ctx.parent(use)
        call = ctx.parent(method) if isinstance(method, ast.Attribute) else None
        if not (isinstance(method, ast.Attribute) and method.attr == "render"):
            return None
        if not isinstance(call, ast.Call):
            return None
        calls.append(call)
    return calls


def _shown_off_page(render: ast.Call, scope: ast.AST, ctx: FileContext) -> bool:
    """Whether the rendered text goes straight to the terminal or a parser, or is
    assigned to a name every read of which does."""
    if _console_or_parser(render, ctx):
        return True
    name = ctx.assigned_name(render)
    if name is None:
        return False
    reads = _loads_of(name, scope)
    return bool(reads) and all(_console_or_parser(read, ctx) for read in reads)


def _console_or_parser(value: ast.expr, ctx: FileContext) -> bool:
    call = ctx.parent(value)
    if not isinstance(call, ast.Call) or value not in call.args:
        return False
    name = ctx.call_name(call) or ""
    if name in _PARSERS or name in _CONSOLE_CALLS:
        return True
    function = call.func
    return (
        isinstance(function, ast.Attribute)
        and function.attr == "write"
        and isinstance(function.value, ast.Attribute)
        and function.value.attr in _STREAMS
    )
