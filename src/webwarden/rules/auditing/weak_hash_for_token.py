"""WW1142: MD5 or SHA-1 used to make a token, signature or key."""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._common import secret_purpose, truthiness
from webwarden.rules.base import PythonRule
from webwarden.rules.context import (
    FileContext,
    identifier_words,
    name_of,
    sounds_like_password,
    sounds_secret,
)

WEAK = frozenset({"md5", "sha1", "md4", "md2", "sha"})
_CONSTRUCTORS = frozenset(
    {
        *(f"hashlib.{name}" for name in WEAK),
        "Crypto.Hash.MD5.new",
        "Crypto.Hash.SHA.new",
        "Cryptodome.Hash.MD5.new",
        "Cryptodome.Hash.SHA1.new",
    }
)


class WeakHashForToken(PythonRule):
    """## What it does
    Finds MD5 and SHA-1 (`hashlib.md5`, `hashlib.sha1`, `hashlib.new("md5")`) without
    `usedforsecurity=False` when the digest becomes a token, signature, nonce or key:
    it is assigned to, returned as or passed as something named like one
    (`reset_token`, `signature`, `api_key`), assigned to a local that a function named
    like one returns (`digest = ...` then `return digest` in `create_session_id()`), or the hashed data is a secret (not the id
    of a record that holds one, `otp_device_id`; a `session_id` is a secret). A hash
    object fed piece by piece (`hasher = hashlib.md5()`, `hasher.update(seed)`) is
    judged by what its `digest()` or `hexdigest()` becomes and by all it was fed.

    ## Why is this bad?
    MD5 and SHA-1 have practical collision attacks, and a bare hash of guessable input
    (a user id, a timestamp, an e-mail) is a token anyone can compute. Tokens need a
    secret and a keyed construction (HMAC) or plain randomness.

    ## Known problems
    Hashes for cache keys, ETags and file checksums are not reported, also when what is
    hashed is a secret (`def cache_key_for_token(token)`: the key does not give the token
    back), nor digests named for their algorithm (`signature_sha1`,
    `cert_md5`: fingerprints listed for a report, not values made to sign), nor a digest
    that becomes part of a file path (`os.path.join(cache_dir, h.hexdigest() +
    ".signature")`, `Path(root) / digest`: a file named after its content), nor a
    call's signature (`generate_task_signature()` hashing a task's name and arguments to
    tell a queued duplicate, `method_signature`: what is called, not a signed value), nor
    the hash of a signature in the sense of what identifies a record (`signature_hash`, a
    job's properties hashed to find its row again) when nothing hashed is a secret; pass
    `usedforsecurity=False` to say so explicitly. Nor is a digest that becomes a salt
    (`salt = hashlib.sha1(os.urandom(16)).hexdigest()`): a salt is stored in the clear
    beside what it salts, and only the randomness of its source counts, which WW1143
    judges; nor the size or name of the algorithm (`hashlib.sha1().block_size`); nor the
    digest of one secret value alone assigned to a name saying it is that value's hash
    (`key_hash = hashlib.sha1(settings.FERNET_KEY.encode()).hexdigest()`,
    `record.token_digest = ...`): a fingerprint kept to notice a changed key or to look a
    token up by, whose value only a preimage attack, which neither MD5 nor SHA-1 has,
    would give back; mixed with other data (`md5(SECRET_KEY + user_id)`) it is a
    home-made signature and is reported whatever its name. Hashing
    passwords is a different mistake, reported by the authentication rules.

    ## Example
    ```python
    import hashlib

    def make_reset_token(user):
        reset_token = hashlib.md5(f"{user.id}{user.email}".encode()).hexdigest()
        return reset_token
    ```

    ## Fix
    ```python
    import secrets

    def make_reset_token(user):
        reset_token = secrets.token_urlsafe(32)
        return reset_token
    ```
    Use `secrets.token_urlsafe()` for random tokens, `hmac.new(key, msg, "sha256")` for
    signatures, or the framework's signer (`django.core.signing`, `itsdangerous`).

    ## References
    - [CWE-328: Use of Weak Hash](https://cwe.mitre.org/data/definitions/328.html)
    - [Python docs: hashlib usedforsecurity](https://docs.python.org/3/library/hashlib.html#hashlib.new)
    - [Python docs: secrets](https://docs.python.org/3/library/secrets.html)
    """

    code = "WW1142"
    name = "weak-hash-for-token"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 328
    message = "`{call}` is used for {purpose}; {algorithm} is not fit for tokens or signatures"
    fix = "use `secrets.token_urlsafe()` for tokens or `hmac` with SHA-256 for signatures"
    bandit = ("B324",)
    ruff = ("S324",)
    calls = _CONSTRUCTORS | {"hashlib.new"}

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        algorithm = _weak_algorithm(ctx, node)
        if algorithm is None:
            return
        if truthiness(ctx, ctx.keyword(node, "usedforsecurity")) is False:
            return
        purpose = None
        for digest, fed in _digests(ctx, node):
            purpose = purpose or _purpose(ctx, digest, fed, algorithm)
        if purpose is not None:
            yield self.finding(
                ctx, node, call=ctx.call_name(node), purpose=purpose, algorithm=algorithm.upper()
            )


