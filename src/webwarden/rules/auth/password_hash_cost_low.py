"""WW742: a password hash configured with too little work."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._passwords import GENERATE_PASSWORD_HASH
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

MIN_BCRYPT_ROUNDS = 10
MIN_PBKDF2_ITERATIONS = 100_000
MIN_SCRYPT_N = 2**14
MIN_ARGON2_MEMORY_KIB = 19_456
_BCRYPT = frozenset({"bcrypt.gensalt"})


class PasswordHashCostLow(PythonRule):
    """## What it does
    Finds password hashes given a work factor far below today's minimum:
    `bcrypt.gensalt(rounds=...)` under 10, `hashlib.pbkdf2_hmac(...)` and Werkzeug
    `method="pbkdf2:sha256:N"` under 100,000 iterations, `hashlib.scrypt(n=...)` under
    2^14, argon2-cffi `PasswordHasher(memory_cost=...)` under 19 MiB, and passlib
    `.using(rounds=...)` on bcrypt or PBKDF2 below those floors.

    ## Why is this bad?
    The work factor is the only thing that makes a password hash slow to guess. bcrypt
    at 4 rounds or PBKDF2 at 1,000 iterations is thousands of times cheaper than the
    defaults: a leaked table is cracked almost as fast as a plain SHA-256 one.

    ## Known problems
    The floors are deliberately lower than OWASP's recommendations (bcrypt 10, PBKDF2-
    SHA256 600,000, Argon2id 19 MiB): only clearly weak settings are reported. Test
    settings that lower the cost for speed are reported at low severity (`test-paths`).

    ## Example
    ```python
    import bcrypt

    def hash_password(password):
        return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4))
    ```

    ## Fix
    ```python
    import bcrypt

    def hash_password(password):
        return bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    ```

    ## References
    - [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)
    - [OWASP Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    """

    code = "WW742"
    name = "password-hash-cost-low"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 916
    message = "`{call}` hashes passwords with {setting} (at least {floor})"
    fix = "use the library's default work factor (or raise it to at least the floor)"
    calls = (
        _BCRYPT
        | GENERATE_PASSWORD_HASH
        | {
            "hashlib.pbkdf2_hmac",
            "hashlib.scrypt",
            "argon2.PasswordHasher",
            "argon2.low_level.hash_secret",
            "passlib.hash.*",
        }
    )

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        found = _low_cost(ctx, node, name)
        if found is not None:
            setting, floor = found
            yield self.finding(ctx, node, call=name, setting=setting, floor=f"{floor:,}")


def _number(ctx: FileContext, node: ast.AST | None) -> int | None:
    value = ctx.evaluate(node) if node is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _low_cost(ctx: FileContext, node: ast.Call, name: str) -> tuple[str, int] | None:
    if name in _BCRYPT:
        rounds = _number(ctx, ctx.argument(node, 0, "rounds"))
        if rounds is not None and rounds < MIN_BCRYPT_ROUNDS:
            return f"{rounds} bcrypt rounds", MIN_BCRYPT_ROUNDS
    elif name == "hashlib.pbkdf2_hmac":
        iterations = _number(ctx, ctx.argument(node, 3, "iterations"))
        if iterations is not None and iterations < MIN_PBKDF2_ITERATIONS:
            return f"{iterations:,} PBKDF2 iterations", MIN_PBKDF2_ITERATIONS
    elif name == "hashlib.scrypt":
        n = _number(ctx, ctx.keyword(node, "n"))
        if n is not None and n < MIN_SCRYPT_N:
            return f"scrypt n={n:,}", MIN_SCRYPT_N
    elif name in {"argon2.PasswordHasher", "argon2.low_level.hash_secret"}:
        memory = _number(ctx, ctx.keyword(node, "memory_cost"))
        if memory is not None and memory < MIN_ARGON2_MEMORY_KIB:
            return f"{memory:,} KiB of Argon2 memory", MIN_ARGON2_MEMORY_KIB
    elif name in GENERATE_PASSWORD_HASH:
        return _werkzeug(ctx.evaluate(ctx.argument(node, 1, "method")))
    elif name.startswith("passlib.hash.") and name.endswith(".using"):
        return _passlib(ctx, node, name.split(".")[2])
    return None


def _werkzeug(method: object) -> tuple[str, int] | None:
    if not isinstance(method, str) or not method.startswith("pbkdf2:"):
        return None
    parts = method.split(":")
    if len(parts) == 3 and parts[2].isdigit() and int(parts[2]) < MIN_PBKDF2_ITERATIONS:
        return f"{int(parts[2]):,} PBKDF2 iterations", MIN_PBKDF2_ITERATIONS
    return None


def _passlib(ctx: FileContext, node: ast.Call, scheme: str) -> tuple[str, int] | None:
    rounds = _number(ctx, ctx.keyword(node, "rounds"))
    if rounds is None:
        return None
    if scheme.startswith("bcrypt") and rounds < MIN_BCRYPT_ROUNDS:
        return f"{rounds} bcrypt rounds", MIN_BCRYPT_ROUNDS
    if scheme.startswith("pbkdf2") and rounds < MIN_PBKDF2_ITERATIONS:
        return f"{rounds:,} PBKDF2 iterations", MIN_PBKDF2_ITERATIONS
    return None
