"""What makes a comparison one of secrets (WW744), and what makes it harmless."""

from __future__ import annotations

import ast
import itertools

from webwarden.analysis.secrets.values import (
    anti_forgery_token,
    credential_kind,
    is_password_name,
)
from webwarden.model.imported import import_rooted
from webwarden.model.module import PASSWORD_WORDS, identifier_words
from webwarden.rules.auth._jwt import jwt_call, options
from webwarden.rules.auth._session_held import session_held
from webwarden.rules.context import FileContext, name_of

_MAC_WORDS = frozenset({"signature", "sig", "hmac", "mac", "otp", "totp"})
"""Words of values that prove something. Not `digest` alone: a content hash
(`dataset_digest`, an image's `sha256:` digest) is public; an HMAC is named as one. Not
`nonce`: a nonce is sent in the clear and compared with its echo."""
_DEVICE_WORDS = frozenset({"device", "devices"})
"""What holds an OTP's key, not the code: django-otp's `request.user.otp_device` (the
device the user signed in with, set by `OTPMiddleware`), a `TOTPDevice` row. Comparing
two devices compares which row each is."""
_WHICH_WORDS = frozenset({"serial", "serials", "serialnumber", "userid", "userids", "owner"})
"""Last words saying which device holds an OTP's key or whose it is, not the code: an
OTP token's `TokenSerialnumber`, printed on the device, and `otp_owner`."""
_SPENT_WORDS = frozenset({"last", "previous", "prev", "used", "spent", "consumed"})
_ONE_TIME_WORDS = frozenset({"otp", "totp", "hotp"})
"""A one-time code the account already used, kept to refuse its replay (`user.last_otp ==
token` beside the code's check): a used code opens nothing, so timing a comparison with it
recovers nothing, whatever the other side is named. Only one-time codes: a previous
refresh token may still be honoured."""
_PAIR_WORDS = frozenset(
    {"confirm", "confirmation", "again", "repeat", "retype", "verify", "new", "re"}
)
"""`re` as in djoser's `re_password`. Not `current`: `field.current_token == field.data` is
a CSRF check."""
_PAIR_SUFFIXES = tuple(sorted(_PAIR_WORDS - {"verify", "new", "re"}))
"""Pair words recognised run into a name too (`passconfirm`; `renew` is not one)."""
_PAIR_ABBREVIATIONS = frozenset({"conf", "cnf"})
"""Short forms of `confirm` (`password_conf`, `passwordCnf`): a pair word only for a
password beside the same name without it, as `conf` also abbreviates `config`
(`token != token_conf` may be the token sent against the configured one)."""
_ORDINALS = frozenset({"first", "second"})
_COUNT_WORDS = frozenset(
    {"num", "count", "total", "max", "min", "len", "length", "number", "version"}
)
"""How many, or which version of a format (`sig_version`: SNS's `SignatureVersion`)."""
_POSITION_WORDS = frozenset({"idx", "index", "indices", "pos", "position", "offset"})
_INDEX_LETTERS = frozenset({"i", "j", "k"})
"""Where a thing is, not what it is: `token_idx`, and `token_i` (the last word one letter,
as a text's `sent_i`, `token_i`), the position of a word token in a tokenised text."""
_PLURAL_SECRETS = frozenset({"tokens", "secrets", "passwords", "signatures"})
"""A collection of them (a translation's placeholders, the secrets an import changed):
compared as a whole to tell a change, not checked against what a client sends. Not
`credentials`, which names one login's (a username and its password) as often."""
_ACTION_WORDS = frozenset({"reset", "change", "forgot", "forget", "recover", "update", "set"})
_STAND_IN_WORDS = frozenset(
    {"mask", "masked", "placeholder", "default", "defaults", "change", "changeme", "dummy"}
    | {"unset"}
    | {"sentinel", "redacted", "example", "fake", "empty", "missing", "censored", "failed"}
    | {"unspecified", "notset", "unprovided"}
)
_NEGATED_WORDS = frozenset({"specified", "provided", "set", "given", "supplied"})
"""`NOT_SPECIFIED`, Django's `NOT_PROVIDED`: a constant named for a value not given, as
`UNSPECIFIED` and logging's `NOTSET` are; a sentinel anyone may read, never a secret."""
_MEMBER_OF_WORDS = frozenset(
    {"action", "actions", "error", "errors", "event", "events", "policy", "reason", "code"}
    | {"type", "types", "kind", "state", "status", "scope", "scopes", "permission", "mode"}
)
"""Words of a class whose members name things that happen or kinds of things
(`Error.TOKEN_LOCKED`, `PolicyAction.CONTAINER_ADD_TOKEN`), never a secret."""
_QUERY_METHODS = frozenset({"filter", "filter_by", "where", "having", "exclude", "get_or_404"})


