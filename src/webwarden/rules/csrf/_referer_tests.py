"""String tests of the `Referer` or `Origin` header that another site's URL passes:
`host in referer`, `referer.startswith("https://example.com")` (no `/` after the host),
`origin.endswith("example.com")` (no dot before the domain)."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

from webwarden.rules.auth._request_headers import client_header, is_request
from webwarden.rules.context import FileContext, identifier_words

Bindings = Mapping[str, list[ast.expr]]

SUBSTRING = "as a substring"
PREFIX = "by a prefix ending at the host (no `/` after it)"
SUFFIX = "by a suffix without a dot before the domain"

_HEADERS = frozenset({"Referer", "Origin"})
_HOST_WORDS = frozenset(
    {"host", "hosts", "hostname", "hostnames", "domain", "domains", "fqdn", "netloc",
     "origin", "origins", "authority"}
)  # fmt: skip
_URL_OWNERS = frozenset({"base", "root", "site", "server", "public", "external", "frontend"})
"""Words before `url` in a name holding the site's own address (`SITE_URL`, `base_url`)."""
_REQUEST_HOSTS = frozenset({"host", "host_url", "url_root", "root_url", "base_url", "url"})
_REQUEST_HOST_CALLS = frozenset({"get_host", "build_absolute_uri", "get_raw_uri"})
_HOST_KEYS = frozenset({"HTTP_HOST", "SERVER_NAME", "host"})
_STRING_METHODS = frozenset({"lower", "strip", "rstrip", "lstrip", "casefold", "encode"})
_COLLECTIONS = (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.ListComp, ast.SetComp, ast.DictComp)
_FILES = frozenset({"html", "htm", "php", "js", "css", "json", "xml", "py", "txt", "asp", "aspx",
                    "jsp", "png", "jpg", "gif", "svg", "pdf", "ico"})  # fmt: skip
_HOST_TEXT = re.compile(
    r"(?:[a-z][a-z0-9+.-]*:)?(?://)?\.?((?:[a-z0-9-]+\.)+([a-z][a-z0-9-]*))(?::\d+)?(?:[/?#].*)?",
    re.IGNORECASE,
)
_OPEN_PREFIX = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//[^/?#]+", re.IGNORECASE)
_OPEN_SUFFIX = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)
_MAX_DEPTH = 3


def weak_header_test(
    ctx: FileContext, node: ast.expr, bindings: Bindings
) -> tuple[str, str] | None:
    """The header (`Referer` or `Origin`) `node` tests as a string another site's URL
    passes, and how, if it is such a test."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        value = node.comparators[0]
        if not isinstance(node.ops[0], ast.In | ast.NotIn) or isinstance(value, _COLLECTIONS):
            return None
        header = _header(ctx, value, bindings)
        if header is None or client_header(ctx, node.left, bindings) is not None:
            return None
        return (header, SUBSTRING) if _host_like(ctx, node.left, bindings, node) else None
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
        return None
    method = node.func.attr
    if method not in {"startswith", "endswith"}:
        return None
    header = _header(ctx, node.func.value, bindings)
    if header is None:
        return None
    arg = node.args[0]
    options = arg.elts if isinstance(arg, ast.Tuple) else [arg]
    if method == "startswith" and any(_open_prefix(ctx, o, bindings) for o in options):
        return header, PREFIX
    if method == "endswith" and any(_open_suffix(ctx, o, bindings) for o in options):
        return header, SUFFIX
    return None


def _header(ctx: FileContext, node: ast.expr, bindings: Bindings) -> str | None:
    header = client_header(ctx, node, bindings)
    return header if header in _HEADERS else None


def _host_like(
    ctx: FileContext, node: ast.expr, bindings: Bindings, at: ast.AST, depth: int = 0
) -> bool:
    """Whether `node` holds the site's host or address, or an allowed one."""
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _host_text(node.value)
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        parts = _parts(node)
        if any(isinstance(p, ast.Constant) and "//" in str(p.value) for p in parts):
            return True
        return any(_host_like(ctx, p, bindings, at, depth + 1) for p in parts)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in _REQUEST_HOST_CALLS and is_request(ctx, node.func.value):
            return True
        if node.func.attr in _STRING_METHODS:
            return _host_like(ctx, node.func.value, bindings, at, depth + 1)
    if (
        isinstance(node, ast.Attribute)
        and node.attr in _REQUEST_HOSTS
        and is_request(ctx, node.value)
    ):
        return True
    if _named_host(_name_of(node)):
        return True
    if not isinstance(node, ast.Name):
        return False
    iterated = _iterated(ctx, node, at)
    if iterated is not None:
        return _host_like(ctx, iterated, bindings, at, depth + 1) or (
            isinstance(iterated, ast.List | ast.Tuple | ast.Set)
            and any(_host_like(ctx, e, bindings, at, depth + 1) for e in iterated.elts)
        )
    return any(_host_like(ctx, v, bindings, at, depth + 1) for v in bindings.get(node.id, ()))


