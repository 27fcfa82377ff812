"""HMAC keys read from configuration: `hmac.new(settings.GITHUB_WEBHOOK_SECRET.encode(),
body, sha256)`, judged by WW249 against what the settings or the app's config give the key
when its environment variable is unset."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime, evaluate_setting
from webwarden.model.auth.facts import HmacKey
from webwarden.model.module import FileContext

HMAC_CALLS = frozenset({"hmac.new", "hmac.HMAC", "hmac.digest"})
_TO_BYTES = frozenset(
    {
        "bytes",
        "bytearray",
        "str",
        "django.utils.encoding.force_bytes",
        "django.utils.encoding.smart_bytes",
    }
)
EMPTY_KEYS = ("", b"")
"""The values of an HMAC key that anyone can sign with."""
_CONFIGS = ("config", "settings")
"""What a Flask app's configuration is read through: `app.config`, `current_app.config`."""


def hmac_keys(ctx: FileContext) -> Iterator[HmacKey]:
    """The HMACs of the module keyed by a Django setting, a Flask config key, or a module
    constant that is empty when its environment variable is unset; not one whose
    function tests the key first (`if not settings.WEBHOOK_SECRET: abort(403)`)."""
    if not ctx.holds("hmac"):
        return
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call) or ctx.call_name(node) not in HMAC_CALLS:
            continue
        given = node.args[0] if node.args else ctx.keyword(node, "key")
        forms = _unwrapped(ctx, given) if given is not None else []
        if not forms or _tested_first(ctx, node, forms):
            continue
        source = _source(ctx, forms[-1])
        if source is not None:
            yield HmacKey(*source, ctx.location(node))
        else:
            yield from _handed_keys(ctx, node, forms[-1])


def _handed_keys(ctx: FileContext, call: ast.Call, key: ast.expr) -> Iterator[HmacKey]:
    """A key that is a parameter of a function of the module (`def check_signature(
    signature, key, data): hmac.new(key, data, sha1)`), judged where the module's calls
    of that function hand it a configured value (`check_signature(sig,
    app.config.get("WEBHOOK_KEY"), body)`), at those calls."""
    function = ctx.scopes.enclosing_function(call)
    if not isinstance(key, ast.Name) or function is None:
        return
    position = _position(function, key.id)
    if position is None:
        return
    for caller in ctx.nodes(ast.Call):
        if not (
            isinstance(caller, ast.Call)
            and isinstance(caller.func, ast.Name)
            and caller.func.id == function.name
        ):
            continue
        given = ctx.argument(caller, position, key.id)
        forms = _unwrapped(ctx, given) if given is not None else []
        source = _source(ctx, forms[-1]) if forms else None
        if source is not None and not _tested_first(ctx, caller, forms):
            yield HmacKey(*source, ctx.location(caller))