_KIND_WORDS = frozenset(
    {"type", "kind", "mode", "choice", "status", "state", "method", "scheme"}
    | {"algorithm", "alg", "algo", "oid", "name", "discriminator"}
)
"""Not `signature` alone: `cert.signature_algorithm_oid` names how a certificate is signed.
`name`: `rule.name == wanted_signature` looks a detection signature up by its name, and
`token_name` names a token; no secret is compared with a name. `discriminator`: the tag
saying which kind of message or instruction a value is (`SPL_TOKEN_MINT_DISCRIMINATOR`)."""
_PUBLIC_WORDS = frozenset(
    {"asset", "assets", "address", "addresses", "topic", "topics", "symbol", "ticker"}
    | {"etag", "etags"}
)
"""What names a thing anyone may see: a crypto asset (`event.asset == token`, where a
`token` is a coin of a blockchain), an address (`token_address == ZERO_ADDRESS`, a
contract's), an event log's topic (`tx_log.topics[0] == SWAP_SIGNATURE`, the hash of an
event's signature), a ticker symbol or an HTTP entity tag (`token == etag_value`, an
`If-None-Match` item against the tag every response's `ETag` header hands out). A secret
is compared with its own kind, so a value compared with one of these is no secret either."""
_NOT_COMPARED_WITH_SECRETS = _KIND_WORDS | _PUBLIC_WORDS
_ACCOUNT_IDENTIFIERS = frozenset({"username", "email", "login", "nickname"})
"""Whole names of what identifies an account to others, which the site shows or the user
types to log in: a password compared with one (`password == username`) is the check that
it does not repeat it. Only whole names: `email_token`, `login_token` are secrets."""


def secret_name(node: ast.AST) -> str | None:
    """The name a compared value has when it names a secret (`api_key`, `signature`)."""
    name = name_of(node)
    if name is None:
        return None
    if isinstance(node, ast.Name | ast.Attribute) and _cap_words(name):
        # NOTE: `tag == Tag.Signature` (an OpenPGP packet type), `cls == TotpTokenClass`:
        # a name in CapWords is a class or an enum member named like one, not a value.
        return None
    words = identifier_words(name)
    if name.isupper() and (len(words) == 1 or words[0] in _ACTION_WORDS):
        # NOTE: `Restriction.PASSWORD` is a choice constant ("password"), and
        # `TokenActions.RESET_PASSWORD` names an action, not a secret.
        return None
    if _COUNT_WORDS.intersection(words):
        return None  # `num_tokens`: how many, not which; `sig_version`: which format
    if _POSITION_WORDS.intersection(words) or (len(words) > 1 and words[-1] in _INDEX_LETTERS):
        return None  # `token.token_i == pos["token_i"]`: where a word token is
    if words and words[-1] in _PLURAL_SECRETS:
        return None  # `source_tokens != translated_tokens`: lists of a text's tokens
    if credential_kind(name) is not None or anti_forgery_token(name):
        return name
    proving = _MAC_WORDS.intersection(words) - ({"mac"} if _names_mac_os(words) else set())
    if proving and "key" not in words and words[-1] not in _DEVICE_WORDS | _WHICH_WORDS:
        return name
    return None


def _names_mac_os(words: list[str]) -> bool:
    """`Platform.macOS`, `mac_os_version`, `macOSX`: Apple's operating system, not a
    message authentication code."""
    return any(a == "mac" and b in _OS_WORDS for a, b in itertools.pairwise(words))


_OS_WORDS = frozenset({"os", "osx"})


_CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "http_authorization", "http_proxy_authorization"}
)
"""The request headers a client sends its credentials in, as `request.headers` and
Django's `request.META` name them."""


def secret_keys(left: ast.expr, right: ast.expr) -> list[str | None]:
    """For two compared values neither of which has a name (`request.POST.get("secret")
    == config("web_secret")`, `request.headers.get("X-Hook-Token")`), each one's key when
    it names a secret; else Nones: a side known by a name that is no secret's
    (`next_token == params.get("token")`, a paging token) tells what both are."""
    if name_of(left) is not None or name_of(right) is not None:
        return [None, None]
    keys = [_looked_up(side) for side in (left, right)]
    return [
        key if key is not None and secret_name(ast.Name(key.replace("-", "_"))) else None
        for key in keys
    ]


def read_by_secret_key(ctx: FileContext, node: ast.expr) -> str | None:
    """The name of a local whose name tells nothing (`keystr`) but every value of which
    is read by a key naming a secret: a header or a form field (`keystr =
    request.META.get("HTTP_X_SITE_API_KEY")`, then `request.POST.get("api_key")`), a
    setting (`settings.HOOKS["webhook_secret"]`), or a credential header
    (`authorization = request.headers.get("Authorization")`). What it is compared with
    is checked against that secret (`keystr == shared_key`)."""
    if not isinstance(node, ast.Name) or name_of(node) is None:
        return None
    values = ctx.scopes.values_of(node)
    if not values:
        return None
    for value in values:
        key = _looked_up(value) if isinstance(value, ast.Subscript | ast.Call) else None
        if key is None:
            return None
        if key.lower() in _CREDENTIAL_HEADERS:
            continue  # NOTE: `auth = request.headers.get("Authorization")`, as read in place
        plain = key.lower().replace("-", "_").removeprefix("http_").removeprefix("x_")
        if secret_name(ast.Name(plain)) is None:
            return None
    return node.id


