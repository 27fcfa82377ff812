"""Whether an HTTP client call targets this machine, by the URL it is given."""

from __future__ import annotations

import ast
from urllib.parse import urlsplit

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.secrets import is_local_host
from webwarden.rules.context import FileContext

_URL_FIRST = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "stream"})
"""Methods taking the URL first; `request(method, url)` and `stream(method, url)` of
httpx take it second, told apart by a first argument that is a method name."""
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


def loopback_target(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the call's URL names a loopback host (`https://localhost/api/`), known
    up to the end of its host even when the rest is built at run time."""
    url = _url_argument(ctx, node)
    if url is None:
        return False
    host = _host(_leading_text(ctx, url))
    return bool(host) and is_local_host(host)


def _url_argument(ctx: FileContext, node: ast.Call) -> ast.expr | None:
    keyword = ctx.keyword(node, "url")
    if keyword is not None:
        return keyword
    args = [a for a in node.args if not isinstance(a, ast.Starred)]
    if len(args) != len(node.args) or not args:
        return None
    first = ctx.evaluate(args[0])
    if isinstance(first, str) and first.upper() in _METHODS:
        return args[1] if len(args) > 1 else None
    method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
    return args[0] if method in _URL_FIRST or isinstance(node.func, ast.Name) else None


def _leading_text(ctx: FileContext, expr: ast.expr, depth: int = 0) -> tuple[str, bool]:
    """The text the value starts with, and whether that is all of it."""
    value = ctx.evaluate(expr)
    if isinstance(value, str):
        return value, True
    if value is not UNKNOWN or depth > 4:
        return "", False
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        left, whole = _leading_text(ctx, expr.left, depth + 1)
        if not whole:
            return left, False
        right, rest = _leading_text(ctx, expr.right, depth + 1)
        return left + right, rest
    if isinstance(expr, ast.JoinedStr):
        text = ""
        for part in expr.values:
            if isinstance(part, ast.FormattedValue) and (part.format_spec or part.conversion != -1):
                return text, False
            inner = part.value if isinstance(part, ast.FormattedValue) else part
            piece, whole = _leading_text(ctx, inner, depth + 1)
            text += piece
            if not whole:
                return text, False
        return text, True
    return "", False


def _host(leading: tuple[str, bool]) -> str:
    """The host of a URL known up to the end of its host ("" when it is not)."""
    text, whole = leading
    scheme, separator, rest = text.partition("://")
    if not separator or not scheme:
        return ""
    end = min((i for i in map(rest.find, "/?#") if i >= 0), default=-1)
    if end < 0 and not whole:
        return ""  # NOTE: `"https://localhost" + suffix` may go on `.example.com`
    try:
        return urlsplit(f"{scheme}://{rest if end < 0 else rest[:end]}").hostname or ""
    except ValueError:
        return ""
