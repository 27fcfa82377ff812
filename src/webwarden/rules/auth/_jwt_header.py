"""The `alg` of a JWT's own header, read before it is verified: followed from a value
(the `algorithms` of a decode) through locals, items and the module's own functions."""

from __future__ import annotations

import ast
import re

from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING
from webwarden.model.tree import defined_method, mapping_get, own_returns, self_method
from webwarden.rules.context import FileContext

_HEADER_READERS = frozenset({"get_unverified_header", "get_unverified_headers"})
"""PyJWT's and python-jose's readers of a token's header before any check."""
_LIBRARIES = frozenset({"jwt", "jose"})
_HEADER_NAME = re.compile(r"header|hdr", re.IGNORECASE)
"""A project's helper, or the name holding what it returned, named for the header."""
_MAX_DEPTH = 6
_NAME_HOPS = 3
"""How many locals a header reader's argument is followed through to the token."""

Trail = list[ast.AST]
"""The expressions from a value down to the `alg` read, through the functions called."""
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def header_alg_trail(ctx: FileContext, value: ast.expr, token: ast.expr) -> Trail | None:
    """The way from `value` to the `alg` of the unverified header of `token`, None when
    `value` is not made of it."""
    return _alg_trail(ctx, value, _token_texts(token), 0)


def _token_texts(token: ast.expr) -> frozenset[str]:
    """The token decoded, as written, and without the conversions called on it
    (`token.encode()`: also `token`)."""
    texts = {ast.unparse(token)}
    while isinstance(token, ast.Call) and isinstance(token.func, ast.Attribute):
        token = token.func.value
        texts.add(ast.unparse(token))
    return frozenset(texts)


def _alg_trail(ctx: FileContext, node: ast.AST, tokens: frozenset[str], depth: int) -> Trail | None:
    """The way from `node` to the `alg` of the unverified header of one of `tokens`
    (`header["alg"]`, `header.get("alg")`, in a list, through locals bound to it, or
    returned by a function of the module); not through a mapping of the server's own
    (`ALGORITHMS[header["kid"]]`)."""
    if depth > _MAX_DEPTH:
        return None
    holder = alg_holder(node)
    if holder is not None:
        return [node] if _is_header(ctx, holder, tokens, depth + 1, named=False) else None
    found: Trail | None = None
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        for value, position in _bound(ctx, node):
            found = (
                _alg_trail(ctx, value, tokens, depth + 1)
                if position is None
                else _returned_alg(ctx, value, position, tokens, depth + 1)
            )
            if found is not None:
                break
    elif isinstance(node, ast.Subscript):
        # NOTE: a key into a mapping chooses from its values, as does its `get()`.
        found = _alg_trail(ctx, node.value, tokens, depth)
    elif (lookup := mapping_get(node)) is not None:
        found = _alg_trail(ctx, lookup[0], tokens, depth)
    else:
        if isinstance(node, ast.Call):
            found = _returned_alg(ctx, node, None, tokens, depth + 1)
        for child in ast.iter_child_nodes(node) if found is None else ():
            found = _alg_trail(ctx, child, tokens, depth)
            if found is not None:
                break
    return None if found is None else [node, *found]


def alg_holder(node: ast.AST) -> ast.expr | None:
    """`X` of `X["alg"]` or `X.get("alg")`."""
    if isinstance(node, ast.Subscript) and _is_alg(node.slice):
        return node.value
    lookup = mapping_get(node)
    if lookup is not None and _is_alg(lookup[1][0]):
        return lookup[0]
    return None


def _is_alg(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value == "alg"


def _is_header(
    ctx: FileContext, node: ast.expr, tokens: frozenset[str], depth: int, *, named: bool
) -> bool:
    """Whether `node` holds the unverified header of one of `tokens`: the library's
    reader handed it, a call of the project handed it and named for the header (or held
    by a name so named), an item of what either returned (`parts(token)[0]`), or a local
    bound to any of these, also by unpacking (`hdr, claims = parts(token)`)."""
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, ast.Subscript):
        return _is_header(ctx, node.value, tokens, depth + 1, named=named)
    if isinstance(node, ast.Call):
        name = ctx.call_name(node) or ""
        head, _, tail = name.rpartition(".")
        library = tail in _HEADER_READERS and head.partition(".")[0] in _LIBRARIES
        reader = library or named or _HEADER_NAME.search(tail) is not None
        return reader and _handed(ctx, node, tokens) is not None
    if isinstance(node, ast.Name):
        named = named or _HEADER_NAME.search(node.id) is not None
        return any(
            _is_header(ctx, value, tokens, depth + 1, named=named) for value, _ in _bound(ctx, node)
        )
    return False