def credential_header(node: ast.AST) -> str | None:
    """The header's name when the value is one read by it (`request.headers["Authorization"]`,
    `request.META.get("HTTP_AUTHORIZATION")`): whatever it is compared with is the
    credential it must carry (`f"Bearer {token}"`)."""
    if not isinstance(node, ast.Subscript | ast.Call):
        return None
    key = _looked_up(node)
    return key if key is not None and key.lower() in _CREDENTIAL_HEADERS else None


def _cap_words(name: str) -> bool:
    """`Signature`, `AccessToken`: capitalised, with lower-case letters and no underscore."""
    return name[:1].isupper() and not name.isupper() and "_" not in name


def trivial(ctx: FileContext, node: ast.expr) -> bool:
    """A constant (also a class attribute assigned one: `self.reset_url_token`, or one
    named as a known stand-in: `PASSWORD_MASK`, `CHANGE_ME_SECRET_KEY`,
    `default_settings.SECRET_KEY`, `NOT_SPECIFIED`), `None`, `len(...)`, a flag (`has_tokens`) or a
    counter (`otp_counter + 1`)."""
    if ctx.is_constant(node) or _class_constant(ctx, node):
        return True
    name = name_of(node)
    if name and name.isupper() and _stand_in(_dotted_words(node)):
        return True
    if _counter(node) or (name is not None and name.startswith(("has_", "is_"))):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in _NOT_TEXT_CALLS
    return False


_NOT_TEXT_CALLS = frozenset(
    {"len", "type", "bool", "int", "isinstance", "issubclass", "hasattr", "callable"}
)
"""Calls giving a number, a type or a truth value: `isinstance(field, Encrypted) ==
secret` compares a flag (Jumpserver's `secret` switch), not a secret's text."""


def _stand_in(words: list[str]) -> bool:
    """Whether a constant's words name a stand-in (`PASSWORD_MASK`) or a value not given
    (`NOT_SPECIFIED`)."""
    if _STAND_IN_WORDS.intersection(words):
        return True
    return any(a == "not" and b in _NEGATED_WORDS for a, b in itertools.pairwise(words))


def _dotted_words(node: ast.expr) -> list[str]:
    """The words of a dotted name, its owners' too (`default_settings.SECRET_KEY`,
    `DEFAULTS["SECRET_KEY"]`)."""
    words: list[str] = []
    while isinstance(node, ast.Attribute | ast.Subscript):
        words += identifier_words(name_of(node) or "")
        node = node.value
    if isinstance(node, ast.Name):
        words += identifier_words(node.id)
    return words


def _counter(node: ast.expr) -> bool:
    """`previous + 1`: a number, not a secret."""
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add | ast.Sub)
        and any(
            isinstance(side, ast.Constant) and type(side.value) is int
            for side in (node.left, node.right)
        )
    )


def hardware_address(ctx: FileContext, node: ast.expr) -> bool:
    """`device.mac_address`, or `normalized_mac` computed from one: a network card's
    address, which `mac` names as often as a message authentication code. So is a `mac`
    the code splits at or strips of colons (`mac.replace(":", "")`, in its value or in
    the function reading it): a code in hex or base64 holds none. So is a value read as
    one whatever its own name (`addrs["hwaddr"]`, `mac_el.get("address")`, an item of
    `iface.xpath("mac/@address")`) or a `mac` named for the interface it is the address
    of (`iface_mac`, `nic_mac`; `mac_duid`, the DHCP client identifier kept in its
    place)."""
    if _read_as_address(ctx, node):
        return True
    if "mac" not in identifier_words(name_of(node) or ""):
        return False
    value = ctx.lookup(node) if isinstance(node, ast.Name) else None
    roots = [node] if value is None else [node, value]
    inners = [inner for root in roots for inner in ast.walk(root)]
    if any(
        isinstance(inner, ast.Name | ast.Attribute)
        and {"mac", "address"} <= set(identifier_words(name_of(inner) or ""))
        for inner in inners
    ):
        return True
    if any(_colon_cut(inner) is not None for inner in inners):
        return True
    function = ctx.scopes.enclosing_function(node)
    if not isinstance(node, ast.Name) or function is None:
        return False
    return any(
        isinstance(cut := _colon_cut(inner), ast.Name) and cut.id == node.id
        for inner in ctx.subtree(function)
    )


_INTERFACE_WORDS = frozenset(
    {"iface", "interface", "nic", "vnic", "vif", "eth", "ether", "ethernet", "wlan", "wifi"}
    | {"hw", "hwaddr", "duid", "bridge"}
)
"""What a network card's address is named beside `mac`: the interface it belongs to
(`iface_mac`, `eth_mac`), or the DHCP client identifier kept in its place (`mac_duid`)."""
_ADDRESS_WORDS = frozenset({"address", "addr"})


def _read_as_address(ctx: FileContext, node: ast.expr, depth: int = 0) -> bool:
    """Whether the names and constant keys along `node`'s access path (and a local's
    value, read once) name a network card's address (`addrs["hwaddr"]`,
    `mac_el.get("address")`, `iface_mac`, `parent_mac[0]` after `parent_mac =
    iface.xpath("mac/@address")`)."""
    words: set[str] = set()
    current: ast.expr = node
    while True:
        if isinstance(current, ast.Subscript):
            key = current.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                words.update(identifier_words(key.value))
            current = current.value
        elif isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
            first = current.args[0] if current.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                words.update(identifier_words(first.value))
            current = current.func.value
        elif isinstance(current, ast.Attribute):
            words.update(identifier_words(current.attr))
            current = current.value
        else:
            break
    if isinstance(current, ast.Name):
        words.update(identifier_words(current.id))
        value = ctx.lookup(current) if depth == 0 else None
        if value is not None and _read_as_address(ctx, value, depth + 1):
            return True
    if "hwaddr" in words:
        return True
    return "mac" in words and bool(words & (_ADDRESS_WORDS | _INTERFACE_WORDS))


_COLON_CUTS = frozenset({"replace", "split", "rsplit"})


def _colon_cut(node: ast.AST) -> ast.expr | None:
    """What `node` splits at or strips of colons (`mac` of `mac.replace(":", "")`)."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    if node.func.attr not in _COLON_CUTS or not node.args:
        return None
    first = node.args[0]
    colon = isinstance(first, ast.Constant) and first.value == ":"
    return node.func.value if colon else None


def typed_twice(ctx: FileContext, left: ast.expr, right: ast.expr) -> bool:
    """`password == password_confirm`: two values the user typed. Not when one side is
    what the session keeps (`request.session.get("confirm_token")`): the server's copy
    of a token, which the other side must match."""
    return _paired_names(left, right) and not (session_held(ctx, left) or session_held(ctx, right))


def _paired_names(left: ast.expr, right: ast.expr) -> bool:
    """Whether the two sides are named as a value and its repetition."""
    names = [_looked_up(side) or "" for side in (left, right)]
    if any(n.lower().endswith(_PAIR_SUFFIXES) for n in names):
        return True  # NOTE: `passconfirm`, `pwdagain`: the pair word run into the name
    first, second = (set(identifier_words(n)) for n in names)
    if first ^ second and first - _ORDINALS == second - _ORDINALS:
        return True  # NOTE: `first_password != second_password`: the same name, numbered
    differ = first ^ second
    if differ and differ <= _PAIR_ABBREVIATIONS and first & PASSWORD_WORDS:
        return True  # NOTE: `password != password_conf`: the same password, confirmed
    return bool((first | second) & _PAIR_WORDS) or any(n[-1:].isdigit() for n in names)


_URL_PARSERS = frozenset(
    {"urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse.urlparse", "urlparse.urlsplit"}
)


def url_parts_matched(ctx: FileContext, left: ast.expr, right: ast.expr) -> bool:
    """`p1.password == p2.password` where both are the results of `urlparse()` (or
    `urlsplit()`): the same part of two URLs, compared with their schemes, hosts and
    users to tell whether they point to the same place (a form checking that a redirect
    URI lies on the website it registers). Each side is whatever its URL holds, and the
    comparison asks no one for a secret."""
    for side in (left, right):
        if not (isinstance(side, ast.Attribute) and side.attr == "password"):
            return False
        if ctx.origin(side.value) not in _URL_PARSERS:
            return False
    return True


_REQUEST_PARTS = frozenset(
    {"form", "args", "values", "json", "get_json", "data", "POST", "GET", "headers", "cookies"}
)


def both_sent(ctx: FileContext, left: ast.expr, right: ast.expr) -> bool:
    """`password != rpassword` where both were read from the request, or from the
    `cleaned_data` of the form it filled (`password_v` in a form's `clean_password_v`),
    or both typed at the terminal (`getpass.getpass()`, `input()`: a setup script asking
    twice): whoever sent both values learns nothing from their comparison."""
    return _sent(ctx, left) and _sent(ctx, right)


def kept_against_computed(ctx: FileContext, left: ast.expr, right: ast.expr) -> bool:
    """`request.session.get(TOKEN_KEY) == make_token(request.user)`: a value the session
    keeps (`session_held`) against one a call computes now from nothing the client sent
    (also through a name bound to it): the client chooses neither side, so timing the
    comparison tells it nothing it could vary."""
    return any(
        session_held(ctx, kept) and _computed(ctx, other)
        for kept, other in ((left, right), (right, left))
    )


def _computed(ctx: FileContext, node: ast.expr) -> bool:
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    return isinstance(value, ast.Call) and not _sent(ctx, value)


_PROMPTS = frozenset({"getpass.getpass", "input", "builtins.input"})


def _sent(ctx: FileContext, node: ast.expr) -> bool:
    """`request.form.get("password", "")`, `self.cleaned_data["password"]`,
    `getpass.getpass()`, a call of the module's helper named for reading a request
    parameter (`get_request_param("password")`), a key of a name holding what the request
    sent (`body.get("password")` past `body = request.get_json() or {}`), or a name
    assigned one in the function (the assignment that reaches the comparison, for a
    parameter asked for again when it was not given)."""
    value = (ctx.lookup(node) or ctx.reaching_value(node)) if isinstance(node, ast.Name) else node
    if value is None:
        return False
    if isinstance(value, ast.Call) and ctx.call_name(value) in _PROMPTS:
        return True
    if _key_of_sent(ctx, value) or (isinstance(value, ast.Call) and _request_helper(ctx, value)):
        return True
    stack: list[ast.AST] = [value]
    while stack:
        inner = stack.pop()
        if isinstance(inner, ast.Attribute) and inner.attr == _FORM_DATA:
            return True
        if isinstance(inner, ast.Attribute) and _reads_request(ctx, inner):
            return True
        if isinstance(inner, ast.Call) and not _passes_on(ctx, inner):
            # NOTE: `make_signature(request.data)`: what a function computes from the
            # request (with the site's key) is not what the client sent.
            stack.append(inner.func)
            continue
        stack.extend(ast.iter_child_nodes(inner))
    return False


_PASSING_ON = frozenset(
    {"json.loads", "urllib.parse.unquote", "urllib.parse.unquote_plus", "base64.b64decode"}
)
"""Functions whose result is what they were handed, decoded: still what the client sent."""


def _passes_on(ctx: FileContext, call: ast.Call) -> bool:
    """Whether a call gives what the client sent, reshaped: a method of a value
    (`request.form.get("password", "").strip()`), a builtin (`str(...)`) or a decoder
    (`json.loads(request.body)`); not a function the module defines or imports
    (`make_signature(request.data)`, `hmac.new(key, request.body, ...)`), which computes
    something else from it."""
    if ctx.call_name(call) in _PASSING_ON:
        return True
    root: ast.expr = call.func
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name):
        return True
    return root.id not in ctx.names.aliases and not ctx.names.defines(root.id)


def _key_of_sent(ctx: FileContext, value: ast.expr) -> bool:
    """`body.get("password")` or `body["password"]`, where the name `body` holds a part of
    the request as it is (`request.get_json(silent=True) or {}`, `request.form`)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        owner = value.func.value if value.func.attr == "get" else None
    else:
        owner = value.value if isinstance(value, ast.Subscript) else None
    held = ctx.lookup(owner) if isinstance(owner, ast.Name) else None
    if isinstance(held, ast.BoolOp) and isinstance(held.op, ast.Or):
        held = held.values[0]
    if isinstance(held, ast.Call):
        held = held.func
    return isinstance(held, ast.Attribute) and _reads_request(ctx, held)


def _reads_request(ctx: FileContext, node: ast.Attribute) -> bool:
    """`request.form`, `request.get_json`: a part of the request the client sent."""
    if node.attr not in _REQUEST_PARTS:
        return False
    root = ctx.qualified(node.value) or ast.unparse(node.value)
    return root.rsplit(".", 1)[-1] == "request"


_PARAMETER_WORDS = frozenset({"param", "params", "parameter", "arg", "args", "argument", "field"})


def _request_helper(ctx: FileContext, call: ast.Call) -> bool:
    """A call of a function of the module named for a request parameter
    (`_get_request_param(name)`) that reads the request: it returns what the client sent."""
    if not isinstance(call.func, ast.Name):
        return False
    words = identifier_words(call.func.id)
    if "request" not in words or not _PARAMETER_WORDS.intersection(words):
        return False
    helper = ctx.module_function(call.func.id)
    return helper is not None and any(
        isinstance(inner, ast.Attribute) and _reads_request(ctx, inner)
        for inner in ast.walk(helper)
    )


_FORM_DATA = "cleaned_data"
"""What a Django form keeps of the values the client submitted, once validated."""
_FRESH_TOKENS = frozenset(
    {"uuid.uuid1", "uuid.uuid4", "os.urandom", "secrets.token_hex", "secrets.token_bytes",
     "secrets.token_urlsafe", "django.utils.crypto.get_random_string"}
)  # fmt: skip


def fresh(ctx: FileContext, node: ast.expr) -> bool:
    """`token = uuid.uuid4().hex` in the same function: a value made anew on every call
    (a probe written to a cache and read back), which no attacker can time guesses
    against, as each guess meets another one."""
    value = ctx.lookup(node) if isinstance(node, ast.Name) else None
    while isinstance(value, ast.Attribute | ast.Call) and not (
        isinstance(value, ast.Call) and ctx.call_name(value) in _FRESH_TOKENS
    ):
        if isinstance(value, ast.Call) and ctx.call_name(value) == "str" and value.args:
            value = value.args[0]
        else:
            value = value.value if isinstance(value, ast.Attribute) else None
    return isinstance(value, ast.Call)


def _looked_up(node: ast.expr) -> str | None:
    """A value's name, also the key of a `.get("key")` (`cleaned_data.get("password2")`)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return name_of(node)


def in_query(ctx: FileContext, node: ast.AST) -> bool:
    """Inside `.filter(...)`/`.where(...)`: an SQL expression, not a Python comparison;
    also a lookup by expression (`model_lookup`)."""
    for holder in ctx.ancestors(node):
        func = holder.func if isinstance(holder, ast.Call) else None
        if isinstance(func, ast.Attribute) and func.attr in _QUERY_METHODS:
            return True
        if isinstance(holder, ast.stmt):
            break
    return model_lookup(ctx, node)


_LOOKUP_METHODS = frozenset({"get", "get_or_none"})
"""peewee's `Model.get(expression)` and `Model.get_or_none(expression)`: the row matching
a query expression, as `.where(expression)` selects it."""


def model_lookup(ctx: FileContext, node: ast.AST) -> bool:
    """`Invite.get(Invite.token == code)`, peewee's lookup of a row by an expression: the
    comparison is a positional argument of `get()` or `get_or_none()` (alone or joined
    with `&` and `|`, as peewee joins expressions) and one side is a field read off a
    class (`Invite.token`, a name in CapWords), which builds an SQL expression the
    database evaluates, not a Python comparison of two strings."""
    if not isinstance(node, ast.Compare) or not any(
        _class_field(side) for side in (node.left, *node.comparators)
    ):
        return False
    child: ast.AST = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.BinOp) and isinstance(holder.op, ast.BitAnd | ast.BitOr):
            child = holder
            continue
        return (
            isinstance(holder, ast.Call)
            and isinstance(holder.func, ast.Attribute)
            and holder.func.attr in _LOOKUP_METHODS
            and any(argument is child for argument in holder.args)
        )
    return False


def _class_field(side: ast.expr) -> bool:
    """`Invite.token`: an attribute of a name in CapWords, a model class's field."""
    return (
        isinstance(side, ast.Attribute)
        and isinstance(side.value, ast.Name)
        and side.value.id[:1].isupper()
        and not side.value.id.isupper()
    )


def about_kinds(left: ast.expr, right: ast.expr) -> bool:
    """`restriction_type == Restriction.PASSWORD`, `rule.name == signature`: comparing
    kinds or names, not secrets; `event.asset == token`, `tx_log.topics[0] ==
    SWAP_SIGNATURE`: comparing things anyone may see; `password == username`: a password
    against the account's public identifier, which it must not repeat; `access_key_id !=
    settings.HAWK_CREDENTIALS_ID`: a key's identifier, which says which key to use;
    `_id == credential`: a record's identifier against a credential's id; `user.last_otp ==
    token`: a code against the one already used, refusing its replay."""
    return any(_names_kind(_compared_name(side)) for side in (left, right))


def _names_kind(name: str) -> bool:
    """Whether a compared name is one of those `about_kinds` lists."""
    words = identifier_words(name)
    return bool(
        _NOT_COMPARED_WITH_SECRETS.intersection(words)
        or name.lower() in _ACCOUNT_IDENTIFIERS
        or _key_identifier(words)
        or words[-1:] in _USE_WORDS
        or words in _RECORD_IDENTIFIERS
        or _spent_code(words)
    )


def _spent_code(words: list[str]) -> bool:
    """`last_otp`, `previous_totp`: a one-time code already used (see `_SPENT_WORDS`)."""
    return len(words) > 1 and words[0] in _SPENT_WORDS and bool(_ONE_TIME_WORDS & set(words))


_RECORD_IDENTIFIERS = (["id"], ["pk"])
"""Whole names of a record's identifier (`_id`, `row.id`, `obj.pk`): a value compared with
one is an identifier too (`for credential in service_map: if _id == credential`, a map
keyed by credential ids). Only whole names: `session_id` and `id_token` are secrets."""


_USE_WORDS = (["use"], ["usage"], ["purpose"])
"""The last word of a name saying what a token or key is for: Cognito's `token_use`
claim (`"access"` or `"id"`), a JWK's `use` (`"sig"`), `key_usage`: a kind, not a secret.
Only as the last word: a `single_use_token` is a secret."""


def _key_identifier(words: list[str]) -> bool:
    """`access_key_id`, `keyId`, JWS's `kid`: what names a key, sent in the clear beside
    what the key signs (Hawk's `id`, AWS's access key ID, a JWT header's `kid`) so that
    the receiver knows which secret to check it with. A secret compared with one is an
    identifier too (a setting naming the credentials a client must use)."""
    return words[-2:] == ["key", "id"] or words[-1:] in (["keyid"], ["kid"])


_SECRET_HALVES = ("secret_key", "secret_access_key", "secretKey", "SecretAccessKey")


def paired_access_key(ctx: FileContext, secret: str) -> bool:
    """`access_key` in a module that also names a `secret_key` (`{"access_key": ...,
    "secret_key": ...}`): the public half of an S3-style pair (AWS's access key ID,
    MinIO's and Ceph's access key), which names the key the secret half signs with."""
    if identifier_words(secret) != ["access", "key"]:
        return False
    return any(ctx.mentions(half) for half in _SECRET_HALVES)


def public_import(ctx: FileContext, node: ast.expr) -> bool:
    """`token == A_WETH` where `A_WETH` is imported from `app.constants.assets`: a value
    of a module named for things anyone may see is one of them (an asset, an address)."""
    qualified = import_rooted(ctx, node)
    if qualified is None:
        return False
    module = qualified.rpartition(".")[0]
    words = [word for part in module.split(".") for word in identifier_words(part)]
    return not _PUBLIC_WORDS.isdisjoint(words)


def _compared_name(node: ast.expr) -> str:
    """`name_of`, and for an item looked up by other than a name (an index, a computed
    key), its container's name (`topics[0]` is one of the `topics`)."""
    name = name_of(node)
    if name is None and isinstance(node, ast.Subscript):
        return name_of(node.value) or ""
    return name or ""


def derived(ctx: FileContext, node: ast.expr, other: ast.expr) -> bool:
    """`body = token.removeprefix(...)` then `body == token`: a value against itself; also
    read through what it was assigned (`match = PATTERN.match(token)` then
    `match.group(0) == token`: whether the pattern matched all of it)."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    if not isinstance(node, ast.Name) or not isinstance(other, ast.Name):
        return False
    value = ctx.lookup(node)
    return value is not None and any(
        isinstance(inner, ast.Name) and inner.id == other.id for inner in ast.walk(value)
    )


_SALTED_HASHES = {
    "flask_scrypt.generate_password_hash": 1,
    "hashlib.pbkdf2_hmac": 2,
    "bcrypt.hashpw": 1,
    "crypt.crypt": 1,
    "hashlib.scrypt": None,
}
"""Password hashing functions given a salt, by the position of the salt (None: keyword
only): `generate_password_hash(password, salt)` of Flask-Scrypt, `pbkdf2_hmac("sha256",
password, salt, rounds)`, `hashpw(password, salt)`, `hashlib.scrypt(password, salt=...)`."""
_TEXT_METHODS = frozenset({"decode", "hex", "hexdigest"})


def salted_hash(ctx: FileContext, node: ast.expr) -> bool:
    """`candidate = str(generate_password_hash(password, user.salt), "utf-8")` then
    `candidate == user.password_hash`: the typed password's salted hash, made here. How
    long `==` takes tells how much of it matched the stored one, which no attacker can
    steer without the salt: a guess's hash is as good as random to whoever chose it."""
    value: ast.expr | None = node
    if isinstance(node, ast.Name):
        # NOTE: the parameter hashed in place (`password = hash(password, salt)`) too
        value = ctx.lookup(node) or ctx.scopes.reaching_value(node)
    while isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Attribute) and func.attr in _TEXT_METHODS:
            value = func.value
        elif ctx.call_name(value) in {"str", "bytes"} and value.args:
            value = value.args[0]
        else:
            break
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value) or ""
    if name not in _SALTED_HASHES:
        return False
    position = _SALTED_HASHES[name]
    given = position is not None and len(value.args) > position
    return given or any(k.arg == "salt" for k in value.keywords)


