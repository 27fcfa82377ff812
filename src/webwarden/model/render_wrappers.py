"""Drop-in wrappers of Flask's `render_template` that a library or another module gives."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_RENDER_TEMPLATE = "render_template"


def imported_render_wrapper(ctx: FileContext, call: ast.Call, name: str) -> bool:
    """`timed_render_template("x.html", **context)` imported from a library or another
    module (Digital Marketplace's `from dmutils.flask import timed_render_template as
    render_template`): a wrapper of Flask's `render_template`, named for it, taking the
    template's name first and the context as keywords, that times or caches the render
    and stores nothing; not a method (`self.render_template`) nor a function of this
    module, whose body is read instead. `name` is the call's qualified name."""
    last = name.rpartition(".")[2]
    if not (last == _RENDER_TEMPLATE or last.endswith("_" + _RENDER_TEMPLATE)):
        return False
    root = call.func
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id in ctx.names.aliases
