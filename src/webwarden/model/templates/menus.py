"""Flask-Menu's `current_menu`: the entries the project registers, and whether each
entry's text is fixed when the app is set up.

`current_menu.submenu("settings.security").register(endpoint, text=_("Security"))` and
the `@register_menu(bp, ".settings", _("Settings"))` decorator add the entries templates
read through the Jinja global `current_menu` (`{{ item.text|safe }}`, the text often
holding an icon's markup). Registration runs while the app is set up, before any request:
a text that is no function called later (a `lambda`, a function's name) and reads no
request-bound proxy (`request`, `current_user`) is what the code or the configuration
wrote, as a configuration global's value is.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext

MENU_GLOBAL = "current_menu"
_MENU_DECORATORS = frozenset({"flask_menu.register_menu", "flask_menu.menu.register_menu"})
_REQUEST_BOUND = frozenset({"request", "session", "g", "current_user"})
_TEXT_POSITION = {"register": 1, "register_menu": 2}
"""Where the text is among the positional arguments: `register(endpoint, text)`,
`register_menu(app, path, text)`."""


def menu_globals(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """`current_menu` with whether every entry text the module registers is fixed at
    set-up; nothing when the module registers no entry."""
    if not ctx.names.imports("flask_menu"):
        return ()
    fixed = [_fixed(ctx, text) for text in _texts(ctx)]
    return ((MENU_GLOBAL, all(fixed)),) if fixed else ()


def _texts(ctx: FileContext) -> Iterator[ast.expr | None]:
    """The text of each entry the module registers (None: it gives none)."""
    for call in ctx.nodes(ast.Call):
        assert isinstance(call, ast.Call)  # noqa: S101 - nodes() of that type
        kind = _registration(ctx, call)
        if kind is None:
            continue
        given = [k.value for k in call.keywords if k.arg == "text"]
        position = _TEXT_POSITION[kind]
        yield given[0] if given else call.args[position] if len(call.args) > position else None


def _registration(ctx: FileContext, call: ast.Call) -> str | None:
    """`register` for `....submenu(path).register(...)`, `register_menu` for the
    decorator, None for any other call."""
    function = call.func
    if (
        isinstance(function, ast.Attribute)
        and function.attr == "register"
        and isinstance(function.value, ast.Call)
        and isinstance(function.value.func, ast.Attribute)
        and function.value.func.attr == "submenu"
    ):
        return "register"
    return "register_menu" if ctx.call_name(call) in _MENU_DECORATORS else None


def _fixed(ctx: FileContext, text: ast.expr | None) -> bool:
    """Whether the text is a value computed once, reading no request-bound proxy."""
    if text is None:
        return True
    if isinstance(text, ast.Lambda):
        return False
    if isinstance(text, ast.Name) and ctx.module_function(text.id) is not None:
        return False
    return not any(
        (isinstance(node, ast.Name) and node.id in _REQUEST_BOUND)
        or (isinstance(node, ast.Attribute) and node.attr in _REQUEST_BOUND)
        for node in ast.walk(text)
    )
