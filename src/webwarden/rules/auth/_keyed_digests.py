"""Digests a helper of the module keys with a secret (WW744): a hand-made MAC."""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import setting_secret
from webwarden.model.imported import MAX_HOPS, Modules, imported_name
from webwarden.model.module import sounds_secret
from webwarden.model.names import last_name
from webwarden.model.tree import defined_method
from webwarden.rules.context import FileContext

_HASH_MODULES = ("hashlib.", "hmac.")
_DIGESTS = frozenset({"digest", "hexdigest"})


def keyed_digest(ctx: FileContext, node: ast.expr) -> bool:
    """Whether `node` (or the one value of a local holding it) is a call
    of a function or method of the module that feeds a value named a secret into a hash
    and returns the digest (`hasher.update(self.shared_secret)` ... `return
    hasher.digest()`, or `hashlib.sha256(salt + secret).hexdigest()`): a MAC of what it is
    given, which only who holds the secret can compute, whatever the helper is named."""
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    if not isinstance(value, ast.Call):
        return False
    function = _defined(ctx, value)
    return function is not None and keyed_function(ctx, function)


def keyed_function(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function (of the module `ctx` reads) returns a digest of a hash it
    feeds a secret the server holds: a MAC of what it is given."""
    if not _returns_digest(function):
        return False
    params = {a.arg for a in (*function.args.posonlyargs, *function.args.args)}
    params |= {a.arg for a in function.args.kwonlyargs}
    return any(
        isinstance(call, ast.Call) and _keys_hash(ctx, call, params) for call in ast.walk(function)
    )


IMPORTED_TAG = "keyed-digest-import:"
"""Tags a comparison with a call of a function imported from the project's own package
(`sign(parts[1])` after `from shop.utils import sign`), with the function's qualified
name: kept only when the module defining it makes a MAC there (`imported_keyed`)."""


def imported_call(ctx: FileContext, node: ast.expr) -> str | None:
    """The qualified name of the function `node` calls (or the one value of a local
    holding such a call) when it is imported from a module of the package the file
    belongs to (`from shop.utils import sign` in `shop/checkout.py`, also a relative
    import), which the project step reads; None for anything else."""
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    if not isinstance(value, ast.Call):
        return None
    qualified = imported_name(ctx, value.func)
    package = ctx.module.partition(".")[0] if "." in ctx.module else ""
    if qualified is None or not package or not qualified.startswith(package + "."):
        return None
    return qualified


def imported_keyed(read_module: Modules | None, qualified: str) -> bool:
    """Whether the project's module that `qualified` names defines there (or imports
    from another of its modules, up to `MAX_HOPS`) a function returning a MAC
    (`keyed_function`)."""
    for _ in range(MAX_HOPS + 1):
        module, _, name = qualified.rpartition(".")
        other = read_module(module) if read_module is not None and module else None
        if other is None:
            return False
        function = other.module_function(name)
        if function is not None:
            return keyed_function(other, function)
        further = other.names.aliases.get(name)
        if further is None or further == qualified:
            return False
        qualified = further
    return False


def _defined(ctx: FileContext, call: ast.Call) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The `def` a call of `name(...)`, `self.name(...)` or `cls.name(...)` runs, when
    the module (or the class around the call) defines it."""
    func = call.func
    if isinstance(func, ast.Name):
        return ctx.called_function(func)
    if not (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in {"self", "cls"}
    ):
        return None
    owner = next((a for a in ctx.ancestors(call) if isinstance(a, ast.ClassDef)), None)
    return None if owner is None else defined_method(owner, func.attr)


def _returns_digest(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a `return` of the function gives a hash's `.digest()` or `.hexdigest()`."""
    return any(
        isinstance(node, ast.Return)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr in _DIGESTS
        for node in ast.walk(function)
    )


def _keys_hash(ctx: FileContext, call: ast.Call, params: set[str]) -> bool:
    """`hasher.update(self.shared_secret)`, `hashlib.sha256(SECRET_KEY + body)`,
    `hmac.new(settings.HOOK_SECRET, ...)`: a hash fed a value named a secret that the
    server holds (not a parameter: `hash(password)` digests what the caller hands it)."""
    name = ctx.call_name(call) or ""
    func = call.func
    feeds = name.startswith(_HASH_MODULES) or (
        isinstance(func, ast.Attribute) and func.attr == "update"
    )
    if not feeds:
        return False
    return any(_keyed_with(ctx, arg, params) for arg in call.args)


def _keyed_with(ctx: FileContext, arg: ast.expr, params: set[str]) -> bool:
    """Whether a hash's argument reads a secret the server holds, itself or through the
    one value of a local holding it (`key = bytes(settings.SECRET_KEY, "utf8")`, then
    `hmac.new(key, value, sha512)`)."""
    if any(_secret_read(node, params) for node in ast.walk(arg)):
        return True
    if not isinstance(arg, ast.Name) or arg.id in params:
        return False
    value = ctx.lookup(arg)
    return value is not None and any(_secret_read(node, params) for node in ast.walk(value))


def _secret_read(node: ast.AST, params: set[str]) -> bool:
    if setting_secret(node):
        return True
    if isinstance(node, ast.Name) and node.id in params:
        return False
    if isinstance(node, ast.Name | ast.Attribute):
        name = last_name(node)
        return bool(name) and sounds_secret(name)
    return False
