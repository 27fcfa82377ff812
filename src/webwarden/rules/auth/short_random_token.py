"""WW755: a token or key drawn from fewer random bits than a guess can cover."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterator

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
_BELOW = frozenset({"secrets.randbelow", "random.SystemRandom.randrange"})
"""Draws of a whole number below their first argument."""
_CRYPTO_RANDOM = frozenset({"random.SystemRandom", "secrets.SystemRandom"})
_WHOLE_OPS: dict[type[ast.operator], Callable[[int, int], int]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Pow: operator.pow,
    ast.LShift: operator.lshift,
}
"""Operators of the whole-number bounds a draw is given (`2**31 - 1`)."""
_MAX_EXPONENT = 4096
"""A larger shift, or a power of more bits, is not worked out (`10**10**10` must not be
computed)."""
_MAX_DEPTH = 8
_TOKEN_WORDS = frozenset({"token", "key", "secret", "nonce"})
"""Last words of a name for a bearer secret a fresh draw makes (`recovery_key`,
`login_token`); `code`, `pin` and `otp` are short on purpose and are judged elsewhere."""


class ShortRandomToken(PythonRule):
    """## What it does
    Finds a token, key or other secret made from a cryptographic random draw of fewer
    than 64 bits in all: `os.urandom(n)`, `secrets.token_bytes(n)`, `token_hex(n)` or
    `token_urlsafe(n)` with `n` under 8, `secrets.randbits(k)` or
    `SystemRandom().getrandbits(k)` with `k` under 64 (also unpacked or masked:
    `struct.unpack("I", os.urandom(4))[0] & 0x7FFFFFFF`), or a whole number drawn below a
    bound under 2**64 (`secrets.randbelow(n)`, `secrets.choice(range(n))`,
    `SystemRandom().randrange(n)` or `randint(a, b)`, the bound a constant expression,
    `2**31 - 1`, of the module or of a class: `range(Guest.MAX_KEY)`), assigned to a name, an
    attribute or a key named for a secret (`reset_key`, `self.api_token`,
    `user["login_token"]`); also such a secret cut to 10 characters or fewer from a
    value of a function that makes such a draw or a random UUID (`token =
    uuid.uuid4().hex[:6]`, `reset_token = digits[:6]` where `digits` was written from
    `os.urandom(...)`): 10 characters of the widest alphabet tokens use (base64) hold 60
    bits. One-time codes (`code`, `pin`, `otp`) are short by design and
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
    mentions = (("urandom", "secrets", "SystemRandom", "uuid"),)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        names = [n for n in map(_target_name, node.targets) if n is not None]
        if not names or not any(map(_names_token, names)):
            return
        draws = [(call, bits) for call in ast.walk(node.value) if (bits := _bits(ctx, call))]
        total = sum(bits for _, bits in draws)
        if draws and total < MINIMUM_BITS and not _grown_later(ctx, node):
            target = next(n for n in names if _names_token(n))
            draw = ast.unparse(draws[0][0])
            yield self.finding(ctx, node, target=target, bits=total, draw=draw)
        elif not draws or total >= MINIMUM_BITS:
            yield from self._cut(node, names, ctx)

    def _cut(self, node: ast.Assign, names: list[str], ctx: FileContext) -> Iterator[Finding]:
        """A secret cut from a random value to a few characters (`token = digits[:6]`)."""
        value = node.value
        if isinstance(value, ast.Call) and ctx.call_name(value) == "str" and value.args:
            value = value.args[0]
        length = _slice_length(ctx, value)
        if length is None or not 0 < length <= _MAX_CUT or not isinstance(value, ast.Subscript):
            return
        source = value.value
        function = ctx.scopes.enclosing_function(node)
        scope = ctx.subtree(function) if isinstance(source, ast.Name) and function else []
        if not any(_random(ctx, n) for n in [*ast.walk(source), *scope]):
            return
        target = next(n for n in names if _names_token(n))
        yield self.finding(
            ctx,
            node,
            message=_CUT_MESSAGE,
            target=target,
            length=length,
            bits=length * _BITS_PER_CHARACTER,
            draw=ast.unparse(source),
        )


_MAX_CUT = 10
"""Characters of a token cut from a longer random value (`[:6]`) that hold under 64 bits
even in the widest alphabet tokens are written in (base64, 6 bits each)."""
_BITS_PER_CHARACTER = 6
_CUT_MESSAGE = (
    "`{target}` keeps {length} characters of `{draw}`: at most {bits} random bits, "
    "few enough to guess"
)
_UUIDS = frozenset({"uuid.uuid4", "uuid.uuid1"})


