"""WW734: a keyed digest made by hashing a secret key followed by the data."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._common import secret_purpose
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words, sounds_secret

_EXTENDABLE = frozenset({"md5", "sha1", "sha224", "sha256", "sha512"})
"""Merkle-Damgard hashes whose digest is their whole state; not SHA-384 or the truncated
SHA-512 variants, nor SHA-3 or BLAKE2, which no length extension reaches."""
_CONSTRUCTORS = frozenset(f"hashlib.{name}" for name in _EXTENDABLE)
_TO_BYTES = frozenset({"django.utils.encoding.force_bytes", "django.utils.encoding.smart_bytes"})
_KEY_WORDS = frozenset({"secret", "key"})
_DIGESTS = frozenset({"digest", "hexdigest"})


class SecretPrefixedHash(PythonRule):
    """## What it does
    Finds a digest made with MD5, SHA-1, SHA-224, SHA-256 or SHA-512 (`hashlib`) of a
    secret key followed by other data: `hashlib.sha256((settings.SECRET_KEY +
    slug).encode())`, an f-string or `%`/`.format()` text starting with the key, or a
    hash object fed the key first and more after it (`h = hashlib.sha256()`,
    `h.update(key)`, `h.update(data)`). The key is a name or attribute whose words say
    secret or key (`SECRET_KEY`, `signing_key`, `api_secret`); not a password or a
    token, which the password rules judge. Only when the digest becomes a token or a
    signature (assigned to such a name, or returned by a function named for one:
    `get_badge_token()`): a pseudonymous id made the same way (`generate_client_id()`)
    is only compared with the ids the server made, and an extended one gains nothing.

    ## Why is this bad?
    These hashes are built so that the digest of `key + data` is enough to compute the
    digest of `key + data + padding + more` without knowing the key (a length extension
    attack): whoever holds one valid token can make tokens for data the server never
    signed. Where the data's format leaves no room for the added bytes the attack may
    not apply, but the construction is a home-made MAC when a standard one costs nothing.

    ## Example
    ```python
    import hashlib

    from django.conf import settings

    def badge_token(slug):
        return hashlib.sha256((settings.SECRET_KEY + slug).encode()).hexdigest()
    ```

    ## Fix
    ```python
    import hmac

    from django.conf import settings

    def badge_token(slug):
        return hmac.new(settings.SECRET_KEY.encode(), slug.encode(), "sha256").hexdigest()
    ```
    Use `hmac.new(key, data, "sha256")`, the framework's signer (`django.core.signing`,
    `itsdangerous`) or a hash without length extension (`hashlib.blake2b(data,
    key=key)`).

    ## References
    - [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)
    - [Python docs: hmac](https://docs.python.org/3/library/hmac.html)
    - [Wikipedia: Length extension attack](https://en.wikipedia.org/wiki/Length_extension_attack)
    """

    code = "WW734"
    name = "secret-prefixed-hash"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 327
    message = "`{call}` hashes `{secret}` followed by other data: a home-made MAC open to length extension"
    fix = "use `hmac.new(key, data, 'sha256')` or the framework's signer"
    calls = _CONSTRUCTORS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        call = ctx.call_name(node)
        key = _keyed_start(ctx, node)
        if key is not None and _made_for_checking(ctx, node):
            yield self.finding(ctx, node, call=call, secret=key)


def _made_for_checking(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the digest becomes a token or signature (`secret_purpose`: `return ...`
    in `get_project_token()`, `signature = ...`): a value checked when it comes back,
    which an extended one would pass. A pseudonymous id (`generate_client_id()`) is
    only compared with others the server made itself."""
    digests = [node]
    local = ctx.assigned_name(node)
    function = ctx.scopes.enclosing_function(node)
    if local is not None and function is not None:
        digests += [
            call
            for call in ast.walk(function)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in _DIGESTS
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == local
        ]
    return any(secret_purpose(ctx, digest) is not None for digest in digests)


def _keyed_start(ctx: FileContext, node: ast.Call) -> str | None:
    """The key the data fed to the hash `node` starts with, when more data follows it:
    in the constructor's argument, or across the `update()` calls of the local it is
    assigned to, in source order (see the rule)."""
    fed = [node.args[0]] if node.args else []
    local = ctx.assigned_name(node)
    function = ctx.scopes.enclosing_function(node)
    if local is not None and function is not None:
        updates = [
            call
            for call in ast.walk(function)
            if isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "update"
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == local
            and call.args
            and (call.lineno, call.col_offset) > (node.lineno, node.col_offset)
        ]
        updates.sort(key=lambda call: (call.lineno, call.col_offset))
        fed.extend(call.args[0] for call in updates)
    pieces = [piece for data in fed for piece in _pieces(ctx, data)]
    if not pieces or not isinstance(pieces[0], ast.Name | ast.Attribute):
        return None
    if all(ctx.is_constant(piece) for piece in pieces[1:]):
        return None
    first = pieces[0]
    name = first.id if isinstance(first, ast.Name) else first.attr
    return name if _names_key(name) else None


def _pieces(ctx: FileContext, data: ast.expr) -> list[ast.expr]:
    """The parts `data` is joined from, in order: through `.encode()`, `force_bytes()`,
    `+`, f-strings, and `%` or `.format()` of a literal template."""
    while True:
        if (
            isinstance(data, ast.Call)
            and isinstance(data.func, ast.Attribute)
            and data.func.attr == "encode"
        ):
            data = data.func.value
        elif isinstance(data, ast.Call) and ctx.call_name(data) in _TO_BYTES and data.args:
            data = data.args[0]
        else:
            break
    if isinstance(data, ast.BinOp) and isinstance(data.op, ast.Add):
        return [*_pieces(ctx, data.left), *_pieces(ctx, data.right)]
    if isinstance(data, ast.JoinedStr):
        return [
            value.value if isinstance(value, ast.FormattedValue) else value for value in data.values
        ]
    if isinstance(data, ast.BinOp) and isinstance(data.op, ast.Mod):
        values = data.right.elts if isinstance(data.right, ast.Tuple) else [data.right]
        return _templated(data.left, list(values), "%")
    if (
        isinstance(data, ast.Call)
        and isinstance(data.func, ast.Attribute)
        and data.func.attr == "format"
        and not data.keywords
    ):
        return _templated(data.func.value, list(data.args), "{")
    return [data]


def _templated(template: ast.expr, values: list[ast.expr], marker: str) -> list[ast.expr]:
    """The values of a literal template that starts with its first field, then a
    stand-in for the rest: only whether the key comes first matters."""
    if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
        return [template]
    if not template.value.startswith(marker) or not values:
        return [template, *values]
    return values


def _names_key(name: str) -> bool:
    """`SECRET_KEY`, `signing_key`, `api_secret`: a secret whose words say key or
    secret (not `token`, nor a password)."""
    words = identifier_words(name)
    return sounds_secret(name) and not _KEY_WORDS.isdisjoint(words) and "password" not in words
