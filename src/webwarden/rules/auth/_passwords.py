"""Helpers shared by the password-hashing rules."""

from __future__ import annotations

import ast

from webwarden.analysis.secrets import is_password_name
from webwarden.model.auth.fast_hash_helpers import FAST_HASHES as FAST_HASHES
from webwarden.model.module import identifier_words
from webwarden.model.value_uses import End, value_ends
from webwarden.rules.context import FileContext, name_of

GENERATE_PASSWORD_HASH = frozenset(
    {"werkzeug.security.generate_password_hash", "werkzeug.generate_password_hash"}
)
MAKE_PASSWORD = frozenset({"django.contrib.auth.hashers.make_password"})


def password_in(ctx: FileContext, node: ast.AST) -> str | None:
    """The password-named value inside an expression (`password.encode()`, `salt + pw`),
    not one only a slow key-derivation call is handed (`sha256(scrypt.hash(
    password=...))`): what that call returns is a derived key, not the password; nor
    what a call named for making a random value returns (`get_random_password(length=
    64)`, `make_random_password()`): a fresh random value, no one's chosen password, has
    no dictionary to guess from (a token, which WW1142 judges)."""
    todo: list[ast.AST] = [node]
    while todo:
        inner = todo.pop()
        if isinstance(inner, ast.Call) and (slow_derivation(ctx, inner) or _makes_random(inner)):
            continue
        name = name_of(inner)
        if name is not None and is_password_name(name):
            return name
        if isinstance(inner, ast.Call):
            for argument in inner.args:
                text = argument.value if isinstance(argument, ast.Constant) else None
                if isinstance(text, str) and is_password_name(text):
                    return text
        todo.extend(reversed(list(ast.iter_child_nodes(inner))))
    return None


def _makes_random(call: ast.Call) -> bool:
    """A call of a function named for making a random value (`get_random_password()`)."""
    name = name_of(call.func)
    return name is not None and "random" in identifier_words(name)


_SLOW_DERIVATIONS = frozenset(
    {
        "scrypt.hash",
        "hashlib.scrypt",
        "hashlib.pbkdf2_hmac",
        "bcrypt.hashpw",
        "bcrypt.kdf",
        "argon2.low_level.hash_secret",
        "argon2.low_level.hash_secret_raw",
        "nacl.pwhash.argon2id.kdf",
        "nacl.pwhash.argon2i.kdf",
        "nacl.pwhash.scrypt.kdf",
        "nacl.pwhash.kdf_scryptsalsa208sha256",
        "Crypto.Protocol.KDF.scrypt",
        "Crypto.Protocol.KDF.PBKDF2",
        "Crypto.Protocol.KDF.bcrypt",
        "Cryptodome.Protocol.KDF.scrypt",
        "Cryptodome.Protocol.KDF.PBKDF2",
        "Cryptodome.Protocol.KDF.bcrypt",
    }
)
"""Slow, salted key-derivation functions: what they return is a derived key, whatever
fast hash is then taken of it (the cost is paid before)."""


def slow_derivation(ctx: FileContext, call: ast.Call) -> bool:
    """`scrypt.hash(password=..., salt=...)`, `hashlib.pbkdf2_hmac(...)`: a slow KDF."""
    return ctx.call_name(call) in _SLOW_DERIVATIONS


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
                name = _stored_password(ctx, side) if side is not child else None
                if name is not None:
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


def _stored_password(ctx: FileContext, side: ast.expr) -> str | None:
    """The name of a stored password or hash a comparison reads: an attribute
    (`user.pw_hash`), or a local bound once to one (`password = settings.auth.password`);
    not a local named so that holds what was typed."""
    if isinstance(side, ast.Name):
        value = ctx.lookup(side)
        return side.id if isinstance(value, ast.Attribute) and _holds(value) else None
    return name_of(side) if isinstance(side, ast.Attribute) and _holds(side) else None


def _holds(node: ast.Attribute) -> bool:
    return holds_password(name_of(node) or "")


_RANGE_PREFIX = 5
"""Hex digits of the hash a k-anonymity range query sends (Have I Been Pwned's
`/range/{prefix}`)."""

_HTTP_LIBRARIES = frozenset({"requests", "httpx", "aiohttp", "urllib", "urllib3"})
_HTTP_VERBS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "urlopen"}
)
_REQUEST_PARTS = frozenset({"params", "data", "json", "headers", "cookies", "files"})