def _random(ctx: FileContext, node: ast.AST) -> bool:
    """A cryptographic draw, or a random UUID."""
    return isinstance(node, ast.Call) and (
        _bits(ctx, node) > 0 or ctx.call_name(node) in _UUIDS or _choices(ctx, node) is not None
    )


def _slice_length(ctx: FileContext, value: ast.expr) -> int | None:
    """How many items a slice with constant bounds keeps (`[:6]`, `[-8:]`, `[2:10]`)."""
    if not isinstance(value, ast.Subscript) or not isinstance(value.slice, ast.Slice):
        return None
    cut = value.slice
    if cut.step is not None:
        return None
    lower, upper = ctx.evaluate(cut.lower), ctx.evaluate(cut.upper)
    if cut.lower is None and type(upper) is int and upper > 0:
        return upper
    if cut.upper is None and type(lower) is int and lower < 0:
        return -lower
    if type(lower) is int and type(upper) is int and 0 <= lower < upper:
        return upper - lower
    return None


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
    choices = _choices(ctx, node)
    if choices is not None:
        return (choices - 1).bit_length() if choices > 1 else 0
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


def _choices(ctx: FileContext, node: ast.Call) -> int | None:
    """How many whole numbers a draw of one from a range picks among: `secrets.randbelow(n)`,
    `SystemRandom().randrange(n)`, `SystemRandom().randint(a, b)`, `secrets.choice(range(n))`
    (a bound a constant of the module or of a class: `range(Account.MAX_KEY)`); None when it
    is no such draw or a bound is unknown."""
    name = ctx.call_name(node) or ""
    method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
    crypto = (
        isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Call)
        and (ctx.call_name(node.func.value) or "") in _CRYPTO_RANDOM
    )
    bounds: list[ast.expr] = list(node.args)
    if name == "secrets.choice" or (crypto and method == "choice"):
        picked = node.args[0]
        if not isinstance(picked, ast.Call) or ctx.call_name(picked) != "range":
            return None
        bounds = list(picked.args)
    elif not (name in _BELOW or (crypto and method in {"randrange", "randint"})):
        return None
    values = [_whole(ctx, bound) for bound in bounds[:2]]
    known = [value for value in values if value is not None]
    if not known or len(known) != len(values):
        return None
    low, high = (0, known[0]) if len(known) == 1 else (known[0], known[1])
    return high - low + (1 if method == "randint" else 0)


def _whole(ctx: FileContext, node: ast.expr | None, depth: int = 0) -> int | None:
    """The whole number `node` stands for: a constant expression (powers and shifts too,
    `2**31 - 1`, `1 << 40`), a constant of the module, or a class attribute assigned one
    in the class body (`Account.MAX_KEY`, `self.MAX_KEY` in a method)."""
    if node is None or depth > _MAX_DEPTH:
        return None
    if isinstance(node, ast.BinOp) and type(node.op) in _WHOLE_OPS:
        left, right = _whole(ctx, node.left, depth + 1), _whole(ctx, node.right, depth + 1)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Pow | ast.LShift) and not 0 <= right <= _MAX_EXPONENT:
            return None
        if isinstance(node.op, ast.Pow) and abs(left).bit_length() * right > _MAX_EXPONENT:
            return None
        return int(_WHOLE_OPS[type(node.op)](left, right))
    if isinstance(node, ast.Name):
        value = ctx.lookup(node)
        if value is not None:
            return _whole(ctx, value, depth + 1)
    if isinstance(node, ast.Attribute):
        value = _class_value(ctx, node)
        if value is not None:
            return _whole(ctx, value, depth + 1)
    constant = ctx.evaluate(node)
    return constant if type(constant) is int else None


def _class_value(ctx: FileContext, node: ast.Attribute) -> ast.expr | None:
    """The value the class body assigns to the attribute `Class.NAME` (or `self.NAME`,
    `cls.NAME` in a method) reads, for a class of this module; None when unknown."""
    if not isinstance(node.value, ast.Name):
        return None
    holder: ast.ClassDef | None = None
    if node.value.id in {"self", "cls"}:
        holder = next((a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef)), None)
    else:
        holder = next(
            (c for c in ctx.tree.body if isinstance(c, ast.ClassDef) and c.name == node.value.id),
            None,
        )
    if holder is None:
        return None
    found: ast.expr | None = None
    for statement in holder.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign) and any(
            isinstance(t, ast.Name) and t.id == node.attr
            for t in (
                statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            )
        ):
            found = statement.value
    return found
