"""Helpers shared by the password-hashing rules."""

from __future__ import annotations

import ast

from webwarden.analysis.secrets import is_password_name
from webwarden.model.module import identifier_words
from webwarden.rules.context import FileContext, name_of

FAST_HASHES = frozenset(
    {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256"}
    | {"sha3_384", "sha3_512", "blake2b", "blake2s", "sha512_224", "sha512_256", "md4"}
)
GENERATE_PASSWORD_HASH = frozenset(
    {"werkzeug.security.generate_password_hash", "werkzeug.generate_password_hash"}
)
MAKE_PASSWORD = frozenset({"django.contrib.auth.hashers.make_password"})


def password_in(node: ast.AST) -> str | None:
    """The password-named value inside an expression (`password.encode()`, `salt + pw`)."""
    for inner in ast.walk(node):
        name = name_of(inner)
        if name is not None and is_password_name(name):
            return name
        if isinstance(inner, ast.Call):
            for argument in inner.args:
                text = argument.value if isinstance(argument, ast.Constant) else None
                if isinstance(text, str) and is_password_name(text):
                    return text
    return None


_HASH_WORDS = frozenset({"hash", "hashed", "digest"})
_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "pw", "pass"})


def holds_password(name: str) -> bool:
    """A name for a password or its stored hash (`password`, `password_hash`,
    `hashed_password`, `pw_hash`): where a hashed password is kept."""
    if is_password_name(name):
        return True
    words = set(identifier_words(name))
    return bool(words & _PASSWORD_WORDS) and bool(words & _HASH_WORDS)


def password_target(ctx: FileContext, node: ast.AST) -> str | None:
    """The name the value of `node` is stored in, or compared with, when it holds a password
    or its hash (`password = ...`, `password_hash=...`, `{"password": ...}`,
    `user.pw_hash == ...`), looking outward to the statement."""
    child: ast.AST = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.keyword) and holder.arg and holds_password(holder.arg):
            return holder.arg
        if isinstance(holder, ast.Compare):
            # NOTE: `user.pw_hash == sha1(typed).hexdigest()`: checked against a stored hash.
            for side in (holder.left, *holder.comparators):
                name = name_of(side) if isinstance(side, ast.Attribute) else None
                if side is not child and name is not None and holds_password(name):
                    return name
        if isinstance(holder, ast.Dict):
            for key, value in zip(holder.keys, holder.values, strict=True):
                text = key.value if isinstance(key, ast.Constant) else None
                if value is child and isinstance(text, str) and holds_password(text):
                    return text
        if isinstance(holder, ast.Assign | ast.AnnAssign):
            targets = holder.targets if isinstance(holder, ast.Assign) else [holder.target]
            # NOTE: a local named for a hash (`hashed = sha1(...)`) is mostly compared with a
            # stored one (a legacy check); an attribute (`user.password_hash`) stores it.
            names = [
                n
                for t in targets
                if (n := name_of(t)) is not None
                and (is_password_name(n) or (not isinstance(t, ast.Name) and holds_password(n)))
            ]
            return names[0] if names else None
        if isinstance(holder, ast.stmt):
            return None
        child = holder
    return None


_RANGE_PREFIX = 5
"""Hex digits of the hash a k-anonymity range query sends (Have I Been Pwned's
`/range/{prefix}`)."""


def range_query_prefix(ctx: FileContext, node: ast.Call) -> bool:
    """`sha = hashlib.sha1(password...).hexdigest()` then `sha[:5]`: the password is looked
    up in a breach list by a prefix of the hash its API dictates, not stored."""
    statement = next((a for a in ctx.ancestors(node) if isinstance(a, ast.stmt)), None)
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        return False
    name = statement.targets[0].id
    scope = next(
        (a for a in ctx.ancestors(node) if isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef)),
        ctx.tree,
    )
    return any(
        isinstance(inner, ast.Subscript)
        and isinstance(inner.value, ast.Name)
        and inner.value.id == name
        and isinstance(inner.slice, ast.Slice)
        and inner.slice.lower is None
        and isinstance(inner.slice.upper, ast.Constant)
        and inner.slice.upper.value == _RANGE_PREFIX
        for inner in ast.walk(scope)
    )
