"""Credentials handed to clients without a credential-named target: a mail, FTP or LDAP
login's password argument, an HTTP basic-auth pair, an `Authorization` header, the key
a JWT, itsdangerous, HMAC or Fernet signer is given, an SDK client's secret by position.

`smtp.login("noreply@example.com", "S3cret!")`, `requests.get(url, auth=("bot", "S3cret!"))`
and `headers={"Authorization": "Token 9a8b..."}` write a working credential into the
code as surely as `PASSWORD = "..."` does; no name says so, the call does.
"""

from __future__ import annotations

import ast
import base64
from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.analysis.secrets import credential_kind, looks_like_secret
from webwarden.model.module import FileContext

_LOGINS: dict[str, tuple[str, int]] = {
    "smtplib.SMTP": ("login", 1),
    "smtplib.SMTP_SSL": ("login", 1),
    "smtplib.LMTP": ("login", 1),
    "ftplib.FTP": ("login", 1),
    "ftplib.FTP_TLS": ("login", 1),
    "imaplib.IMAP4": ("login", 1),
    "imaplib.IMAP4_SSL": ("login", 1),
    "poplib.POP3": ("pass_", 0),
    "poplib.POP3_SSL": ("pass_", 0),
}
"""Client class -> its login method and the position of the password argument."""

_BASIC_AUTH = frozenset(
    {
        "requests.auth.HTTPBasicAuth",
        "requests.auth.HTTPDigestAuth",
        "requests.HTTPBasicAuth",
        "httpx.BasicAuth",
        "httpx.DigestAuth",
        "aiohttp.BasicAuth",
    }
)
_BASIC_AUTH_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in _BASIC_AUTH)
_LOGIN_METHODS = frozenset(method for method, _ in _LOGINS.values())
_AUTH_KEYWORD_ROOTS = ("requests", "httpx", "aiohttp", "urllib3")
_SCHEMES = frozenset({"bearer", "token", "apikey", "api-key", "key"})
_SIGNERS: dict[str, tuple[int, str, str]] = {
    "jwt.encode": (1, "key", "a signing key"),
    "jwt.decode": (1, "key", "a signing key"),
    "jwt.api_jwt.encode": (1, "key", "a signing key"),
    "jwt.api_jwt.decode": (1, "key", "a signing key"),
    "jose.jwt.encode": (1, "key", "a signing key"),
    "jose.jwt.decode": (1, "key", "a signing key"),
    "itsdangerous.Signer": (0, "secret_key", "a signing key"),
    "itsdangerous.TimestampSigner": (0, "secret_key", "a signing key"),
    "itsdangerous.Serializer": (0, "secret_key", "a signing key"),
    "itsdangerous.URLSafeSerializer": (0, "secret_key", "a signing key"),
    "itsdangerous.URLSafeTimedSerializer": (0, "secret_key", "a signing key"),
    "twilio.rest.Client": (1, "password", "a token"),
    "cryptography.fernet.Fernet": (0, "key", "an encryption key"),
    "hmac.new": (0, "key", "a signing key"),
    "hmac.digest": (0, "key", "a signing key"),
}
"""Callee -> the position and keyword of the secret it is given, and what that is: the
key a token is signed or checked with, an SDK client's secret (`Client(sid, token)`)."""
SIGNER_WORDS = ("jwt", "itsdangerous", "twilio", "fernet", "hmac")


@dataclass(frozen=True, slots=True)
class ClientCredential:
    """A string (or bytes) constant a client is given as a credential."""

    node: ast.Constant
    value: str
    """The credential itself (for a header, the part after the scheme)."""
    target: str
    """What it is given to (`smtplib.SMTP.login`, `auth=`, `Authorization`)."""
    kind: str
    """`a password` or `a token`."""
    via: str


