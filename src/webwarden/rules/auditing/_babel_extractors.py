"""The file a Babel extraction method is handed: a file of the project's source tree.

`pybabel extract` (or `setup.py extract_messages`) walks the source folders it is given,
matches each file against the mapping configuration's patterns (`babel.cfg`:
`[extractors] msg = pkg.babel_extract:extract`, then `[msg: **/app.msg]`) and calls the
method mapped to it as `method(fileobj, keywords, comment_tags, options)`, `fileobj` the
opened file (Babel's "Writing Extraction Methods"). It runs when a developer extracts the
messages to translate, on files the project ships; no request reaches it.
"""

from __future__ import annotations

import ast

from webwarden.model.scopes import UNKNOWN_BINDING
from webwarden.rules.auditing._common import COMPILERS
from webwarden.rules.context import FileContext

_SIGNATURE = ("fileobj", "keywords", "comment_tags", "options")
"""The parameters Babel passes an extraction method, by position and in this order."""
_DECODING = frozenset({"decode"})


def extracted_file(ctx: FileContext, call: ast.AST, code: ast.expr) -> bool:
    """`exec(fileobj.read(), {}, namespace)` in `def extract(fileobj, keywords,
    comment_tags, options)`: the text of the file Babel handed the method, compiled or
    decoded first or not, also through a local."""
    function = ctx.scopes.enclosing_function(call)
    if function is None:
        return False
    parameters = tuple(a.arg for a in function.args.posonlyargs + function.args.args)
    if parameters != _SIGNATURE:
        return False
    text = _source(ctx, code)
    while (
        isinstance(text, ast.Call)
        and isinstance(text.func, ast.Attribute)
        and text.func.attr in _DECODING
    ):
        text = text.func.value  # NOTE: `fileobj.read().decode(encoding)`: the same text
    return (
        isinstance(text, ast.Call)
        and isinstance(text.func, ast.Attribute)
        and text.func.attr == "read"
        and isinstance(text.func.value, ast.Name)
        and text.func.value.id == _SIGNATURE[0]
        and _parameter_kept(ctx, text.func.value, function)
    )


def _parameter_kept(
    ctx: FileContext, name: ast.Name, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    """`name` reads the function's parameter, which no statement of it binds again."""
    values = ctx.scopes.values_of(name) or []
    return (
        ctx.scopes.binding_scope(name) is function
        and len(values) == 1
        and values[0] is UNKNOWN_BINDING
    )


def _source(ctx: FileContext, code: ast.expr) -> ast.expr:
    """The value of the local `code` names, and the source a `compile()` is given."""
    if isinstance(code, ast.Name):
        code = ctx.lookup(code) or code
    if isinstance(code, ast.Call) and ctx.call_name(code) in COMPILERS:
        code = ctx.argument(code, 0, "source") or code
    if isinstance(code, ast.Name):
        code = ctx.lookup(code) or code
    return code
