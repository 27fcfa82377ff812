"""A Django function view reached only through a secret its URL carries (WW603).

A webhook's address often holds a token the site generated for one caller (Telegram's or a
Git host's hook, `path("hooks/<slug:token>/", hook)`): the view's first act loads the one
row holding that token (`get_object_or_404(Hook, webhook_token=token)`) and answers 404
to any other. A page on another site cannot post to it without knowing the token, and the
view acts for the row, not for the browser's session: a forged post gains nothing.
"""

from __future__ import annotations

import ast
import re

from webwarden.model.caller_checks import after_docstring, ends, refusal
from webwarden.model.django.caller_checks import USER, is_request, reads_session
from webwarden.rules.context import FileContext

_SECRET_FIELD = re.compile(r"(?:^|_)(?:token|secret|api_?key|access_?key)$", re.IGNORECASE)
"""Fields named for a secret the site generated (`webhook_token`, `secret`, `api_key`);
not an id, a slug, a `uuid` or a `hash` alone, which pages may show."""
_RAISING_LOOKUPS = frozenset({"django.shortcuts.get_object_or_404"})
_BROWSER_STATE = frozenset({"session", "COOKIES"})
_ONLY_PRINTS = frozenset({"traceback.print_exc", "traceback.print_exception"})


def keyed_by_url_secret(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` is a function view whose first act (also the first of a `try` whose
    handlers, with what follows the `try`, only log and refuse) loads a row by one of its
    URL parameters matched against a field named for a secret, raising when none matches
    (`get_object_or_404`, or `Model.objects.get()` in such a `try`), and which reads no
    user, session or cookie of the browser."""
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    if isinstance(ctx.parent(node), ast.ClassDef) or _reads_browser_session(ctx, node):
        return False
    parameters = [a.arg for a in (*node.args.posonlyargs, *node.args.args)][1:]
    statements = after_docstring(node.body)
    if not statements:
        return False
    first = statements[0]
    if isinstance(first, ast.Try):
        after = statements[1:]
        if not first.body or first.orelse or first.finalbody or not first.handlers:
            return False
        if not all(_refuses(ctx, [*h.body, *after]) for h in first.handlers):
            return False
        return _looks_up_secret(ctx, first.body[0], parameters, caught=True)
    return _looks_up_secret(ctx, first, parameters, caught=False)


def _reads_browser_session(ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the view reads the browser's session or cookies, or its user other than
    one the view set itself before (`request.user = hook.created_by`, then
    `created_by=request.user` in a statement after it in the same block)."""
    if reads_session(ctx, node, attributes=_BROWSER_STATE):
        return True
    stores = [
        read
        for read in ctx.attributes(USER)
        if isinstance(read.ctx, ast.Store) and is_request(read.value)
    ]
    return any(
        isinstance(read.ctx, ast.Load)
        and is_request(read.value)
        and _inside(ctx, read, node)
        and not any(_follows_store(ctx, read, store) for store in stores)
        for read in ctx.attributes(USER)
    )


def _inside(ctx: FileContext, inner: ast.AST, outer: ast.AST) -> bool:
    return any(a is outer for a in ctx.ancestors(inner))


def _follows_store(ctx: FileContext, read: ast.AST, store: ast.AST) -> bool:
    """Whether `read` is in a statement after the one setting the user (`store`, an
    assignment's target) in the same block."""
    assigned = ctx.parent(store)
    if not isinstance(assigned, ast.Assign):
        return False
    statement = ctx.parent(assigned)
    for body in (getattr(statement, f, None) for f in ("body", "orelse", "finalbody")):
        if isinstance(body, list) and assigned in body:
            later = body[body.index(assigned) + 1 :]
            return any(s is read or _inside(ctx, read, s) for s in later)
    return False


def _refuses(ctx: FileContext, branch: list[ast.stmt]) -> bool:
    kept = [s for s in branch if not _prints_traceback(ctx, s)]
    return ends(ctx, kept) and refusal(ctx, kept)


def _prints_traceback(ctx: FileContext, statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and ctx.qualified(statement.value.func) in _ONLY_PRINTS
    )


def _looks_up_secret(
    ctx: FileContext, statement: ast.stmt, parameters: list[str], *, caught: bool
) -> bool:
    """`row = get_object_or_404(Model, token=token)`, or `row = Model.objects.get(token=token)`
    when a `try` around it refuses (`caught`), `token` a URL parameter of the view."""
    if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)):
        return False
    call = statement.value
    raising = ctx.qualified(call.func) in _RAISING_LOOKUPS
    fetched = (
        caught
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "get"
        and isinstance(call.func.value, ast.Attribute)
        and call.func.value.attr == "objects"
    )
    if not (raising or fetched):
        return False
    return any(
        keyword.arg is not None
        and _SECRET_FIELD.search(keyword.arg.removesuffix("__exact")) is not None
        and isinstance(keyword.value, ast.Name)
        and keyword.value.id in parameters
        for keyword in call.keywords
    )
