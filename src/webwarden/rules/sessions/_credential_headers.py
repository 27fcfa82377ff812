"""Reads of a request header that carries a credential (`request.META["HTTP_X_API_KEY"]`,
`request.headers.get("Authorization")`): a function reading one authenticates the request,
whatever it is named."""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words
from webwarden.rules.context import FileContext, sounds_secret

_HEADER_PARTS = frozenset({"headers", "META", "environ"})
"""Django's and Flask's `request.headers`, Django's `request.META`, the WSGI environ."""
_READS = frozenset({"get", "pop"})
_WSGI_ENVIRON = "environ"
"""The name PEP 3333 gives the request's environ in a WSGI application's signature."""
_FORGERY_WORDS = frozenset({"csrf", "xsrf", "csrftoken", "xsrftoken"})
"""Anti-forgery tokens are sent on purpose in forms and headers alike; not credentials."""


def credential_header_read(ctx: FileContext, node: ast.AST) -> str | None:
    """The header name a read of the request's credential header uses
    (`request.META.get("HTTP_X_API_KEY")`, a WSGI application's
    `environ.get("HTTP_AUTHORIZATION")`), else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        holder, key = node.func.value, node.args[0]
        if node.func.attr not in _READS:
            return None
    elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        holder, key = node.value, node.slice
    else:
        return None
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return None
    name = key.value
    if isinstance(holder, ast.Name) and holder.id == _WSGI_ENVIRON:
        cgi_names = True  # NOTE: a WSGI callable's own `environ`: the request's headers
    elif isinstance(holder, ast.Attribute) and holder.attr in _HEADER_PARTS:
        owner = ctx.qualified(holder.value) or ast.unparse(holder.value)
        if owner.rsplit(".", 1)[-1] != "request":
            return None
        cgi_names = holder.attr != "headers"
    else:
        return None
    if cgi_names and not name.startswith("HTTP_"):
        return None  # NOTE: `META["REMOTE_USER"]` and the like are the server's, not a header
    return name if is_credential_name(name.removeprefix("HTTP_")) else None


def is_credential_name(name: str) -> bool:
    """A header's or parameter's name that says it carries a credential (`X-API-Key`,
    `Authorization`, `access_token`), not an anti-forgery token (`X-CSRFToken`)."""
    words = identifier_words(name)
    if _FORGERY_WORDS.intersection(words):
        return False
    return words == ["authorization"] or sounds_secret(name)
