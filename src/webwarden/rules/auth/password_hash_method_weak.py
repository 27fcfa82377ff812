"""WW741: a password hashing API told to use a weak or no hash."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._passwords import FAST_HASHES, GENERATE_PASSWORD_HASH, MAKE_PASSWORD
from webwarden.rules.auth._verify_only import verifies_only
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

WEAK_DJANGO_HASHERS = frozenset({"md5", "unsalted_md5", "sha1", "unsalted_sha1", "crypt"})
WEAK_PASSLIB_SCHEMES = frozenset(
    {"plaintext", "md5_crypt", "apr_md5_crypt", "sun_md5_crypt", "des_crypt", "bsdi_crypt"}
    | {"bigcrypt", "crypt16", "ldap_md5", "ldap_sha1", "ldap_salted_md5", "ldap_salted_sha1"}
    | {"ldap_plaintext", "ldap_hex_md5", "ldap_hex_sha1", "hex_md5", "hex_sha1", "hex_sha256"}
    | {"hex_sha512", "mysql323", "mysql41", "postgres_md5", "oracle10", "oracle11", "lmhash"}
    | {"nthash", "msdcc", "msdcc2", "mssql2000", "mssql2005", "django_salted_md5"}
    | {"django_salted_sha1", "django_des_crypt", "unix_disabled", "roundup_plaintext"}
)
_CRYPT_CONTEXT = frozenset({"passlib.context.CryptContext", "passlib.apps.CryptContext"})


class PasswordHashMethodWeak(PythonRule):
    """## What it does
    Finds password hashing APIs told to use a weak hash or none:
    `generate_password_hash(password, method="sha256")` (or `"md5"`, `"plain"`) in
    Werkzeug, `make_password(password, hasher="md5")` (or `unsalted_md5`,
    `unsalted_sha1`, `sha1`, `crypt`) in Django, a passlib `CryptContext` whose default
    scheme is weak (`md5_crypt`, `des_crypt`, `ldap_sha1`, `plaintext`, ...), and direct
    use of those passlib schemes (`md5_crypt.hash(password)`).

    ## Why is this bad?
    The library would have done the right thing; the argument opts out. These schemes
    are a single fast hash (or a broken crypt) and fall to a GPU or a lookup table in
    hours; `plain` stores the password itself.

    ## Known problems
    Django's `PASSWORD_HASHERS` setting is judged by WW701. Weak schemes kept in a
    passlib context only to verify old hashes (`deprecated="auto"`, not the default) are
    not reported, nor is a context kept in a name whose every use only checks a password
    against a stored hash (`LEGACY.verify(password, stored)`, `.identify(stored)`, also
    through a loop over a list of such contexts): a program reading another system's
    user table checks the hashes that system wrote and makes none itself. A context
    also asked to `hash` or to `verify_and_update` (which rehashes with the default)
    is reported.

    ## Example
    ```python
    from werkzeug.security import generate_password_hash

    def store(user, password):
        user.password_hash = generate_password_hash(password, method="sha256")
    ```

    ## Fix
    ```python
    from werkzeug.security import generate_password_hash

    def store(user, password):
        user.password_hash = generate_password_hash(password)
    ```

    ## References
    - [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)
    - [Werkzeug: generate_password_hash](https://werkzeug.palletsprojects.com/en/stable/utils/#werkzeug.security.generate_password_hash)
    - [passlib: choosing a hash](https://passlib.readthedocs.io/en/stable/narr/quickstart.html)
    """

    code = "WW741"
    name = "password-hash-method-weak"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 916
    message = "`{call}` hashes passwords with `{method}`, {why}"
    fix = "use the library's default (scrypt/PBKDF2 in Werkzeug and Django) or Argon2/bcrypt"
    calls = GENERATE_PASSWORD_HASH | MAKE_PASSWORD | _CRYPT_CONTEXT | {"passlib.hash.*"}

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        if name in GENERATE_PASSWORD_HASH:
            method = ctx.evaluate(ctx.argument(node, 1, "method"))
            if isinstance(method, str) and _weak_werkzeug(method):
                why = "which stores it as given" if method == "plain" else "a fast hash"
                yield self.finding(ctx, node, call=name, method=method, why=why)
        elif name in MAKE_PASSWORD:
            hasher = ctx.evaluate(ctx.argument(node, 2, "hasher"))
            if isinstance(hasher, str) and hasher.lower() in WEAK_DJANGO_HASHERS:
                why = "a fast hash" if hasher != "crypt" else "the Unix crypt(3) scheme"
                yield self.finding(ctx, node, call=name, method=hasher, why=why)
        elif name in _CRYPT_CONTEXT:
            scheme = _default_scheme(ctx, node)
            if scheme in WEAK_PASSLIB_SCHEMES and not verifies_only(ctx, node):
                yield self.finding(ctx, node, call=name, method=scheme, why="a weak scheme")
        elif name.startswith("passlib.hash.") and name.count(".") == 3:
            scheme, method = name.split(".")[2:]
            if scheme in WEAK_PASSLIB_SCHEMES and method in {"hash", "encrypt"}:
                yield self.finding(ctx, node, call=name, method=scheme, why="a weak scheme")


def _weak_werkzeug(method: str) -> bool:
    algorithm = method.split(":", 1)[0].lower()
    return algorithm == "plain" or algorithm in FAST_HASHES


def _default_scheme(ctx: FileContext, node: ast.Call) -> str | None:
    default = ctx.evaluate(ctx.keyword(node, "default"))
    if isinstance(default, str):
        return default
    schemes = ctx.evaluate(ctx.argument(node, 0, "schemes"))
    if isinstance(schemes, list | tuple) and schemes and isinstance(schemes[0], str):
        return schemes[0]
    return None