def client_credentials(ctx: FileContext) -> Iterator[ClientCredential]:
    """Every such credential of the module."""
    signers = any(ctx.mentions(word) for word in SIGNER_WORDS)
    for node in ctx.nodes(ast.Call):
        assert isinstance(node, ast.Call)  # noqa: S101 - nodes() of that type
        # NOTE: each reader is entered only for the calls it can judge, told by the
        # callee's last name (or an `auth=` keyword) before any name lookup: most calls
        # of a module are none of these.
        func = node.func
        tail = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if tail in _LOGIN_METHODS:
            yield from _login(ctx, node)
        if tail in _BASIC_AUTH_NAMES or (
            node.keywords and any(k.arg == "auth" for k in node.keywords)
        ):
            yield from _basic_auth(ctx, node)
        if signers and ctx.call_name(node) in _SIGNERS:
            yield from _signer_key(ctx, node)
    for node in ctx.nodes(ast.Dict):
        assert isinstance(node, ast.Dict)  # noqa: S101 - nodes() of that type
        yield from _authorization(node)


def _password(node: ast.expr | None, target: str, via: str) -> Iterator[ClientCredential]:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and looks_like_secret(node.value, "a password")
    ):
        yield ClientCredential(node, node.value, target, "a password", via)


def _login(ctx: FileContext, call: ast.Call) -> Iterator[ClientCredential]:
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _LOGIN_METHODS:
        return
    client = ctx.origin(func.value)
    method, position = _LOGINS.get(client or "", ("", 0))
    if func.attr != method or position >= len(call.args):
        return
    yield from _password(call.args[position], f"{client}.{method}", client or "")


def _signer_key(ctx: FileContext, call: ast.Call) -> Iterator[ClientCredential]:
    """`jwt.encode(claims, "k3y...", algorithm="HS256")`, `URLSafeTimedSerializer("...")`."""
    name = ctx.call_name(call) or ""
    found = _SIGNERS.get(name)
    if found is None:
        return
    position, keyword, kind = found
    node = _written_behind(ctx, ctx.argument(call, position, keyword))
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str | bytes):
        return
    value = node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value
    if looks_like_secret(value, kind):
        yield ClientCredential(node, value, name, kind, name)


def _written_behind(ctx: FileContext, node: ast.expr | None) -> ast.expr | None:
    """The constant a name passed as the key holds (`key = "JHtM..."` then `Fernet(key)`),
    reported where it is written; else `node`. A credential-named constant
    (`SECRET_KEY = "..."`) is judged, and reported, by its name already."""
    if isinstance(node, ast.Name) and credential_kind(node.id) is None:
        bound = ctx.lookup(node)
        if isinstance(bound, ast.Constant):
            return bound
    return node


def _basic_auth(ctx: FileContext, call: ast.Call) -> Iterator[ClientCredential]:
    """`HTTPBasicAuth("bot", "S3cret!")`, `requests.get(url, auth=("bot", "S3cret!"))`:
    a call whose last name is a basic-auth class or that passes `auth=`."""
    name = ctx.call_name(call) or ""
    if name in _BASIC_AUTH and len(call.args) >= 2:
        yield from _password(call.args[1], name, name)
        return
    if not name.startswith(_AUTH_KEYWORD_ROOTS):
        return
    pair = ctx.keyword(call, "auth")
    if isinstance(pair, ast.Tuple | ast.List) and len(pair.elts) == 2:
        yield from _password(pair.elts[1], "auth=", name)


def _authorization(node: ast.Dict) -> Iterator[ClientCredential]:
    """`{"Authorization": "Token 9a8b..."}`: the credential after the scheme."""
    for key, value in zip(node.keys, node.values, strict=True):
        if not (
            isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and key.value.lower() in {"authorization", "proxy-authorization"}
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ):
            continue
        scheme, _, credential = value.value.strip().partition(" ")
        credential = credential.strip()
        if scheme.lower() == "basic":
            password = _basic_password(credential)
            if password is not None and looks_like_secret(password, "a password"):
                yield ClientCredential(value, credential, key.value, "a password", "")
        elif scheme.lower() in _SCHEMES and looks_like_secret(credential, "a token"):
            yield ClientCredential(value, credential, key.value, "a token", "")


def _basic_password(credential: str) -> str | None:
    """The password of a `Basic` credential (base64 of `user:password`), if it is one."""
    try:
        decoded = base64.b64decode(credential, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    user, colon, password = decoded.partition(":")
    return password if colon and user else None
