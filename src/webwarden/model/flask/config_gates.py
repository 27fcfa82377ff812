"""Decorators that run the view only when the app's config turns a feature on."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_CONFIG = ("flask.current_app.config",)
_REFUSALS = frozenset(
    {"flask.flash", "flask.redirect", "flask.url_for", "flask.abort", "flask.render_template",
     "flask.make_response", "flask.Response", "flask.jsonify", "werkzeug.exceptions.abort",
     "flask_babel.gettext", "flask_babel.lazy_gettext", "flask_babel._", "functools.wraps",
     "typing.cast"}
)  # fmt: skip
"""What a refusal builds (a message for the next page, a redirect, an error page), and
what wraps the view (`@wraps(f)`, `typing.cast(RouteT, decorated)`)."""
_TRANSLATORS = frozenset({"_", "gettext", "lazy_gettext"})
_PER_REQUEST = ("flask.request", "flask.session", "flask.g", "flask_login.current_user")
"""What tells one visitor from another: a wrapper reading any of them may act as one."""


def config_gate(ctx: FileContext, decorator: ast.AST) -> bool:
    """Whether the decorator's wrapper only asks the app's config whether a feature is on
    (`if current_app.config["ENABLE_FEDERATED_LOGIN"]: return f(*args, **kwargs)`) and
    otherwise refuses (`flash(...)`, then `redirect(url_for("index"))`, or `abort(404)`),
    reading nothing of the request, the session, `g` or the signed-in user: the same
    answer for every visitor, which is no login check and acts as no one."""
    wrapper = _returned_function(decorator)
    if wrapper is None or not isinstance(decorator, _FUNCTIONS):
        return False
    views = {a.arg for a in (*decorator.args.posonlyargs, *decorator.args.args)}
    tested = False
    called = False
    for node in ast.walk(wrapper):
        if isinstance(node, ast.If) and _reads_config(ctx, node.test):
            tested = True
        if isinstance(node, ast.Name | ast.Attribute) and _per_request(ctx.qualified(node)):
            return False
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id in views:
            called = True
        elif not _allowed(ctx, node):
            return False
    return tested and called


def _allowed(ctx: FileContext, call: ast.Call) -> bool:
    name = ctx.call_name(call) or ""
    if name in _REFUSALS or name.rpartition(".")[2] in _TRANSLATORS:
        return True
    # NOTE: `current_app.config.get("FLAG")`
    return name.startswith(_CONFIG)


def _reads_config(ctx: FileContext, test: ast.expr) -> bool:
    return any(
        (ctx.qualified(node) or "").startswith(_CONFIG)
        for node in ast.walk(test)
        if isinstance(node, ast.Name | ast.Attribute)
    )


def _per_request(name: str | None) -> bool:
    return name is not None and any(
        name == owner or name.startswith(owner + ".") for owner in _PER_REQUEST
    )


def _returned_function(function: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function `function` defines in its body and returns by name (`return wrapper`)."""
    if not isinstance(function, _FUNCTIONS):
        return None
    defined = {s.name: s for s in function.body if isinstance(s, _FUNCTIONS)}
    returned = [s.value for s in function.body if isinstance(s, ast.Return) and s.value is not None]
    for value in reversed(returned):
        # NOTE: `return typing.cast(FlaskRouteT, decorated)` as well as `return decorated`
        if isinstance(value, ast.Call) and value.args:
            value = value.args[-1]
        if isinstance(value, ast.Name) and value.id in defined:
            return defined[value.id]
    return None
