"""WW740: a password hashed with a fast general-purpose hash."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.auth.evidence import HASHING_METHODS
from webwarden.model.module import identifier_words
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._django_hashers import (
    HASHER_TAG,
    enclosing_class,
    hasher_class,
    lowered_if_unlisted,
)
from webwarden.rules.auth._passwords import (
    FAST_HASHES,
    dictated_by_server,
    password_in,
    password_target,
    slow_derivation,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class PasswordFastHash(PythonRule):
    """## What it does
    Finds passwords hashed with `hashlib`'s general-purpose hashes (`md5`, `sha1`,
    `sha256`, `sha512`, `sha3_*`, `blake2*`, or `hashlib.new(...)` of one): the hashed
    data holds something named like a password (`password`, `form.password.data`,
    `request.form["password"]`), or the digest is stored as one
    (`user.password = hashlib.sha256(...).hexdigest()`) or compared with a stored one
    (`user.pw_hash == ...`, also through a local bound to it: `password =
    settings.auth.password`).

    ## Why is this bad?
    These hashes are built to be fast: one GPU tries billions of candidate passwords per
    second against a leaked table, salted or not. Password hashing needs a slow,
    memory-hard function made for it: Argon2, scrypt, bcrypt or PBKDF2 with a high
    iteration count.

    ## Known problems
    Tokens and reset codes hashed for storage are not passwords (a random token has no
    dictionary to guess from); WW1142 judges weak hashes used for tokens. Nor is what a
    call named for making a random value returns a password, though the function's name
    says one (`sha256(get_random_password(length=512).encode())` keying a reset link): it
    is not reported. A breach-list
    lookup by k-anonymity (the SHA-1 whose first five hex digits Have I Been Pwned's
    range API takes, `digest[:5]`) is not reported: the API dictates the hash and
    nothing is stored (the rest of the digest only compared with what it answers). Nor is a hash in a subclass of one of Django's slow hashers
    (`PBKDF2PasswordHasher`, `Argon2PasswordHasher`...), taken as preparing the password
    for the slow function it inherits: one that overrides `encode()` to skip it is missed.
    Nor is a hash in a function that hashes again in a loop of many rounds (`for _ in
    range(rounds): digest = hashlib.sha512(...)`, a count named as a work factor or of at
    least a thousand): a key-stretching scheme written out (SHA-crypt, PBKDF1), whose cost
    is the loop. Nor is a digest sent to another server (an argument of `requests.post()`,
    `httpx.get()`, or of a call of an HTTP verb given `params=`, `data=` or `json=`, or
    the `body=` of a Google API client's request sent at once,
    `directory.users().insert(body=body).execute()`, whose Directory API takes a new
    account's password only as an MD5, SHA-1 or crypt digest it is told the hash of; a
    request's fields given a helper of the project's own with a URL first,
    `self.load(API_URL + method, post=fields)`, `get=`, `params=`; or an argument of a
    function named only for an API request, `self.api_request("login", password=...)`,
    `call_api()`, `send_request()`, not `save_reset_request()`;
    itself or through the local names it is bound to first): that server's API dictates
    the hash (a login taking the MD5 of the password, a challenge hashed with it), and
    nothing is stored. That holds only when every use of the digest is so sent, cut to
    a range query's prefix, or only compared: one also set on the account
    (`user.password_hash = digest`), kept in the session, handed to the database or
    another call, or returned is a stored fast hash of the password, and reported. Nor is a digest kept in a local that is only handed to a slow
    password hash (`password = hashlib.sha256(salt).hexdigest()` then
    `user.set_password(password)`, `make_password()`, `bcrypt.hashpw()`): it is that
    hash's input, a random throwaway password or a pre-hash, and the slow hash is what
    is stored. Nor is a hash of what a slow key-derivation function returned
    (`sha256(scrypt.hash(password, salt))`, `hashlib.pbkdf2_hmac`, `bcrypt.kdf`,
    PyNaCl's and PyCryptodome's KDFs): a derived key, whose cost is already paid; a
    KDF of the project's own, or one given a low cost, is not judged here.
    A hash in a method of a Django password hasher class (deriving from
    `BasePasswordHasher`) that no settings module of the project lists in
    `PASSWORD_HASHERS` (nor Django's default list) is reported at low severity: Django
    hashes users' passwords only with the listed hashers, so that class hashes only what
    the code hands it directly (an API token's digest).

    ## Example
    ```python
    import hashlib

    def store(user, password):
        user.password = hashlib.sha256(password.encode()).hexdigest()
    ```

    ## Fix
    ```python
    from werkzeug.security import generate_password_hash

    def store(user, password):
        user.password = generate_password_hash(password)
    ```
    In Django, `user.set_password(password)` (or `make_password`) does it for you.

    ## References
    - [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)
    - [OWASP Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    - [Django: password management](https://docs.djangoproject.com/en/stable/topics/auth/passwords/)
    """

    code = "WW740"
    name = "password-fast-hash"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 916
    message = "`{call}` hashes a password ({what}): a fast hash is guessed at billions per second"
    fix = "hash passwords with Argon2, scrypt, bcrypt or PBKDF2 (`generate_password_hash`, `make_password`)"
    calls = frozenset({"hashlib.*"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        algorithm = _fast_hash(ctx, node)
        if algorithm is None:
            return
        data = [*node.args[1:]] if ctx.call_name(node) == "hashlib.new" else [*node.args]
        data += [k.value for k in node.keywords if k.arg in {"data", "string"}]
        if not data:
            data = _updates(ctx, node)
        hashed = next((n for arg in data if (n := password_in(ctx, arg)) is not None), None)
        stored = password_target(ctx, node) if hashed is None else None
        if hashed is None and (stored is None or _derived(ctx, data)):
            return
        # NOTE: the checks that refute a password's hash last: they walk the scope.
        holder = enclosing_class(ctx, node)
        if _prepares_for_slow_hasher(holder) or _stretched(ctx, node):
            return
        if _fed_to_slow_hash(ctx, node) or dictated_by_server(ctx, node):
            return
        call = f"hashlib.{algorithm}"
        if hashed is not None:
            found = self.finding(ctx, node, call=call, what=f"`{hashed}`")
        else:
            what = f"stored as `{stored}`"
            found = self.finding(ctx, node, confidence=Confidence.MEDIUM, call=call, what=what)
        yield _tagged(found, holder)

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a Django password hasher class no `PASSWORD_HASHERS` lists."""
        return lowered_if_unlisted(finding, project)


def _tagged(found: Finding, holder: tuple[ast.ClassDef, list[str]] | None) -> Finding:
    """The finding, tagged with the Django hasher class it is written in, if any."""
    hasher = hasher_class(holder)
    if hasher is None:
        return found
    return dataclasses.replace(found, tags=(*found.tags, HASHER_TAG + hasher))


def _derived(ctx: FileContext, data: list[ast.expr]) -> bool:
    """Whether the hashed data holds what a slow key-derivation call returned
    (`sha256(scrypt.hash(...))`, also through a local bound to it once): the digest of a
    derived key, whose cost is paid."""
    for each in data:
        for inner in ast.walk(each):
            if isinstance(inner, ast.Name):
                inner = ctx.lookup(inner) or inner  # NOTE: `key = pbkdf2_hmac(...)` first
            if isinstance(inner, ast.Call) and slow_derivation(ctx, inner):
                return True
    return False


_SLOW_HASHERS = frozenset(
    f"django.contrib.auth.hashers.{name}"
    for name in (
        "PBKDF2PasswordHasher",
        "PBKDF2SHA1PasswordHasher",
        "Argon2PasswordHasher",
        "BCryptSHA256PasswordHasher",
        "BCryptPasswordHasher",
        "ScryptPasswordHasher",
    )
)


def _prepares_for_slow_hasher(holder: tuple[ast.ClassDef, list[str]] | None) -> bool:
    """Whether the hash is in a method of a subclass of one of Django's slow hashers (the
    class `enclosing_class` gives): it prepares the password for the slow function the
    class inherits, as Django's own `BCryptSHA256PasswordHasher` does (and a hasher that
    reads hashes migrated from another system, then runs PBKDF2 over them)."""
    return holder is not None and not _SLOW_HASHERS.isdisjoint(holder[1])


def _fed_to_slow_hash(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the digest is bound to a local whose every read is an argument of a call
    that hashes a password for storage (`password = sha256(salt).hexdigest()` then
    `user.set_password(password)`, `make_password(...)`, `bcrypt.hashpw(...)`): the
    digest is the input of the slow hash, a throwaway password or a pre-hash (as
    Django's `BCryptSHA256PasswordHasher` makes), not what is stored."""
    statement = ctx.parent(node)
    while isinstance(statement, ast.Attribute | ast.Call):
        statement = ctx.parent(statement)  # NOTE: `sha256(...).hexdigest()`
    reads = ctx.scopes.reads_of_assigned(statement)
    return bool(reads) and all(_slow_hash_argument(ctx, read) for read in reads)


def _slow_hash_argument(ctx: FileContext, read: ast.Name) -> bool:
    """`read` is an argument of a password-hashing call, as given or encoded
    (`hashpw(password.encode(), salt)`)."""
    child: ast.AST = read
    holder = ctx.parent(read)
    while isinstance(holder, ast.Attribute) or (
        isinstance(holder, ast.Call) and holder.func is child
    ):
        child, holder = holder, ctx.parent(holder)  # NOTE: `password.encode("utf-8")`
    if isinstance(holder, ast.keyword):
        child, holder = holder, ctx.parent(holder)
    if not isinstance(holder, ast.Call) or child is holder.func:
        return False
    func = holder.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in HASHING_METHODS


_ROUND_WORDS = frozenset({"rounds", "iterations", "iteration", "iters", "cost"})
_MANY_ROUNDS = 1000


def _stretched(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the hash is one step of a function that hashes again in a loop of many
    rounds (`for _ in range(rounds): digest = hashlib.sha512(...)`): a key-stretching
    scheme (SHA-crypt, PBKDF1) written out, whose cost is the loop, not one fast hash."""
    scope = ctx.scopes.enclosing_function(node)
    if scope is None:
        return False
    return any(
        isinstance(loop, ast.For)
        and _many_rounds(ctx, loop.iter)
        and any(
            isinstance(call, ast.Call) and (ctx.call_name(call) or "").startswith("hashlib.")
            for statement in loop.body
            for call in ast.walk(statement)
        )
        for loop in ast.walk(scope)
    )


def _many_rounds(ctx: FileContext, counted: ast.expr) -> bool:
    """`range(rounds)`, `range(0, self.iterations)`, `range(5000)`: a count named as a
    work factor, or a constant of at least a thousand."""
    if not (
        isinstance(counted, ast.Call)
        and ctx.call_name(counted) == "range"
        and 1 <= len(counted.args) <= 2
    ):
        return False
    count = counted.args[-1]
    value = ctx.evaluate(count)
    if isinstance(value, int) and not isinstance(value, bool):
        return value >= _MANY_ROUNDS
    name = count.attr if isinstance(count, ast.Attribute) else getattr(count, "id", "")
    return not _ROUND_WORDS.isdisjoint(identifier_words(name))


def _updates(ctx: FileContext, node: ast.Call) -> list[ast.expr]:
    """What `h.update(...)` feeds the hash made by `h = hashlib.sha256()` in its scope."""
    fed = []
    for read in ctx.scopes.reads_of_assigned(ctx.parent(node)):
        method = ctx.parent(read)
        call = ctx.parent(method) if method is not None else None
        if (
            isinstance(method, ast.Attribute)
            and method.attr == "update"
            and isinstance(call, ast.Call)
            and call.func is method
        ):
            fed.extend(call.args[:1])
    return fed


def _fast_hash(ctx: FileContext, node: ast.Call) -> str | None:
    name = ctx.call_name(node) or ""
    if name.startswith("hashlib.") and name[8:] in FAST_HASHES:
        return name[8:]
    if name == "hashlib.new":
        algorithm = ctx.evaluate(ctx.argument(node, 0, "name"))
        if isinstance(algorithm, str) and algorithm.lower() in FAST_HASHES:
            return algorithm.lower()
    return None
