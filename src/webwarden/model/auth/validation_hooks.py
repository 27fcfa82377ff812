"""Passwords a form's or serializer's validation hooks hash, and writes read back from
what such a class checked.

DRF hands a serializer's `validate(attrs)` the checked fields and keeps what it returns
as `validated_data`, as Django keeps what a form's `clean()` returns as `cleaned_data`;
`validate_<field>(value)` and `clean_<field>()` give that field's value. A hook hashing a
password there (`attrs["passphrase"] = make_password(passphrase)`) makes the value a view
reads back from `serializer.validated_data` a hash, whatever the view does with it.
"""

from __future__ import annotations

import ast

from webwarden.analysis.secrets import is_password_name
from webwarden.model.auth.evidence import calls_hashing
from webwarden.model.module import FileContext
from webwarden.model.names import last_part
from webwarden.model.tree import item_read

_HOOKS = ("validate", "clean")
_CHECKED = frozenset({"validated_data", "cleaned_data"})
_DEPTH = 3


def hashed_by_hooks(methods: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]) -> set[str]:
    """The password-named keys the class's validation hooks return hashed: the field of
    a `validate_<field>()`/`clean_<field>()` that calls a hashing function, and the keys
    a `validate()`/`clean()` calling one sets (`attrs["passphrase"] = ...`) or returns in
    a dict display (`return {"password": make_password(...)}`)."""
    found: set[str] = set()
    for name, method in methods.items():
        hook, _, field = name.partition("_")
        if hook not in _HOOKS or (field and not is_password_name(field)):
            continue  # NOTE: the name first: the walk for a hashing call is the cost
        if not calls_hashing(method):
            continue
        if field:
            found.add(field)
        else:
            found |= {key for key in _keys_set(method) if is_password_name(key)}
    return found


def _keys_set(method: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The constant keys the method stores into (`attrs["key"] = ...`) or returns in a
    dict display."""
    keys: set[str] = set()
    for node in ast.walk(method):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript):
                    key = target.slice
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        keys.add(key.value)
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Dict):
            keys |= {
                k.value
                for k in node.value.keys
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
            }
    return keys


def checked_by(ctx: FileContext, node: ast.AST | None, depth: int = 0) -> tuple[str, str]:
    """The class and key of a bound form's `cleaned_data` or serializer's
    `validated_data` the value is read from (`serializer.validated_data.get("passphrase")`,
    `form.cleaned_data["password"]`, following names assigned once), the class as the
    module names it; ("", "") when it is read from no such object."""
    if node is None or depth > _DEPTH:
        return "", ""
    for inner in ast.walk(node):
        read = _checked_read(ctx, inner)
        if read is not None:
            return read
        if isinstance(inner, ast.Name):
            found = checked_by(ctx, ctx.lookup(inner), depth + 1)
            if found[0]:
                return found
    return "", ""


def _checked_read(ctx: FileContext, node: ast.AST) -> tuple[str, str] | None:
    """`X.validated_data["key"]` or `X.validated_data.get("key")`, with `X` a name bound
    once to an instance of a class: that class and the key."""
    read = item_read(node)
    if read is None:
        return None
    holder, key = read
    if not (
        isinstance(holder, ast.Attribute)
        and holder.attr in _CHECKED
        and isinstance(holder.value, ast.Name)
        and isinstance(key, ast.Constant)
        and isinstance(key.value, str)
    ):
        return None
    cls = instance_class(ctx, holder.value)
    return (cls, key.value) if cls is not None else None


def instance_class(ctx: FileContext, name: ast.Name) -> str | None:
    """The class, as the module names it, of the instance a local bound once holds
    (`UserController` for `user_contr` after `user_contr = UserController()`): the
    callee of the call it is bound to, named with a capital; None for anything else."""
    made = ctx.lookup(name)
    if not isinstance(made, ast.Call):
        return None
    cls = ctx.qualified_here(made.func)
    return cls if cls is not None and last_part(cls)[:1].isupper() else None
