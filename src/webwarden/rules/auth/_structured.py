"""Values compared as a whole structure, not as one secret's text (WW744)."""

from __future__ import annotations

import ast

from webwarden.analysis.secrets.values import anti_forgery_token, credential_kind
from webwarden.model.names import last_name
from webwarden.rules.auth._compare import enum_member
from webwarden.rules.context import FileContext

_COLLECTION_TYPES = frozenset(
    {"tuple", "list", "dict", "set", "frozenset", "Tuple", "List", "Dict", "Set", "FrozenSet"}
    | {"Sequence", "Mapping", "NamedTuple"}
)
"""Annotations of a collection: a value so declared is compared item by item, as a
lexer's `(kind, text)` token is, never as a key or password a client sends."""
_WRAPPERS = frozenset({"Optional", "Final"})


def structured(ctx: FileContext, node: ast.expr) -> bool:
    """`(TokenType.CONTROL, "*")`: a tuple or list display of constants and class
    members (also through a local bound to one), or a parameter annotated as a
    collection (`separator: StringToken` with `StringToken = Tuple[TokenType, str]`), or a
    dict display none of whose keys names a secret (`token_data = {"client_id": cid,
    "scope": scope}`, a grant's description looked up among those stored): compared key
    by key, its values are no secret's text."""
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    if isinstance(value, ast.Dict) and value.keys:
        return all(_plain_key(key) for key in value.keys)
    if isinstance(value, ast.Tuple | ast.List) and value.elts:
        return all(
            not isinstance(item, ast.Starred) and (ctx.is_constant(item) or enum_member(item))
            for item in value.elts
        )
    if isinstance(node, ast.Name):
        annotation = _parameter_annotation(ctx, node)
        return annotation is not None and _collection_type(ctx, annotation)
    return False


def _plain_key(key: ast.expr | None) -> bool:
    """A constant key naming no secret (`"client_id"`, not `"client_secret"`)."""
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return False
    return credential_kind(key.value) is None and not anti_forgery_token(key.value)


def _parameter_annotation(ctx: FileContext, node: ast.Name) -> ast.expr | None:
    """The annotation of the parameter of the enclosing function that `node` reads."""
    function = ctx.scopes.enclosing_function(node)
    if function is None or ctx.scopes.binding_scope(node) is not function:
        return None
    if len(ctx.scopes.bindings(function).get(node.id, [])) != 1:
        return None  # NOTE: rebound in the body: the annotation no longer says what it holds
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return next((arg.annotation for arg in every if arg.arg == node.id), None)


def _collection_type(ctx: FileContext, annotation: ast.expr, depth: int = 0) -> bool:
    """Whether the annotation names a collection, directly (`tuple[str, int]`,
    `typing.List[Token]`, `Optional[Tuple[...]]`) or through a type alias the module
    binds once (`Token = Tuple[Kind, str]`)."""
    if depth > 3:
        return False
    if isinstance(annotation, ast.Subscript):
        base = last_name(annotation.value)
        if base in _WRAPPERS:
            return _collection_type(ctx, annotation.slice, depth + 1)
        return base in _COLLECTION_TYPES
    name = last_name(annotation)
    if name in _COLLECTION_TYPES:
        return True
    if not isinstance(annotation, ast.Name):
        return False
    values = ctx.scopes.bindings(ctx.tree).get(annotation.id, [])
    return len(values) == 1 and _collection_type(ctx, values[0], depth + 1)
