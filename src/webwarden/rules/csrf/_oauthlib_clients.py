"""oauthlib's client exchanging the code of a callback (WW644).

`WebApplicationClient.prepare_token_request(token_url, authorization_response=url)`
parses the callback's address and checks the `state` in it only against the `state=` it
is given; so does `parse_request_uri_response(url, state=...)`. A callback that gives
neither, and compares no `state` itself, exchanges whatever code is planted.
"""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words
from webwarden.model.tree import walk, written_text
from webwarden.rules.context import FileContext

EXCHANGE = "prepare_token_request"
_TYING = frozenset({"state", "nonce", "verifier"})
"""Words of what ties the answer to the browser that asked (`state`, an OpenID Connect
`nonce`, PKCE's `code_verifier`)."""
_CHECKING = frozenset({"check", "verify", "validate", "compare", "ensure", "assert", "match"})
"""Verbs of a helper named for checking (`verify_state(...)`): it is taken to check."""

_DECLARING = frozenset({"add_argument"})
"""A request parser's argument declared (flask-restful's `reqparse`, `argparse`): the
name and default of what it reads, no check."""
_SPLITTING = frozenset({"split", "rsplit", "partition", "rpartition"})
"""Text cut into the values it carries: a `state` holding the client id or the page to
return to, which no one compares."""

Function = ast.FunctionDef | ast.AsyncFunctionDef


def exchanged_response(ctx: FileContext, call: ast.Call) -> ast.expr | None:
    """The callback's address the client is given (`authorization_response=request.url`,
    also through a local of it, `url = flask.request.url.replace(...)`), or None."""
    given = ctx.keyword(call, "authorization_response")
    if given is None or ctx.keyword(call, "state") is not None:
        return None
    value = ctx.lookup(given) if isinstance(given, ast.Name) else given
    return given if value is not None and _reads_request(value) else None


def _reads_request(node: ast.expr) -> bool:
    """`request.url`, `flask.request.url`, `request.build_absolute_uri()`."""
    return any(
        (isinstance(part, ast.Name) and part.id == "request")
        or (isinstance(part, ast.Attribute) and part.attr == "request")
        for part in walk(node)
    )


def checks_state(function: Function) -> bool:
    """Whether the function ties the answer to the browser: a `state=`, `nonce=` or
    `code_verifier=` it passes, a value it reads named so (`session["oauth_state"]`,
    `request.args.get("state")`, `expected_state`), or a helper it calls named for
    checking one (`verify_state(...)`); not a helper that only reads it
    (`parse_state_from_response(...)`), nor its comments and docstring, nor a `state`
    only carrying values that the callback splits apart (`args["state"].split(",")`),
    declared as a parser argument (`parser.add_argument("state", default=...)`) or
    assigned to."""
    called = {id(node.func) for node in walk(function) if isinstance(node, ast.Call)}
    first = function.body[0]
    docstring = first.value if isinstance(first, ast.Expr) else None
    skipped = {id(docstring)} if isinstance(docstring, ast.Constant) else set()
    skipped |= _carried(function)
    for node in walk(function):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.keyword) and _tying(node.arg or ""):
            return True
        name = written_text(node) or None
        if name is None or id(node) in skipped or not _tying(name):
            continue
        if id(node) not in called or _CHECKING.intersection(identifier_words(name)):
            return True
    return False


def _carried(function: Function) -> set[int]:
    """The nodes of the function that use a `state` as data, not as a check: what a
    parser argument is declared with, the text split apart, the names assigned."""
    found: set[int] = set()
    for node in walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(id(node))
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr in _DECLARING:
            found.update(id(inner) for inner in walk(node))
        elif node.func.attr in _SPLITTING:
            found.update(id(inner) for inner in walk(node.func.value))
    return found


def _tying(name: str) -> bool:
    return bool(_TYING.intersection(identifier_words(name)))
