"""URLs that carry a password: `postgresql://shop:s3cret@db.internal/shop`."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.analysis.secrets.mask import MASK
from webwarden.analysis.secrets.values import is_placeholder

DATABASE_SCHEMES = frozenset(
    {
        "postgres",
        "postgresql",
        "pgsql",
        "psql",
        "cockroachdb",
        "mysql",
        "mariadb",
        "mssql",
        "sqlserver",
        "oracle",
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
"""Databases, caches and brokers (`postgresql+psycopg2` counts as `postgresql`)."""

_URL = re.compile(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?P<user>[^\s:/@'\"`]*):(?P<password>[^\s@'\"`]+)"
    r"@(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s/:'\"`?#,]*)"
)
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


def is_local_host(host: str) -> bool:
    """`localhost`, `127.0.0.1`, `::1`, a Unix socket directory: this machine."""
    name = host.strip("[]").lower()
    if name in _LOCAL_NAMES or name.startswith("/"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _real_password(password: str) -> bool:
    if password.startswith(("$", "{", "<", "%(")) or password.lower() in {"password", "pass"}:
        return False
    return not is_placeholder(password)


def find_credential_urls(text: str, *, placeholders: bool = False) -> Iterator[CredentialUrl]:
    """Every URL in `text` whose password is written out (not `${DB_PASSWORD}`); with
    `placeholders`, also those whose password is a placeholder (`changeme`), for masking."""
    if "://" not in text:
        return
    for match in _URL.finditer(text):
        password = match.group("password")
        if password.startswith(("$", "{", "<", "%(")):
            continue
        if not placeholders and not _real_password(password):
            continue
        start, end = match.span("password")
        whole = match.group(0)
        offset = start - match.start()
        masked = whole[:offset] + MASK + whole[offset + len(password) :]
        rest = text[match.end() :]
        tail = re.match(r"[^\s'\"`]*", rest)
        masked += tail.group(0) if tail else ""
        yield CredentialUrl(
            match.group("scheme"),
            match.group("host"),
            start,
            end,
            match.start(),
            match.end() + (len(tail.group(0)) if tail else 0),
            masked,
        )
