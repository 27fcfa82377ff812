"""Functions that hash a parameter with a fast general-purpose hash, and the calls that
hand a function of the project a password.

`def make_md5(s): return hashlib.md5(s.encode("utf-8")).hexdigest()` in one module,
`passhash = util.make_md5(password)` in another: the helper's parameter is named for
nothing (WW740 judges the hash where it is written, and sees no password there), and the
caller's call is no hash (WW740 sees no `hashlib`). The project rule WW784 joins the two.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets import is_password_name
from webwarden.model.auth.facts import FastHashHelper, PasswordCall
from webwarden.model.module import FileContext

FAST_HASHES = frozenset(
    {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256"}
    | {"sha3_384", "sha3_512", "blake2b", "blake2s", "sha512_224", "sha512_256", "md4"}
)
"""`hashlib`'s general-purpose hashes: fast, made for data, not for passwords."""
_TEXT_METHODS = frozenset({"encode", "strip", "lower", "upper"})
"""What a helper may do to the parameter before hashing it: the same text, encoded."""


_PASSWORD_HINTS = (
    *("passw", "Passw", "PASS", "Pass", "pwd", "Pwd", "PWD", "_pass", "pass_"),
    *("passphrase", "passcode"),
)
"""Text one of which a name holding a password has (`password`, `raw_pwd`, `DB_PASS`,
`userPass`, `pass_word`, `passphrase`): a module without any is skipped. Not the `pass`
statement alone, which nearly every module has. Substring tests: a regular expression
over every module's text cost more than the calls it spared."""


def fast_hash_helpers(ctx: FileContext) -> Iterator[FastHashHelper]:
    """The module's top-level functions that return a fast hash of one of their
    parameters (as it is, or encoded: `s.encode("utf-8")`), digested in the same
    expression (`hashlib.md5(s.encode()).hexdigest()`). A parameter named for a password
    is left out: WW740 reports that hash where it is written."""
    if not ctx.holds("hashlib"):
        return
    for function in ctx.tree.body:
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        for node in ast.walk(function):
            if not isinstance(node, ast.Return) or node.value is None:
                continue
            found = _hashed_parameter(ctx, node.value, params)
            if found is not None and not is_password_name(found[0]):
                name, algorithm = found
                yield FastHashHelper(function.name, params.index(name), name, algorithm)
                break


def _hashed_parameter(
    ctx: FileContext, value: ast.expr, params: list[str]
) -> tuple[str, str] | None:
    """(parameter, algorithm) of `hashlib.md5(param...).hexdigest()` returned."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in {"hexdigest", "digest"}
        and isinstance(value.func.value, ast.Call)
    ):
        return None
    call = value.func.value
    name = ctx.call_name(call) or ""
    algorithm = name.removeprefix("hashlib.")
    if not name.startswith("hashlib.") or algorithm not in FAST_HASHES or len(call.args) != 1:
        return None
    data = call.args[0]
    while (
        isinstance(data, ast.Call)
        and isinstance(data.func, ast.Attribute)
        and data.func.attr in _TEXT_METHODS
    ):
        data = data.func.value
    if isinstance(data, ast.Name) and data.id in params:
        return data.id, algorithm
    return None


def password_calls(ctx: FileContext) -> Iterator[PasswordCall]:
    """Calls handing a name that holds a password (`password`, `form.password.data`) to
    a callee the module names (`util.make_md5(password)`), by position or keyword."""
    if not any(map(ctx.holds, _PASSWORD_HINTS)):
        return
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call):
            continue
        callee = ctx.call_name(node)
        if callee is None or callee.startswith("hashlib."):
            continue
        given = [(str(i), a) for i, a in enumerate(node.args)]
        given += [(k.arg, k.value) for k in node.keywords if k.arg]
        for at, argument in given:
            held = _password_name(argument)
            if held is not None:
                yield PasswordCall(callee, at, held, ctx.location(node))


def _password_name(node: ast.expr) -> str | None:
    """`password` of `password`, `form.password.data` or `password.strip()`."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    if isinstance(node, ast.Attribute) and node.attr == "data":
        node = node.value  # NOTE: a WTForms field's value, `form.password.data`
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
    return name if isinstance(name, str) and is_password_name(name) else None