def _position(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> int | None:
    """Where `name` is among the positional parameters of `function`."""
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    return names.index(name) if name in names else None


def _unwrapped(ctx: FileContext, key: ast.expr) -> list[ast.expr]:
    """The forms of an HMAC key down to the configured value it is made from: `x` of
    `x.encode()`, `bytes(x, "utf-8")`, `force_bytes(x)`, and of a local bound once to
    one of these (the last form is that value)."""
    forms = [key]
    for _ in range(6):
        if isinstance(key, ast.Name) and (bound := ctx.lookup(key)) is not None:
            if not isinstance(bound, ast.Call | ast.Attribute | ast.Subscript):
                break
            key = bound
        elif (
            isinstance(key, ast.Call)
            and isinstance(key.func, ast.Attribute)
            and key.func.attr == "encode"
        ):
            key = key.func.value
        elif isinstance(key, ast.Call) and key.args and ctx.call_name(key) in _TO_BYTES:
            key = key.args[0]
        else:
            break
        forms.append(key)
    return forms


def _source(ctx: FileContext, key: ast.expr) -> tuple[str, str] | None:
    """(`setting`, name) for `settings.NAME`; (`config`, name) for `app.config["NAME"]`
    or `current_app.config.get("NAME")`; (`env`, variables) for a value of the module
    that is empty when its variables are unset."""
    if isinstance(key, ast.Attribute) and ctx.qualified(key.value) == "django.conf.settings":
        return "setting", key.attr
    name = _config_key(key)
    if name is not None:
        return "config", name
    value = evaluate_setting(ctx, key)
    if isinstance(value, DeployTime) and value.if_unset in EMPTY_KEYS:
        return "env", ", ".join(value.variables)
    return None


def _config_key(key: ast.expr) -> str | None:
    """`NAME` of `<x>.config["NAME"]` and `<x>.config.get("NAME", ...)`."""
    if isinstance(key, ast.Subscript):
        holder, index = key.value, key.slice
    elif (
        isinstance(key, ast.Call)
        and isinstance(key.func, ast.Attribute)
        and key.func.attr == "get"
        and key.args
    ):
        # NOTE: a default applies only to a key the config lacks; WW249 judges set keys.
        holder, index = key.func.value, key.args[0]
    else:
        return None
    if not (isinstance(holder, ast.Attribute) and holder.attr in _CONFIGS):
        return None
    return index.value if isinstance(index, ast.Constant) and isinstance(index.value, str) else None


def _tested_first(ctx: FileContext, call: ast.Call, forms: list[ast.expr]) -> bool:
    """Whether the function making the HMAC tests the key, in any of its forms, in an `if`
    or an `assert` (`if not secret:`, `if settings.SECRET is None:`): a guard against an
    unset key."""
    function = ctx.scopes.enclosing_function(call)
    if function is None:
        return False
    wanted = {ast.unparse(form) for form in forms}
    for node in ast.walk(function):
        test = node.test if isinstance(node, ast.If | ast.Assert | ast.IfExp) else None
        parts = _tested(ctx, test, call) if test is not None else ()
        if any(ast.unparse(part) in wanted for part in parts):
            return True
    return False


def _tested(ctx: FileContext, test: ast.expr, call: ast.Call) -> Iterator[ast.AST]:
    """The parts of a test but those of a type check (`isinstance(key, str)`, then
    `key.encode()`), which passes an empty key, and those of the judged call itself (`if
    not check_signature(signature, key, body)` tests the signature, not the key)."""
    if test is call or (isinstance(test, ast.Call) and ctx.call_name(test) in _TYPE_CHECKS):
        return
    yield test
    for child in ast.iter_child_nodes(test):
        if isinstance(child, ast.expr):
            yield from _tested(ctx, child, call)


_TYPE_CHECKS = frozenset({"isinstance", "type", "issubclass"})


def refused_empty_config(ctx: FileContext) -> Iterator[str]:
    """Flask config keys the module refuses to start the app without: a set-up function
    given the app (an extension's `init_app(app)`, a factory's helper) or the module's
    top level raising when the key is empty (`if not app.config.get("WEBHOOK_SECRET"):
    raise ConfigError(...)`, also for each key of a loop over a list of them, `for key in
    ["SECRET_KEY", "WEBHOOK_SECRET"]:`). An HMAC keyed by such a key never runs empty:
    the app does not start."""
    if not ctx.holds("raise") or not ctx.holds("config"):
        return
    for node in ctx.nodes(ast.If):
        if not isinstance(node, ast.If) or not any(isinstance(s, ast.Raise) for s in node.body):
            continue
        for read in _refused_when_empty(node.test):
            if not _set_up_app(ctx, node, read):
                continue
            yield from _keys_read(ctx, node, read)


def _refused_when_empty(test: ast.expr) -> Iterator[ast.expr]:
    """`x` of a test that holds when `x` is empty: `not x`, also one operand of `or`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        yield test.operand
    elif isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        for value in test.values:
            yield from _refused_when_empty(value)


def _set_up_app(ctx: FileContext, node: ast.If, read: ast.expr) -> bool:
    """Whether `read` is `app.config[...]` (or `.get(...)`) of an `app` that is a
    parameter of the function holding the test, or read at the module's top level."""
    holder = read.value if isinstance(read, ast.Subscript) else None
    if isinstance(read, ast.Call) and isinstance(read.func, ast.Attribute):
        holder = read.func.value
    if not (isinstance(holder, ast.Attribute) and holder.attr == "config"):
        return False
    app = holder.value
    if not isinstance(app, ast.Name):
        return False
    function = ctx.scopes.enclosing_function(node)
    if function is None:
        return True
    return app.id in {a.arg for a in (*function.args.posonlyargs, *function.args.args)}


def _keys_read(ctx: FileContext, node: ast.If, read: ast.expr) -> Iterator[str]:
    """The key of `app.config["KEY"]`, or each key of the constant list a loop around
    the test walks (`for key in ["A", "B"]: if not app.config.get(key): raise ...`)."""
    named = _config_key(read)
    if named is not None:
        yield named
        return
    index = read.slice if isinstance(read, ast.Subscript) else None
    if isinstance(read, ast.Call) and read.args:
        index = read.args[0]
    if not isinstance(index, ast.Name):
        return
    parent = ctx.parent(node)
    while parent is not None and not isinstance(parent, ast.For):
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return
        parent = ctx.parent(parent)
    if (
        isinstance(parent, ast.For)
        and isinstance(parent.target, ast.Name)
        and parent.target.id == index.id
        and isinstance(parent.iter, ast.List | ast.Tuple | ast.Set)
    ):
        for item in parent.iter.elts:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                yield item.value


_SIGNER_MODULES = ("itsdangerous.", "django.core.signing.")
_SALTED_CALLS = frozenset({"django.utils.crypto.salted_hmac"})
_SIGNING_METHODS = frozenset(
    {"dumps", "loads", "sign", "unsign", "get_signed_cookie", "set_signed_cookie"}
)
"""Methods of a signer or a request and response that take a `salt=` beside the key the
object holds (`serializer.dumps(data, salt=...)`, `request.get_signed_cookie(name,
salt=...)`)."""
_SALT_KEYWORDS = ("salt", "key_salt")


def namespace_salts(ctx: FileContext) -> Iterator[str]:
    """Configuration keys the module hands a signer as its salt, beside the key it signs
    with (`URLSafeTimedSerializer(app.secret_key, salt=app.config["CONFIRM_SALT"])`,
    `signing.dumps(value, salt=settings.EXPORT_SALT)`, `salted_hmac(settings.LINK_SALT,
    value)`): a namespace keeping one kind of signed value apart from another, which
    itsdangerous and Django document as no secret. A Flask config key (also read through
    a name for the config, `config["K"]`) or a Django setting."""
    if not (ctx.holds("salt") or ctx.holds("itsdangerous")):
        return
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call):
            continue
        for given in _salts_given(ctx, node):
            forms = _unwrapped(ctx, given)
            name = _configured_name(ctx, forms[-1])
            if name is not None:
                yield name