_UNSIGNING_METHODS = frozenset({"unsign", "unsign_object"})
_UNSIGNING_CALLS = frozenset({"django.core.signing.loads"})


def unsigned(ctx: FileContext, node: ast.expr) -> bool:
    """`token = signer.unsign(signed_token)`: a value a signature vouches for, which only
    the holder of the key can make; an attacker cannot vary it to time the comparison.
    So are the claims of a JSON Web Token decoded with a key and its signature checked
    (`claims = jwt.decode(token, key, algorithms=["HS256"])`)."""
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr in _UNSIGNING_METHODS:
        return True
    return ctx.call_name(value) in _UNSIGNING_CALLS or _verified_claims(ctx, value)


def _verified_claims(ctx: FileContext, call: ast.Call) -> bool:
    """`jwt.decode(token, key, ...)` given a key, its signature check left on."""
    if jwt_call(ctx, call) != "decode" or ctx.argument(call, 1, "key") is None:
        return False
    checks = options(ctx, call)
    return checks.get("verify_signature") is not False and (
        ctx.evaluate(ctx.keyword(call, "verify")) is not False
    )


def password_marker(ctx: FileContext, left: ast.expr, right: ast.expr) -> bool:
    """`user.password == OAUTH_PASSWORD_STORE`: the password a user object keeps (in
    Django its stored hash, or a marker where it has none) against a constant named in
    capitals: a test of how the account logs in, which no request chooses. Not an
    object's own `self.password`, which may hold what a client sent."""
    for stored, marker in ((left, right), (right, left)):
        if not (isinstance(stored, ast.Attribute) and stored.attr == "password"):
            continue
        if isinstance(stored.value, ast.Name) and stored.value.id in {"self", "cls"}:
            continue
        name = marker.id if isinstance(marker, ast.Name) else None
        name = marker.attr if isinstance(marker, ast.Attribute) else name
        if name is not None and name.isupper() and not _sent(ctx, stored):
            return True
    return False


