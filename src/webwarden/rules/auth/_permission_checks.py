"""A value the client sends compared in the decision a permission check returns.

Django REST framework asks a permission class `has_permission(request, view)` and
`has_object_permission(request, view, obj)` whether to let the request through. A
`return` there comparing what the request carries (`request.query_params.get("key")`)
with a value of the server's (`obj.key`) makes that value the credential the client
must know, whatever its name: `key`, `code`, `pin`.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.rules.auth._text_conversions import as_text

PERMISSION_HOOKS = frozenset({"has_permission", "has_object_permission"})
"""REST framework's permission hooks, whose answer lets the request in or not."""
_REQUEST_PARTS = frozenset(
    {"query_params", "data", "GET", "POST", "headers", "META", "COOKIES", "args", "form"}
)
"""What of a request holds values the client chose."""


def permission_secret(ctx: FileContext, node: ast.Compare) -> str | None:
    """The server's side of `node` (`obj.key`) when `node` is part of what a permission
    hook of a class returns and its other side is read from the request; else None."""
    function = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        None,
    )
    if function is None or function.name not in PERMISSION_HOOKS:
        return None
    if not isinstance(ctx.parent(function), ast.ClassDef) or not _returned(ctx, node, function):
        return None
    left, right = node.left, node.comparators[0]
    for sent, kept in ((left, right), (right, left)):
        if _sent(sent) and not _sent(kept) and not _written_choices(kept):
            return ast.unparse(kept)
    return None


def _written_choices(node: ast.expr) -> bool:
    """A literal (`"json"`) or a collection of literals written in place (`in ("PATIENT",
    "CONSULTATION")`): the value sent is matched against the choices the code offers, a
    category or a format, not against a value the server keeps for the client to know."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return bool(node.elts) and all(isinstance(e, ast.Constant) for e in node.elts)
    return isinstance(node, ast.Constant)


_DIGEST_COMPARES = frozenset({"hmac.compare_digest", "secrets.compare_digest"})


def compared_in_decision(ctx: FileContext, node: ast.AST) -> list[ast.expr]:
    """The values `node` compares when it is part of what a permission hook returns: a
    comparison's sides (`request.query_params.get("key") == obj.key`) or the arguments
    of `hmac.compare_digest(...)`, the same check in constant time; else none."""
    if isinstance(node, ast.Compare):
        return [node.left, *node.comparators] if permission_secret(ctx, node) else []
    if not isinstance(node, ast.Call) or ctx.qualified(node.func) not in _DIGEST_COMPARES:
        return []
    function = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        None,
    )
    if function is None or function.name not in PERMISSION_HOOKS:
        return []
    if not isinstance(ctx.parent(function), ast.ClassDef) or not _returned(ctx, node, function):
        return []
    sides = list(node.args[:2])
    return sides if len(sides) == 2 and any(_sent(s) for s in sides) else []


def _returned(ctx: FileContext, node: ast.AST, function: ast.AST) -> bool:
    """Whether `node` lies in the value of a `return` of `function` (through `and`,
    `or`, `not`), not in a call's arguments."""
    for holder in ctx.ancestors(node):
        if holder is function:
            return False
        if isinstance(holder, ast.Return):
            return True
        if not isinstance(holder, ast.BoolOp | ast.UnaryOp):
            return False
    return False


def _sent(node: ast.expr) -> bool:
    """`request.query_params.get("key")`, `request.data["pin"]`: a value the client sent."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr != "get":
            return False
        node = node.func.value
    elif isinstance(node, ast.Subscript):
        node = node.value
    else:
        return False
    if not isinstance(node, ast.Attribute) or node.attr not in _REQUEST_PARTS:
        return False
    holder = node.value
    return (isinstance(holder, ast.Name) and holder.id.endswith("request")) or (
        isinstance(holder, ast.Attribute) and holder.attr == "request"
    )


_REFUSALS = ("Permission", "Forbidden", "AuthenticationFailed", "NotAuthenticated", "Unauthorized")
"""Words of the exceptions that refuse a request (`PermissionError`, Django's
`PermissionDenied`, REST framework's `AuthenticationFailed` and `NotAuthenticated`,
aiohttp's `HTTPForbidden` and `HTTPUnauthorized`)."""


def refusal_secret(ctx: FileContext, node: ast.Compare) -> str | None:
    """The server's side of `node` (`self.header_value`, an attribute) when `node` is the
    test of an `if` whose body refuses the request (raises `PermissionError`,
    `PermissionDenied`, ...) and its other side is what the request sent, read directly
    or through locals only ever computed from it (`content = request.headers.get(name)`,
    `value = b64decode(content).decode()`): the value a client must know to be let in,
    a credential whatever its name; else None."""
    holder = ctx.parent(node)
    if isinstance(holder, ast.UnaryOp):
        holder = ctx.parent(holder)
    if not isinstance(holder, ast.If) or not _refuses(holder.body):
        return None
    function = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        None,
    )
    if function is None:
        return None
    # NOTE: `smart_str(row.secret_id)`: the attribute's own text, compared as it is
    left, right = as_text(ctx, node.left), as_text(ctx, node.comparators[0])
    for sent, kept in ((left, right), (right, left)):
        if not isinstance(kept, ast.Attribute) or _sent(kept):
            continue
        if _sent(sent) or (
            isinstance(sent, ast.Name) and sent.id in _computed_from_request(ctx, function)
        ):
            return ast.unparse(kept)
    return None


def _refuses(body: list[ast.stmt]) -> bool:
    for statement in body:
        if isinstance(statement, ast.Raise) and statement.exc is not None:
            exc = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
            name = exc.attr if isinstance(exc, ast.Attribute) else getattr(exc, "id", "")
            if any(word in name for word in _REFUSALS):
                return True
    return False


def _computed_from_request(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> frozenset[str]:
    """The locals of `function` every assignment of which computes from what the request
    sent or from such locals (a name reassigned from itself, `value = parse(value)`,
    keeps it), and which no other statement binds (a loop, `with ... as`)."""
    memo = ctx.memo.get(_computed_from_request)
    if not isinstance(memo, dict):
        memo = ctx.memo[_computed_from_request] = {}
    cached = memo.get(function)
    if isinstance(cached, frozenset):
        return cached
    values: dict[str, list[ast.expr]] = {}
    other: set[str] = set()
    for statement in ast.walk(function):
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                for bound in ast.walk(target):
                    if isinstance(bound, ast.Name):
                        values.setdefault(bound.id, []).append(statement.value)
        elif isinstance(statement, ast.For | ast.AsyncFor | ast.With | ast.AsyncWith):
            targets = (
                [statement.target]
                if isinstance(statement, ast.For | ast.AsyncFor)
                else [item.optional_vars for item in statement.items if item.optional_vars]
            )
            other.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(statement, ast.AugAssign | ast.AnnAssign | ast.NamedExpr):
            target = statement.target
            if isinstance(target, ast.Name):
                other.add(target.id)
    found: set[str] = set()
    changed = True
    while changed:
        changed = False
        for local, assigned in values.items():
            if local in found or local in other:
                continue
            grounded = [_from_request(value, found) for value in assigned]
            own = [_mentions(value, {local}) for value in assigned]
            if any(grounded) and all(g or o for g, o in zip(grounded, own, strict=True)):
                found.add(local)
                changed = True
    result = memo[function] = frozenset(found)
    return result


def _from_request(value: ast.expr, found: set[str]) -> bool:
    return any(isinstance(n, ast.expr) and _sent(n) for n in ast.walk(value)) or _mentions(
        value, found
    )


def _mentions(value: ast.expr, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(value))
