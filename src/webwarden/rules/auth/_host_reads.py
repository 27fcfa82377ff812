"""Reads of the `Host` request header, and the tests that decide a request by one.

A host read is `request.host`, `request.get_host()`, `request.headers["Host"]`,
`request.META["HTTP_HOST"]` or `request.environ.get("HTTP_HOST")`, also through text
methods (`.lower()`, `.split(":")[0]`), a local it was read into, or a module-level
function that returns one. `request` is Flask's request proxy, a name `request`, or a
parameter of a module-level function that the module calls with one.
"""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_TEXT_METHODS = frozenset({"lower", "casefold", "strip", "rstrip", "lstrip"})
_SPLITS = frozenset({"split", "rsplit", "partition", "rpartition"})
_HEADER_MAPS = frozenset({"headers", "META", "environ"})
_HOST_KEYS = frozenset({"host", "http_host"})
_REFUSALS = frozenset({"abort"})
"""Calls that end the request (`abort(403)`) besides a `return` or `raise`."""
_DEPTH = 4

Function = ast.FunctionDef | ast.AsyncFunctionDef


class HostReads:
    """The host reads and deciding tests of one module."""

    def __init__(self, ctx: FileContext) -> None:
        """Index the module-level functions of `ctx` by name."""
        self.ctx = ctx
        self.functions: dict[str, Function] = {
            s.name: s for s in ctx.tree.body if isinstance(s, Function)
        }

    def is_host(self, node: ast.AST, function: Function | None, depth: int = 0) -> bool:
        """Whether `node`, in `function`, is the value of the `Host` header."""
        if depth > _DEPTH:
            return False
        match node:
            case ast.Call(func=ast.Attribute(attr=attr, value=inner)) if attr in _TEXT_METHODS:
                return self.is_host(inner, function, depth + 1)
            case ast.Subscript(value=ast.Call(func=ast.Attribute(attr=attr, value=inner))) if (
                attr in _SPLITS
            ):
                return self.is_host(inner, function, depth + 1)
            case ast.Attribute(attr="host", value=owner):
                return self.is_request(owner, function, 0)
            case ast.Call(func=ast.Attribute(attr="get_host", value=owner)):
                return self.is_request(owner, function, 0)
            case ast.Call(func=ast.Attribute(attr="get", value=mapping), args=[key, *_]):
                return self._host_key(mapping, key, function)
            case ast.Subscript(value=mapping, slice=key):
                return self._host_key(mapping, key, function)
            case ast.Name(id=name) if function is not None:
                return any(
                    self.is_host(value, function, depth + 1) for value in _assigned(function, name)
                )
            case ast.Call(func=ast.Name(id=name)) if name in self.functions:
                called = self.functions[name]
                return any(
                    r.value is not None and self.is_host(r.value, called, depth + 1)
                    for r in ast.walk(called)
                    if isinstance(r, ast.Return)
                )
        return False

    def _host_key(self, mapping: ast.AST, key: ast.AST, function: Function | None) -> bool:
        return (
            isinstance(mapping, ast.Attribute)
            and mapping.attr in _HEADER_MAPS
            and isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and key.value.lower() in _HOST_KEYS
            and self.is_request(mapping.value, function, 0)
        )

    def is_request(self, node: ast.AST, function: Function | None, depth: int) -> bool:
        """Whether `node` is the request: Flask's proxy, a name `request`, or a parameter
        of a module-level function that some call of the module hands a request."""
        if not isinstance(node, ast.Name):
            return False
        if node.id == "request" or self.ctx.qualified(node) == "flask.request":
            return True
        if function is None or self.functions.get(function.name) is not function:
            return False
        positions = [a.arg for a in function.args.args]
        if node.id not in positions or depth > _DEPTH:
            return False
        index = positions.index(node.id)
        for call in self.ctx.nodes(ast.Call):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == function.name
                and len(call.args) > index
                and self.is_request(call.args[index], self._around(call), depth + 1)
            ):
                return True
        return False

    def decides(self, node: ast.AST, depth: int = 0) -> bool:
        """Whether the truth of `node` decides the request: it is the test of an `if`
        that returns, raises or aborts, or what a module-level function returns that
        such a test calls (directly or through another such function)."""
        child, parent = node, self.ctx.parent(node)
        while isinstance(parent, ast.BoolOp | ast.UnaryOp):
            child, parent = parent, self.ctx.parent(parent)
        if isinstance(parent, ast.If) and parent.test is child:
            return any(map(_ends_request, [*parent.body, *parent.orelse]))
        if not isinstance(parent, ast.Return) or depth > _DEPTH:
            return False
        function = self._around(parent)
        if function is None or self.functions.get(function.name) is not function:
            return False
        return any(
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == function.name
            and self.decides(call, depth + 1)
            for call in self.ctx.nodes(ast.Call)
        )

    def _around(self, node: ast.AST) -> Function | None:
        return self.ctx.scopes.enclosing_function(node)


def _assigned(function: Function, name: str) -> list[ast.expr]:
    return [
        node.value
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]


def _ends_request(statement: ast.stmt) -> bool:
    for node in ast.walk(statement):
        if isinstance(node, ast.Return | ast.Raise):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _REFUSALS
        ):
            return True
    return False
