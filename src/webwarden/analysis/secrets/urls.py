"""URLs that carry a password: `postgresql://shop:s3cret@db.internal/shop`."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.analysis.secrets.mask import MASK
from webwarden.analysis.secrets.values import credential_kind, is_placeholder
from webwarden.model.module import PASSWORD_WORDS

DATABASE_SCHEMES = frozenset(
    {
        "postgres",
        "postgresql",
        "pgsql",
        "psql",
        "cockroachdb",
        "cockroach",
        "postgis",
        "timescale",
        "timescalegis",
        "redshift",
        "mysql",
        "mysql2",
        "mysqlgis",
        "mariadb",
        "mssql",
        "sqlserver",
        "oracle",
        "oraclegis",
        "db2",
        "mongodb",
        "mongodb+srv",
        "redis",
        "rediss",
        "valkey",
        "amqp",
        "amqps",
        "clickhouse",
        "couchdb",
        "cassandra",
        "neo4j",
        "bolt",
        "snowflake",
    }
)
"""Databases, caches and brokers (`postgresql+psycopg2` counts as `postgresql`), with the
spatial and vendor schemes dj-database-url and django-environ read (`postgis://`)."""

_AFTER_SCHEME = re.compile(
    r"(?P<user>[^\s:/?#@'\"`|\\\[\]{}<>]*):(?P<password>[^\s@'\"`]+)"
    r"@(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s/:'\"`?#,]*)"
)
"""What follows `scheme://` in a URL with a password: `user:password@host`. A user name
holds no `|`, `\\`, brackets or braces (RFC 3986 allows none of them raw): after
`file://|javascript:` in a regex that finds URLs, there is no user. Nor a `?` or `#`,
which end the authority: after `ftps://)(?:` in such a regex, nothing is a user either."""
_PORT_THEN_PATH = re.compile(r"\d{1,5}[/?#]")
"""How a port and the path after it start, which no login's password does: in
`http://lms:18000/asset-v1:org+type@asset+block@logo.jpg` the "user" is the host and
each `@` is the path's (RFC 3986 allows `@` in a path), not the end of a login."""
_SCHEME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LONGEST_SCHEME = 64
_TAIL = re.compile(r"[^\s'\"`]*")
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "", "host.docker.internal"})


@dataclass(frozen=True, slots=True)
class CredentialUrl:
    """A URL with a password in it, found in a text."""

    scheme: str
    host: str
    password_start: int
    password_end: int
    start: int
    end: int
    masked: str
    """The URL with its password replaced by `****`."""
    default_login: bool = False
    """The password is the account's own name (`amqp://guest:guest@`,
    `postgres://postgres:postgres@`): the login a server ships with, no secret."""

    @property
    def is_database(self) -> bool:
        """A database, cache or broker URL (rather than HTTP, FTP, SMTP, ...)."""
        return base_scheme(self.scheme) in DATABASE_SCHEMES

    @property
    def is_local(self) -> bool:
        """Whether the host is this machine."""
        return is_local_host(self.host)


def base_scheme(scheme: str) -> str:
    """`postgresql+psycopg2` -> `postgresql` (but `mongodb+srv` stays)."""
    lowered = scheme.lower()
    return lowered if lowered == "mongodb+srv" else lowered.split("+", 1)[0]


_DEFAULT_PORTS = {
    **dict.fromkeys(
        ("postgres", "postgresql", "pgsql", "psql", "postgis", "timescale", "timescalegis"), 5432
    ),
    **dict.fromkeys(("mysql", "mysql2", "mysqlgis", "mariadb"), 3306),
    **dict.fromkeys(("mssql", "sqlserver"), 1433),
    **dict.fromkeys(("oracle", "oraclegis"), 1521),
    **dict.fromkeys(("cockroachdb", "cockroach"), 26257),
    **dict.fromkeys(("redis", "rediss", "valkey"), 6379),
    **dict.fromkeys(("neo4j", "bolt"), 7687),
    "mongodb": 27017,
    "amqp": 5672,
    "amqps": 5671,
    "couchdb": 5984,
    "cassandra": 9042,
}
"""The port a client of each database scheme connects to when its URL names none.
`mongodb+srv` has none: DNS gives the hosts and their ports."""


def default_port(scheme: str) -> int | None:
    """The port a URL of `scheme` with no port of its own reaches (`postgresql+psycopg2`
    -> 5432), None when the scheme has no well-known one."""
    return _DEFAULT_PORTS.get(base_scheme(scheme))