def signer_keys(ctx: FileContext) -> Iterator[str]:
    """Configuration keys the module hands an itsdangerous signer or serializer as the
    key it signs with (`URLSafeTimedSerializer(app.config["TOKEN_KEY"])`, its
    `secret_key=`, also through a local: `key = app.config["K"]`, then `Signer(key)`):
    whatever its name, the value is a signing key."""
    if not ctx.holds("itsdangerous"):
        return
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call):
            continue
        name = ctx.call_name(node) or ""
        if not (name.startswith("itsdangerous.") and name.rpartition(".")[2][:1].isupper()):
            continue
        given = ctx.argument(node, 0, "secret_key")
        if given is None:
            continue
        key = _configured_name(ctx, _unwrapped(ctx, given)[-1])
        if key is not None:
            yield key


def _salts_given(ctx: FileContext, call: ast.Call) -> Iterator[ast.expr]:
    """The salts `call` hands a signer: its `salt=` (or `key_salt=`), the second
    positional argument of an itsdangerous signer (`Signer(key, salt)`), the first of
    Django's `salted_hmac(key_salt, value)`."""
    name = ctx.call_name(call) or ""
    method = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    if name in _SALTED_CALLS:
        salt = ctx.argument(call, 0, "key_salt")
        if salt is not None:
            yield salt
        return
    if not name.startswith(_SIGNER_MODULES) and method not in _SIGNING_METHODS:
        return
    for keyword in _SALT_KEYWORDS:
        salt = ctx.keyword(call, keyword)
        if salt is not None:
            yield salt
    # NOTE: a class (`Signer`, `URLSafeTimedSerializer`) takes `(secret_key, salt)`.
    if name.startswith("itsdangerous.") and name.rpartition(".")[2][:1].isupper():
        salt = ctx.argument(call, 1)
        if salt is not None:
            yield salt


def _configured_name(ctx: FileContext, value: ast.expr) -> str | None:
    """`K` of `settings.K`, `app.config["K"]`, `config.get("K")` (a name for the config
    ending in `config` or `settings`: `pagure_config["K"]`)."""
    source = _source(ctx, value)
    if source is not None and source[0] in {"setting", "config"}:
        return source[1]
    if isinstance(value, ast.Subscript):
        holder, index = value.value, value.slice
    elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.args:
        if value.func.attr != "get":
            return None
        holder, index = value.func.value, value.args[0]
    else:
        return None
    if not (isinstance(holder, ast.Name) and holder.id.lower().endswith(_CONFIGS)):
        return None
    return index.value if isinstance(index, ast.Constant) and isinstance(index.value, str) else None
