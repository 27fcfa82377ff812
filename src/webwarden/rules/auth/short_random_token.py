"""WW755: a token or key drawn from fewer random bits than a guess can cover."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words, sounds_secret

MINIMUM_BITS = 64
"""OWASP's floor for the entropy of a session identifier, and so of any bearer secret."""

_BYTES = frozenset(
    {"os.urandom", "secrets.token_bytes", "secrets.token_hex", "secrets.token_urlsafe"}
)
"""Draws sized in bytes by their first argument."""
_BITS = frozenset({"secrets.randbits", "random.SystemRandom.getrandbits"})
"""Draws sized in bits by their first argument."""
_TOKEN_WORDS = frozenset({"token", "key", "secret", "nonce"})
"""Last words of a name for a bearer secret a fresh draw makes (`recovery_key`,
`login_token`); `code`, `pin` and `otp` are short on purpose and are judged elsewhere."""


class ShortRandomToken(PythonRule):
    """## What it does
    Finds a token, key or other secret made from a cryptographic random draw of fewer
    than 64 bits in all: `os.urandom(n)`, `secrets.token_bytes(n)`, `token_hex(n)` or
    `token_urlsafe(n)` with `n` under 8, `secrets.randbits(k)` or
    `SystemRandom().getrandbits(k)` with `k` under 64 (also unpacked or masked:
    `struct.unpack("I", os.urandom(4))[0] & 0x7FFFFFFF`), assigned to a name, an
    attribute or a key named for a secret (`reset_key`, `self.api_token`,
    `user["login_token"]`). One-time codes (`code`, `pin`, `otp`) are short by design and
    are not reported, nor a local that takes more after the draw (`password = [... for c
    in os.urandom(1)]`, then `password.extend(...)`): the draw is only a part of it.

    ## Why is this bad?
    A secret is only as strong as the number of values it can take. With 32 bits there
    are about four billion: a script trying keys against an endpoint without a rate
    limit finds one in days, and much sooner when many users hold a valid key at once
    (reset keys that never expire, per-device keys), since any match takes an account.

    ## Example
    ```python
    import os
    import struct

    def start_reset(user):
        user.reset_key = struct.unpack("I", os.urandom(4))[0]
    ```

    ## Fix
    ```python
    import secrets

    def start_reset(user):
        user.reset_key = secrets.token_urlsafe(32)
    ```

    ## References
    - [CWE-331: Insufficient Entropy](https://cwe.mitre.org/data/definitions/331.html)
    - [OWASP: Session Management Cheat Sheet, session ID entropy](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-entropy)
    - [OWASP: Forgot Password Cheat Sheet, URL tokens](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html#url-tokens)
    """

    code = "WW755"
    name = "short-random-token"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 331
    message = "`{target}` is drawn from {bits} random bits (`{draw}`): few enough to guess"
    fix = "draw at least 16 bytes: `secrets.token_urlsafe(32)`, `secrets.token_hex(16)`"
    mentions = (("urandom", "secrets", "SystemRandom"),)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        names = [n for n in map(_target_name, node.targets) if n is not None]
        if not names or not any(map(_names_token, names)):
            return
        draws = [(call, bits) for call in ast.walk(node.value) if (bits := _bits(ctx, call))]
        if not draws:
            return
        total = sum(bits for _, bits in draws)
        if total < MINIMUM_BITS and not _grown_later(ctx, node):
            target = next(n for n in names if _names_token(n))
            draw = ast.unparse(draws[0][0])
            yield self.finding(ctx, node, target=target, bits=total, draw=draw)


_GROWING_METHODS = frozenset({"append", "extend", "insert", "update", "add"})


def _grown_later(ctx: FileContext, node: ast.Assign) -> bool:
    """Whether a local the draw is assigned to takes more after it, in the same function
    (`password = [... os.urandom(1)]`, then `password.extend(...)`, `key += ...`, `key =
    key + ...`): the first draw is only a part of the value."""
    locals_ = {t.id for t in node.targets if isinstance(t, ast.Name)}
    function = ctx.scopes.enclosing_function(node)
    if not locals_ or function is None:
        return False
    for later in ctx.subtree(function):
        if getattr(later, "lineno", 0) <= node.lineno or later is node:
            continue
        if isinstance(later, ast.AugAssign) and _is_local(later.target, locals_):
            return True
        if (
            isinstance(later, ast.Call)
            and isinstance(later.func, ast.Attribute)
            and later.func.attr in _GROWING_METHODS
            and _is_local(later.func.value, locals_)
        ):
            return True
        if (
            isinstance(later, ast.Assign)
            and any(_is_local(t, locals_) for t in later.targets)
            and any(_is_local(n, locals_) for n in ast.walk(later.value))
        ):
            return True
    return False


def _is_local(node: ast.AST, names: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names


def _target_name(target: ast.expr) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and isinstance(target.slice.value, str)
    ):
        return target.slice.value
    return None


def _names_token(name: str) -> bool:
    words = identifier_words(name)
    return (
        bool(words)
        and (words[-1] in _TOKEN_WORDS or sounds_secret(name))
        and (words[-1] not in {"code", "pin", "otp", "salt", "length", "size", "bits", "bytes"})
    )


def _bits(ctx: FileContext, node: ast.AST) -> int:
    """The random bits the draw `node` makes; 0 when it is no draw or its size unknown."""
    if not isinstance(node, ast.Call) or not node.args:
        return 0
    size = node.args[0]
    if not isinstance(size, ast.Constant) or type(size.value) is not int:
        return 0
    name = ctx.call_name(node) or ""
    if name in _BYTES:
        return 8 * size.value
    if name in _BITS or (
        isinstance(node.func, ast.Attribute)
        and node.func.attr == "getrandbits"
        and isinstance(node.func.value, ast.Call)
        and (ctx.call_name(node.func.value) or "")
        in {"random.SystemRandom", "secrets.SystemRandom"}
    ):
        return size.value
    return 0