def _handed(ctx: FileContext, call: ast.Call, tokens: frozenset[str]) -> int | str | None:
    """Where `call` is handed one of `tokens`: its position, or its keyword."""
    given: list[tuple[int | str | None, ast.expr]] = [*enumerate(call.args)]
    given += [(keyword.arg, keyword.value) for keyword in call.keywords]
    for where, value in given:
        if where is not None and _made_of(ctx, value, tokens, 0):
            return where
    return None


def _made_of(ctx: FileContext, value: ast.expr, tokens: frozenset[str], depth: int) -> bool:
    """Whether `value` is one of `tokens` as written, or an expression made of it, also
    through locals (`first, _, _ = token.split(".")`, then `b64decode(first)`)."""
    for part in ast.walk(value):
        if ast.unparse(part) in tokens:
            return True
        if (
            isinstance(part, ast.Name)
            and isinstance(part.ctx, ast.Load)
            and depth < _NAME_HOPS
            and any(_made_of(ctx, bound, tokens, depth + 1) for bound, _ in _bound(ctx, part))
        ):
            return True
    return False


def _bound(ctx: FileContext, name: ast.Name) -> list[tuple[ast.expr, int | None]]:
    """The values `name` may hold where it is read, each with None; and for a tuple
    assignment of its function unpacking into it (`key, alg = signing_key(token)`), the
    value unpacked with the position of `name` in the target, or the item of a literal
    tuple (`alg, kid = header["alg"], header["kid"]`) with None."""
    found: list[tuple[ast.expr, int | None]] = [
        (value, None)
        for value in ctx.scopes.values_of(name) or ()
        if value is not UNKNOWN_BINDING and value is not CHANGED_BINDING
    ]
    scope = ctx.scopes.enclosing_function(name) or ctx.tree
    for statement in ast.walk(scope):
        if not isinstance(statement, ast.Assign):
            continue
        for target in statement.targets:
            elements = _unpacked_names(target)
            if name.id not in elements:
                continue
            position, value = elements.index(name.id), statement.value
            if not isinstance(value, ast.Tuple | ast.List):
                found.append((value, position))
            elif len(value.elts) == len(elements):
                found.append((value.elts[position], None))
    return found


def _unpacked_names(target: ast.expr) -> list[str | None]:
    """The names an unpacking target binds, by position (`key, alg = ...`), None for any
    other element; empty for other targets, and when a starred element makes the
    positions uncertain."""
    if not isinstance(target, ast.Tuple | ast.List) or any(
        isinstance(element, ast.Starred) for element in target.elts
    ):
        return []
    return [element.id if isinstance(element, ast.Name) else None for element in target.elts]


def _callee(ctx: FileContext, call: ast.Call) -> tuple[_Function, int] | None:
    """The function of the module `call` runs (a top-level or enclosing `def`, or a
    method of the caller's class called on `self`) and how many of its first parameters
    the call does not fill (1 for `self`)."""
    if isinstance(call.func, ast.Name):
        function = ctx.called_function(call.func)
        return None if function is None else (function, 0)
    method = self_method(call)
    caller = ctx.scopes.enclosing_function(call)
    if method is None or caller is None:
        return None
    owner = ctx.scopes.enclosing_scope(caller)
    function = defined_method(owner, method) if isinstance(owner, ast.ClassDef) else None
    return None if function is None else (function, 1)


def _returned_alg(
    ctx: FileContext, call: ast.expr, position: int | None, tokens: frozenset[str], depth: int
) -> Trail | None:
    """The way to the header's `alg` in what the module's function `call` runs returns
    (the item at `position` of a tuple it returns, when given), read from the parameter
    `call` hands one of `tokens`."""
    if not isinstance(call, ast.Call) or depth > _MAX_DEPTH:
        return None
    callee, given = _callee(ctx, call), _handed(ctx, call, tokens)
    if callee is None or given is None:
        return None
    function, skipped = callee
    if isinstance(given, int):
        parameters = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        if skipped + given >= len(parameters):
            return None
        given = parameters[skipped + given]
    for statement in own_returns(function):
        value = statement.value
        if position is not None:
            items = value.elts if isinstance(value, ast.Tuple | ast.List) else []
            value = items[position] if position < len(items) else None
        found = None if value is None else _alg_trail(ctx, value, frozenset({given}), depth)
        if found is not None:
            return [call, *found]
    return None
