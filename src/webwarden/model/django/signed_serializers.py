"""REST framework views whose state-changing requests a signature in the body authenticates.

An API that has no accounts may authenticate each write by a signature of its payload
(a wallet's signed message, a signed delete request): the serializer the handler
validates declares a `signature` field and refuses, by raising `ValidationError` in its
validation, a payload whose signature does not check. Such a view lets in only the
holder of the signing key, as a login would; `is_valid()` runs before anything is saved.

The per-file step records, for a class, whether its body declares a field named for a
signature (`signature = HexadecimalField(...)`) and whether one of its methods raises a
`ValidationError` and hands a value named for a signature to a call
(`SafeSignature.parse_signature(signature, ...)`, `self.check_signature(signature=...)`,
`signature.is_valid(...)`); and, for a view, which serializers each handler builds
from the request data and validates. The project step joins them (`views`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext, identifier_words
from webwarden.model.names import last_part

GENERAL = "*"
"""Key of the serializers a view's generic handlers validate: its `serializer_class`, or
what its `get_serializer_class()` returns for other methods than GET and HEAD."""
_SERIALIZER = "Serializer"
_SIGNATURE_WORDS = frozenset({"signature", "signatures"})
_CHECK_WORDS = frozenset({"verify", "verified", "recover", "ecrecover", "valid", "check", "parse"})
"""Words of a call that checks a signature (`recover_signer`, `is_valid`)."""
_HANDLERS = frozenset({"post", "put", "patch", "delete"})
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_NEUTRAL_CALLS = frozenset({"len", "isinstance", "str", "bytes", "bool", "repr", "print"})
"""Builtins given a signature without checking it."""


def _signature_named(node: ast.AST) -> bool:
    """`signature`, `safe_signature`, `attrs["signature"]`, `self.signature`."""
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        name = str(node.slice.value)
    else:
        return False
    return not _SIGNATURE_WORDS.isdisjoint(identifier_words(name))


def declares_signature_field(node: ast.ClassDef) -> bool:
    """Whether the class body declares a field named for a signature (`signature =
    serializers.CharField()`)."""
    for stmt in node.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        if isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets = [stmt.target]
        value = getattr(stmt, "value", None)
        if isinstance(value, ast.Call) and any(_signature_named(t) for t in targets):
            return True
    return False


def refuses_bad_signature(ctx: FileContext, node: ast.ClassDef) -> bool:
    """Whether a method of the class raises a `ValidationError` and hands a value named
    for a signature to a call that checks it (not a builtin such as `len()`): the
    validation refuses a payload whose signature does not check."""
    for method in node.body:
        if not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        nodes = list(ast.walk(method))
        raises = any(
            isinstance(n, ast.Raise) and n.exc is not None and _validation_error(n.exc)
            for n in nodes
        )
        if raises and any(isinstance(n, ast.Call) and _checks_signature(ctx, n) for n in nodes):
            return True
    return False


def _validation_error(exc: ast.expr) -> bool:
    target = exc.func if isinstance(exc, ast.Call) else exc
    name = ast.unparse(target)
    return last_part(name).endswith("ValidationError")


def _checks_signature(ctx: FileContext, call: ast.Call) -> bool:
    """A call named for a check (`recover_signer`, `verify`, `is_valid`, `parse_signature`,
    `check_delegate_signature`) given a value named for a signature, or a method of one
    (`signature.is_valid(...)`); not `contains_html(signature)`, a check of a text."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    words = set(identifier_words(name))
    if name in _NEUTRAL_CALLS or (
        _CHECK_WORDS.isdisjoint(words) and _SIGNATURE_WORDS.isdisjoint(words)
    ):
        return False
    given = [*call.args, *(k.value for k in call.keywords)]
    if any(_signature_named(value) for value in given):
        return True
    return isinstance(func, ast.Attribute) and _signature_named(func.value)


def handler_serializers(
    ctx: FileContext, node: ast.ClassDef
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each state-changing handler the class defines (`post`, `delete`, ...), the
    serializers it builds from the request data and validates (`X(data=request.data)`,
    then `.is_valid()`; `GENERAL` for `self.get_serializer(data=...)` or a hand-on to
    REST framework's own, `super().post(...)`), and under `GENERAL` those of its
    `serializer_class` and `get_serializer_class()` (not its returns under a test that
    the method is GET)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    general: list[str] = []
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "serializer_class" for t in stmt.targets
        ):
            general.extend(_class_names(ctx, stmt.value))
        elif isinstance(stmt, ast.FunctionDef) and stmt.name == "get_serializer_class":
            general.extend(n for r in _unsafe_returns(stmt) for n in _class_names(ctx, r))
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name in _HANDLERS:
            found.append((stmt.name, tuple(_built(ctx, stmt))))
    if general:
        found.append((GENERAL, tuple(general)))
    return tuple(found)


def _class_names(ctx: FileContext, value: ast.expr | None) -> list[str]:
    if not isinstance(value, ast.Name | ast.Attribute):
        return []
    qualified = ctx.qualified_here(value)
    return [qualified] if qualified is not None else []


def _unsafe_returns(function: ast.FunctionDef) -> Iterator[ast.expr | None]:
    """The values `function` returns, but under `if self.request.method == "GET":`."""

    def walk(body: list[ast.stmt]) -> Iterator[ast.expr | None]:
        for stmt in body:
            if isinstance(stmt, ast.Return):
                yield stmt.value
            elif isinstance(stmt, ast.If):
                if not _safe_method_test(stmt.test):
                    yield from walk(stmt.body)
                yield from walk(stmt.orelse)
            elif isinstance(stmt, ast.With | ast.Try):
                yield from walk(stmt.body)

    return walk(function.body)


def _safe_method_test(test: ast.expr) -> bool:
    """`request.method == "GET"`, `self.request.method in ("GET", "HEAD")`."""
    match test:
        case ast.Compare(
            left=ast.Attribute(attr="method"), ops=[ast.Eq() | ast.In()], comparators=[c]
        ):
            values = c.elts if isinstance(c, ast.Tuple | ast.List | ast.Set) else [c]
            return bool(values) and all(
                isinstance(v, ast.Constant) and v.value in _SAFE_METHODS for v in values
            )
    return False


def _built(ctx: FileContext, handler: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[str]:
    """The serializers a handler validates (see `handler_serializers`)."""
    nodes = list(ast.walk(handler))
    validates = any(isinstance(n, ast.Attribute) and n.attr == "is_valid" for n in nodes)
    for call in (n for n in nodes if isinstance(n, ast.Call)):
        func = call.func
        if _super_handler(func, handler.name):
            if handler.name != "delete":  # NOTE: `destroy()` validates nothing
                yield GENERAL
        elif not validates or not any(k.arg == "data" for k in call.keywords):
            continue
        elif isinstance(func, ast.Attribute) and func.attr == "get_serializer":
            yield GENERAL
        elif isinstance(func, ast.Name | ast.Attribute):
            # NOTE: a serializer is named as REST framework names them; `Response(data=...)` is none
            yield from (n for n in _class_names(ctx, func) if _SERIALIZER in last_part(n))


def _super_handler(func: ast.expr, name: str) -> bool:
    """`super().post`: REST framework's generic handler, validating `get_serializer()`."""
    match func:
        case ast.Attribute(value=ast.Call(func=ast.Name(id="super")), attr=attr):
            return attr == name
    return False
