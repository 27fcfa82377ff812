"""WW742: a password hash configured with too little work."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._passwords import GENERATE_PASSWORD_HASH, dictated_by_server
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

MIN_BCRYPT_ROUNDS = 10
MIN_PBKDF2_ITERATIONS = 100_000
MIN_SCRYPT_N = 2**14
ARGON2_MEMORY_BY_PASSES = {1: 47_104, 2: 19_456, 3: 12_288, 4: 9_216, 5: 7_168}
"""OWASP's equivalent Argon2id settings: the least memory (KiB) for a number of passes
(`time_cost`); five passes or more need 7 MiB."""
ARGON2_DEFAULT_PASSES = 3
"""argon2-cffi's `PasswordHasher` default `time_cost` (RFC 9106's low-memory profile)."""
_ARGON2_POSITIONS = {"argon2.PasswordHasher": (0, 1), "argon2.low_level.hash_secret": (2, 3)}
_BCRYPT = frozenset({"bcrypt.gensalt"})


class PasswordHashCostLow(PythonRule):
    """## What it does
    Finds password hashes given a work factor far below today's minimum:
    `bcrypt.gensalt(rounds=...)` under 10, `hashlib.pbkdf2_hmac(...)` and Werkzeug
    `method="pbkdf2:sha256:N"` under 100,000 iterations, `hashlib.scrypt(n=...)` under
    2^14, argon2-cffi `PasswordHasher(memory_cost=...)` with less memory than OWASP's
    equivalent setting for its passes (`time_cost`: 46 MiB for one pass, 19 MiB for two,
    12 MiB for three, the library's default, 9 MiB for four, 7 MiB for five or more; so
    `memory_cost=12288, time_cost=3` is not reported), and passlib
    `.using(rounds=...)` on bcrypt or PBKDF2 below those floors.

    ## Why is this bad?
    The work factor is the only thing that makes a password hash slow to guess. bcrypt
    at 4 rounds or PBKDF2 at 1,000 iterations is thousands of times cheaper than the
    defaults: a leaked table is cracked almost as fast as a plain SHA-256 one.

    ## Known problems
    The floors are deliberately lower than OWASP's recommendations (bcrypt 10, PBKDF2-
    SHA256 600,000; Argon2id is held to OWASP's own settings): only clearly weak
    settings are reported. Test
    settings that lower the cost for speed are reported at low severity (`test-paths`).
    PBKDF2 or scrypt given a constant as the password (a literal, or an UPPER_CASE
    module constant) derives a fixed key, as a program reading another's storage format
    does, not a user's password hash, and is not reported; nor is one given a row's key
    as text (`str(helper.pk).encode()`, `user.uuid.hex`, `account_id`, also through a
    parameter of the enclosing function that each of its calls in the module fills with
    one: `pseudonym(h.pk, salt)`), a pseudonym replacing an id in an export, no password.
    Nor is a hash the code only
    stores as an item of a dict the process holds, made by its class's body (`_cache =
    {}`, then `self._cache[user.id] = (salt, pbkdf2_sha256.using(rounds=1).hash(pw))`)
    or its module's top level: a cache of passwords already checked against the stored
    hash, kept to spare the slow check, which is written to no table that could leak;
    whoever can read the process's memory finds the passwords themselves there. A
    mapping made otherwise (a shelf, a store's proxy) may be saved, and is judged.
    Nor is a hash every use of which is sent to another server (in an HTTP request, as
    WW740 tells one: `requests.post(url, data={"password": derived})`, a request
    helper's `load(API_URL, get={...})`): that server's login dictates the scheme and
    its cost, and nothing is stored here.

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
        if found is None or _kept_in_process(ctx, node):
            return
        if not dictated_by_server(ctx, node):
            setting, floor = found
            yield self.finding(ctx, node, call=name, setting=setting, floor=f"{floor:,}")


def _kept_in_process(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the hash `node` makes (`node` itself, or the call it configures:
    `.using(rounds=1).hash(pw)`, `hashpw(pw, gensalt(4))`, also in a tuple) is only
    stored as an item of a dict the process holds: one its class binds to a dict
    display (`_cache = {}` in the class body, stored as `self._cache[key] = ...`) or its
    module does (`_CACHE = {}`, at its top level only)."""
    inner: ast.AST = node
    holder = ctx.parent(node)
    while isinstance(holder, ast.Call | ast.Attribute | ast.Tuple):
        inner, holder = holder, ctx.parent(holder)
    if not (isinstance(holder, ast.Assign) and holder.value is inner):
        return False
    return all(_process_dict(ctx, target) for target in holder.targets)


def _process_dict(ctx: FileContext, target: ast.expr) -> bool:
    """`self.cache[key]` of a dict its class's body makes, `CACHE[key]` of one the
    module's top level makes (every binding of it there a dict display)."""
    if not isinstance(target, ast.Subscript):
        return False
    held = target.value
    if isinstance(held, ast.Attribute) and isinstance(held.value, ast.Name):
        if held.value.id != "self":
            return False
        owner = next((a for a in ctx.ancestors(target) if isinstance(a, ast.ClassDef)), None)
        return owner is not None and _made_dict(owner.body, held.attr)
    return isinstance(held, ast.Name) and _made_dict(ctx.tree.body, held.id)


def _made_dict(body: list[ast.stmt], name: str) -> bool:
    """Whether `body` binds `name`, each time to a dict display or `dict()`."""
    values = [
        statement.value
        for statement in body
        if isinstance(statement, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
    ]
    return bool(values) and all(
        isinstance(v, ast.Dict)
        or (isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "dict")
        for v in values
    )


def _number(ctx: FileContext, node: ast.AST | None) -> int | None:
    value = ctx.evaluate(node) if node is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _low_cost(ctx: FileContext, node: ast.Call, name: str) -> tuple[str, int] | None:
    if name in _BCRYPT:
        rounds = _number(ctx, ctx.argument(node, 0, "rounds"))
        if rounds is not None and rounds < MIN_BCRYPT_ROUNDS:
            return f"{rounds} bcrypt rounds", MIN_BCRYPT_ROUNDS
    elif name in _KEY_DERIVATIONS and _fixed_input(ctx, node, _KEY_DERIVATIONS[name]):
        return None  # NOTE: a key derived from a constant: no one's password to slow down
    elif name in _KEY_DERIVATIONS and _identifier_input(ctx, node, _KEY_DERIVATIONS[name]):
        return None  # NOTE: a pseudonym of a row's id: no one's password to slow down
    elif name == "hashlib.pbkdf2_hmac":
        iterations = _number(ctx, ctx.argument(node, 3, "iterations"))
        if iterations is not None and iterations < MIN_PBKDF2_ITERATIONS:
            return f"{iterations:,} PBKDF2 iterations", MIN_PBKDF2_ITERATIONS
    elif name == "hashlib.scrypt":
        n = _number(ctx, ctx.keyword(node, "n"))
        if n is not None and n < MIN_SCRYPT_N:
            return f"scrypt n={n:,}", MIN_SCRYPT_N
    elif name in _ARGON2_POSITIONS:
        return _argon2(ctx, node, *_ARGON2_POSITIONS[name])
    elif name in GENERATE_PASSWORD_HASH:
        return _werkzeug(ctx.evaluate(ctx.argument(node, 1, "method")))
    elif name.startswith("passlib.hash.") and name.endswith(".using"):
        return _passlib(ctx, node, name.split(".")[2])
    return None


_KEY_DERIVATIONS = {"hashlib.pbkdf2_hmac": 1, "hashlib.scrypt": 0}
"""The position of the `password` argument of the key derivation functions."""


def _fixed_input(ctx: FileContext, node: ast.Call, position: int) -> bool:
    """Whether the function is given a constant as its password: a literal, or a module
    constant (an UPPER_CASE name, defined here or imported), as when a program derives
    the key another program's fixed scheme prescribes (Chromium's Linux password store:
    one PBKDF2 iteration of a published word)."""
    given = ctx.argument(node, position, "password")
    if given is None:
        return False
    if isinstance(ctx.evaluate(given), str | bytes):
        return True
    return isinstance(given, ast.Name) and given.id.isupper()


_IDENTIFIER_ATTRIBUTES = frozenset({"pk", "id", "uuid", "hex"})
"""Attributes holding a row's key or a UUID (`helper.pk`, `user.id`, `token.uuid.hex`)."""
_IDENTIFIER_SUFFIXES = ("_id", "_pk", "_uuid", "uuid")
_TEXT_CALLS = frozenset({"str", "bytes", "repr"})
_TEXT_METHODS = frozenset({"encode", "hex"})


def _identifier_input(ctx: FileContext, node: ast.Call, position: int) -> bool:
    """Whether the function is given a row's key as its password, as text or bytes
    (`str(helper.pk).encode()`), also through a parameter of the enclosing function
    that every call of it in the module fills with one (`def pseudonym(data, salt)`
    hashing `str(data).encode()`, called as `pseudonym(h.pk, salt)`): an export
    replacing ids by salted digests, a pseudonym, not a password hash."""
    given = ctx.argument(node, position, "password")
    inner = _unwrapped(given) if given is not None else None
    if inner is None:
        return False
    if _names_identifier(inner):
        return True
    function = ctx.scopes.enclosing_function(node)
    if not isinstance(inner, ast.Name) or function is None:
        return False
    parameters = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if inner.id not in parameters or ctx.lookup(inner) is not None:
        return False
    index = parameters.index(inner.id)
    filled = [
        ctx.argument(call, index, inner.id)
        for call in ctx.nodes(ast.Call)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == function.name
    ]
    return bool(filled) and all(
        value is not None and (found := _unwrapped(value)) is not None and _names_identifier(found)
        for value in filled
    )


def _unwrapped(node: ast.expr) -> ast.expr | None:
    """The value a password argument is text or bytes of: `x` of `str(x).encode()`,
    `bytes(x)`, `x.hex()`, `f"{x}".encode()`."""
    while True:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr not in _TEXT_METHODS:
                return node
            node = node.func.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _TEXT_CALLS
            and len(node.args) == 1
        ):
            node = node.args[0]
        elif isinstance(node, ast.JoinedStr) and len(node.values) == 1:
            part = node.values[0]
            if not isinstance(part, ast.FormattedValue):
                return node
            node = part.value
        else:
            return node


def _names_identifier(node: ast.expr) -> bool:
    """`helper.pk`, `row.id`, `user.uuid.hex`, `account_id`: a row's key or a UUID."""
    if isinstance(node, ast.Attribute):
        return node.attr in _IDENTIFIER_ATTRIBUTES or node.attr.endswith(_IDENTIFIER_SUFFIXES)
    if isinstance(node, ast.Name):
        return node.id.lower().endswith(_IDENTIFIER_SUFFIXES)
    return False


def _argon2(
    ctx: FileContext, node: ast.Call, passes_at: int, memory_at: int
) -> tuple[str, int] | None:
    """Argon2 memory under OWASP's floor for the passes given (or the default three)."""
    memory = _number(ctx, ctx.argument(node, memory_at, "memory_cost"))
    if memory is None:
        return None
    given = ctx.argument(node, passes_at, "time_cost")
    passes = _number(ctx, given) if given is not None else ARGON2_DEFAULT_PASSES
    if passes is None or passes < 1:
        return None
    floor = ARGON2_MEMORY_BY_PASSES[min(passes, max(ARGON2_MEMORY_BY_PASSES))]
    if memory >= floor:
        return None
    return f"{memory:,} KiB of Argon2 memory over {passes} pass{'es' * (passes > 1)}", floor


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
