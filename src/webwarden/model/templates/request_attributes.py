"""Attributes the project's code sets on the request, and whether each is one of its own values.

A middleware that sets `request.theme = theme` makes `{{ request.theme }}` readable by
every template. When the value is a constant, an upper-case attribute of a module or
class (`SiteTheme.LIGHT`), or a name that an allow-list test has just narrowed (`if
theme not in SITE_THEMES: theme = SiteTheme.LIGHT`, or `raise` / `return`), what the
template writes is text the code's author wrote, whatever the request asked for.
So is a value tested after it is set, in the same block, against such a collection by
a test that stops the request otherwise (`g.lang = session["lang"]`, later `if g.lang not
in LANGUAGES.keys(): abort(404)`, or `return` a response from a `before_request` hook).
Flask's `g` is the same per-request object for Jinja templates (`{{ g.locale }}`); there
Flask-Babel's `str(get_locale())` is such a value too: Babel's identifier of a locale it
knows (`en`, `pt_BR`), never the header's text.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext

_REQUEST = "request"


def request_attributes(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """Each attribute the module sets on a name `request` or on Flask's `g`, as
    `request.theme` or `g.locale`, with whether the value is one the code wrote (see the
    module docstring)."""
    on_g = ctx.mentions(_FLASK_G + ".") and ctx.names.imports("flask")
    if not (on_g or ctx.mentions(_REQUEST + ".")):
        return ()
    found: list[tuple[str, bool]] = []
    for node in ctx.nodes(ast.Assign):
        assert isinstance(node, ast.Assign)  # noqa: S101 - nodes() of that type
        for target in node.targets:
            holder = _holder(ctx, target, on_g)
            if holder and isinstance(target, ast.Attribute):
                closed = len(node.targets) == 1 and (
                    _code_value(ctx, node, node.value)
                    or (holder == _FLASK_G and _babel_locale(ctx, node.value))
                    or _checked_after(ctx, node, target)
                )
                found.append((f"{holder}.{target.attr}", closed))
    return tuple(found)


_FLASK_G = "g"
_BABEL_LOCALES = frozenset({"flask_babel.get_locale", "flask_babelex.get_locale"})


def _holder(ctx: FileContext, target: ast.expr, flask_module: bool) -> str:
    """`request` for `request.theme = ...`, `g` for `g.locale = ...` with `g` Flask's
    (looked up only in a module importing Flask)."""
    if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
        return ""
    if target.value.id == _REQUEST:
        return _REQUEST
    return _FLASK_G if flask_module and ctx.qualified(target.value) == "flask.g" else ""


def _babel_locale(ctx: FileContext, value: ast.expr) -> bool:
    """`str(get_locale())` or `get_locale()` of Flask-Babel: a locale Babel parsed."""
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "str"
        and len(value.args) == 1
        and not value.keywords
    ):
        value = value.args[0]
    return isinstance(value, ast.Call) and ctx.qualified(value.func) in _BABEL_LOCALES


def _code_value(ctx: FileContext, statement: ast.stmt, value: ast.expr) -> bool:
    """Whether `value`, assigned by `statement`, is one the code wrote: a constant or an
    upper-case attribute, or a name the nearest statement before binding or testing it
    leaves so."""
    if written(value):
        return True
    if not isinstance(value, ast.Name):
        return False
    for earlier in _before(ctx, statement):
        if isinstance(earlier, ast.If) and narrows(earlier, value.id):
            return True
        if _binds(earlier, value.id):
            return (
                isinstance(earlier, ast.Assign)
                and len(earlier.targets) == 1
                and written(earlier.value)
            )
    return False


def _checked_after(ctx: FileContext, statement: ast.Assign, target: ast.Attribute) -> bool:
    """Whether a later statement of the block, before any other binding of the attribute,
    tests it against a collection the code wrote and stops the request otherwise: `if
    g.lang not in LANGUAGES.keys(): abort(404)` (or `raise`), or `return` a response
    from a `before_request` hook, which Flask sends instead of running the view; with
    no `return` between that lets the request go on unchecked."""
    hook = _request_hook(ctx, statement)
    for later in _after(ctx, statement):
        if isinstance(later, ast.If) and narrows(later, target, leaving_by_return=hook):
            return True
        if _sets(later, target) or _returns(later):
            return False
    return False


def _returns(statement: ast.stmt | ast.excepthandler | ast.match_case) -> bool:
    """Whether `statement` may return from the function (a nested one's aside): the
    request goes on, with the attribute unchecked."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return False
    if isinstance(statement, ast.Return):
        return True
    return any(
        _returns(child)
        for child in ast.iter_child_nodes(statement)
        if isinstance(child, ast.stmt | ast.excepthandler | ast.match_case)
    )


_HOOKS = frozenset({"before_request", "before_app_request"})


def _request_hook(ctx: FileContext, statement: ast.stmt) -> bool:
    """Whether `statement` is in the body of a function registered to run before each
    request (`@app.before_request`, a blueprint's `@bp.before_app_request`)."""
    function = ctx.parent(statement)
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    return any(
        isinstance(decorator, ast.Attribute) and decorator.attr in _HOOKS
        for decorator in function.decorator_list
    )


def _sets(statement: ast.stmt, target: ast.Attribute) -> bool:
    """Whether `statement` may assign the attribute `target` names (anywhere inside it)."""
    wanted = ast.unparse(target.value), target.attr
    return any(
        isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and (ast.unparse(node.value), node.attr) == wanted
        for node in ast.walk(statement)
    )


def _after(ctx: FileContext, statement: ast.stmt) -> Iterator[ast.stmt]:
    """The statements after `statement` in its block, nearest first."""
    parent = ctx.parent(statement)
    if parent is None:
        return
    for _, block in ast.iter_fields(parent):
        if isinstance(block, list) and statement in block:
            yield from block[block.index(statement) + 1 :]
            return


def written(value: ast.expr) -> bool:
    """A constant, or an upper-case attribute of a dotted name (`SiteTheme.LIGHT`)."""
    if isinstance(value, ast.Constant):
        return True
    if not (isinstance(value, ast.Attribute) and value.attr.isupper()):
        return False
    root: ast.expr = value.value
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id != _REQUEST


def narrows(test: ast.If, name: str | ast.Attribute, *, leaving_by_return: bool = True) -> bool:
    """`if name not in ALLOWED:` whose body leaves only by `raise` or `return`, or binds
    `name` once, by a statement of its own, to a value the code wrote; with no `else`. Past it, `name` is one
    of `ALLOWED` (an upper-case name: a collection the code wrote, or its `.keys()`) or
    that value. `name` is a local's, or an attribute tested as such (`g.lang`), which
    only `raise`, an `abort()` or, per `leaving_by_return`, `return` keeps."""
    compare = test.test
    if test.orelse or not (
        isinstance(compare, ast.Compare)
        and _same(compare.left, name)
        and len(compare.ops) == 1
        and isinstance(compare.ops[0], ast.NotIn)
        and _constant_collection(compare.comparators[0])
    ):
        return False
    last = test.body[-1]
    if isinstance(last, ast.Raise) or (leaving_by_return and isinstance(last, ast.Return)):
        return True
    if isinstance(name, ast.Attribute):
        return _aborts(last)
    fallbacks = [
        statement
        for statement in test.body
        if isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and statement.targets[0].id == name
        and written(statement.value)
    ]
    # NOTE: one fallback among other statements (`lang = "en"`, then a note of it).
    bindings = [s for s in test.body if _binds(s, name)]
    return len(fallbacks) == 1 and bindings == fallbacks


def _same(node: ast.expr, name: str | ast.Attribute) -> bool:
    if isinstance(name, str):
        return isinstance(node, ast.Name) and node.id == name
    return (
        isinstance(node, ast.Attribute)
        and node.attr == name.attr
        and ast.unparse(node.value) == ast.unparse(name.value)
    )


def _aborts(statement: ast.stmt) -> bool:
    """`abort(404)` (Flask's or Werkzeug's, by any import), alone or returned."""
    value = statement.value if isinstance(statement, ast.Expr | ast.Return) else None
    if not isinstance(value, ast.Call):
        return False
    function = value.func
    called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return called == "abort"


def _constant_collection(node: ast.expr) -> bool:
    """`SITE_THEMES`, `themes.ALLOWED`: a collection named as a constant, also its keys
    (`LANGUAGES.keys()`)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "keys"
        and not (node.args or node.keywords)
    ):
        node = node.func.value
    if isinstance(node, ast.Name):
        return node.id.isupper()
    return written(node) and not isinstance(node, ast.Constant)


def _binds(statement: ast.stmt, name: str) -> bool:
    """Whether `statement` may bind `name` (anywhere inside it)."""
    return any(
        isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
        for node in ast.walk(statement)
    )


def _before(ctx: FileContext, statement: ast.stmt) -> Iterator[ast.stmt]:
    """The statements before `statement` in its block, nearest first."""
    parent = ctx.parent(statement)
    if parent is None:
        return
    for _, block in ast.iter_fields(parent):
        if isinstance(block, list) and statement in block:
            yield from reversed(block[: block.index(statement)])
            return
