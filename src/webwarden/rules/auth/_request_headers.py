"""Reads of the request's headers by name (`request.headers["Origin"]`,
`request.META.get("HTTP_REFERER")`, Flask's `request.referrer`), and of those a client
writes as it likes that say where a request comes from: `Origin`, `Referer`,
`User-Agent`, `X-Requested-With`, and `X-Real-IP` (the client's address, unless a proxy
in front always writes it itself)."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from webwarden.model.names import last_part
from webwarden.model.tree import item_read
from webwarden.rules.context import FileContext

_ATTRIBUTES = {
    "origin": "origin",
    "referrer": "referer",
    "user_agent": "user-agent",
    "is_xhr": "x-requested-with",
}
"""Flask's (Werkzeug's) parsed headers."""
_METHODS = {"is_ajax": "x-requested-with"}
_HOLDERS = frozenset({"headers", "META", "environ"})
_READ_ATTRIBUTES = frozenset({*_ATTRIBUTES, *_METHODS, *_HOLDERS})
"""Django's `request.is_ajax()` (before 4.0)."""
CLIENT_HEADERS = {
    "origin": "Origin",
    "referer": "Referer",
    "user-agent": "User-Agent",
    "x-requested-with": "X-Requested-With",
    "x-real-ip": "X-Real-IP",
}
"""The headers saying where a request comes from, by their lower-case name."""
SCREEN = (
    "rigin",
    "RIGIN",
    "EFERER",
    "eferer",
    "referrer",
    "USER_AGENT",
    "ser-",
    "user_agent",
    "equested",
    "EQUESTED",
    "is_xhr",
    "is_ajax",
    "eal-I",
    "eal-i",
    "REAL_IP",
)
"""What a module reading one of the headers must spell."""
MAX_DEPTH = 3


def client_header(
    ctx: FileContext, node: ast.expr, bindings: Mapping[str, list[ast.expr]], depth: int = 0
) -> str | None:
    """The client-written header `node` reads (through the locals it is bound from, as
    `bindings` gives them), if any."""
    names: list[str] = []
    for inner in ast.walk(node):
        found = CLIENT_HEADERS.get(header_read(ctx, inner) or "")
        if found is not None:
            return found
        if isinstance(inner, ast.Name):
            names.append(inner.id)
    if depth >= MAX_DEPTH:
        return None
    for name in names:
        for value in bindings.get(name, ()):
            found = client_header(ctx, value, bindings, depth + 1)
            if found is not None:
                return found
    return None


def client_header_reads(ctx: FileContext) -> list[ast.expr]:
    """The module's reads of a client-written header (from its index of attributes)."""
    reads: list[ast.expr] = []
    for attribute in ctx.attributes(_READ_ATTRIBUTES):
        read: ast.AST | None = attribute
        if attribute.attr in _HOLDERS:
            read = ctx.parent(attribute)
            if isinstance(read, ast.Attribute):
                read = ctx.parent(read)  # NOTE: `request.headers.get(...)`: the call
        elif attribute.attr in _METHODS:
            read = ctx.parent(attribute)
        if isinstance(read, ast.expr) and CLIENT_HEADERS.get(header_read(ctx, read) or ""):
            reads.append(read)
    return reads


def client_header_readers(ctx: FileContext) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions of the module that read a client-written header, each once, in the
    order of their first read."""
    functions: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for read in client_header_reads(ctx):
        reader = ctx.scopes.enclosing_function(read)
        if reader is not None:
            functions.setdefault(id(reader), reader)
    return list(functions.values())


def header_read(ctx: FileContext, node: ast.AST) -> str | None:
    """The lower-case name of the request header `node` reads, if it reads one."""
    if isinstance(node, ast.Attribute) and node.attr in _ATTRIBUTES:
        return _ATTRIBUTES[node.attr] if is_request(ctx, node.value) else None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _METHODS
        and is_request(ctx, node.func.value)
    ):
        return _METHODS[node.func.attr]
    read = item_read(node)
    return _keyed(ctx, *read) if read is not None else None


def _keyed(ctx: FileContext, holder: ast.expr, key: ast.expr) -> str | None:
    if not isinstance(holder, ast.Attribute) or not is_request(ctx, holder.value):
        return None
    if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
        return None
    if holder.attr == "headers":
        return key.value.lower()
    if holder.attr in {"META", "environ"} and key.value.startswith("HTTP_"):
        return key.value.removeprefix("HTTP_").replace("_", "-").lower()
    return None


def is_request(ctx: FileContext, node: ast.expr) -> bool:
    """Whether `node` is the request (`request`, `self.request`, `req`), also as a REST
    framework serializer is handed it (`self.context["request"]`)."""
    read = item_read(node)
    if read is not None:
        holder, key = read
        return (
            isinstance(key, ast.Constant)
            and key.value == "request"
            and isinstance(holder, ast.Attribute)
            and holder.attr == "context"
            and isinstance(holder.value, ast.Name)
            and holder.value.id == "self"
        )
    name = ctx.qualified(node) or ast.unparse(node)
    return last_part(name) in {"request", "req"}
