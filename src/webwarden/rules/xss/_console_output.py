"""Whether what a Jinja2 environment renders only goes where no browser shows it."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext
from webwarden.rules.xss._environment_renders import environment_renders, loads_of

_PARSERS = frozenset(
    {"json.loads", "yaml.safe_load", "yaml.load", "tomllib.loads", "tomli.loads", "toml.loads"}
)
"""Parsers of data formats: text they parse is JSON, YAML or TOML, not a page (they raise
on anything else)."""
_CONSOLE_CALLS = frozenset({"print", "click.echo", "click.secho", "typer.echo"})
_STREAMS = frozenset({"stdout", "stderr"})
"""`sys.stdout`, or a Django management command's `self.stdout`: the terminal."""


def renders_to_console(node: ast.Call, ctx: FileContext) -> bool:
    """Whether the environment `node` makes, assigned to a name, has every template it
    loads in that scope rendered into text that is only written to the terminal (`print`,
    `sys.stdout.write`, a management command's `self.stdout.write`) or parsed as data
    (`json.loads(rendered)`): a command generating a schema or a config, whose output
    no browser reads as HTML. Its filters and globals may be set up first."""
    found = environment_renders(node, ctx)
    if found is None:
        return False
    renders, scope = found
    return bool(renders) and all(_shown_off_page(call, scope, ctx) for call in renders)


def _shown_off_page(render: ast.Call, scope: ast.AST, ctx: FileContext) -> bool:
    """Whether the rendered text goes straight to the terminal or a parser, or is
    assigned to a name every read of which does."""
    if _console_or_parser(render, ctx):
        return True
    name = ctx.assigned_name(render)
    if name is None:
        return False
    reads = loads_of(name, scope)
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
