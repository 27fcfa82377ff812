"""Functions whose every result is markup that escaped what it was handed.

`app.jinja_env.globals["user_link"] = user_link`, where `user_link(name)` returns
`Markup('<a href="/u/{0}">{0}</a>').format(name)`: MarkupSafe escapes the arguments of
`Markup(...).format()` and `Markup(...) % ...` and returns `Markup`, which Jinja writes
as it is, so `{{ user_link(name)|safe }}` changes nothing. A function returning a dict
of such fragments (`{"display": Markup(...).format(...), "label": label}`) is kept per
key: `{{ button(x)["display"]|safe }}` reads the escaped one, `["label"]` does not.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.names import last_name
from webwarden.model.templates.markup_methods import returns_by_function

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_MARKUP = "Markup"
_ESCAPERS = frozenset({"escape", "conditional_escape"})


def escaped_functions(ctx: FileContext) -> tuple[str, ...]:
    """The module's top-level functions every `return` of which is escaped markup (see
    `_escaped`), by name; and `name[key]` for those every `return` of which is a dict
    display whose `key` holds escaped markup."""
    if not ctx.mentions(_MARKUP):
        return ()
    returns = returns_by_function(ctx)
    found: list[str] = []
    for node in ctx.tree.body:
        if not isinstance(node, _Function):
            continue
        values = returns.get(id(node), [])
        if not values:
            continue
        if all(_escaped(value) for value in values):
            found.append(node.name)
            continue
        found += (f"{node.name}[{key}]" for key in _escaped_keys(values))
    return tuple(found)


def _escaped_keys(values: list[ast.expr | None]) -> list[str]:
    """The keys every one of `values`, all dict displays, gives escaped markup."""
    keyed: list[dict[str, ast.expr]] = []
    for value in values:
        if not isinstance(value, ast.Dict):
            return []
        pairs = zip(value.keys, value.values, strict=True)
        keyed.append(
            {
                k.value: v
                for k, v in pairs
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
            }
        )
    common = set(keyed[0]).intersection(*keyed[1:])
    return sorted(key for key in common if all(_escaped(each[key]) for each in keyed))


def _escaped(value: ast.expr | None) -> bool:
    """A string literal, `Markup("literal")`, `Markup("literal").format(...)` or
    `Markup("literal") % ...` (the arguments escaped), `escape(x)`, or a choice of such
    (`None` too: nothing to write)."""
    if value is None or isinstance(value, ast.Constant):
        return value is None or isinstance(value.value, str) or value.value is None
    if isinstance(value, ast.IfExp):
        return _escaped(value.body) and _escaped(value.orelse)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
        return literal_markup(value.left)
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr == "format":
        return literal_markup(func.value)
    return literal_markup(value) or (last_name(func) in _ESCAPERS and len(value.args) == 1)


def literal_markup(node: ast.expr) -> bool:
    """`Markup("<b>{}</b>")`: markup of the code's own text."""
    return (
        isinstance(node, ast.Call)
        and last_name(node.func) == _MARKUP
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )
