"""WW1143: the `random` module used to make tokens, passwords or keys."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets import credential_kind
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.module import identifier_words, sounds_secret
from webwarden.model.roles import role_of
from webwarden.rules.auditing._common import secret_purpose
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, name_of

FUNCTIONS = frozenset(
    f"random.{name}"
    for name in (
        "random",
        "randint",
        "randrange",
        "choice",
        "choices",
        "sample",
        "getrandbits",
        "randbytes",
        "uniform",
        "shuffle",
    )
) | frozenset(
    # NOTE: NumPy's legacy global generator is a Mersenne Twister too.
    f"numpy.random.{name}"
    for name in ("choice", "randint", "random", "rand", "bytes", "permutation", "shuffle")
)


class InsecureRandomToken(PythonRule):
    """## What it does
    Finds functions of the `random` module (`random.choice`, `randint`, `getrandbits`,
    ...) and of NumPy's `numpy.random` (`np.random.choice`) whose result becomes a token,
    password, key, nonce or one-time code: assigned to, passed as or returned as
    something named like one, or assigned to a local that a function named like one
    returns, as it is or written out as text (`bits = random.getrandbits(128)` then
    `return "%032x" % bits` in `create_session_id()`), or hashed with nothing secret
    beside it, also through locals made so (`salt = hashlib.sha1(drawn).hexdigest()`,
    then `return hashlib.sha1((salt + email).encode()).hexdigest()` in
    `generate_key()`: whoever predicts the draws computes the digest; not with
    `settings.SECRET_KEY` hashed in, nor through `hmac`), or assigned to a field of an
    object that such a function returns (`self.code = str(random.randint(...))` then
    `return self.code` in a model's `generate_code()`), or assigned to a local that is
    then handed on so under a name like one (`code = random.choice(...)`, then
    `Device.objects.create(verification_code=code)`, `invite.activation_key = "%x" %
    code`, `{"reset_code": str(code)}`), or kept in the session under a key named for an
    OAuth `state` (`session["state"] = str(random.randint(1, 100000))`: the nonce the
    sign-in callback checks against a forged sign-in). A function named for making a
    key (`keygen`, `generate_key`) or a code alone (`generate_code`, the one-time code
    an e-mail or SMS carries), or one of a shape (`make_short_key`,
    `generate_random_code`), makes a credential; `make_cache_key` and
    `generate_colour_code` do not. A value drawn in parts (`password =
    random.choice(...)`, then `password += "".join(random.choices(...))`) is reported
    once, at its first draw.

    ## Why is this bad?
    `random` is a Mersenne Twister: fast and statistically fine, but predictable. After
    observing 624 outputs an attacker can compute every past and future value, and seeds
    from the time are guessable. Password-reset tokens, session ids, API keys and OTP
    codes made with it can be predicted.

    ## Known problems
    Uses of `random` for anything else (sampling, shuffling a quiz, jitter) are not
    reported, nor is a token that is a marker handed back in the clear: a page's
    `next_page_token`, or a record's optimistic-concurrency `consistency_token` (a
    version stamp the client is given with the record, to send back with its edit),
    nor is one of the keys the app holds picked at random
    (`api_key = random.choice(api_keys)`): the value is one of them, as hard to guess.
    Nor is a variable the code assigned under the module's name (`random =
    SystemRandom()` then `random.choice(...)`): it holds another generator. Nor is a
    number that only counts the characters drawn (`for _ in range(random.randint(20,
    30))`, `choices(alphabet, k=random.randint(32, 48))`, a `length=` or `nbytes=`
    argument, `make_random_password(length=random.randint(10, 16))`, or the size given a
    secure generator, `secrets.token_urlsafe(random.randint(24, 32))`): the length is no
    secret, and the draws are judged on their own. Nor is a place in a sequence named
    for its items (`token_pos = random.choice(positions)`, `token_index`: a word's
    position in a text split into tokens). A mail's signature (`admin_email_signature()`,
    `email_signature`) is the sign-off text under it, not a secret. In a settings module
    for development or tests (`settings/test.py`: `BQ_NONCE = random.randrange(10000)`,
    a tag keeping test runs apart) the finding is low: production never runs it.
    Nor is a salt that is one of a few numbers (`salt = random.randrange(0, 16)`, 256
    at most: the offset a reversible encoding such as Cisco's type 7 starts at in its
    table, written out beside the result): whoever reads the result sees it, and any
    generator would make it as easy to guess.

    ## Example
    ```python
    import random
    import string

    def new_api_key():
        return "".join(random.choice(string.ascii_letters) for _ in range(40))
    ```

    ## Fix
    ```python
    import secrets

    def new_api_key():
        return secrets.token_urlsafe(30)
    ```

    ## References
    - [CWE-338: Use of Cryptographically Weak PRNG](https://cwe.mitre.org/data/definitions/338.html)
    - [Python docs: secrets](https://docs.python.org/3/library/secrets.html)
    """

    code = "WW1143"
    name = "insecure-random-token"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 338
    message = "`{call}` makes `{purpose}`; the `{module}` module is predictable"
    fix = "use the `secrets` module (`secrets.token_urlsafe`, `secrets.choice`)"
    bandit = ("B311",)
    ruff = ("S311",)
    calls = FUNCTIONS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in FUNCTIONS or _assigned_root(ctx, node.func):
            return
        if _picks_made_secret(name, node) or _counts_draws(ctx, node):
            return
        if _adds_to_earlier_draw(ctx, node):
            return
        purpose = secret_purpose(ctx, node, follow_local=True)
        if purpose is not None and not _salt_offset(ctx, name, node, purpose):
            module = name.rpartition(".")[0]
            finding = self.finding(ctx, node, call=name, purpose=purpose, module=module)
            if (
                ctx.is_settings_module
                and (role := role_of(ctx.module, relpath=ctx.relpath)).is_development
            ):
                # NOTE: as the secret rules lower what development settings hold.
                reason = f"settings module {ctx.relpath} ({role.value})"
                finding = lower_for_context(finding, Severity.LOW, reason)
            yield finding


_NUMBER_DRAWS = frozenset({"random.randrange", "random.randint", "numpy.random.randint"})
_FEW_VALUES = 256
"""How many values a drawn number may take and still be an offset, not salt material."""


def _salt_offset(ctx: FileContext, name: str, call: ast.Call, purpose: str) -> bool:
    """`salt = random.randrange(0, 16)`: a salt (named for nothing else secret) drawn as
    one of at most `_FEW_VALUES` numbers between constant bounds."""
    words = set(identifier_words(purpose.rstrip("()")))
    if name not in _NUMBER_DRAWS or "salt" not in words:
        return False
    if any(sounds_secret(word) for word in words - {"salt"}):
        return False
    bounds = [ctx.evaluate(argument) for argument in call.args[:2]]
    if call.keywords or not bounds or not all(type(bound) is int for bound in bounds):
        return False
    numbers = [bound for bound in bounds if isinstance(bound, int)]
    low, high = (0, numbers[0]) if len(numbers) == 1 else (numbers[0], numbers[1])
    inclusive = name == "random.randint"  # NOTE: NumPy's `randint` excludes its high bound
    return 0 < high - low + inclusive <= _FEW_VALUES


def _assigned_root(ctx: FileContext, func: ast.expr) -> bool:
    """`random = SystemRandom(); random.choice(...)`: the name is a variable the code
    assigned (an instance of another generator), not the imported module."""
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and ctx.lookup(func) is not None


_COUNTED_DRAWS = frozenset({"random.choices", "random.sample"})
"""Calls drawing as many items as their `k=` says."""
_RANGES = frozenset({"range", "builtins.range"})
_SIZED_BY_FIRST = frozenset(
    {
        "os.urandom",
        "secrets.token_bytes",
        "secrets.token_hex",
        "secrets.token_urlsafe",
        "django.utils.crypto.get_random_string",
    }
)
"""Secure generators whose first argument is how many bytes or characters they draw."""
_LENGTH_KEYWORDS = frozenset({"length", "nbytes"})
"""Keywords naming how long a value made is (`make_random_password(length=...)`)."""


def _counts_draws(ctx: FileContext, call: ast.Call) -> bool:
    """`range(random.randint(20, 30))`, `choices(alphabet, k=random.randint(32, 48))`,
    `make_random_password(length=random.randint(10, 16))`: the value is how many
    characters are drawn, not any of them; the draws themselves are judged on their own."""
    parent = ctx.parent(call)
    if isinstance(parent, ast.Call):
        name = ctx.call_name(parent)
        if name in _RANGES:
            return call in parent.args
        return name in _SIZED_BY_FIRST and bool(parent.args) and parent.args[0] is call
    if isinstance(parent, ast.keyword) and parent.arg in _LENGTH_KEYWORDS:
        return True
    if isinstance(parent, ast.keyword) and parent.arg == "k":
        owner = ctx.parent(parent)
        return isinstance(owner, ast.Call) and ctx.call_name(owner) in _COUNTED_DRAWS
    return False


_PICKS = frozenset({"random.choice", "random.sample", "random.shuffle", "numpy.random.choice"})


def _picks_made_secret(name: str, call: ast.Call) -> bool:
    """`random.choice(api_keys)`: one of the secrets the app was given is picked (to
    spread requests over several keys); the value is no more guessable than the keys."""
    given = call.args[0] if call.args else None
    held = name_of(given) if given is not None else None
    return name in _PICKS and held is not None and credential_kind(held) is not None


def _adds_to_earlier_draw(ctx: FileContext, call: ast.Call) -> bool:
    """`password += "".join(random.choices(...))` after `password = random.choice(...)`:
    the draws build one value, reported once, at the first."""
    statement: ast.AST | None = ctx.parent(call)
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = ctx.parent(statement)
    if not (isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name)):
        return False
    target = statement.target.id
    scope = ctx.scopes.enclosing_function(statement) or ctx.tree
    return any(
        isinstance(earlier, ast.Assign | ast.AugAssign)
        and earlier.lineno < statement.lineno
        and target in _assigned_names(earlier)
        and any(
            isinstance(sub, ast.Call) and ctx.call_name(sub) in FUNCTIONS
            for sub in ast.walk(earlier.value)
        )
        for earlier in ast.walk(scope)
    )


def _assigned_names(statement: ast.Assign | ast.AugAssign) -> set[str]:
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    return {target.id for target in targets if isinstance(target, ast.Name)}