def _purpose(ctx: FileContext, digest: ast.Call, fed: list[ast.Call], algorithm: str) -> str | None:
    """What the digest `digest` is made for, said in the message, when it is a secret:
    the name it ends up in, else the secret among the data `fed` to the hash."""
    if _makes_cache_key(ctx, digest) or _reads_size(ctx, digest) or _names_file(ctx, digest):
        return None
    target = secret_purpose(ctx, digest)
    if target is not None and (_named_for_algorithm(target, algorithm) or _salt(target)):
        return None
    if target is not None and _signature_fingerprint(target, fed):
        return None
    if not (target or "").endswith("()") and _key_fingerprint(ctx, digest, fed):
        return None
    secret = None if target else next(filter(None, map(_secret_input, fed)), None)
    named = target or secret
    if named is None or sounds_like_password(named):
        return None
    return f"`{target}`" if target else f"a digest of `{secret}`"


_DIGEST_METHODS = frozenset({"digest", "hexdigest"})


def _digests(ctx: FileContext, node: ast.Call) -> list[tuple[ast.Call, list[ast.Call]]]:
    """The digests the hash `node` makes, each with the calls feeding it data: `node`
    itself, or, for hashlib's incremental use (`h = hashlib.md5()`, `h.update(seed)`,
    `return h.hexdigest()`), each `digest()` of the local in its function, fed by the
    constructor and the local's `update()` calls."""
    holder = ctx.parent(node)
    function = ctx.scopes.enclosing_function(node)
    if not (
        function is not None
        and isinstance(holder, ast.Assign)
        and len(holder.targets) == 1
        and isinstance(local := holder.targets[0], ast.Name)
    ):
        return [(node, [node])]
    methods: dict[str, list[ast.Call]] = {}
    for call in ast.walk(function):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == local.id
        ):
            methods.setdefault(call.func.attr, []).append(call)
    fed = [node, *methods.get("update", ())]
    made = [call for name in _DIGEST_METHODS for call in methods.get(name, ())]
    return [(digest, fed) for digest in made] or [(node, [node])]


_CACHE_WORDS = frozenset({"cache", "etag", "checksum"})


