"""What starts a URL put together in code, and whether the request chose it."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator, Mapping
from typing import cast

from webwarden.model.tree import summands
from webwarden.rules.auth._request_headers import header_read, is_request
from webwarden.rules.context import FileContext

SECRET_MAKERS = frozenset(
    {
        "make_token",
        "token_urlsafe",
        "token_hex",
        "get_random_string",
        "uuid4",
        "dumps",
        "generate_confirmation_token",
        "generate_reset_token",
        "get_reset_token",
        "get_reset_password_token",
        "create_access_token",
    }
)
"""Calls whose result is a secret a link carries: Django's token generator, `secrets`,
itsdangerous' `dumps`, Flask-JWT-Extended's tokens."""
_SCHEME_END = re.compile(r"(https?:)?//$", re.IGNORECASE)
_WORD_START = re.compile(r"(^|[\s'\"=(>])$")
_SPLITTERS = frozenset({"urlsplit", "urlparse", "urljoin"})
_TEXT_METHODS = frozenset({"strip", "rstrip", "lstrip", "lower", "removesuffix"})
_REQUEST_PARTS = frozenset(
    {"data", "POST", "GET", "query_params", "args", "form", "values", "json", "params"}
)
_CLEANED = frozenset({"validated_data", "cleaned_data", "initial_data"})
_HOST_HEADERS = frozenset({"origin", "referer", "x-forwarded-host", "host"})
"""Headers naming a site that the client writes (Django checks the `Host` its
`get_host()` gives against `ALLOWED_HOSTS`, not the raw header)."""
MAX_DEPTH = 4


Piece = str | ast.expr
"""A piece of text put together: the written text, or an expression placed in it."""


def leading_parts_in(ctx: FileContext, function: ast.AST) -> list[tuple[ast.expr, ast.expr]]:
    """`leading_parts` of a function of the module, found once: the rules on mailed links
    ask it of the function around each mail a module sends."""
    key = (_LEADING_PARTS, id(function))
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = list(leading_parts(function))
    return cast("list[tuple[ast.expr, ast.expr]]", found)


_LEADING_PARTS = "leading_parts"


def leading_parts(function: ast.AST) -> Iterator[tuple[ast.expr, ast.expr]]:
    """Each URL `function` puts together, with the expression its scheme and host come
    from: `f"{base}/reset?t={t}"`, `base + "/reset/" + t`, `f"https://{host}/..."`,
    `"Open {}/reset".format(base)`, `"%s/reset" % base`, `urlsplit(base)`,
    `urljoin(base, path)`."""
    for node in ast.walk(function):
        if isinstance(node, ast.expr):
            for lead in _url_starts(node):
                yield node, lead


def _url_starts(node: ast.expr) -> list[ast.expr]:
    """The expressions a URL `node` puts together starts with (see `leading_parts`)."""
    if isinstance(node, ast.Call) and _splits(node):
        return [node.args[0]]
    pieces = _pieces(node)
    return [
        piece
        for index, piece in enumerate(pieces)
        if isinstance(piece, ast.expr) and _starts_url(pieces, index)
    ]


def _splits(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in _SPLITTERS and bool(node.args)


def _starts_url(pieces: list[Piece], index: int) -> bool:
    """Whether the expression at `index` is where a URL starts: after `https://` (its
    host), or at the start of the text or of a word and followed by a path, a query or
    a port (`{base}/reset`, `href='{base}?t=...`)."""
    before = pieces[index - 1] if index else ""
    after = pieces[index + 1] if index + 1 < len(pieces) else None
    if isinstance(before, str) and _SCHEME_END.search(before):
        return True
    if not isinstance(before, str) or not _WORD_START.search(before):
        return False
    if isinstance(after, str):
        return after[:1] in {"/", "?", "#", ":"}
    return after is not None and index == 0 and not isinstance(pieces[0], str)


def _pieces(node: ast.expr) -> list[Piece]:
    if isinstance(node, ast.JoinedStr):
        return [_piece(value) for value in node.values]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [_piece(operand) for operand in summands(node)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _percent_pieces(node)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _format_pieces(node)
    return []


def _piece(node: ast.expr) -> Piece:
    if isinstance(node, ast.FormattedValue):
        return node.value
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return node


def _percent_pieces(node: ast.BinOp) -> list[Piece]:
    template = _text(node.left)
    if template is None or "%(" in template:
        return []
    given = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
    texts = re.split(r"%[sr]", template)
    if len(texts) - 1 != len(given):
        return []
    pieces: list[Piece] = [texts[0]]
    for value, text in zip(given, texts[1:], strict=True):
        pieces += [value, text]
    return pieces


def _format_pieces(node: ast.Call) -> list[Piece]:
    template = _text(node.func.value) if isinstance(node.func, ast.Attribute) else None
    if template is None:
        return []
    keywords = {k.arg: k.value for k in node.keywords if k.arg}
    pieces: list[Piece] = []
    automatic = 0
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return []
    for text, field, _, _ in parsed:
        pieces.append(text)
        if field is None:
            continue
        name = re.split(r"[.\[]", field, maxsplit=1)[0]
        value: ast.expr | None
        if name == "":
            value = node.args[automatic] if automatic < len(node.args) else None
            automatic += 1
        elif name.isdigit():
            value = node.args[int(name)] if int(name) < len(node.args) else None
        else:
            value = keywords.get(name)
        pieces.append(value if value is not None else ast.Constant(value=""))
    return pieces


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def request_choice(
    ctx: FileContext, node: ast.expr, defs: Mapping[str, list[ast.expr]], depth: int = 0
) -> str | None:
    """The request data `node` is (or starts with), as written: a field of the body or
    query string, a serializer's or form's cleaned field, or a header naming a host
    (`Origin`, `Referer`, `X-Forwarded-Host`); following the locals it is bound from."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(node, ast.Name):
        if node.id == "validated_data":
            return node.id
        for value in defs.get(node.id, []):
            if request_choice(ctx, value, defs, depth + 1) is not None:
                return ast.unparse(value)
        return None
    if isinstance(node, ast.JoinedStr | ast.BinOp | ast.Call):
        for lead in _url_starts(node):
            if request_choice(ctx, lead, defs, depth + 1) is not None:
                return ast.unparse(lead)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _TEXT_METHODS:
            return request_choice(ctx, func.value, defs, depth + 1)
        if isinstance(func, ast.Name) and func.id == "str" and node.args:
            return request_choice(ctx, node.args[0], defs, depth + 1)
    return ast.unparse(node) if _reads_request(ctx, node) else None


def _reads_request(ctx: FileContext, node: ast.expr) -> bool:
    if header_read(ctx, node) in _HOST_HEADERS:
        return True
    while True:
        if isinstance(node, ast.Subscript):
            node = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get", "getlist", "get_json", "__getitem__"}
        ):
            if node.func.attr == "get_json":
                return is_request(ctx, node.func.value)
            node = node.func.value
        else:
            break
    if not isinstance(node, ast.Attribute):
        return False
    if node.attr in _CLEANED:
        return True
    return is_request(ctx, node.value) and node.attr in _REQUEST_PARTS
