"""Environment lookups whose text is decoded as JSON, so that a default decoding to
nothing (`"{}"`, `"[]"`, `"null"`) holds no credential, like an empty default.

Decoded at once (`json.loads(os.environ.get("CLIENT_KEYS", "{}"))`), or bound to a name
that the same block later decodes in place (`CREDENTIALS = os.environ.get("CREDENTIALS",
"{}")`, then `CREDENTIALS = json.loads(CREDENTIALS)`), the statements between only
testing the name or remaking it in place (`if CREDENTIALS != "{}": CREDENTIALS =
base64.urlsafe_b64decode(CREDENTIALS)`): the default's text reaches nothing but the
decoder.
"""

from __future__ import annotations

import ast
import json

from webwarden.model.module import FileContext

JSON_DECODERS = frozenset({"json.loads", "simplejson.loads", "orjson.loads", "ujson.loads"})


def decoded_empty(ctx: FileContext, lookup: ast.expr, value: str) -> bool:
    """Whether the looked-up text is decoded as JSON (at once, or in place through the
    name it is bound to) and the default `value` decodes to nothing: an empty mapping
    or list, or `None`."""
    if not _empty_document(value):
        return False
    holder = ctx.parent(lookup)
    if _decoding(ctx, holder, lookup):
        return True
    return isinstance(holder, ast.Assign) and _decoded_in_place(ctx, holder)


def _empty_document(value: str) -> bool:
    try:
        decoded = json.loads(value)
    except ValueError:
        return False
    return decoded is None or decoded in ({}, [], "")


def _decoding(ctx: FileContext, node: ast.AST | None, argument: ast.expr) -> bool:
    """`json.loads(argument)`: a decoder's call given `argument` first."""
    return (
        isinstance(node, ast.Call)
        and bool(node.args)
        and _same(node.args[0], argument)
        and ctx.call_name(node) in JSON_DECODERS
    )


def _same(node: ast.expr, other: ast.expr) -> bool:
    if isinstance(node, ast.Name) and isinstance(other, ast.Name):
        return node.id == other.id
    return node is other


def _decoded_in_place(ctx: FileContext, bound: ast.Assign) -> bool:
    """`NAME = lookup`, then in the same block `NAME = json.loads(NAME)`, every statement
    between reading `NAME` only in a comparison or to bind `NAME` itself anew."""
    if len(bound.targets) != 1 or not isinstance(bound.targets[0], ast.Name):
        return False
    name = bound.targets[0]
    following = _following(ctx, bound)
    for statement in following:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and _same(statement.targets[0], name)
            and _decoding(ctx, statement.value, name)
        ):
            return True
        if not _only_tested_or_remade(statement, name.id):
            return False
    return False


def _following(ctx: FileContext, statement: ast.stmt) -> list[ast.stmt]:
    """The statements after `statement` in the block holding it."""
    parent = ctx.parent(statement) or ctx.tree
    for field in ("body", "orelse", "finalbody"):
        block = getattr(parent, field, None)
        if isinstance(block, list) and any(s is statement for s in block):
            index = next(i for i, s in enumerate(block) if s is statement)
            return block[index + 1 :]
    return []


def _only_tested_or_remade(statement: ast.stmt, name: str) -> bool:
    """Whether every read of `name` in `statement` is an operand of a comparison or in
    the value of an assignment to `name` alone (`NAME = b64decode(NAME)`)."""
    allowed: set[int] = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.Compare):
            allowed.update(id(operand) for operand in (node.left, *node.comparators))
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == name
        ):
            allowed.update(id(inner) for inner in ast.walk(node.value))
    return all(
        id(node) in allowed
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)
    )