def _makes_cache_key(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the digest is returned by a function, or assigned to a name, that says it
    makes a cache key, an ETag or a checksum (`def cache_key_from_token(token)`): what
    the digest becomes is named there, whatever it was made from."""
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.Return):
            function = ctx.scopes.enclosing_function(holder)
            return function is not None and _says_cache(function.name)
        if isinstance(holder, ast.Assign):
            return all(isinstance(t, ast.Name) and _says_cache(t.id) for t in holder.targets)
        if isinstance(holder, ast.stmt):
            return False
    return False


def _says_cache(name: str) -> bool:
    """`cache_key_for_token`, not `token_from_cache`: what follows `from` or `for` is the
    input."""
    made: list[str] = []
    for word in identifier_words(name):
        if word in _INPUT_WORDS:
            break
        made.append(word)
    return not _CACHE_WORDS.isdisjoint(made)


_INPUT_WORDS = frozenset({"from", "for"})


_PATH_BUILDERS = frozenset(
    {"os.path.join", "posixpath.join", "ntpath.join", "pathlib.Path", "pathlib.PurePath"}
)


def _names_file(ctx: FileContext, node: ast.Call) -> bool:
    """Whether the digest becomes part of a file path (`os.path.join(cache_dir,
    h.hexdigest() + ".signature")`, `Path(root) / digest`): a file named after its
    content, which whoever lists the directory reads, not a token, whatever the function
    returning the path is called."""
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.Call) and ctx.call_name(holder) in _PATH_BUILDERS:
            return True
        if (
            isinstance(holder, ast.BinOp)
            and isinstance(holder.op, ast.Div)
            and _path_value(ctx, holder.left)
        ):
            return True
        if isinstance(holder, ast.stmt):
            return False
    return False


def _path_value(ctx: FileContext, node: ast.expr) -> bool:
    """`Path(root)`, or such a path joined further with `/`."""
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        node = node.left
    return isinstance(node, ast.Call) and ctx.call_name(node) in _PATH_BUILDERS


_SALT_WORDS = frozenset({"salt", "salts"})


_HASH_NOUNS = frozenset({"hash", "digest", "checksum", "fingerprint"})


def _signature_fingerprint(target: str, fed: list[ast.Call]) -> bool:
    """`signature_hash`, `_get_signature_hash()`: the hash of a signature in the sense of
    what identifies a record (a job's or a series' properties, hashed to find its row
    again), not a signed value, when nothing hashed is a secret but for being named a
    signature (`signature_properties`). A digest of a key (`md5(secret + body)`) named
    so is still reported."""
    if not any(
        first == "signature" and second in _HASH_NOUNS
        for first, second in itertools.pairwise(identifier_words(target))
    ):
        return False
    names = [
        name
        for call in fed
        for argument in (*call.args, *(k.value for k in call.keywords))
        for inner in ast.walk(argument)
        if isinstance(name := getattr(inner, "id", getattr(inner, "attr", None)), str)
    ]
    unsigned = ("_".join(w for w in identifier_words(n) if w != "signature") for n in names)
    return not any(rest and sounds_secret(rest) for rest in unsigned)


def _key_fingerprint(ctx: FileContext, digest: ast.Call, fed: list[ast.Call]) -> bool:
    """`key_hash = sha1(settings.FERNET_KEY.encode()).hexdigest()`: the digest of one
    value alone, assigned to a name saying it is a hash, digest or fingerprint, stored to
    recognise the key later (a key check value) or to look a token up by: finding the
    value from its digest is a preimage attack, which neither MD5 nor SHA-1 has, and a
    key is no guessable input. A secret hashed with other data (`md5(secret + user_id)`)
    is a home-made signature, still reported, and so is a bare `digest` returned by a
    function making a token or a signature."""
    made: ast.AST = digest
    holder = ctx.parent(made)
    while (isinstance(holder, ast.Attribute) and holder.attr in _DIGEST_METHODS) or (
        isinstance(holder, ast.Call) and holder.func is made
    ):
        made, holder = holder, ctx.parent(holder)
    if not isinstance(holder, ast.Assign) or len(holder.targets) != 1:
        return False
    name = name_of(holder.targets[0]) or ""
    words = identifier_words(name)
    if len(words) < 2 or words[-1] not in _HASH_NOUNS:
        return False
    data = [argument for call in fed for argument in _hashed_data(call)]
    return len(data) == 1 and _one_value(data[0])


def _hashed_data(call: ast.Call) -> list[ast.expr]:
    """The data a constructor or `update()` call feeds the hash (not `usedforsecurity=`)."""
    return [*call.args, *(k.value for k in call.keywords if k.arg in {None, "data", "string"})]


_TEXT_CONVERSIONS = frozenset({"bytes", "str"})


def _one_value(node: ast.expr) -> bool:
    """A name or an attribute, perhaps turned into bytes (`key.encode("utf-8")`,
    `bytes(key, "ascii")`): one value, nothing joined to it."""
    while isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "encode":
            node = node.func.value
        elif isinstance(node.func, ast.Name) and node.func.id in _TEXT_CONVERSIONS and node.args:
            node = node.args[0]
        else:
            return False
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _salt(target: str) -> bool:
    """`salt`, `user_salt`: a salt is kept in the clear beside what it salts and only has
    to differ from others, which a digest of random bytes does whatever the algorithm; a
    predictable source is what weakens it (WW1143). Not `secret_salt`, named a secret."""
    words = identifier_words(target)
    rest = [word for word in words if word not in _SALT_WORDS]
    return len(rest) < len(words) and not sounds_secret("_".join(rest))


_SIZES = frozenset({"block_size", "digest_size", "name"})


def _reads_size(ctx: FileContext, node: ast.Call) -> bool:
    """`hashlib.sha1().block_size`: the algorithm's block or digest size (or its name), a
    constant, not a digest of anything."""
    parent = ctx.parent(node)
    return isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in _SIZES


def _named_for_algorithm(target: str, algorithm: str) -> bool:
    """`signature_sha1`, `cert_md5`: a digest named for its algorithm, as a report lists
    fingerprints beside each other (`_sha256` next to it), not a value made for a purpose
    such as signing, which would be named for that."""
    return target.lower().endswith(("_" + algorithm, "-" + algorithm))


def _weak_algorithm(ctx: FileContext, node: ast.Call) -> str | None:
    name = ctx.call_name(node)
    if name in _CONSTRUCTORS:
        return name.split(".")[-1] if name.startswith("hashlib.") else name.split(".")[-2]
    if name == "hashlib.new":
        value = ctx.evaluate(ctx.argument(node, 0, "name"))
        if value is not UNKNOWN and isinstance(value, str) and value.lower() in WEAK:
            return value.lower()
    return None


def _secret_input(node: ast.Call) -> str | None:
    """A secret-sounding name inside the hashed data (`md5(secret_key + user_id)`).

    Data that holds a password is password hashing, which the authentication rules judge.
    """
    names = [
        name
        for argument in node.args
        for inner in ast.walk(argument)
        if isinstance(name := getattr(inner, "id", getattr(inner, "attr", None)), str)
    ]
    if any(sounds_like_password(name) for name in names):
        return None
    return next((name for name in names if sounds_secret(name) and not _names_record(name)), None)


_ID_WORDS = frozenset({"id", "ids", "pk", "uuid"})


def _names_record(name: str) -> bool:
    """`otp_device_id`, `token_id`: which record holds a secret, not the secret; a
    session's id is the exception, as it is what logs the user in."""
    words = identifier_words(name)
    return words[-1] in _ID_WORDS and words[-2:-1] != ["session"]