_HASH_WORDS = frozenset({"hash", "hashed"})


def verified_hash(left: ast.expr, right: ast.expr) -> bool:
    """`password == user.password_hash`: a typed password against a stored password's
    hash. Equal only through the hash type's own comparison (SQLAlchemy-Utils'
    `PasswordType` verifies with passlib), else never: no secret compared as text."""
    for typed, stored in ((left, right), (right, left)):
        typed_name, stored_name = name_of(typed), name_of(stored)
        if typed_name is None or stored_name is None or not is_password_name(typed_name):
            continue
        words = identifier_words(stored_name)
        if _HASH_WORDS.intersection(words) and PASSWORD_WORDS.intersection(words):
            return True
    return False


def _class_constant(ctx: FileContext, node: ast.expr) -> bool:
    """`self.reset_url_token` where the class body assigns it a constant (or inherits
    it from Django's `PasswordResetConfirmView`, which does), or where its
    `__init__` does and no other method sets it (`self.empty_secret = "#{empty}#"`, a
    marker for a missing value); also `TestCase.RESULT_PASS` where a class of the module
    so named assigns it a constant in its body (`RESULT_PASS = 0`, a choice's value)."""
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
        return False
    if node.value.id not in {"self", "cls"}:
        named = _module_class(ctx, node.value.id)
        return named is not None and _body_constant(ctx, named, node.attr) is True
    owner = next((a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef)), None)
    if owner is None:
        return False
    in_body = _body_constant(ctx, owner, node.attr)
    if in_body is not None:
        return in_body
    if any(node.attr in _FRAMEWORK_CONSTANTS.get(ctx.qualified(b) or "", ()) for b in owner.bases):
        return True
    values = [
        (method.name, assign.value)
        for method in owner.body
        if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef)
        for assign in ast.walk(method)
        if isinstance(assign, ast.Assign | ast.AugAssign | ast.AnnAssign)
        for target in (assign.targets if isinstance(assign, ast.Assign) else [assign.target])
        if isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
        and target.attr == node.attr
    ]
    return bool(values) and all(
        name == "__init__" and value is not None and ctx.is_constant(value)
        for name, value in values
    )