def dictated_by_server(ctx: FileContext, node: ast.Call) -> bool:
    """Whether every use of the digest is dictated by another server's API, and one is
    made: sent in a request (an argument of an HTTP client's call, `requests.post(url,
    params={"password": md5(pw)})`, a session's or a wrapper module's `get(url,
    params=...)`, a Google API client's executed request), or cut to the prefix a
    k-anonymity range query takes (`sha[:5]`, also `sha[:PREFIX_LENGTH]` of a constant
    five, for Have I Been Pwned), itself or through local names it is bound to first;
    any other use but a comparison (set on the account, in the session, handed to the
    database, returned) keeps the digest, which is then a stored password hash."""
    uses = value_ends(ctx, node, lambda holder, child: _dictated(ctx, holder, child))
    delivered = False
    for use in uses:
        if use.end is End.KEPT:
            return False
        delivered = delivered or use.end is End.DELIVERED
    return delivered


def _dictated(ctx: FileContext, holder: ast.AST, child: ast.AST) -> bool:
    """`child` reaches `holder` as what another server's API takes: an argument of an
    HTTP call, or the value of a range query's prefix slice."""
    if isinstance(holder, ast.Subscript):
        cut = holder.slice
        return (
            holder.value is child
            and isinstance(cut, ast.Slice)
            and cut.lower is None
            and cut.step is None
            and ctx.evaluate(cut.upper) == _RANGE_PREFIX
        )
    return (
        isinstance(holder, ast.Call)
        and child is not holder.func
        and (
            _http_call(ctx, holder)
            or _executed_api_request(ctx, holder)
            or _api_wrapper_call(holder)
            or _url_fetch(ctx, holder, child)
        )
    )


_API_CALL_WORDS = frozenset({"api", "request", "rpc"})
_API_CALL_VERBS = frozenset({"call", "send", "make", "do", "perform", "get", "post", "json"})


def _api_wrapper_call(call: ast.Call) -> bool:
    """`self.api_request("login", password=digest)`, `call_api(...)`, `send_request(...)`:
    a function named only for making a request of another server's API (its words an
    API or request and at most a verb for sending it); `save_reset_request()` is not."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    words = set(identifier_words(name))
    return bool(words & _API_CALL_WORDS) and words <= _API_CALL_WORDS | _API_CALL_VERBS


_FORM_PARTS = _REQUEST_PARTS | {"post", "get", "body", "query"}
"""Keywords a wrapper of an HTTP client takes a request's fields under (`load(url,
post={...})`, pycurl's and mechanize's style, besides `requests`' `params=`, `data=`)."""


def _url_fetch(ctx: FileContext, call: ast.Call, child: ast.AST) -> bool:
    """`self.load(API_URL + method, post=json.dumps(fields))`: the value is a request's
    fields (`post=`, `get=`, `params=`...) of a call whose first argument is a URL (an
    `http(s)://` literal, or built from a name that says it is one): an HTTP request
    made through a wrapper of the project's own."""
    if not (isinstance(child, ast.keyword) and child.arg in _FORM_PARTS and call.args):
        return False
    return _url_like(ctx, call.args[0])


_URL_WORDS = frozenset({"url", "uri", "endpoint"})


def _url_like(ctx: FileContext, node: ast.expr) -> bool:
    """An `http(s)://` literal, a name that says it holds a URL (`self.API_URL +
    method`), or a module constant that evaluates to one (`BASE + "/login"`)."""
    for part in ast.walk(node):
        text = part.value if isinstance(part, ast.Constant) else None
        if isinstance(text, str) and text.startswith(("http://", "https://")):
            return True
        name = part.attr if isinstance(part, ast.Attribute) else getattr(part, "id", None)
        if isinstance(name, str) and not _URL_WORDS.isdisjoint(identifier_words(name)):
            return True
    value = ctx.evaluate(node)
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def _http_call(ctx: FileContext, call: ast.Call) -> bool:
    """`requests.post(...)`, `httpx.get(...)`, `urllib.request.urlopen(...)`, or a call of
    an HTTP verb given what only a request has (`session.get(url, params=...)`)."""
    name = ctx.call_name(call) or ""
    verb = call.func.attr if isinstance(call.func, ast.Attribute) else name.rsplit(".", 1)[-1]
    if verb not in _HTTP_VERBS:
        return False
    library = name.partition(".")[0] in _HTTP_LIBRARIES
    return library or any(k.arg in _REQUEST_PARTS for k in call.keywords)


def _executed_api_request(ctx: FileContext, call: ast.Call) -> bool:
    """`directory.users().insert(body={...}).execute()`: a method of a Google API
    client's resource (`googleapiclient.discovery.build(...)`) given the request's
    `body=` makes an `HttpRequest`, which `execute()` sends to Google at once."""
    if not any(keyword.arg == "body" for keyword in call.keywords):
        return False
    method = ctx.parent(call)
    return (
        isinstance(method, ast.Attribute)
        and method.attr == "execute"
        and isinstance(sent := ctx.parent(method), ast.Call)
        and sent.func is method
    )