def is_local_host(host: str) -> bool:
    """`localhost`, `127.0.0.1`, `::1`, a Unix socket directory: this machine."""
    name = host.strip("[]").lower()
    if name in _LOCAL_NAMES or name.startswith("/"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


_DEVELOPMENT_SUFFIXES = (".localhost", ".local", ".test")
"""Names no public DNS resolves (RFC 6761, and mDNS's `.local`): hosts a developer's
machine or its compose network names."""


_URL_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/@\s]*@)?(\[[^\]]*\]|[^/:?#\s]*)", re.IGNORECASE)


def url_host(text: str) -> str | None:
    """The host of an absolute URL written at the start of `text` (past any login,
    `http://user@keycloak.test:8080/`), brackets kept on an IPv6 address; None when
    `text` starts with no scheme."""
    match = _URL_HOST.match(text)
    return match[1] if match is not None else None


def is_development_host(host: str) -> bool:
    """This machine (see `is_local_host`), or a name only a developer's machine or its
    compose network resolves (`keycloak.test`, `app.odl.local`)."""
    name = host.lower().rstrip(".")
    return is_local_host(name) or name.endswith(_DEVELOPMENT_SUFFIXES)


def _anonymous(user: str) -> bool:
    """The anonymous login (`ftp://anonymous:guest@...`, RFC 1635): anyone may use it, and
    its password is by custom the user's e-mail address, not a secret."""
    return user.lower() == "anonymous"


_DSN_KEY = re.compile(r"[0-9a-f]{32}")
_DSN_PATH = re.compile(r"(?:/[\w.~-]+)*/\d+/?")


def _sentry_dsn(scheme: str, user: str, password: str, tail: re.Match[str] | None) -> bool:
    """A Sentry DSN of the legacy form, `https://<public key>:<secret key>@host/<project
    id>` (two keys of 32 hex digits, a path ending in the project's number): Sentry
    documents DSNs as safe to make public, since they only let one submit events, and the
    secret part as deprecated and no longer needed; it reads nothing and logs no one in."""
    return (
        scheme.lower() in {"http", "https"}
        and _DSN_KEY.fullmatch(user) is not None
        and _DSN_KEY.fullmatch(password) is not None
        and tail is not None
        and _DSN_PATH.fullmatch(tail.group()) is not None
    )


_LABEL = re.compile(r"^[a-z]+(?:[_-][a-z]+)+$")
"""Lower-case words joined by `_` or `-`, no digits: `auth_key`, `db-password`."""


_SLOT_WORDS = PASSWORD_WORDS | {"pw"}
"""A password's slot written as its name or the usual short of it (`user:pw@host`, the
format line of a script's comment; `user:pwd@`, `user:passwd@`)."""


_WHICH_PASSWORD = re.compile(r"(?:new|old|wrong|bad|other|current)[-_]?(?P<slot>[a-z]+)")
"""A slot's name with the word that says which of an account's passwords goes there
(`user:newpass@`, `user:old_password@`, `user:wrongpwd@`): a password change test's
logins, stand-ins as the bare `user:pass@` is."""


def _real_password(password: str) -> bool:
    """Not a stand-in: `changeme`, `${DB_PASSWORD}`, or words naming the credential that
    goes there (`mongodb://user:auth_key@host`, `redis://:db_password@host`,
    `postgresql://user:pw@host:5432/db`, `smtp://user:newpass@host`), as a sample
    configuration or a test writes its slots."""
    if password.startswith(("$", "{", "<", "%(")) or password.lower() in _SLOT_WORDS:
        return False
    which = _WHICH_PASSWORD.fullmatch(password.lower())
    if which is not None and which["slot"] in _SLOT_WORDS:
        return False
    if _LABEL.match(password) and credential_kind(password) is not None:
        return False
    return not is_placeholder(password)


def local_credential_url(text: str) -> bool:
    """Whether a URL with a password in `text` (masked or not) leads to this machine
    (`postgres://jdoe:****@localhost/mydb`): a developer's own database."""
    return any(url.is_local for url in find_credential_urls(text, placeholders=True))


def find_credential_urls(text: str, *, placeholders: bool = False) -> Iterator[CredentialUrl]:
    """Every URL in `text` whose password is written out (not `${DB_PASSWORD}`); with
    `placeholders`, also those whose password is a placeholder (`changeme`), for masking.

    NOTE: found from each `://`, its scheme read backwards: a pattern starting with the
    scheme would try every letter of a long run of letters and digits (a base64 blob in
    a scan report) and read the run to its end each time, quadratic in its length."""
    position = 0
    while (separator := text.find("://", position)) != -1:
        start = _scheme_start(text, separator, position)
        match = _AFTER_SCHEME.match(text, separator + 3) if start is not None else None
        if start is None or match is None:
            position = separator + 1
            continue
        position = match.end()
        found = _credential_url(text, start, separator, match, placeholders)
        if found is not None:
            yield found


def _scheme_start(text: str, separator: int, floor: int) -> int | None:
    """Where the scheme before the `://` at `separator` starts: the first letter of the
    run of scheme characters before it (not before `floor`, the end of the last URL)."""
    start = separator
    lowest = max(floor, separator - _LONGEST_SCHEME)
    while start > lowest and text[start - 1] in _SCHEME:
        start -= 1
    while start < separator and text[start] not in _LETTERS:
        start += 1
    return start if start < separator else None


def _credential_url(
    text: str, start: int, separator: int, match: re.Match[str], placeholders: bool
) -> CredentialUrl | None:
    password = match.group("password")
    if password.startswith(("$", "{", "<", "%(")) or _anonymous(match.group("user")):
        return None
    if _PORT_THEN_PATH.match(password):
        return None
    if not placeholders and not _real_password(password):
        return None
    password_start, password_end = match.span("password")
    tail = _TAIL.match(text, match.end())
    scheme = text[start:separator]
    if not placeholders and _sentry_dsn(scheme, match.group("user"), password, tail):
        return None
    end = tail.end() if tail else match.end()
    masked = text[start:password_start] + MASK + text[password_end:end]
    return CredentialUrl(
        scheme,
        match.group("host"),
        password_start,
        password_end,
        start,
        end,
        masked,
        default_login=password.lower() == match.group("user").lower(),
    )