_FRAMEWORK_CONSTANTS: dict[str, frozenset[str]] = {
    "django.contrib.auth.views.PasswordResetConfirmView": frozenset({"reset_url_token"}),
}
"""Class attributes a framework's class sets to a public constant, read by a subclass
that does not set them: Django's reset view swaps the token in the URL for
`reset_url_token = "set-password"` and compares the next request's with it."""


def _module_class(ctx: FileContext, name: str) -> ast.ClassDef | None:
    """The class the module defines at its top level under `name`, when it binds the
    name only so."""
    bound = [statement for statement in ctx.tree.body if name in _bound_names(statement)]
    return bound[0] if len(bound) == 1 and isinstance(bound[0], ast.ClassDef) else None


def _bound_names(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return {(a.asname or a.name).split(".")[0] for a in statement.names}
    if isinstance(statement, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return {statement.name}
    targets = statement.targets if isinstance(statement, ast.Assign) else []
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _body_constant(ctx: FileContext, owner: ast.ClassDef, attribute: str) -> bool | None:
    """Whether the class body's assignment of `attribute` gives a constant (None: the
    body assigns it nothing)."""
    for statement in owner.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == attribute for t in statement.targets
        ):
            return ctx.is_constant(statement.value)
    return None


def enum_member(node: ast.expr) -> bool:
    """`Token.Literal.String`, `Status.Active`, `Model.name.key`: a member of a class or
    enum (a dotted name from a capitalised one), which a token's type or a parsed name
    is compared against; not a member named as a secret (`Config.API_TOKEN`), unless
    the class names actions, errors or kinds (`Error.TOKEN_LOCKED`)."""
    if not isinstance(node, ast.Attribute):
        return False
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return False
    parts.append(node.id)
    if not parts[-1][:1].isupper():
        return False
    owners = [word for part in parts[1:] for word in identifier_words(part)]
    return bool(_MEMBER_OF_WORDS.intersection(owners)) or secret_name(ast.Name(parts[0])) is None


def introspected(ctx: FileContext, node: ast.expr) -> bool:
    """A function's or a model's signature (`inspect.signature(f)`,
    `infer_signature(data)`), not a cryptographic one; nor a value's text or Python hash
    (`signature = repr(settings.AUDIT_MASKS)`, `hash(...)`): a cache's fingerprint of
    what it was built from, which no key signs."""
    if _SIGNATURE_OF.intersection(identifier_words(name_of(node) or "")):
        return True  # NOTE: `inferred_signature`, `model_signature`
    value = ctx.lookup(node) if isinstance(node, ast.Name) else node
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value) or ""
    last = name.rsplit(".", 1)[-1]
    if name.removeprefix("builtins.") in _FINGERPRINTS:
        return True
    return name == "inspect.signature" or bool(_SIGNATURE_OF.intersection(identifier_words(last)))


_FINGERPRINTS = frozenset({"repr", "hash"})
"""Builtins whose result describes a value without a key: no MAC comes out of them."""


_SIGNATURE_OF = frozenset(
    {"infer", "inferred", "model", "function", "func", "method", "tool", "call", "type", "schema"}
)
"""Words of what a non-cryptographic signature describes."""
