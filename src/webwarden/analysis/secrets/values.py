"""Whether a name holds a credential and whether a literal value looks like a real one.

The filters keep generic secret detection quiet: placeholders (`changeme`, `<your-key>`,
`${TOKEN}`, a whole value `$TOKEN` that Compose and shells fill from the environment),
values that are plainly something else (URLs without a password, file paths, numbers,
identifiers such as `"HTTP_X_CSRFTOKEN"`) and values too short or too regular to be a
working credential are not secrets.
"""

from __future__ import annotations

import ast
import base64
import binascii
import itertools
import json
import math
import re
from collections import Counter
from functools import lru_cache

from webwarden.model.module import MARKER_TOKEN_WORDS, PASSWORD_WORDS, identifier_words

_MEMO_SIZE = 8192
"""How many answers of `credential_kind` and `is_plainly_not_secret` a process keeps: a
tree asks the same few thousand names and literals again and again (Django: 27,000
names asked, 6,300 distinct)."""

_PLACEHOLDER = re.compile(
    r"change[-_ .]?(?:me|it|this)|(?:to|must|should)[-_ .]?be[-_ .]?changed|replace[-_ .]?(?:me|this|with)|your[-_ .]|^your"
    r"|<[^<>]*>|^\[[a-z][\w .-]*\]$|^\([a-z][\w .-]*\)$|^\(\([\w./-]+\)\)$|^%%[a-z_][\w.-]*%%$|^%\{(?:env|file):[^{}]+\}%$|^\{env:[A-Za-z_]\w*(?::\{env:[A-Za-z_]\w*:?\})?:?\}$|\$\{|\$\(|^\$\$?[A-Z_][A-Z0-9_]*$|\{\{|\{[a-z_][a-z0-9_.]*\}|\{[a-z_][a-z0-9_.]*\(|\{\}|%\(|%s|x{4,}|X{4,}|\*{3,}|\.{3}|…"
    r"|dummy|example|sample|placeholder|fake|mock|test|redacted|todo|fixme|insert[-_ ]"
    r"|invalid|bogus|hello[-_ ]?world"
    r"|^_*no[-_ ]?(?:password|passwd|pass|login|secret|token|key)_*$"  # NOTE: `__NO_PASSWORD__`
    r"|^some[-_ .]|(?-i:^Some[A-Z][a-z])"  # NOTE: `some-api-key`, `SomeStripeKey`: a stand-in
    r"|enter[-_ ]|fill[-_ ]?in|not[-_ ]?(?:set|real|a[-_ ]?secret)|^my[-_]?(?:secret|pass|key|token|api)[\w-]*$"
    r"|^(?:none|null|nil|undefined|empty|secret|password|passwd|token|key|apikey|admin"
    r"|root|default|dev|local|string|value|foo|bar|baz|qux|abc|xyz|tiger"
    r"|asdf(?:asdf|gh(?:jkl)?)?)$",  # NOTE: keys typed in a row on the keyboard, a stand-in
    re.IGNORECASE,
)
"""Stand-ins for a secret: words saying one goes there (`changeme`, `NeedToBeChanged`,
`must_be_changed`, `<token>`, `[secret]`,
`(generated)`), references a tool fills in (`${DB_PASSWORD}`, `{{ secret }}`, and
`((db_password))`, a variable Cloud Foundry, BOSH and Concourse manifests interpolate when
deployed, and `%%env_REDIS_PASSWORD%%`, a template variable the Datadog Agent fills in
from the container's environment, and `%{env:ADMIN_SECRET}%` or `%{file:/run/key}%`,
Stalwart mail server's macros reading the environment or a file when it loads its
configuration, and tox's `{env:API_PASSWORD}`, read from the environment of whoever
runs the tests, empty when it falls back to nothing (`{env:TOKEN:}`) or to another
variable (`{env:DB_PASSWORD:{env:PGPASSWORD}}`)), a replacement field computing the value
(`f"key={secrets.token_urlsafe(32)}"` in a script a CI step runs: made at run time),
masks and sample words, and a marker saying there is none (`"__NO_PASSWORD__"` given to
an account signed in through SSO, which no password check matches)."""
_COUNTING = ("0123456789abcdef", "0123456789")
"""Digits (then hex digits) counted up and started again: `0123...789abcdef0123...`, a
value typed to fill a key's length, as a run of one character is."""
_DOCUMENTED = re.compile(
    r"16C7e42F292c6912E7710c838347Ae178B4a"
    r"|^xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy$"
    r"|Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw"
    r"|^6LeIxAcTAAAAA(?:GG-vFI1TnRWxMZNFuojJ4WifJWe|JcZVRqyHh71UMIEGNQ_MXjiZKhI)$"
    r"|^[123]x0{31}AA$|^[123]x0{20}(?:AA|AB|BB|FF)$"
    r"|^0x0{40}$|^([1-3])0{7}-ffff-ffff-ffff-0{11}\1$"
    r"|^JBSWY3DPEHPK3PXP$"
)
"""The body of the token GitHub's documentation shows for every kind (`ghp_`, `ghs_`,
`ghu_`, `gho_`...), which tests copy as AWS's `AKIAIOSFODNN7EXAMPLE` is copied; the
bot token Slack's OAuth v2 documentation shows in its `oauth.v2.access` answer (`xoxb-1765...`),
copied as a test's canned answer; the
account key of the Azure Storage emulator (Azurite's `devstoreaccount1`), the same
published key in every installation; and Google's reCAPTCHA v2 test keys (secret and
site key), published for automated tests and shipped by django-recaptcha as its
defaults: every answer passes, and the widget says it is for testing only. So are
Cloudflare Turnstile's test keys (secrets `1x0000000000000000000000000000000AA` and its
`2x`/`3x` siblings, which always pass, always fail or report a spent token; site keys
`1x00000000000000000000AA`...) and hCaptcha's (secret `0x` and forty zeros, site keys
`10000000-ffff-ffff-ffff-000000000001`...): no real key of either has that shape. So is
the TOTP secret `JBSWY3DPEHPK3PXP` (Base32 of `Hello!` and four bytes `DEADBEEF`), the
example of Google Authenticator's key URI format and of pyotp's documentation, which
tests and demos of one-time passwords copy: no authenticator enrolled with a real
account holds it."""
_PUBLISHED = re.compile(
    r"^AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8$|^AIzaSyA8eiZmM1FaDVjRy-df2KTyQ_vz_yYM39w$"
)
"""Keys a vendor publishes in every copy of its own client: the InnerTube key of
YouTube's web client (the `INNERTUBE_API_KEY` each youtube.com page carries, which
programs reading YouTube's `youtubei/v1` API without an account send) and of its Android
app. Every reader has them; they are no project's credential, and no project can revoke
them."""
_FAILS_CLOSED = re.compile(r"^[23]x0{31}AA$")
"""Cloudflare Turnstile's test secrets that never let an answer through: `2x...AA` always
fails, `3x...AA` reports the token spent. A fallback to one turns every visitor away when
the real secret is missing, as no secret would; `1x...AA` lets every answer pass."""
_REPEATED = re.compile(r"^(.)\1*$|^(?:0123456789?|123456789?0?|abcdef\w*)$", re.IGNORECASE)
_WORDS = re.compile(
    r"^_*[a-z]+(?:(?:__|[_.\-:/+])[a-z]+)*_*$"  # password_reset, team+alerts, user__api_key (ORM lookup)
    r"|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$"  # HTTP_X_CSRFTOKEN, an environment variable's name
    r"|^[a-z]+(?:[A-Z][a-z]+)+$"  # csrfToken
    r"|^[a-z][a-z0-9]{0,9}:[a-z]+(?:[A-Z][a-z]+)+$"  # sec:privateKeyPem, a JSON-LD term's IRI
    r"|^[a-z]+(?:_[a-z]+)*(?:_[A-Z][a-z]+)+(?:_[a-z]+)*$"  # cert_File, a form field's name
    r"|^[A-Za-z]+(?:-[A-Za-z]+)+$"  # X-Api-Key
    r"|^(?:[a-z_][a-z0-9_]*\.)+[A-Za-z_]\w*$"  # dotted.module.Path
    r"|^--?[a-z]+(?:-[a-z]+)*$"  # --password, -p: a command-line option's name
)
_FIELD_CONDITION = re.compile(r"^[a-z]+(?:_[a-z]+)+=[a-z0-9]+(?:&[a-z]+(?:_[a-z]+)*=[a-z0-9]+)*$")
"""A condition on a form's fields, in a query string's shape (`sms_provider=ovh`,
`auth_type=ldap&ldap_tls=true`): a field's snake_case name and a word it must equal,
as a settings form shows a credential's input only when another field holds that value."""
_PASSWORD_HASH = re.compile(
    r"^(?:\$[a-z0-9-]+\$|[a-z0-9_]+\$[^$\s]+\$|(?:pbkdf2|scrypt):[a-z0-9]+[:$]|\{[A-Z0-9-]+\}|!)"
)
"""A stored password hash: Django (`pbkdf2_sha256$...$`, `md5$...$`), modular crypt
(`$2b$12$...`, `$argon2id$`), Werkzeug (`scrypt:32768:8:1$...`), LDAP (`{SSHA}`), or an
unusable-password marker (`!`)."""
_PATH = re.compile(
    r"^(?:/|\./|\.\./|~/|[A-Za-z]:\\)"
    r"|\.(?:pem|key|crt|cer|json|txt|p12|pfx|env|ya?ml|asc|gpg|der|jks|ppk)$"
    r"|\.(?:pdf|docx?|odt|xlsx?|ods|csv|png|jpe?g|gif|svg|webp)$"
)
"""Paths: rooted, or ending in the extension of a key, certificate or config file (a PGP
key's `.asc`): where the secret is, not the secret; or in a document's or an image's
(`uploads/2f1c.../flyer.pdf`, a stored file's name): a file, not a secret."""
_SPACE = re.compile(r"\s")
"""Any white space, a non-breaking one too (`"PASS\u00a0IAE"`, as French typography
writes before some punctuation and inside names): prose, a label, not a credential;
but for random bytes written as a string (`is_random_bytes`)."""
_ONE_WORD_SENTENCE = re.compile(r"^[A-Z][a-z]+ed[.!]$")
"""One past participle written as a sentence (`Updated.`, `Saved!`): an answer's status
message (`{"status": "success", "password": "Updated."}`), not a password (`Welcome.`,
`Secret!` and `Changeme!` are)."""
_SLASH_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$|^\d{4}/\d{1,2}/\d{1,2}$")
"""A date written with slashes (`31/12/2027`, `12/31/2027`, `2027/12/31`): when, not a
secret."""
_STRING_LIST = re.compile(r'^\[\s*"[^"\\]*"(?:\s*,\s*"[^"\\]*")*\s*\]$')
"""A JSON list of strings kept as text (`["uploads/a/flyer.pdf"]`, a text column holding
a list, its quotes escaped in a JSON file): judged item by item."""
_ROUTE_SEGMENT = (
    r"(?:[a-z][a-z_.\-]*\d*"  # words: credentials, access_list, v2 (not `q8f3k2m9`)
    r"|\\[dw][+*]|\[[^\]]+\][+*]"  # \d+, [0-9a-f-]+
    r"|\(\?P<\w+>[^)]*\)"  # (?P<pk>[0-9]+)
    r"|<(?:\w+:)?\w+>|\{\w+\}|:\w+)"  # <int:pk>, {id}, :id
)
_ROUTE = re.compile(rf"^\^?/?(?:{_ROUTE_SEGMENT}/)+{_ROUTE_SEGMENT}?\$?$")
"""A URL path or route pattern relative to an API's root (`credentials/\\d+/owner_teams/`,
`^users/(?P<pk>[0-9]+)/$`, `teams/<int:pk>/`): where a resource is, named after it."""
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_ON_CHAIN = re.compile(
    r"^0x[0-9a-fA-F]{40}$"
    r"|^[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}/[-a-z0-9]{3,8}:[-.%a-zA-Z0-9]{1,128}$"
)
"""A blockchain address (`0x` and 40 hex digits: an Ethereum account's or contract's, public
by design; a private key is 64) or a CAIP-19 asset identifier
(`eip155:1/erc20:0x6B17...`): where a crypto token lives, not a credential."""
_NUMBER = re.compile(r"^[\d\s.,:+\-]+$")
_RATES = re.compile(r"^\d+/\d*[a-z]+(?:/[a-z_]+)?(?:\s*,\s*\d+/\d*[a-z]+(?:/[a-z_]+)?)*$")
"""Rate limits (`5/m`, `20/m/ip,5/m/key`, `100/hour`): how often, not a secret."""
_DURATION = re.compile(r"^(?:\d{1,4}(?:ms|[smhdw]))+$")
"""A span of time as duration parsers write it (`1d`, `30m`, `1h30m`, `500ms`): how
long to keep or wait for something, the default of a token's lifetime or of how long
expired tokens are kept (`TOKEN_GC_WINDOW`), not a secret."""
_TIMESTAMP = re.compile(
    r"^(?:[a-z]{2,3}:)?\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
"""A date or an ISO 8601 time (`2016-11-06T15:32:17.000000`, with a filter's `lt:`)."""
_URN = re.compile(r"^urn:(?!uuid:)[a-z0-9][a-z0-9-]{0,30}[a-z0-9]:\S+$", re.IGNORECASE)
"""A URN (RFC 8141: `urn:`, a namespace, then the name in it): `urn:oid:2.5.4.3`, the
SAML attribute names a pysaml2 attribute map pairs with LDAP's (`"userPassword":
"urn:mace:dir:attribute-def:userPassword"`), an OAuth grant type: the name of a thing,
not a secret. Not a `urn:uuid:`, whose random part could be a token."""
_OBJECT_REFERENCE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+:[A-Za-z_][\w.]*$")
"""`package.module:Object`, an entry point's target (not `user:password`)."""
_DOTTED_CALL = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\(")
"""`os.path.join(os.path.dirname(...`, `os.environ.get("API_KEY")`: a call of a module's
function, the value of a setting in a config file Python runs (Flask's `from_pyfile`),
not a literal."""
_VERSION_SPEC = r"(?:(?:===?|[<>!~]=)\d+|[<>]\d+\.\d+)(?:\.\d+)*(?:\.\*|\.?(?:a|b|rc|post|dev)\d*)*"
_REQUIREMENT = re.compile(
    rf"^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[\w,.-]+\])?{_VERSION_SPEC}(?:,{_VERSION_SPEC})*$"
)
"""A package requirement (`bcrypt>=2.0.0`, `flask-bcrypt[x]>=0.7,<2.0`): a dependency named in
setup.py's extras (`password = ["bcrypt>=2.0.0"]`), not a password."""
_VERSION_RANGE = re.compile(r"^[\^~]\d+(?:\.(?:\d+|[x*]))*(?:-[0-9A-Za-z.-]+)?$")
"""A caret or tilde version range (`^1.0.0`, `~2.3`, `^1.x`): the version of a package a
`package.json` depends on (`"parse-passwd": "^1.0.0"`), not a password."""
_REGEX = re.compile(r"^\^.*(?:\(\?|\\[dDwWsSbB]|\[[^\]]+\]|\{\d+,?\d*\}|\.[*+?]).*\$$")
"""An anchored regular expression (`^(?=.*\\d).{8,}$`, a password *policy*): a pattern."""
_PATTERN_SYNTAX = re.compile(r"\\b|\(\?(?:[:=!]|<[=!]|P<)")
"""A word boundary (`\\b`) or a group only a regular expression writes (`(?:`, a
lookaround, a named group), anchored or not: a chat filter's word pattern
(`\\bky+s+\\b`, `nigg+(?:e*r+|a+h*?)`) listed as a `token` to block. No token,
key or password format writes a backslash before `b` or `(?` after a parenthesis."""
_FINGERPRINT_TAG = re.compile(r"\\{1,2};(?:confidence|version):")
"""A Wappalyzer fingerprint's tag (`\\;confidence:25`, `([\\d.]+)\\;version:\\1`, also
as a JSON file's text escapes it): what a technology database (`technologies/*.json`)
writes after the pattern it matches against a page's scripts, headers or cookies
(`"js": {"up.CompilerPass": "\\;confidence:25"}`), not a credential."""
_BOOLEAN = frozenset({"true", "false", "yes", "no", "on", "off", "none", "null"})
_PATTERN_PIECE = re.compile(r"\[[^\]\s]+\](?:[+*]|\{\d+,?\d*\})|\\[dDwWsS](?:[+*]|\{\d+,?\d*\})")
"""A repeated character class or escape of a regular expression (`[A-F0-9]+`, `\\S+`,
`[a-z]{8}`), anchored or not (`(?<=password=)[A-F0-9]+`, what a scanner extracts from a
response): the shape of a credential, not one."""
_ITEM_OF_VARIABLE = re.compile(
    r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?:\[(?:\d+|'[^']*'|\"[^\"]*\")\])+,?$"
)
"""`event[0]['content'][0]`, `response["token"]`: an item of a variable that the code
reading the file looks up (a template's or a rule engine's reference), not a literal;
also as an entry of a dict Python runs (`'PASSWORD': os.environ['DB_PASSWORD'],` in
a settings file named `.conf`)."""

_KEY_QUALIFIERS = frozenset(
    {
        "api",
        "private",
        "signing",
        "access",
        "secret",
        "auth",
        "encryption",
        "master",
        "jwt",
        "hmac",
        "aes",
        "fernet",
        "client",
        "license",
        "service",
        "account",
        "webhook",
    }
)
_CREDENTIAL_WORDS = frozenset(
    {*PASSWORD_WORDS, "secret", "secrets", "token", "tokens", "credential", "credentials"}
    | {"apikey", "passphrase", "passcode"}
)
_NOT_SECRET_WORDS = frozenset(
    {"public", "publishable", "pub", "hash", "hashed", "hashes", "digest", "digests"}
    | {"checksum", "checksums", "fingerprint", "fingerprints"}
    # NOTE: quantities anywhere in the name: `LLM_TOKEN_BUDGET_MONTH`, `MAX_TOKENS_PER_USER`.
    | {"budget", "limit", "limits", "quota", "max", "min", "count", "num", "length", "size"}
    # NOTE: how much of a crypto token: `token_amount`, `underlying_token_price`.
    | {"amount", "amounts", "price", "prices", "balance", "balances"}
    | {"ttl", "timeout", "interval", "usage"}
    # NOTE: a duration in a unit of time: `ACCESS_TOKEN_EXPIRE_MINUTES=30`, FastAPI's.
    | {"seconds", "secs", "minutes", "mins", "hours", "hrs", "days", "weeks"}
    # NOTE: a hashing scheme's work factor: Mailu's `CREDENTIAL_ROUNDS=12`.
    | {"rounds", "iterations", "cost"}
    # NOTE: tokens that page through results, or that a language model counts.
    | {"page", "pagination", "continuation", "completion", "prompt", "input", "output"}
    # NOTE: settings of the thing: privacyIDEA's `token_option_value`, a token's option.
    | {"option", "options"}
    # NOTE: the policy new passwords must meet, or a score: `PASSWORD_COMPLEXITY`,
    # `password_strength`; its text (`password_complexity_desc`) shown on a form.
    | {"complexity", "strength"}
)
_EVENTS = frozenset(
    {"created", "issued", "granted", "revoked", "rotated", "refreshed", "changed", "claimed"}
    | {"locked", "unlocked", "approved", "deposited", "withdrawn", "transferred", "returned"}
    | {"staked", "unstaked", "minted", "burned", "bridged", "swapped", "upgraded", "downgraded"}
)
"""Last words naming what happened to a token, the name of an event (an audit log's
`TOKEN_REVOKED`, a smart contract's `TOKENS_CLAIMED`, whose value is the hash of the
event's signature): an event is no credential."""
_PROCESSES = frozenset({"change", "reset", "recovery", "reminder"})
"""Last words naming what a user does with a password, the name of that process (a
mailer's template for it, `templates: {passwordChange: <template id>}`, its page or its
switch, `PASSWORD_RESET`): the process holds no credential (`password_reset_token`, whose
last word is the credential, still does)."""
_NOT_SECRET_LAST = frozenset(
    {
        "name",
        "names",
        "field",
        "fields",
        "header",
        "headers",
        "param",
        "parameter",
        "url",
        "uri",
        "path",
        "file",
        "filename",
        "dir",
        "env",
        "var",
        "variable",
        "prefix",
        "suffix",
        "length",
        "len",
        "size",
        "type",
        "format",
        "pattern",
        "regex",
        "label",
        "placeholder",
        "help",
        "title",
        "subject",
        "description",
        "desc",
        "caption",
        "hint",
        # NOTE: the text shown to help users choose one: `CUSTOM_PASSWORD_GUIDANCE_TEXT`.
        "guidance",
        "instruction",
        "instructions",
        "tooltip",
        "message",
        "msg",
        "template",
        "backend",
        "class",
        "expiry",
        # NOTE: the namespace a signed token is made in (itsdangerous' `salt`, which its
        # documentation says need not be secret): `RESET_PASSWORD_TOKEN_NS`.
        "namespace",
        "ns",
        "expires",
        "expire",
        "at",
        "date",
        "time",
        "timestamp",
        "since",
        "until",
        "expiration",
        "timeout",
        "ttl",
        "age",
        "lifetime",
        "count",
        "max",
        "min",
        # NOTE: a place in a sequence of them: a text's `token_pos`, `token_index` (a
        # tokenizer's words), `password_offset`.
        "pos",
        "position",
        "positions",
        "indices",
        "idx",
        "offset",
        "algorithm",
        "algorithms",
        "alg",
        # NOTE: how the thing is stored, not the thing: PostgreSQL's
        # `password_encryption = scram-sha-256`.
        "encryption",
        "scheme",
        "schemes",
        "id",
        "ids",
        # NOTE: whose it is and which one, run together: a hardware token's owner
        # (`token_userid`) and the number printed on it (`token_serial`,
        # `TokenSerialnumber`), shown in lists and typed by support staff.
        "userid",
        "userids",
        "serial",
        "serials",
        "serialnumber",
        # NOTE: a record's primary key (`app_password_pkid`: which app password a mail
        # server's API stored; `token_pk`), which the server hands out.
        "pk",
        "pks",
        "pkid",
        # NOTE: a record's key too, `credential_uuid` (a certificate's, in a service
        # issuing credentials), `token_guid`: which one, not the secret itself.
        "uuid",
        "uuids",
        "guid",
        "guids",
        # NOTE: which token, and where it lives: a crypto token's `token_identifier`,
        # `token_address` (its contract's), `token_symbol`, an event's `TOKEN_SWAP_TOPIC`.
        "identifier",
        "identifiers",
        # NOTE: a W3C decentralized identifier, `did:key:z6Mk...`, the public key itself
        # (multibase-encoded) of the issuer of verifiable credentials: `ISSUER_DID`,
        # `VERIFIABLE_CREDENTIAL_DID`.
        "did",
        "dids",
        "address",
        "addresses",
        "symbol",
        "topic",
        "topics",
        "mode",
        "policy",
        "required",
        "enabled",
        "endpoint",
        "location",
        "method",
        "cookie",
        "owner",
        "user",
        "users",
        "username",
        "usernames",
        # NOTE: the address a token was sent to, or that it names (Noggin's
        # `token_mail`, a registration token's claim): an address, not the token.
        "mail",
        "email",
        "emails",
        "status",
        "state",
        "kind",
        "index",
        "form",
        "model",
        "manager",
        "serializer",
        "validator",
        "validators",
        "generator",
        "view",
        "widget",
        "handler",
        "error",
        "errors",
        "exception",
        "storage",
        "cache",
        "checker",
        "strategy",
        "hasher",
        "hashers",
        "charset",
        "chars",
        "characters",
        "alphabet",
        "key",
        "domain",
        "hd",
        "issuer",
        "iss",
        "audience",
        "aud",
        "scope",
        "scopes",
        # NOTE: a database object the thing is kept in or checked by, named in a
        # migration: `APIKEY_IDENTIFIER_CONSTRAINT = "api_apikey_identifier_6e4e2f82_uniq"`.
        "constraint",
        "constraints",
        "table",
        "tables",
        "column",
        "columns",
        "sequence",
        "trigger",
        # NOTE: an outcome of a check of it, not it: Jumpserver's `reason_password_failed`,
        # a shared link's `password_verified` flag.
        "failed",
        "verified",
        "invalid",
        "expired",
        "mismatch",
        "incorrect",
        # NOTE: what a key is bound to when one is derived (HKDF's context), not the key.
        "context",
    }
    | _EVENTS
    | _PROCESSES
)
"""A name whose last word is one of these names something about a secret, not the secret
(`PASSWORD_RESET_TIMEOUT`, `TOKEN_HEADER`, `SECRET_KEY_FILE`, when one is made or runs
out: `password_expires_at`, `token_created_date`, the characters one is
made of: `SECRET_KEY_CHARSET`, `TOKEN_ALPHABET`, the database object that keeps or
checks it: `API_KEY_TABLE`, `TOKEN_UNIQUE_CONSTRAINT`, or a claim a token carries in the
clear: `token_hd`, the hosted domain of a Google ID token, `TOKEN_ISSUER`,
`token_scopes`, `token_email`, or the namespace one is signed in:
`RESET_PASSWORD_TOKEN_NS`). `key` is here because a
bare `..._key` is judged by its qualifier (`api_key` is a secret, `cache_key` is not)."""


_PAGING_WORDS = MARKER_TOKEN_WORDS
"""A token that says where the next page of results starts (AWS's `NextToken`, a
`next_token` read from an API's answer), or a record's optimistic-concurrency token
(`consistency_token`): it is handed back in the clear, not a secret. Only for tokens:
`NEXT_SECRET_KEY` is a key being rotated in."""

_ANTI_FORGERY_WORDS = frozenset({"csrf", "xsrf", "synchronizer", "authenticity"})
"""A token a form or a link carries against request forgery (`csrf_token`,
`SYNCHRONIZER_TOKEN`, Rails' `authenticity_token`): a nonce the site hands every visitor
in its pages, not a credential. Only for tokens: `WTF_CSRF_SECRET_KEY` signs them."""


def anti_forgery_token(name: str) -> bool:
    """`csrf_token`, `SYNCHRONIZER_TOKEN`: a name `credential_kind` passes over as a
    nonce handed out in pages, which a check still compares in constant time (as Django
    compares its own)."""
    words = identifier_words(name)
    return "token" in words and not _ANTI_FORGERY_WORDS.isdisjoint(words)


_PUBLIC_KEY_CREDENTIAL = frozenset(
    {"webauthn", "fido", "fido2", "passkey", "passkeys", "attested", "attestation"}
)
"""Words of WebAuthn (FIDO2) naming a public-key credential or the data an authenticator
attests (`AttestedCredentialData`: its AAGUID, credential id and public key): public
values, nothing an attacker guesses."""
_SWITCH_FIRST = frozenset(
    {"enable", "disable", "use", "allow", "require", "show", "hide", "is", "has", "should"}
    | {"must", "can"}
)
"""Words of a switch named after what it turns on (`ENABLE_EMAIL_PASSWORD`,
`USE_TOKEN_AUTH`, `allowPasswordLogin`, `SP_ALLOW_PASSWORD`), or of a flag saying what a
user must or may do (`must_change_password`, `can_change_password`): a flag, whatever it
names after them."""

_VERDICT_WORDS = frozenset(
    {"values", "results", "result", "status", "statuses", "verdict", "verdicts"}
    | {"rate", "threshold", "score", "scores", "grade", "mark", "marks", "criteria"}
)
"""Words after `pass` that make it a check's outcome, not a password: the results of a
mail's SPF or DKIM check that count as passing (`SPF_PASS_VALUES = ["Pass",
"Neutral"]`), a test's `PASS_THRESHOLD`. `DB_PASS` and `pass_word` still hold one."""

_REFUSED_WORDS = frozenset(
    {"common", "weak", "banned", "forbidden", "blacklisted", "blocklisted", "denylisted"}
    | {"blacklist", "blocklist", "denylist", "disallowed", "leaked", "breached", "pwned"}
    | {"popular", "insecure", "compromised", "guessable", "dictionary"}
)
"""Words naming, beside a password word, the passwords users may not choose
(`COMMON_PASSWORDS = ["123456", "qwerty"]`, a validator's deny list): no account logs in
with them."""

_DEFAULT_WORDS = frozenset({"default", "defaults", "text", "texts"})
"""Trailing words that say which value of the thing it is, not what it is, or in what
form: `PASSWORD_HELP_TEXT` is judged as `PASSWORD_HELP` (Django's `help_text`, shown
beside the field), `password_text` as `password`."""

_PLURAL_PASSWORDS = {
    "passwords": "password",
    "passwds": "passwd",
    "pwds": "pwd",
    "passphrases": "passphrase",
    "passcodes": "passcode",
}
"""Plurals of the password words (`ADMIN_PASSWORDS`, `db_passwds`, `PASSPHRASES`), read as
the word itself: a collection of passwords holds passwords. `passes` is not one (a
boarding or season pass)."""


def _key_pair(words: list[str]) -> str | None:
    """`api key`, `private key`: a qualifier followed by `key` (or `keys`)."""
    for first, second in itertools.pairwise(words):
        if second in {"key", "keys"} and first in _KEY_QUALIFIERS:
            return f"{first} key"
    return None


def _head(words: list[str]) -> list[str]:
    """The words naming what is held, before a `for` saying what it serves:
    `salt_for_gpg_secret` holds a salt, `url_for_password_reset` a URL. A bare key is
    still judged by what it is for (`key_for_signing` is a signing key)."""
    if "for" not in words[1:]:
        return words
    head = words[: words.index("for", 1)]
    return words if head[-1] in {"key", "keys"} else head


@lru_cache(maxsize=_MEMO_SIZE)
def credential_kind(name: str) -> str | None:
    """What a name says it holds (`a password`, `an API key`), or None if not a credential.

    `db_password`, `API_KEY`, `stripeSecretKey`, `GITHUB_TOKEN`, `client_secret` hold
    credentials; `PASSWORD_RESET_TIMEOUT`, `TOKEN_HEADER`, `public_key`, `password_hash`,
    `password_encryption`, `cache_key`, `csrf_cookie_name`, `csrf_token`,
    `LLM_TOKEN_BUDGET_MONTH`, `ENABLE_EMAIL_PASSWORD` and `salt_for_gpg_secret` do not.
    """
    words = [_PLURAL_PASSWORDS.get(word, word) for word in _head(identifier_words(name))]
    while len(words) > 1 and words[-1] in _DEFAULT_WORDS:
        words = words[:-1]  # NOTE: `PASSWORD_REGEX_DEFAULT` is judged as `PASSWORD_REGEX`
    if not words or _NOT_SECRET_WORDS.intersection(words):
        return None
    if len(words) > 1 and words[-1] in _MAIL_ROLES and words[-2] in _MAIL_WORDS:
        return None  # NOTE: `RESET_PASSWORD_EMAIL_FROM`: the address a mail is sent from
    if _SWITCH_FIRST.intersection(words[:-1]):
        # NOTE: also after the app's prefix: `MOBSF_SP_ALLOW_PASSWORD`, `APP_USE_TOKEN`.
        return None
    pair = _key_pair(words)
    last = words[-1]
    if last in _NOT_SECRET_LAST and (pair is None or last not in {"key", "keys"}):
        return None
    if _located(words):
        return None
    if pair is not None:
        return "an API key" if pair == "api key" else _article(f"{pair}")
    if PASSWORD_WORDS.intersection(words) or "passphrase" in words or "passcode" in words:
        refused = _REFUSED_WORDS.intersection(words)
        return None if refused or _passing_verdict(words) else "a password"
    if "apikey" in words:
        return "an API key"
    if "secretkey" in words:
        return "a secret key"  # NOTE: run together as `apikey` is (`daconfig["secretkey"]`)
    if "token" in words or "tokens" in words:
        handed_out = _PAGING_WORDS | _ANTI_FORGERY_WORDS
        return None if handed_out.intersection(words) else "a token"
    if "credential" in words or "credentials" in words:
        # NOTE: WebAuthn's public-key credential (`attested_credential_data`,
        # `webauthn_credential`): a credential id and a public key, which the server
        # stores and sends to the browser; the private key never leaves the authenticator.
        return None if _PUBLIC_KEY_CREDENTIAL.intersection(words) else "a credential"
    if "secret" in words or "secrets" in words:
        return "a secret"
    return None


_LOCATION_WORDS = frozenset(
    {"path", "paths", "file", "files", "filename", "dir", "directory", "url", "uri"}
    | {"location", "endpoint"}
)
"""Words naming where a thing is kept (a last word of `_NOT_SECRET_LAST` too)."""
_NAMING_CREDENTIAL = _CREDENTIAL_WORDS | {"key", "keys"}


_NAMING_WORDS = _NAMING_CREDENTIAL | {"secretkey"}
"""The words one of which every name `credential_kind` takes for a credential's holds
(`identifier_words`: `apiKey` holds `key`, `keywords` none)."""
_NAMING_VOCABULARY = re.compile(r"key|pass|pwd|token|credential|secret", re.IGNORECASE)
"""A part of each of `_NAMING_WORDS`: a text without one names no credential."""
_LETTERS = re.compile(r"[A-Za-z]*")
_LETTERS_BEFORE = re.compile(r"[A-Za-z]*\Z")
_LONGEST_RUN = 200
"""Letters around a match past which its run counts as naming a credential unsplit."""


def may_name_credential(text: str) -> bool:
    """Whether a name in `text` may be one `credential_kind` takes for a credential's:
    a run of letters in it holds one of its words (a data file of `keywords:` or of
    base64 blobs does not). Only the runs around the vocabulary's matches are split:
    `identifier_words` splits each run of letters alone."""
    for found in _NAMING_VOCABULARY.finditer(text):
        before = _LETTERS_BEFORE.search(text, max(0, found.start() - _LONGEST_RUN), found.start())
        after = _LETTERS.match(text, found.end(), found.end() + _LONGEST_RUN)
        start = before.start() if before is not None else found.start()
        end = after.end() if after is not None else found.end()
        if end - start >= _LONGEST_RUN or not _NAMING_WORDS.isdisjoint(
            identifier_words(text[start:end])
        ):
            return True
    return False


_MAIL_WORDS = frozenset({"mail", "email", "emails"})
_MAIL_ROLES = frozenset(
    {"from", "to", "sender", "senders", "recipient", "recipients", "cc", "bcc", "reply"}
)
"""Last words saying which address of a mail a name holds (`PASSWORD_RESET_EMAIL_FROM`,
`TOKEN_EMAIL_RECIPIENTS`): the mail's sender or recipients, addresses like the
`..._EMAIL` a name ending in `email` holds, not a credential."""


def _located(words: list[str]) -> bool:
    """`VAULT_SECRET_PATH_DB`, `API_KEY_FILE_PROD`: a word saying where the thing is
    comes after the last word naming a credential, then words saying which one (a
    database, a deployment): the name of the place a secret is read from, as
    `SECRET_KEY_FILE` is, not the secret (`TOKEN_URL_SIGNING_KEY` still names a key)."""
    marks = [index for index, word in enumerate(words) if word in _NAMING_CREDENTIAL]
    return bool(marks) and not _LOCATION_WORDS.isdisjoint(words[marks[-1] + 1 :])


def _passing_verdict(words: list[str]) -> bool:
    """`SPF_PASS_VALUES`, `pass_rate`: `pass` (no other word of a password) followed by a
    word naming the outcome of a check (`_VERDICT_WORDS`)."""
    named = PASSWORD_WORDS.intersection(words)
    if named != {"pass"}:
        return False
    return not _VERDICT_WORDS.isdisjoint(words[words.index("pass") + 1 :])


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def is_placeholder(value: str) -> bool:
    """Whether `value` is a stand-in for a secret rather than one (`changeme`, `<key>`,
    a JSON Web Token's header before made-up claims)."""
    text = value.strip().strip("'\"")
    return (
        not text
        or bool(_PLACEHOLDER.search(text))
        or bool(_REPEATED.match(text))
        or _counts_up(text)
        or _typed_in_order(text)
        or _DOCUMENTED.search(text) is not None
        or _PUBLISHED.match(text) is not None
        or (text.startswith("eyJ") and _jwt_stand_in(text))
    )


_JWT_PARTS = re.compile(r"(eyJ[A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\.[A-Za-z0-9_-]*")


def _jwt_stand_in(text: str) -> bool:
    """A JSON Web Token's header (`{"typ": "JWT", "alg": "HS256"}`) before claims that
    are no JSON object (`eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.xxx.yyy`, `<header>.payload.`):
    a token made up for a check that must refuse it. It carries no claims, so no key
    signed it and no server takes it."""
    parts = _JWT_PARTS.fullmatch(text)
    if parts is None:
        return False
    header = base64_json(parts[1])
    if not isinstance(header, dict) or not {"alg", "typ"} & header.keys():
        return False
    return not isinstance(base64_json(parts[2]), dict)


def base64_json(part: str) -> object:
    """The JSON document `part` encodes in unpadded base64url, None if it is not one."""
    try:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (binascii.Error, ValueError):
        return None


_MANAGED_KEY = re.compile(
    r"alias/[\w/.-]+|arn:aws[\w-]*:kms:[\w-]*:\d{12}:(?:key|alias)/[\w/.-]+", re.ASCII
)


def names_managed_key(value: str) -> bool:
    """Whether `value` names a key that AWS KMS keeps (`alias/authnz-production`,
    `arn:aws:kms:us-east-1:123456789012:key/1234abcd-...`): the key service holds the
    key material and checks who may use it, so its name grants nothing to whoever reads
    it."""
    return _MANAGED_KEY.fullmatch(value.strip().strip("'\"")) is not None


_UNSAFE_WORDS = frozenset({"insecure", "unsafe", "unsecure"})
_STAND_IN_WORDS = _UNSAFE_WORDS | {"default"}
_STAND_IN_SECRETS = frozenset({"secret", "key", "token", "password", "passwd", "jwt"})


def names_stand_in(value: str) -> bool:
    """Whether `value` is written as words saying it is a secret's unsafe stand-in
    (`terribly_unsafe_default_jwt_secret_key`, `insecure-signing-key`): a placeholder
    for a default, though words are no credential elsewhere (`x-api-key`)."""
    text = value.strip()
    if not _WORDS.match(text):
        return False
    words = set(re.split(r"[_.\-:/+]+", text.lower()))
    return bool(words & _STAND_IN_WORDS) and bool(words & _STAND_IN_SECRETS)


def says_unsafe(value: str) -> bool:
    """Whether `value` is only words saying it is unsafe (`insecure`, `unsafe-default`):
    as a password's default, a stand-in for one; as a mode's (`GRPC_CREDENTIALS`
    defaulting to `insecure` channels), no secret at all."""
    text = value.strip()
    if not _WORDS.match(text):
        return False
    words = set(re.split(r"[_.\-:/+]+", text.lower()))
    return words <= _STAND_IN_WORDS and not words.isdisjoint(_UNSAFE_WORDS)


def fails_closed(value: str) -> bool:
    """Whether `value` is a published test secret with which every check fails (see
    `_FAILS_CLOSED`): a default of it guards nothing with a known value."""
    return _FAILS_CLOSED.match(value.strip()) is not None


def _counts_up(text: str) -> bool:
    """`0123456789abcdef0123456789abcdef01234567`: digits counted up, over and over."""
    lowered = text.lower()
    return len(text) > len(_COUNTING[0]) and any(
        (cycle * (len(text) // len(cycle) + 1)).startswith(lowered) for cycle in _COUNTING
    )


_DIGIT_ORDERS = ("1234567890", "0123456789")
"""The digits in the order of a keyboard's top row, and counted from zero."""
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _typed_in_order(text: str) -> bool:
    """`1234567890AB`, `1234567890ABCDEFGHIJKLMN`: the ten digits in order, then the
    alphabet from `a` for the length the key needs; no character is chosen. (Digits
    alone, `123456`, are a weak password that works, not a filler.)"""
    lowered = text.lower()
    letters = lowered.lstrip("0123456789")
    digits = lowered[: len(lowered) - len(letters)]
    return digits in _DIGIT_ORDERS and bool(letters) and _ALPHABET.startswith(letters)


def entropy(value: str) -> float:
    """Shannon entropy of `value` in bits per character."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def _classes(value: str) -> int:
    return sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )


def _route(text: str) -> bool:
    """A route pattern: two parts or more, words (`credential_types/`), or a part
    holding a pattern (`\\d+`, `<pk>`); not letters and digits and a slash
    (`gh7s92kd/`), which a key may be."""
    if not _ROUTE.match(text):
        return False
    inner = text.strip("^$/")
    return "/" in inner or bool(_WORDS.match(inner)) or any(mark in text for mark in "\\<{(:[")


DEFAULT_PASSWORDS = frozenset(
    {
        *("admin", "administrator", "root", "toor", "guest", "default", "demo"),
        *("changeme", "change_me", "changeit", "letmein", "qwerty", "welcome"),
        *("1234", "12345", "123456", "12345678", "123456789", "0000"),
    }
)
"""Passwords every scanner and brute-forcer tries first (lists of default and leaked
passwords). `password` and `secret` are left out: as values they mostly name a field."""


@lru_cache(maxsize=_MEMO_SIZE)
def is_plainly_not_secret(value: str) -> bool:
    """URLs without a password, paths and route patterns, numbers, dates, rate limits,
    durations, package requirements and version ranges, booleans, identifiers, KMS keys' names,
    calls of a module's function, prose."""
    text = value.strip()
    if _SPACE.search(text) and not is_random_bytes(text):
        return True
    if text.lower() in _BOOLEAN or _NUMBER.match(text) or _RATES.match(text):
        return True
    if _DURATION.match(text):
        return True
    if _TIMESTAMP.match(text) or _SLASH_DATE.match(text):
        return True
    # NOTE: read from a JSON file's text, the list's own quotes are escaped (`[\"a\"]`).
    listed = text.replace('\\"', '"') if text.startswith('[\\"') else text
    if _STRING_LIST.match(listed):
        items = re.findall(r'"([^"\\]*)"', listed)
        return all(not item or is_plainly_not_secret(item) for item in items)
    if _URL.match(text) or _route(text):
        return True
    if _PASSWORD_HASH.match(text) or _OBJECT_REFERENCE.match(text) or _DOTTED_CALL.match(text):
        return True
    if _URN.match(text) or names_managed_key(text):
        return True
    if _REQUIREMENT.match(text) or _VERSION_RANGE.match(text) or _ON_CHAIN.match(text):
        return True
    if _ITEM_OF_VARIABLE.match(text) or _PATTERN_PIECE.search(text):
        return True
    if _PATTERN_SYNTAX.search(text) or _FINGERPRINT_TAG.search(text):
        return True
    if _FIELD_CONDITION.match(text):
        return True
    return bool(_PATH.search(text) or _WORDS.match(text) or _REGEX.match(text))


def is_random_bytes(text: str) -> bool:
    """Random bytes written as a string (`'\\xfd{H\\xe5<\\x95...'`, what printing
    `os.urandom(24)` gave, as Flask's docs once showed): a third of the characters or more
    are control characters or Latin-1's upper half, among which a byte 0xA0 reads as a
    non-breaking space. Prose with a non-breaking space or accents has far fewer."""
    odd = sum(1 for c in text if c < " " or "\x7f" <= c <= "\xff")
    return len(text) >= 12 and odd * 3 >= len(text)


def looks_like_secret(value: str, kind: str) -> bool:
    """Whether a literal of a credential-named target looks like a working credential.

    Passwords need 6 characters of two kinds (`hunter2`); keys, tokens and secrets 12
    characters of two kinds with some randomness (2.8 bits per character and more). A
    JSON object or array is judged by its members (see `_holds_secret`).
    """
    text = value.strip()
    document = _json_document(text)
    if document is not None:
        return _holds_secret(document, kind)
    if is_placeholder(value) or is_plainly_not_secret(value):
        return False
    labelled = _LABELLED.match(text)
    if labelled is not None:
        return looks_like_secret(labelled["body"], kind)
    if kind == "a password":
        return len(text) >= 6 and _classes(text) >= 2 and not _ONE_WORD_SENTENCE.match(text)
    if kind == "a license key" and _license_identifier(text):
        return False
    if (
        text.lower() in _AUTH_HEADER_WORDS
        or (_capitalised_words(text) and kind not in _SIGNING_KINDS)
        or _NUMBERED_WORDS.match(text)
    ):
        return False
    return len(text) >= 12 and _classes(text) >= 2 and entropy(text) >= 2.8


def _json_document(text: str) -> object:
    """The object or array a value holds as JSON text (`{"hashIterations": 5, ...}`, a
    Keycloak realm export's `credentialData`), or as a Python literal with quotes of
    either kind (`{'username': 'admin', 'password': 'secret', 'port': 5432}`, the record
    of a secret store written out for a test run, which the app reads after swapping its
    quotes), None for any other value."""
    if (text[:1], text[-1:]) not in (("{", "}"), ("[", "]")):
        return None
    try:
        document = json.loads(text)
    except ValueError:
        try:  # NOTE: as a JSON file's string writes it, its quotes escaped (`{\"a\": 1}`)
            document = json.loads(json.loads(f'"{text}"'))
        except ValueError:
            document = _python_literal(text)
    return document if isinstance(document, dict | list) else None


_MAX_LITERAL = 4096


def _python_literal(text: str) -> object:
    """The value of a Python literal written with single quotes (`ast.literal_eval`
    builds containers and constants only, never calls anything); None for any other text."""
    if "'" not in text or len(text) > _MAX_LITERAL:
        return None
    try:
        return ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _holds_secret(document: object, kind: str) -> bool:
    """Whether a JSON document set under a credential's name holds one: a member whose
    own key names a credential and whose value looks like one, or an item of an array
    that does (judged as the name it is set under says). A document's other members
    (an algorithm's name and parameters, counts, flags) are data about a credential."""
    if isinstance(document, dict):
        for key, member in document.items():
            named = credential_kind(str(key))
            if isinstance(member, str):
                if named is not None and looks_like_secret(member, named):
                    return True
            elif _holds_secret(member, named or kind):
                return True
        return False
    if isinstance(document, list):
        return any(
            looks_like_secret(item, kind) if isinstance(item, str) else _holds_secret(item, kind)
            for item in document
        )
    return False


_LICENSE_WORD = r"(?:[a-z]+|[A-Z]+|(?:[A-Z][a-z]+)+)\d*"
_LICENSE_VERSION = r"\d{1,2}(?:\.\d+)*"
_LICENSE_PART = re.compile(rf"^(?:{_LICENSE_WORD}|{_LICENSE_VERSION})\+?$")
_CAPITALS = re.compile(r"^[A-Z]+\d*\+?$")


def _license_identifier(text: str) -> bool:
    """`BSD-3-Clause`, `GPL-2.0-only`, `LicenseRef-Apache-2.0`, ScanCode's `apache-2.0`: the
    key of a license in a catalogue (SPDX's or ScanCode's `license_key`), words and version
    numbers joined by `-`, which names a license. Not a product's activation key, whose
    groups mix letters and digits (`7HJ2K-9PQ3M`), run on in capitals (`XKQPL-MNVRT`) or
    in long numbers (`ABCDE-12345`)."""
    parts = text.split("-")
    return (
        len(parts) >= 2
        and all(_LICENSE_PART.match(part) for part in parts)
        and not all(_CAPITALS.match(part) for part in parts)
    )


_LABELLED = re.compile(r"^[A-Z][A-Za-z]+\[(?P<body>[^\[\]]+)\]$")
"""A token format that wraps its random part in a label (Expo's push tokens,
`ExponentPushToken[...]`): the part in brackets is the token, judged alone, so that
`ExponentPushToken[old_token]` in a test is the stand-in its words say it is."""
_NUMBERED_WORDS = re.compile(
    r"^[a-z]{2,}\d*(?:_[a-z]{2,}\d*)+$"  # fido2_credential
    r"|^[a-z]{2,}(?:-[a-z]{2,})*-\d{1,4}$"  # not-found-123
)
"""`fido2_credential`, `oauth2_token`, `sha256_hmac`: small words joined by `_`, some
ending in a number, which is how keys of a dict are named; or words joined by `-` and
ended by a short number (`not-found-123`, `long-exp-123`), which is how a test names the
made-up token of each case; a key or token of random characters would mix in a capital
or a digit inside a word. Not applied to passwords (`admin_pass1`, `hunter-22`)."""
_CAPITALISED_WORDS = re.compile(
    r"^(?:[A-Z][a-z]+|(?P<acronym>[A-Z]{2,5})(?=[A-Z][a-z]))(?:[A-Z][a-z]+){2,}$"
)


_SIGNING_KINDS = frozenset({"a secret key", "a signing key"})
"""Keys the app signs its own cookies and tokens with, which a developer often makes up
as a passphrase (`SparkleAndShine`, given as the fallback of a Flask `SECRET_KEY`):
capitalised words are judged as for a password."""


def _capitalised_words(text: str) -> bool:
    """`LinOtpTokenSerialnumber`, `LinOtpIdResClass`: a class or column name, three
    capitalised words or more (the first may be an acronym: `APIAdminPassword`, a
    sample configuration's slot), twice as many small letters as capitals. Random letters
    seldom fall so (`XkQpLmNvRtYw` has a capital every other letter); a password may well
    (`HelloWorldAgain`), so passwords are still judged, and so are the keys an app signs
    with (`_SIGNING_KINDS`)."""
    match = _CAPITALISED_WORDS.match(text)
    if match is None:
        return False
    acronym = match["acronym"] or ""
    words = text[len(acronym) :]
    capitals = sum(c.isupper() for c in words) + bool(acronym)
    return len(words) - capitals >= 2 * capitals


_AUTH_HEADER_WORDS = frozenset({"authorization", "authentication", "authenticate"})
"""The header a credential travels in (`auth_keys = ["Authorization", ...]`, the headers a
token is looked for in): its name, capitalised as HTTP writes it, is no key."""


_NOT_PASSWORD_WORDS = frozenset(
    {"token", "reset", "code", "link", "url", "email", "policy", "salt"}
)


def is_password_name(name: str) -> bool:
    """Whether a name holds a password itself (`password`, `raw_pwd`, `new_password`), not
    something about one (`password_reset_token`, `password_hash`, `PASSWORD_MIN_LENGTH`)."""
    if credential_kind(name) != "a password":
        return False
    return not _NOT_PASSWORD_WORDS.intersection(identifier_words(name))


_SETTING_WORD = re.compile(r"^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$")
_NO_VALUE_WORDS = _BOOLEAN | frozenset(
    {"nil", "undefined", "empty", "unset", "blank", "disabled", "auto"}
    | {"nopass", "nopassword", "anonymous", "not-set", "not_set"}
)
"""Words saying there is no credential (`"none"`, `"disabled"`) or a switch's value
(`"true"`): as no default at all."""


def is_setting_word(value: str) -> bool:
    """Whether `value` is a plain word of small letters and digits, maybe joined by `_` or
    `-` (`ralph_ng`, `redispass`, `shop-cache`), that may be the password or key a
    framework's credential-named setting falls back to. Not names of other kinds (an
    environment variable's, `HTTP_X_TOKEN`; a header's, `X-Api-Key`; a dotted path, a
    camelCase field), nor a word saying there is none (`none`, `disabled`)."""
    text = value.strip()
    return bool(_SETTING_WORD.match(text)) and text not in _NO_VALUE_WORDS


def plainly_not_secret_default(value: str) -> bool:
    """A default that is no credential at all (a number, a path, words), placeholders and
    values standing in for a secret (`names_stand_in`) aside."""
    return is_plainly_not_secret(value) and not is_placeholder(value) and not names_stand_in(value)
