"""Whether an HTTP client call targets this machine, by the URL it is given, or runs only
when the host it is configured with is this machine."""

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
    return bool(host) and not host.startswith("/") and is_local_host(host)


def plain_http_target(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the call's URL is written with the `http://` scheme (`f"http://{host}/api/"`,
    a module constant the path is added to): no TLS handshake is made, so a switch of
    certificate verification has nothing to act on."""
    url = _url_argument(ctx, node)
    if url is None:
        return False
    text, _whole = _leading_text(ctx, url)
    return text[:7].lower() == "http://"


def under_loopback_test(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` runs only in the body of an `if` (in its function) whose test says
    the host is this machine: `if host.startswith(("https://localhost",
    "https://127.0.0.1")):`, `if host in ("localhost", "::1"):`, `if url ==
    "https://localhost:9200":` (each text a loopback host, or a URL whose host is one),
    alone or joined by `and` to other tests. A prefix (`"https://localhost"`) is read up
    to its end: the value tested is the code's own configuration, not a request's."""
    child: ast.AST = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        if isinstance(holder, ast.If) and child in holder.body and _loopback_test(holder.test):
            return True
        child = holder
    return False


def _loopback_test(test: ast.expr) -> bool:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_loopback_test(value) for value in test.values)
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute):
        if test.func.attr != "startswith" or len(test.args) != 1 or test.keywords:
            return False
        return _loopback_texts(test.args[0])
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        if isinstance(test.ops[0], ast.Eq):
            return _loopback_texts(test.comparators[0]) or _loopback_texts(test.left)
        if isinstance(test.ops[0], ast.In):
            return _loopback_texts(test.comparators[0])
    return False


def _loopback_texts(expr: ast.expr) -> bool:
    """A string constant, or a literal tuple, list or set of them, each naming a loopback
    host by itself (`localhost`, `localhost:8000`) or as a URL's."""
    items = expr.elts if isinstance(expr, ast.Tuple | ast.List | ast.Set) else [expr]
    texts = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    return bool(texts) and len(texts) == len(items) and all(map(_loopback_text, texts))


def _loopback_text(text: str) -> bool:
    if "://" in text:
        host = _host((text, True))
    elif text.count(":") == 1:
        host = text.partition(":")[0]
    else:
        host = text
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