def _host_text(text: str) -> bool:
    match = _HOST_TEXT.fullmatch(text)
    return match is not None and match.group(2).lower() not in _FILES


def _name_of(node: ast.expr) -> str:
    """The last name `node` reads: `config.ui.fqdn` -> `fqdn`, `app.config["SERVER_NAME"]`
    and `settings.get("SITE_URL")` -> the key."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    key: ast.expr | None = None
    if isinstance(node, ast.Subscript):
        key = node.slice
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        key = node.args[0] if node.func.attr == "get" else None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return ""


def _named_host(name: str) -> bool:
    if name in _HOST_KEYS:
        return True
    words = identifier_words(name)
    if _HOST_WORDS & set(words):
        return True
    return any(
        w in {"url", "uri"} and i and words[i - 1] in _URL_OWNERS for i, w in enumerate(words)
    )


def _iterated(ctx: FileContext, name: ast.Name, at: ast.AST) -> ast.expr | None:
    """What a loop or comprehension around `at` binds `name` from (`for host in HOSTS`)."""
    for ancestor in ctx.ancestors(at):
        generators = getattr(ancestor, "generators", None)
        loops = generators if isinstance(generators, list) else [ancestor]
        for loop in loops:
            if isinstance(loop, ast.comprehension | ast.For | ast.AsyncFor) and (
                isinstance(loop.target, ast.Name) and loop.target.id == name.id
            ):
                return loop.iter
    return None


def _parts(node: ast.expr) -> list[ast.expr]:
    """The pieces of an f-string or a `+` chain, in order."""
    if isinstance(node, ast.JoinedStr):
        return [v.value if isinstance(v, ast.FormattedValue) else v for v in node.values]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [*_parts(node.left), *_parts(node.right)]
    return [node]


def _shape(ctx: FileContext, node: ast.expr, bindings: Bindings, depth: int = 0) -> str | None:
    """The text of a string expression with each unknown piece as `x` (`f"https://{host}"`
    -> `https://x`), or None when it is no string expression."""
    value = ctx.evaluate(node)
    if isinstance(value, str):
        return value
    if isinstance(node, ast.Name) and depth < _MAX_DEPTH:
        values = bindings.get(node.id, [])
        if len(values) == 1:
            return _shape(ctx, values[0], bindings, depth + 1)
        return None
    if not isinstance(node, ast.JoinedStr | ast.BinOp):
        return None
    text = ""
    for part in _parts(node):
        known = ctx.evaluate(part)
        if isinstance(known, str):
            text += known
        elif isinstance(part, ast.Attribute) and part.attr in {"host_url", "url_root"}:
            text += "x/"  # NOTE: Werkzeug ends both with `/`.
        else:
            text += "x"
    return text


def _open_prefix(ctx: FileContext, node: ast.expr, bindings: Bindings) -> bool:
    shape = _shape(ctx, node, bindings)
    return shape is not None and _OPEN_PREFIX.fullmatch(shape) is not None


def _open_suffix(ctx: FileContext, node: ast.expr, bindings: Bindings) -> bool:
    shape = _shape(ctx, node, bindings)
    if shape is not None:
        return _OPEN_SUFFIX.fullmatch(shape) is not None
    return _named_host(_name_of(node))
