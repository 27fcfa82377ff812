"""Functions that take a password and hand it on (see `PasswordRelay`)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets import is_password_name
from webwarden.model.auth.evidence import hashes_password
from webwarden.model.auth.facts import PasswordRelay
from webwarden.model.module import FileContext

_HINTS = ("passw", "Passw", "PASSW", "pwd", "passphrase", "passcode")
"""A module naming none of these takes no password anywhere (a cheap screen)."""
_SPREAD_HINTS = ("kwargs", "kw", "args", "attrs", "options", "params", "extra")
"""The usual names of `*args`/`**kwargs`: a module naming none of them hands nothing
on whole (a cheap screen for forwarders, which may name no password)."""

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def password_relays(ctx: FileContext) -> Iterator[PasswordRelay]:
    """The module's functions and methods of its classes that take a password (a
    password-named parameter, or keywords they read one from) or hand on all they are
    given (`*args, **kwargs`), with whether they hash and the calls they hand it to."""
    if ctx.is_migration:
        return
    passwords = any(map(ctx.holds, _HINTS))
    if not passwords and not any(map(ctx.holds, _SPREAD_HINTS)):
        return
    prefix = f"{ctx.module}." if ctx.module else ""
    for statement in ctx.tree.body:
        if isinstance(statement, _Function):
            found = _relay(ctx, statement, f"{prefix}{statement.name}", None, passwords)
            if found is not None:
                yield found
        elif isinstance(statement, ast.ClassDef):
            owner = f"{prefix}{statement.name}"
            for method in statement.body:
                if isinstance(method, _Function) and method.name != "__init__":
                    found = _relay(ctx, method, f"{owner}.{method.name}", owner, passwords)
                    if found is not None:
                        yield found


def _relay(
    ctx: FileContext, function: _Function, qualname: str, owner: str | None, passwords: bool
) -> PasswordRelay | None:
    args = function.args
    spread = {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    carried: set[str] = set()
    if passwords:
        named = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        carried = {name for name in named if is_password_name(name)}
    if not carried and not spread:
        return None
    if passwords:
        carried |= {
            target.id
            for node in ast.walk(function)
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name) and is_password_name(target.id)
        }
    callees = tuple(sorted(set(_handed_to(ctx, function, carried, spread, owner))))
    hashes = bool(carried) and hashes_password(function)
    if not hashes and not callees:
        return None
    return PasswordRelay(qualname, bool(carried), hashes, callees, owner is not None)


def _handed_to(
    ctx: FileContext, function: _Function, carried: set[str], spread: set[str], owner: str | None
) -> Iterator[str]:
    """The calls `function` gives a password-named name to, or all its `*args`/`**kwargs`."""
    for node in ast.walk(function):
        if not isinstance(node, ast.Call) or not _given(node, carried, spread):
            continue
        func = node.func
        if (
            owner is not None
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in {"self", "cls"}
        ):
            yield f"{owner}.{func.attr}"
            continue
        if isinstance(func.value if isinstance(func, ast.Attribute) else func, ast.Call):
            continue  # NOTE: `super().create(...)`: a base class not followed
        yield ctx.call_name(node) or ast.unparse(func)


def _given(call: ast.Call, carried: set[str], spread: set[str]) -> bool:
    for argument in call.args:
        if isinstance(argument, ast.Starred):
            argument, names = argument.value, spread  # NOTE: `*args` handed on whole
        else:
            names = carried
        if isinstance(argument, ast.Name) and argument.id in names:
            return True
    return any(
        isinstance(k.value, ast.Name) and (k.value.id in carried if k.arg else k.value.id in spread)
        for k in call.keywords
    )
