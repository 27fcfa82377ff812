"""WW744: a secret compared with `==`."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.caller_checks import setting_secret, setting_secret_digest
from webwarden.model.module import holds_path, identifier_words
from webwarden.model.project import ProjectModel
from webwarden.model.secrets.snippets import mask_known
from webwarden.model.tree import own_returns
from webwarden.rules.auditing._commands import command_callers, only_commands_reach
from webwarden.rules.auth._attempts import attempt_capped
from webwarden.rules.auth._change_checks import change_check
from webwarden.rules.auth._classes import module_class
from webwarden.rules.auth._compare import (
    about_kinds,
    both_sent,
    credential_header,
    derived,
    enum_member,
    fresh,
    hardware_address,
    in_query,
    introspected,
    kept_against_computed,
    paired_access_key,
    password_marker,
    public_import,
    read_by_secret_key,
    salted_hash,
    secret_keys,
    secret_name,
    trivial,
    typed_twice,
    unsigned,
    url_parts_matched,
    verified_hash,
)
from webwarden.rules.auth._dns import dns_answer
from webwarden.rules.auth._drawn import (
    blocklisted,
    drawn_from,
    pieces_paired,
    told_apart,
)
from webwarden.rules.auth._imported_constants import imported_constant_tag, refuted_by_constant
from webwarden.rules.auth._keyed_digests import (
    IMPORTED_TAG,
    imported_call,
    imported_keyed,
    keyed_digest,
)
from webwarden.rules.auth._numbers import integer_value
from webwarden.rules.auth._permission_checks import permission_secret, refusal_secret
from webwarden.rules.auth._pinned import pinned
from webwarden.rules.auth._stdlib_constants import stdlib_constant
from webwarden.rules.auth._structured import structured
from webwarden.rules.auth._tables import table_item
from webwarden.rules.auth._text_conversions import as_text
from webwarden.rules.auth._uuids import imported_field_tag, refuted_by_uuid_field, uuid_object
from webwarden.rules.auth._walked import both_walked
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class SecretTimingCompare(PythonRule):
    """## What it does
    Finds `==` and `!=` comparisons of a secret with another value computed at run time
    (also each made text first, `str(token) == str(code)`, or by Django's
    `smart_str()`, `force_str()` or `force_bytes()`, compared just the same):
    tokens, API keys, passwords, signatures, HMACs and digests
    (`if request.headers["X-Signature"] == expected_signature`, also a value read by a key
    naming one when neither side has a name: `request.POST.get("secret") ==
    config("web_secret")`), the request's
    `Authorization` header, whatever it is compared with (`request.headers["Authorization"]
    == f"Bearer {api_key}"`, `request.META.get("HTTP_AUTHORIZATION")`), and digests of a secret
    setting whatever they are named (`sign != get_sha256(settings.SECRET_KEY)`, also
    through a local holding one), and what a function or method of the module returns
    when it feeds a secret the server holds into a hash and returns the digest (`digest ==
    self._get_digest(salt, url)` where the method calls `hasher.update(self.shared_secret)`
    and returns `hasher.digest()`: a hand-made MAC; also one keying the hash with a local
    holding the secret, `key = bytes(settings.SECRET_KEY, "utf8")` then `hmac.new(key,
    value, sha512).hexdigest()`, and one of another module of the file's package it
    imports, `parts[0] == sign(parts[1])` after `from shop.utils import sign`; not a
    secret its caller hands it, nor a hash of content alone). Also `in` and `not in` of a secret against a list or
    tuple (`incoming_token in allowed_tokens`, where the tokens are a list display, a
    comprehension, a `str.split()`, or what a function of the module returns of these):
    `in` tests a list's items one by one with `==`. A local whose name tells nothing
    counts as the secret when every value it is bound to is read by a key naming one
    (`keystr = request.META.get("HTTP_X_SITE_API_KEY")`, then `keystr =
    request.POST.get("api_key")`, compared `keystr == shared`; or every value is the
    `Authorization` header: `auth = request.headers.get("Authorization")`). A value a REST framework
    permission hook (`has_permission`, `has_object_permission`) returns the comparison
    of with what the request sends (`return request.query_params.get("key") ==
    obj.key`) is the credential that lets the request in, whatever its name; so is a
    value of the server's (an attribute: `self.header_value`, `share.access_code`) that
    what the request sends is compared with in the test of an `if` refusing the request
    (raising `PermissionError`, `PermissionDenied`, `AuthenticationFailed`, ...), the sent
    value read directly or through locals only ever computed from it (`content =
    request.headers.get(name)`, `value = b64decode(content).decode()`).

    ## Why is this bad?
    `==` on strings stops at the first differing character, so how long it takes tells
    how many leading characters were right. Over many requests an attacker recovers a
    token or signature one character at a time. `hmac.compare_digest` takes the same
    time whatever the input.

    ## Known problems
    `in` against a set or a dict (looked up by hash), a string (a substring search), a
    list or tuple of constants or of a class's members (`token in [Parser.SPACE,
    Parser.TAB]`, a generated parser's token types; or of the standard library's
    constants: `sig in (signal.SIGHUP, signal.SIGTERM)`), or a value whose type the module does not show (a setting that
    may be a set) is not reported, nor is an item of a collection the code walks in a
    loop (`for token in doc: if token in words`, a text's words), nor `==` between items
    of two collections the code walks, neither of them read from the request (`for
    signature in self.signatures: for entry in feed: if entry["signature"] ==
    signature`, a threat feed's records matched by a detection name): a join of
    records, no credential a client sent (one side alone walked, `for key in
    API_KEYS: if key == sent`, is still reported). Comparisons with flags (`isinstance(field, Encrypted) == secret`), with a marker an
    object's `__init__` sets and nothing else changes (`self.empty_secret = "#{empty}#"`),
    of a class's constant read off a class of the module (`TestCase.RESULT_PASS`, a
    result's choice value assigned `0` in the class body),
    of outcomes (`reason_password_failed`) and of lists (`source_tokens`, a text's
    placeholders) are not reported. Comparisons with constants (also imported ones named as public stand-ins:
    `PASSWORD_MASK`, `CHANGE_ME_SECRET_KEY`, `DEFAULTS["SECRET_KEY"]`, or bound to constant
    text in the module of the project they come from: `grant_type == CLIENT_CREDENTIALS`
    after `from app.constants import CLIENT_CREDENTIALS`, a grant type's name; a sentinel for a
    value not given: `NOT_SPECIFIED`, `UNSPECIFIED`, a subclass of Django's
    `PasswordResetConfirmView` reading its `self.reset_url_token`, `"set-password"`, or a name the enclosing
    `if key == "settings-password":` pins to one, or a loop's variable taken from a table
    whose rows hold a literal there: `for signature_code, text, error in
    cls.THROTTLE_SIGNATURES`, an SMTP reply's code matched against them, or an entry of a
    dict display of literals a local holds: `methods[msg.member]` after `methods =
    {"Get": "ss"}`, a message's expected type signature), `None` and lengths, of counts (`num_tokens`), positions (`token_idx`, a word token's `token_i`),
    versions (`sig_version`), of a value against a pattern's match of itself
    (`match.group(0) == token`) and of
    action constants (`TokenActions.RESET_PASSWORD`), comparisons of two values the user
    typed (`password == password_confirm`, djoser's `re_password`, `first_password`, a
    password's `password_conf`; not a `confirm_token` the session keeps, the server's
    copy the client's must match; or
    any two read from the request, as PowerDNS-Admin's `rpassword`, also through a
    helper of the module named for a request parameter (`get_request_param("password")`)
    or a key of the body kept in a name (`body.get(...)` past `body = request.get_json()`),
    reshaped by methods, builtins or `json.loads` but not computed by another function:
    `make_signature(request.data)`, the signature the site expects, is no value sent),
    or from a Django
    form's `cleaned_data`: `password != password_v`, or typed at the terminal with
    `getpass.getpass()` or `input()`), network cards'
    addresses (`mac_address`, not a message authentication code, or a `mac` the code
    splits at or strips of colons, `mac.replace(":", "")`, one named for its interface,
    `iface_mac`, and what is compared with a value read as one, `entry["hwaddr"]`,
    `mac_el.get("address")`, a libvirt domain's cards, or with any of these:
    a Bluetooth packet's sender), Apple's operating system (`Platform.macOS`,
    `mac_os_version`: a `mac` followed by `os`) and SQLAlchemy query
    expressions (`.filter(User.api_key == key)`; also peewee's lookup of a row by one,
    `Invite.get(Invite.token == code)` or `get_or_none()`) are not reported, nor are comparisons with members
    of a class (`token == Token.Literal.String`, a lexer's token type), with names in
    CapWords (`tag == Tag.Signature`, an enum member named like a class) or in an `if` that
    stores one compared value over the other when they differ
    (`if new_key != settings["key"]: settings["key"] = new_key`), or that refuses nothing
    (at most a bare `return`) and is followed later in the function by such a store (a
    settings update noting what changed, `if secret != config.secret: changes.add("sso")`,
    then `config.secret = secret`, also what calls make of it stored under the field whose
    readable copy it was compared with: `update["credential_pairs"] =
    cipher.encrypt(json.dumps(credential_pairs))` after comparing with
    `cred.decrypted_credential_pairs`), or a copy of one (or its
    password hash) under the other's field name, refusing nothing (`if new != self.instance.tokens:
    attrs["tokens"] = new.copy()`, a serializer's data to save), or one over the field whose
    accessor the other is (`if sent.password != user.get_password_hash(): user.password =
    sent.password`, a SCIM update), or what a call makes of
    one over the other or over the value the other compared call reads (`if self.password
    != decrypt(self.encrypted, key=k): self.encrypted = encrypt(self.password, key=k)`: a
    stored cipher text made anew when it drifted), or that drops an object
    kept for the compared value which the function then makes anew from the other one
    (`if client.api_key != key: client = None`, then `client = Client(key)`: a client
    rebuilt when the configured key changed), or that follows such a
    store (`old = account.get("password"); account["password"] = password; if password !=
    old:`), nor a value compared with what a call makes of it (`self.encrypted ==
    encrypt(self.encrypted, key=k)`, a check of its form), nor the password part of two URLs `urlparse()` split (`p1.password ==
    p2.password` beside their schemes and hosts: a check that two URLs point to the same
    place), nor an object's field against the same field of another copy
    (`old_obj.mac != self.mac`), nor the same field or key of two versions of a record,
    one named as the earlier (`prev.secret != cur.secret`, `old.get("secret") !=
    new.get("secret")`: a changelog listing what changed), or against the copy it kept of it to tell a change
    (`instance._initial_token != instance.token`), nor a Django form's field as it was
    shown against the same field sent back (`form.initial["password"] !=
    form.cleaned_data["password"]`, also through names bound to them) in an `if` that
    refuses nothing (no `return`, `raise`, `abort` or `add_error`): it saves a changed
    setting; nor, in a form's own method, a field the form declares with a
    `HiddenInput` widget, whatever the `if` does (`initial = self.initial.get("secret")`,
    `if secret != initial: raise ValidationError(...)`): the form writes that value into
    its page, so the requester is compared with a value it was sent (a text input's
    initial value may be given only to check what is typed, and still counts), nor a class the module defines (`annotation == secret_str`, a marker type
    for values not to log), nor a tuple of constants and class members
    (`token == (TokenType.CONTROL, "*")`: a lexer's token, a kind and its text), a dict
    display none of whose keys names a secret (`grant == token_data` after `token_data =
    {"client_id": cid, "scope": scope}`: a grant's description, compared key by key) or a
    parameter annotated as a collection (`separator: Tuple[TokenType, str]`, also through
    a type alias the module binds): compared as a structure, never a client's secret
    text, nor a path against the working
    directory (`path != pwd`, a value named `*_dir`, `*_path` or `os.getcwd()`), nor a
    value read back from DNS (`for txt_record in txt_records: if txt_record == token`,
    dnspython's answers, `record.content` of what `_get_txt_records()` returns): DNS
    answers anyone who asks, so what the code expects there (ACME's DNS-01 validation
    text) is public by design. Nor is a name saying which device or whose (`token_serial`,
    `TokenSerialnumber`, `token_userid`, `otp_owner`: the number printed on a hardware
    token, and the user it is assigned to), nor a comparison with the one-time code the
    account used last (`user.last_otp == token`, `previous_totp`: the check refusing a
    replay beside the code's own `verify()`; a spent code opens nothing). Content hashes named
    `digest` (an HMAC is named as one), function and model signatures
    (`inspect.signature(f)`), a value's text or Python hash kept as a cache's fingerprint
    (`signature = repr(settings.AUDIT_MASKS)`, `hash(...)`: no key signs it), signature algorithms (`cert.signature_algorithm_oid`), comparisons with a name
    (`rule.name == wanted_signature`: a detection rule looked up by its name), with a
    key's identifier (`access_key_id != settings.HAWK_CLIENT_CREDENTIALS`, JWS's `kid`:
    sent in the clear to say which key signs the request; Hawk's and AWS's key IDs; an
    `access_key` in a module that also names a `secret_key`, the public half of such a
    pair), with a record's identifier named `id` or `pk` alone (`_id == credential`,
    a map keyed by credential ids; not `session_id`), with a name ending in what a token or key is for (`token_use != expected_use`,
    Cognito's claim, `"access"` or `"id"`; `key_usage`), or with
    a thing anyone may see (`event.asset == token`, a coin of a blockchain;
    `tx_log.topics[0] == SWAP_SIGNATURE`, an event log's topic; `token_address ==
    ZERO_ADDRESS`; a ticker symbol; an HTTP entity tag, `token == etag_value`, which every
    response's `ETag` header hands out; a value imported from a module so named:
    `from app.constants.assets import A_WETH`; a constant of the standard library:
    `sig == signal.SIGINT` in a signal handler, whose `sig` is a signal's number), with what identifies an account to
    others (`password == username`, `password != user.email`: the check that a new
    password does not repeat them; `email_token` is still a secret), with a message's discriminator (the tag
    saying which instruction it is), amounts and prices (`token_amount`) and
    tokens that page through results or that a record carries for optimistic concurrency
    (`consistency_token`, the version stamp a client sends back with its edit) and
    WebAuthn's public-key credentials (`attested_credential_data`, `webauthn_credential`:
    a credential id and a public key the server stores) are not secrets, nor is a value a signature vouches
    for (`token = signer.unsign(signed_token)`, `signing.loads(...)`, the claims of a JSON
    Web Token decoded with a key, its signature checked: `jwt.decode(token, key,
    algorithms=["HS256"])`): only the key's
    holder can make one, so an attacker cannot vary it to time the comparison. Nor is a
    value Django's session keeps (`request.session.get(TOKEN_KEY)`, an item of what
    `request.session.pop(key)` returned) compared with one a call computes now from
    nothing the client sent (`make_admin_token(request.user)`, also through a name bound
    to it): the session's data lives on the server or in a cookie signed with the site's
    key, so the client chooses neither side (a kept token against a parameter or the
    request's data is still reported). Nor is a
    token the function has just made (`token = uuid.uuid4().hex`, `secrets.token_hex()`,
    written to a cache and read back to see it works): each call makes another, so
    there is nothing to guess one character at a time. Nor is a `uuid.UUID` object
    (`uuid.UUID(request.data["secret"]) != submission.secret`, also through a local),
    nor a `UUIDField` of a model the module defines, read off its instance (`self.token`
    in the model's method, `Token.objects.get(...).token`, `get_object_or_404(Token,
    ...).token`), or of a model another module of the project defines (`from
    events.models import Event`, a package re-exporting the class of
    `events/models/event.py`, then `get_object_or_404(Event, pk=pk).token`): Django
    makes its value a `uuid.UUID`.
    UUIDs compare as 128-bit integers, which stop only at a differing 30-bit digit, and
    never equal text. Nor is a comparison one side of which is an integer: made by
    `int()` (`current = int(redis.get(key))`, also through a local) or a parameter
    annotated `int` (a counter or sequence number named a token, `expected_token: int`),
    which compares as a number, as a UUID does. Nor is an item compared with the
    object it was drawn from (`for token in head.subtree: if token != head`, spaCy's
    tokens of a parse tree; `for child in node.children: if child == node`), or with
    an item of the collection the loop walks (`for sig in self.plugins: if sig ==
    self.plugins[-1]`, a test of whether it is the last): the loop
    walks the object's own parts and tells them from it, no secret is at stake. Nor is an
    item of a list the code names as passwords known to attackers (`for p in
    leaked_file.read().split("\\n"): if password == p`, a `common_passwords` or
    `banned_passwords` list, a `leaked_passwords.txt` path): the check refuses a password
    found there, and the list is public. Nor is an
    item of a list the code wrote holding the secret itself and nothing read from the
    request, nor another parameter of the function (`for send, expect in commands: shown = send if send != password else
    "****"`, with `commands = [(user, "login:"), (password, "$")]`): the code tells the
    secret apart from its own items, to mask it in a log. Nor are
    two items drawn together from texts cut into pieces (`for request_token,
    allowed_token in zip(path.split("/"), pattern.split("/")): if request_token !=
    allowed_token`): a path matched against a URL pattern segment by segment. Nor is a user object's stored
    password compared with a constant named in capitals (`user.password ==
    OAUTH_PASSWORD_STORE`, a marker for accounts that log in elsewhere): no request
    chooses either side. Comparing a stored password with the typed one at all means
    passwords are stored in plain text (WW743); a typed password against a stored
    password's hash (`password == user.password_hash`) is equal only through the hash
    type's own comparison (SQLAlchemy-Utils' `PasswordType` verifies with passlib) and is
    not reported; nor is the typed password's hash made there with a salt
    (`password = str(generate_password_hash(password, self.salt), "utf-8")` of
    Flask-Scrypt, `hashlib.pbkdf2_hmac(name, password, salt, rounds)`, `bcrypt.hashpw(
    password, salt)`, `hashlib.scrypt(password, salt=...)`) compared with the stored
    hash: without the salt, no one can choose a guess whose hash starts as they wish (an
    unsalted digest, `sha256(password)`, can be, and is still reported). Nor is an equality whose `if` raises when it holds, tested alone or
    as one term of an `and` (`if user.last_token is not None and user.last_token ==
    token: raise TokenInvalid("already used")`, a one-time code's replay check; `if
    self.instance.password == password: raise ValidationError(...)`): a match is refused,
    it grants nothing. Nor is a comparison that its function makes only after refusing,
    in an earlier statement of its own body, once a counter of attempts the module steps
    reaches a limit (`if self.attempts > MAX_ATTEMPTS: raise ...`, with `self.attempts +=
    1` in the module, then `return code == self.code`): a handful of guesses per code,
    while timing leaks a character only over thousands. An assertion in
    test code (`assert credentials == expected`, `self.assertTrue(token == sent)`,
    nose's `ok_(token != other)`) is not reported: it checks the code under test, no request is answered by how long it takes;
    nor is a comparison in a shell command (a Django management command, a module of
    Click commands that names no request, a script that parses its arguments with
    `argparse` or reads `sys.argv` and runs under `if __name__ == "__main__":` with no
    `else:` (or reads `sys.argv` in its top-level code, or is named so that no `import`
    statement can load it: `seed-test-db.py`), routing nothing, a
    standalone Django program calling `django.setup()` itself, or a
    module's `if __name__ == "__main__":` block, a library's self-test), nor one in a
    module function that only such commands call, across modules (an admin token's check
    that the option decorator of a Click CLI's commands calls, `@click.option(
    "--admin-access-token")` on its wrapper, and no view): an operator runs it, no
    attacker times it.

    ## Example
    ```python
    def verify(request, expected_signature):
        return request.headers.get("X-Signature") == expected_signature
    ```

    ## Fix
    ```python
    import hmac

    def verify(request, expected_signature):
        return hmac.compare_digest(request.headers.get("X-Signature", ""), expected_signature)
    ```

    ## References
    - [CWE-208: Observable Timing Discrepancy](https://cwe.mitre.org/data/definitions/208.html)
    - [Python docs: hmac.compare_digest](https://docs.python.org/3/library/hmac.html#hmac.compare_digest)
    """

    code = "WW744"
    name = "secret-timing-compare"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 208
    message = "`{op}` compares the secret `{secret}`: its timing leaks how much of it matched"
    fix = "compare secrets with `hmac.compare_digest(a, b)` (or `secrets.compare_digest`)"

    def visit_Compare(self, node: ast.Compare, ctx: FileContext) -> Iterator[Finding]:
        if len(node.ops) == 1 and isinstance(node.ops[0], ast.In | ast.NotIn):
            yield from self._membership(node, ctx)
            return
        if len(node.ops) != 1 or not isinstance(node.ops[0], ast.Eq | ast.NotEq):
            return
        if ctx.is_test_file and _asserted(ctx, node):
            return
        left, right = node.left, node.comparators[0]
        # NOTE: the secret's name first: it is cheap and rules out most comparisons
        # before `trivial` evaluates both sides. Named through `str()` (the same text);
        # judged as written below (`str(uuid.UUID(...))` is text, not a UUID).
        named = (as_text(ctx, left), as_text(ctx, right))
        names = [secret_name(side) or credential_header(side) for side in named]
        if names == [None, None]:
            names = secret_keys(*named)
        if names == [None, None]:
            if ctx.is_command_module or ctx.under_main_guard(node):
                return  # NOTE: before `read_by_secret_key`, which looks up both sides' values
            if not (isinstance(left, ast.Constant) or isinstance(right, ast.Constant)):
                # NOTE: a literal is no secret either side is checked against
                names = [read_by_secret_key(ctx, side) for side in (left, right)]
        if names == [None, None]:
            names = [permission_secret(ctx, node) or refusal_secret(ctx, node), None]
        if any(n is not None for n in names) and any(
            hardware_address(ctx, s) for s in (left, right)
        ):
            # NOTE: what a hardware address is compared with is one too (`packet_mac`)
            names = [None if n is not None and _mac_named(n) else n for n in names]
        secret = (
            next((n for n in names if n is not None), None)
            or _digest(ctx, left, right)
            or _keyed(ctx, left, right)
        )
        imported = _imported(ctx, left, right) if secret is None else None
        if imported is not None:
            secret = _short(f"{imported[0]}(...)")
        if secret is None or ctx.is_command_module or ctx.under_main_guard(node):
            return
        if paired_access_key(ctx, secret):
            return  # NOTE: the public half of an access key / secret key pair
        if any(trivial(ctx, s) or pinned(ctx, s) for s in (left, right)) or in_query(ctx, node):
            return
        if table_item(ctx, left) or table_item(ctx, right):
            return  # NOTE: one of the literals of a table the code spells out
        if typed_twice(ctx, left, right) or about_kinds(left, right) or both_sent(ctx, left, right):
            return
        if kept_against_computed(ctx, left, right):
            return  # NOTE: the session's value against the server's: neither is sent
        if password_marker(ctx, left, right) or verified_hash(left, right):
            return
        if salted_hash(ctx, left) or salted_hash(ctx, right):
            return  # NOTE: a salted hash of the typed password, as good as random to it
        if url_parts_matched(ctx, left, right):
            return  # NOTE: the userinfo of two parsed URLs, compared part by part
        if dns_answer(ctx, left) or dns_answer(ctx, right):
            return  # NOTE: a record read back from DNS, which answers anyone
        if holds_path(left) or holds_path(right):
            return  # `path != pwd`: a path against the working directory
        if enum_member(left) or enum_member(right) or change_check(ctx, node):
            return
        if structured(ctx, left) or structured(ctx, right):
            return  # NOTE: `token == (TokenType.CONTROL, "*")`: a lexer's (kind, text) pair
        if module_class(ctx, left) or module_class(ctx, right):
            return
        if stdlib_constant(ctx, left) or stdlib_constant(ctx, right):
            return  # NOTE: `sig == signal.SIGINT`: a signal's number, not a signature
        if public_import(ctx, left) or public_import(ctx, right):
            return
        if introspected(ctx, left) or introspected(ctx, right):
            return
        if derived(ctx, left, right) or derived(ctx, right, left):
            return
        if unsigned(ctx, left) or unsigned(ctx, right):
            return
        if fresh(ctx, left) or fresh(ctx, right):
            return
        if uuid_object(ctx, left) or uuid_object(ctx, right):
            return  # NOTE: `UUID.__eq__` compares integers, not text
        if integer_value(ctx, left) or integer_value(ctx, right):
            return  # NOTE: a number, not text: `int.__eq__` leaks no character
        if drawn_from(ctx, left, right) or drawn_from(ctx, right, left):
            return  # NOTE: a parse tree's node against the node it was reached from
        if blocklisted(ctx, left) or blocklisted(ctx, right):
            return  # NOTE: a password against a list of leaked ones, which is public
        if pieces_paired(ctx, left, right):
            return  # NOTE: a path's segments against a URL pattern's
        if told_apart(ctx, left, right) or told_apart(ctx, right, left):
            return  # NOTE: the secret found among the code's own items, to mask it
        if attempt_capped(ctx, node):
            return  # NOTE: a few guesses per secret; timing needs thousands
        if both_walked(ctx, left, right):
            return  # NOTE: two collections matched item by item, no credential checked
        op = "==" if isinstance(node.ops[0], ast.Eq) else "!="
        snippet = mask_known(ctx.snippet(node, max_lines=1))
        finding = self.make_finding(ctx.location(node), snippet=snippet, op=op, secret=secret)
        tags = (
            *imported_constant_tag(ctx, (left, right)),
            *imported_field_tag(ctx, (left, right)),
            *command_callers(ctx, node),
            *((IMPORTED_TAG + imported[1],) if imported is not None else ()),
        )
        yield dataclasses.replace(finding, tags=(*finding.tags, *tags)) if tags else finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A comparison with a name imported from a module of the project that binds it
        to a constant (`== CLIENT_CREDENTIALS`, `"client_credentials"` in
        `app/constants.py`): judged as a constant of the file's own would be; so is one
        with a `UUIDField` of a model imported from another module of the project. So is
        one in module functions only the project's shell commands call: as in a command."""
        if refuted_by_constant(finding, project) or refuted_by_uuid_field(finding, project):
            return True
        imported = next((t for t in finding.tags if t.startswith(IMPORTED_TAG)), None)
        if imported is not None and not imported_keyed(
            project.read_module, imported.removeprefix(IMPORTED_TAG)
        ):
            return True
        return only_commands_reach(finding, project)

    def _membership(self, node: ast.Compare, ctx: FileContext) -> Iterator[Finding]:
        """`incoming_token in allowed_tokens` where the tokens are a list: `in` tests the
        list's items one by one with `==`, so it leaks as much as `==` does."""
        left = node.left
        secret = secret_name(left) or credential_header(left)
        if secret is None or ctx.is_command_module or ctx.under_main_guard(node):
            return
        if paired_access_key(ctx, secret):
            return
        if ctx.is_test_file and _asserted(ctx, node):
            return
        if not _scanned_sequence(ctx, node.comparators[0]) or _loop_item(ctx, left):
            return
        if trivial(ctx, left) or pinned(ctx, left) or in_query(ctx, node):
            return
        if hardware_address(ctx, left) or enum_member(left) or module_class(ctx, left):
            return
        if public_import(ctx, left) or introspected(ctx, left) or unsigned(ctx, left):
            return
        if fresh(ctx, left) or uuid_object(ctx, left):
            return
        op = "in" if isinstance(node.ops[0], ast.In) else "not in"
        snippet = mask_known(ctx.snippet(node, max_lines=1))
        finding = self.make_finding(ctx.location(node), snippet=snippet, op=op, secret=secret)
        tags = command_callers(ctx, node)
        yield dataclasses.replace(finding, tags=(*finding.tags, *tags)) if tags else finding


def _scanned_sequence(ctx: FileContext, node: ast.expr, depth: int = 0) -> bool:
    """Whether `node` is a list or tuple that `in` scans item by item with `==`: a
    display holding a value computed at run time, a comprehension, a `str.split()`, a
    local holding one, or a call of a function of the module that returns one
    (`[token for token in config["TOKENS"].split(":") if token]`). Not a set or a dict
    (looked up by hash), nor a string (`in` finds a substring), nor a value of unknown
    type (a setting may be a set)."""
    if depth > 3 or ctx.is_constant(node):
        return False
    if isinstance(node, ast.List | ast.Tuple):
        # NOTE: a class's members (`[Parser.SPACE, Parser.TAB]`, a generated parser's
        # token types) are constants too, as in `token == Parser.SPACE`
        return any(
            not isinstance(item, ast.Starred)
            and not ctx.is_constant(item)
            and not enum_member(item)
            and not stdlib_constant(ctx, item)
            for item in node.elts
        )
    if isinstance(node, ast.ListComp):
        return True
    if isinstance(node, ast.Name):
        value = ctx.lookup(node)
        return value is not None and _scanned_sequence(ctx, value, depth + 1)
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Attribute):
        return node.func.attr in {"split", "rsplit", "splitlines"}
    if isinstance(node.func, ast.Name):
        function = ctx.module_function(node.func.id)
        if function is None:
            return False
        returned = [found.value for found in own_returns(function) if found.value is not None]
        return bool(returned) and all(
            _scanned_sequence(ctx, value, depth + 1) for value in returned
        )
    return False


def _loop_item(ctx: FileContext, node: ast.expr) -> bool:
    """`for token in doc: if token in [...]`: an item of a collection the code walks
    (a word of a text), not a credential a client sent."""
    if not isinstance(node, ast.Name):
        return False
    for ancestor in ctx.ancestors(node):
        targets: list[ast.expr] = []
        if isinstance(ancestor, ast.For | ast.AsyncFor):
            targets = [ancestor.target]
        elif isinstance(ancestor, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            targets = [generator.target for generator in ancestor.generators]
        if any(
            isinstance(bound, ast.Name) and bound.id == node.id
            for target in targets
            for bound in ast.walk(target)
        ):
            return True
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
    return False


def _digest(ctx: FileContext, left: ast.expr, right: ast.expr) -> str | None:
    """What names a compared digest of a secret setting (`sign ==
    get_sha256(settings.SECRET_KEY)`, or a local holding one: `expected = hmac.new(
    settings.HOOK_SECRET...).hexdigest()`), whatever the names say."""
    if not _reads_secret_setting(ctx):
        return None  # NOTE: a local's lookup is costly; most modules read no secret setting
    for side in (left, right):
        value = ctx.lookup(side) if isinstance(side, ast.Name) else side
        if value is not None and setting_secret_digest(value):
            return side.id if isinstance(side, ast.Name) else _short(ast.unparse(side))
    return None


def _keyed(ctx: FileContext, left: ast.expr, right: ast.expr) -> str | None:
    """What names a compared digest a helper of the module keys with a secret it holds
    (`digest == self._get_digest(salt, url)`, see `keyed_digest`)."""
    if not ctx.mentions("digest"):
        return None  # NOTE: cheap: a helper returning a digest names `digest()`
    for side in (left, right):
        if not keyed_digest(ctx, side):
            continue
        if isinstance(side, ast.Call):
            return _short(f"{ast.unparse(side.func)}(...)")
        return side.id if isinstance(side, ast.Name) else _short(ast.unparse(side))
    return None


def _imported(ctx: FileContext, left: ast.expr, right: ast.expr) -> tuple[str, str] | None:
    """The name written and the qualified name of a function of the project's package
    that a compared side calls (`parts[0] == sign(parts[1])` after `from shop.utils
    import sign`): a MAC when that module's function keys a hash with a secret, which
    the project step asks (`refuted`)."""
    if not ctx.mentions("import"):
        return None
    for side in (left, right):
        qualified = imported_call(ctx, side)
        if qualified is not None:
            value = ctx.lookup(side) if isinstance(side, ast.Name) else side
            written = ast.unparse(value.func) if isinstance(value, ast.Call) else qualified
            return written, qualified
    return None


def _reads_secret_setting(ctx: FileContext) -> bool:
    """Whether the module reads a setting named a secret (`settings.SECRET_KEY`,
    `app.config["HOOK_SECRET"]`) anywhere, worked out once per module."""
    found = ctx.memo.get(_reads_secret_setting)
    if found is None:
        kinds = [
            kind
            for kind, text in ((ast.Attribute, "settings."), (ast.Subscript, ".config["))
            if ctx.mentions(text)
        ]
        found = ctx.memo[_reads_secret_setting] = bool(kinds) and any(
            setting_secret(node) for node in ctx.nodes(*kinds)
        )
    return bool(found)


def _mac_named(name: str) -> bool:
    return "mac" in identifier_words(name)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


_ASSERTION_CALLS = frozenset({"ok_", "eq_", "ne_", "failUnless", "failIf"})
"""Assertion helpers not named `assert...`: nose's `nose.tools.ok_(a != b)` and `eq_`,
unittest's old `failUnless` and `failIf`."""


def _asserted(ctx: FileContext, node: ast.Compare) -> bool:
    """Whether the comparison is what an `assert` statement tests, or an argument of an
    assertion call (unittest's `self.assertTrue(a == b)`, nose's `ok_(a != b)`)."""
    inner: ast.AST = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Assert):
            return inner is ancestor.test
        if isinstance(ancestor, ast.Call) and inner is not ancestor.func:
            name = ancestor.func.attr if isinstance(ancestor.func, ast.Attribute) else ""
            name = ancestor.func.id if isinstance(ancestor.func, ast.Name) else name
            if name.startswith("assert") or name in _ASSERTION_CALLS:
                return True
        if isinstance(ancestor, ast.stmt):
            return False
        inner = ancestor
    return False
