"""Secrets in configuration-like text files, shared by the text-file secret rules."""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from webwarden.analysis.secrets import (
    credential_kind,
    find_credential_urls,
    find_tokens,
    looks_like_secret,
    mask,
    may_name_credential,
)
from webwarden.model.module import TextFile, identifier_words
from webwarden.model.secrets.snippets import mask_known
from webwarden.parse.keyvalues import (
    Entry,
    YamlProblem,
    assignment_entries,
    dotenv_entries,
    ini_entries,
    json_entries,
    yaml_documents,
    yaml_entries,
)
from webwarden.parse.shell_words import joined_rest

DATABASE_URL_KIND = "a database URL with a password"
BASIC_LOGIN_KIND = "a basic-auth login"


@dataclass(frozen=True, slots=True)
class TextSecret:
    """A secret in a text file: its kind, where it is and how it is shown."""

    kind: str
    key: str
    """The key it is set under (`POSTGRES_PASSWORD`), or "" for a bare token."""
    line: int
    start: int
    end: int
    masked: str
    named: bool = False
    """Found by its key's name (rather than by its format)."""


_NEWLINE = re.compile("\n")


class _Positions:
    """Offsets in a text -> (1-based line, 0-based column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def __call__(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            # NOTE: built on the first secret found: most texts (data files, reports) have none.
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index]


def _key_at(entries: Sequence[Entry], line: int, column: int) -> str:
    """The key of the entry whose value holds the column (a token set under a name)."""
    for entry in entries:
        if entry.line == line and entry.start <= column <= max(entry.end, entry.start):
            return entry.key
    return ""


_QUERY_PARAMETER = re.compile(r"[?&;][ \t]*(?P<name>[A-Za-z_][\w.-]*)=$")
"""The parameter of a query string or form body a value starts right after
(`grant_type=...&assertion=`), or the cookie of a `Cookie` header
(`AUTH_SESSION_ID=...; KEYCLOAK_IDENTITY=`)."""
_COOKIE_NAME = re.compile(r"(?<![\w$])(?P<name>[A-Za-z_][\w.-]*)=$")


Entries = Sequence[Entry] | Callable[[], Sequence[Entry]]
"""A file's entries, or how to read them when they are needed (a large data file whose
structure no secret needs is never parsed)."""


class _Entries:
    """`Entries` read on first use."""

    def __init__(self, entries: Entries) -> None:
        self._given = entries
        self._read: Sequence[Entry] | None = None

    def __call__(self) -> Sequence[Entry]:
        if self._read is None:
            given = self._given
            self._read = given() if callable(given) else given
        return self._read


def find_text_secrets(text: str, given: Entries) -> list[TextSecret]:
    """Credential formats and URL passwords anywhere in `text` (a URL once, by the token
    that is its password if it is one), then entries whose key
    names a credential and whose value looks like one. A token that is the value of a
    parameter in a query string or form body (an HTTP cassette's `body:
    grant_type=...&assertion=eyJ...`) is set under that parameter, not under the entry
    holding the whole string. A token that is the value of a cookie the server set (see
    `_issued_cookies`) is no secret of the project's."""
    position = _Positions(text)
    entries = _Entries(given)
    found: list[TextSecret] = []
    issued = _issued_cookies(text)
    for token in find_tokens(text):
        if issued and _issued_value(text, token.start, token.value, issued):
            continue
        line, column = position(token.start)
        end = column + token.end - token.start
        parameter = _QUERY_PARAMETER.search(text, max(0, token.start - 100), token.start)
        key = parameter["name"] if parameter else _key_at(entries(), line, column)
        found.append(TextSecret(token.kind, key, line, column, end, mask(token.value)))
    for start, stop, value in _basic_logins(text):
        line, column = position(start)
        key = _key_at(entries(), line, column)
        found.append(
            TextSecret(BASIC_LOGIN_KIND, key, line, column, column + stop - start, mask(value))
        )
    tokens = [(s.line, s.start) for s in found]
    for url in find_credential_urls(text):
        line, column = position(url.start)
        end = column + url.end - url.start
        if any(t_line == line and column <= t_start < end for t_line, t_start in tokens):
            continue  # NOTE: `https://user:ghp_...@github.com`: the token says more
        kind = DATABASE_URL_KIND if url.is_database else "a URL with a password"
        key = _key_at(entries(), line, column)
        found.append(TextSecret(kind, key, line, column, end, url.masked))
    taken = [(s.line, s.start, s.end) for s in found]
    named_entries = entries() if may_name_credential(text) else ()
    for entry in named_entries:
        named = credential_kind(entry.key)
        if named is None or not looks_like_secret(entry.value, named):
            continue
        if any(
            line == entry.line and start < entry.end and entry.start < end
            for line, start, end in taken
        ):
            continue
        masked = mask(entry.value)
        found.append(TextSecret(named, entry.key, entry.line, entry.start, entry.end, masked, True))
        taken.append((entry.line, entry.start, max(entry.end, entry.start + 1)))
    return sorted(found, key=lambda s: (s.line, s.start))


_BASIC_CREDENTIALS = re.compile(r"(?<![\w-])Basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![\w+/=-])")
"""The credentials of an `Authorization: Basic ...` header: `user:password` in base64."""


def _basic_logins(text: str) -> Iterator[tuple[int, int, str]]:
    """The span and value of each basic-auth credentials in `text` whose password looks like a working one
    (not the documentation's `username:password`): base64 is an encoding, and anyone
    reading the header reads the login."""
    if "Basic" not in text:
        return  # NOTE: most files, tested at C speed
    for match in _BASIC_CREDENTIALS.finditer(text):
        try:
            pair = base64.b64decode(match[1], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            continue
        user, colon, password = pair.partition(":")
        if colon and user.isprintable() and looks_like_secret(password, "a password"):
            yield match.start(1), match.end(1), match[1]


def _issued_value(text: str, start: int, value: str, issued: frozenset[tuple[str, str]]) -> bool:
    """Whether the token at `start` is the value of a cookie the server set."""
    cookie = _COOKIE_NAME.search(text, max(0, start - 100), start)
    return cookie is not None and (cookie["name"], value) in issued


def describe(secret: TextSecret) -> str:
    """`` `POSTGRES_PASSWORD` holds a password`` or `A GitHub token is written here`."""
    if secret.key:
        return f"`{secret.key}` holds {secret.kind}"
    return f"{secret.kind[0].upper()}{secret.kind[1:]} is written here"


def masked_lines(
    file: TextFile, secrets: Sequence[TextSecret], shell: bool = False
) -> dict[int, str]:
    """Each line holding a secret, with every secret on it masked; in a shell script
    (`shell`), also the quoted parts the shell joins to it in one word
    (`'s#^PASSWORD=.*#PASSWORD='"literal"'#'`), which may be the secret itself."""
    by_line: dict[int, list[TextSecret]] = {}
    for secret in secrets:
        by_line.setdefault(secret.line, []).append(secret)
    lines = {}
    for number, on_line in by_line.items():
        text = file.lines[number - 1] if number <= len(file.lines) else ""
        for secret in sorted(on_line, key=lambda s: s.start, reverse=True):
            end = max(secret.end, secret.start)
            joined = joined_rest(text, end) if shell else end
            rest = "****" if joined > end else ""
            text = text[: secret.start] + secret.masked + rest + text[joined:]
        lines[number] = mask_known(text)
    return lines


def secrets_with_snippets(
    file: TextFile, entries: Entries, shell: bool = False
) -> Iterator[tuple[TextSecret, str]]:
    """Every secret of `file` with its masked source line (see `masked_lines`)."""
    secrets = find_text_secrets(file.text, entries)
    lines = masked_lines(file, secrets, shell)
    for secret in secrets:
        yield secret, lines[secret.line]


def config_entries(file: TextFile) -> list[Entry]:
    """The key/value entries of a configuration-like file, by its name, plus the
    `KEY=value` words anywhere in it (`env = API_TOKEN=...` in uwsgi.ini), but for the
    cookies a server set (see `_issued_cookies`) and a systemd service's credentials
    named by where they are read from (`_CREDENTIAL_REFERENCES`)."""
    entries = [_fallback(e) for e in (*_structured_entries(file), *assignment_entries(file.text))]
    if _SERVICE_SECTION.search(file.text):
        entries = [e for e in entries if e.key not in _CREDENTIAL_REFERENCES]
    issued = _issued_cookies(file.text)
    if not issued:
        return entries
    return [e for e in entries if (e.key, e.value.rstrip(";")) not in issued]


FALLBACK = re.compile(
    r"\$\{(?P<name>[A-Za-z_]\w*):?-(?P<default>[^${}]+)\}"
    r"|\{env:(?P<tox_name>[A-Za-z_]\w*):(?P<tox_default>[^${}]+)\}"
)
"""A variable with a default (`${SECRET_KEY:-...}`, `${TOKEN-...}`), as Compose and shells
fill it in, or as tox does (`{env:SECRET_KEY:...}`): the default is the value whenever
the variable is unset."""


def _fallback(entry: Entry) -> Entry:
    """The entry with the default its value falls back to when it is a variable with one
    (`SECRET_KEY: ${SECRET_KEY:-...}`), judged as if written there: it is what runs
    whenever the deployment does not set the variable."""
    match = FALLBACK.fullmatch(entry.value)
    if match is None:
        return entry
    default = match["default"] or match["tox_default"]
    end = entry.end - 1 if entry.end - entry.start >= len(entry.value) else entry.end
    return Entry(entry.key, default, entry.line, max(entry.start, end - len(default)), end)


_SERVICE_SECTION = re.compile(r"^\[Service\][ \t]*$", re.MULTILINE)
_CREDENTIAL_REFERENCES = frozenset(
    {"LoadCredential", "LoadCredentialEncrypted", "ImportCredential"}
)
"""systemd's directives that name a credential (`LoadCredential=ID:PATH`, the file to
read it from; `ImportCredential=GLOB`) in a unit's `[Service]` section, or drop-in's:
no value (`SetCredential=ID:VALUE` writes one, and is still read)."""

_SET_COOKIE = re.compile(
    r"(?<![\w$])(?P<name>[A-Za-z_][\w.-]*)=(?P<value>[^;\s\"']+);\s*"
    r"(?i:path|domain|expires|max-age|secure|httponly|samesite|version|comment|partitioned)\b"
)
"""A cookie as a `Set-Cookie` header sets it: `name=value; Path=/; HttpOnly`, also with
RFC 2109's attributes first (`name=value; Version=1; Path=/`, as Keycloak writes them)."""


def _issued_cookies(text: str) -> frozenset[tuple[str, str]]:
    """The cookies a server set in the text (`Set-Cookie: github_secret=...; path=/;
    secure`, as an HTTP cassette records it), also found where the client sends them
    back (`Cookie: github_secret=...`): a session or a nonce the server made for the
    recording client, no credential the project configures."""
    if "ookie" not in text:
        return frozenset()  # NOTE: no `Set-Cookie` header: most files, tested at C speed
    return frozenset((m["name"], m["value"]) for m in _SET_COOKIE.finditer(text))


def _structured_entries(file: TextFile) -> list[Entry]:
    name = file.relpath.rsplit("/", 1)[-1]
    if name.endswith((".yaml", ".yml", ".config")):
        try:
            return list(yaml_entries(yaml_documents(file.text)))
        except YamlProblem:
            return list(ini_entries(file.text))
    if name.endswith(".json"):
        return list(json_entries(file.text))
    if name == ".flaskenv":
        return list(dotenv_entries(file.text))
    if name in {"Procfile", "Dockerfile"} or name.endswith(".dockerfile"):
        return []
    return list(ini_entries(file.text))


_APP_WORDS = frozenset({"django", "flask", "app", "application"})


_SIGNED_WORDS = frozenset({"nonce", "hmac", "signing", "jwt", "session", "cookie", "csrf"})
"""Words naming what an app signs with a secret of its own (`NONCE_SECRET`, `JWT_SECRET`,
`SESSION_SECRET`), which name no other service."""
_SIGNED_NAMES = _SIGNED_WORDS | {"secret", "key"}


def app_signing_key(key: str) -> bool:
    """The app's own signing key (`SECRET_KEY`, `DJANGO_SECRET_KEY`), or a secret named
    only for what the app signs with it (`NONCE_SECRET`, `JWT_SECRET_KEY`): given to a
    test run, it signs that run's sessions, tokens or nonces only (not `AWS_SECRET_KEY`
    or `SLACK_SIGNING_SECRET`, another service's), and run in development, the sessions
    of a developer's server only."""
    words = set(identifier_words(key)) - _APP_WORDS
    if words == {"secret", "key"}:
        return True
    return "secret" in words and bool(words & _SIGNED_WORDS) and words <= _SIGNED_NAMES
