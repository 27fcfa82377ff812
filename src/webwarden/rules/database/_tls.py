"""How a database connection asks for TLS: URLs, DSN strings, driver keywords, Django."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qs, urlsplit

from webwarden.analysis.secrets import is_local_host
from webwarden.analysis.secrets.urls import base_scheme

WEAK_SSLMODES = frozenset({"disable", "allow", "prefer"})
POSTGRES_SCHEMES = frozenset({"postgres", "postgresql", "pgsql", "cockroachdb"})
MYSQL_SCHEMES = frozenset({"mysql", "mariadb"})
POSTGRES_DRIVERS = frozenset(
    {"psycopg2.connect", "psycopg.connect", "psycopg.AsyncConnection.connect"}
    | {"aiopg.connect", "aiopg.create_pool", "asyncpg.connect", "asyncpg.create_pool"}
)
MYSQL_DRIVERS = frozenset(
    {"pymysql.connect", "MySQLdb.connect", "MySQLdb.Connect", "mysql.connector.connect"}
    | {"mariadb.connect", "aiomysql.connect", "aiomysql.create_pool"}
)
MYSQL_TLS_KEYWORDS = frozenset(
    {"ssl", "ssl_ca", "ssl_cert", "ssl_key", "ssl_mode", "ssl_disabled", "ssl_verify_cert"}
    | {"ssl_verify_identity", "tls_versions", "ssl_context", "client_flag", "read_default_file"}
)
_DSN_FIELD = re.compile(r"(?:^|\s)(host|sslmode)\s*=\s*'?([^\s']*)")


def is_remote(host: str) -> bool:
    """A host on another machine: a domain name or a non-loopback address.

    Single-label names (`db`, `postgres`) are service names on a container or cluster
    network and are not judged; nor is the unspecified address `0.0.0.0`, which a
    client reaches this machine by.
    """
    name = host.strip("[]").split(",")[0].rsplit(":", 1)[0] if host else ""
    if not name or is_local_host(name):
        return False
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return "." in name
    # NOTE: a client given the unspecified address (`0.0.0.0`, a server's "listen on
    # every interface" copied into the client's settings) connects to this machine.
    return not address.is_unspecified


def weak_sslmode(value: object) -> str | None:
    """`sslmode=disable` -> "disable"; None for a strong or unknown mode."""
    if isinstance(value, str) and value.lower() in WEAK_SSLMODES:
        return value.lower()
    return None


def url_problem(text: str) -> str | None:
    """What a connection URL says about TLS to a remote host, if it turns TLS off."""
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        return None
    scheme = base_scheme(parts.scheme)
    query = {k.lower(): v[-1].lower() for k, v in parse_qs(parts.query).items()}
    if not is_remote(host):
        return None
    if scheme in POSTGRES_SCHEMES and (mode := weak_sslmode(query.get("sslmode"))):
        return f"`sslmode={mode}`"
    if scheme in MYSQL_SCHEMES:
        if query.get("ssl_disabled") in {"true", "1"}:
            return "`ssl_disabled=true`"
        if query.get("ssl-mode", query.get("ssl_mode")) == "disabled":
            return "`ssl-mode=DISABLED`"
    if scheme.startswith("mongodb") and "false" in {query.get("tls"), query.get("ssl")}:
        return "`tls=false`"
    return None


def dsn_problem(text: str) -> str | None:
    """`"host=db.example.com sslmode=disable"` (libpq key/value form)."""
    fields = dict(_DSN_FIELD.findall(text))
    mode = weak_sslmode(fields.get("sslmode"))
    if mode and is_remote(fields.get("host", "")):
        return f"`sslmode={mode}`"
    return None


DATABASE_KEYS = frozenset({"ENGINE", "HOST", "OPTIONS"})
"""The keys of a Django `DATABASES` entry that `django_database_problem` reads."""


def django_database_problem(entry: dict[str, object]) -> tuple[str, bool] | None:
    """What a Django `DATABASES` entry with a remote `HOST` says about TLS, and whether it
    says so explicitly (False: the driver's default applies)."""
    engine, host = entry.get("ENGINE"), entry.get("HOST")
    if not isinstance(engine, str) or not isinstance(host, str) or not is_remote(host):
        return None
    options = entry.get("OPTIONS", {})
    if not isinstance(options, dict):
        return None
    if "postgres" in engine:
        if "sslmode" not in options:
            return "no `sslmode`: libpq's default is `prefer`", False
        weak = weak_sslmode(options["sslmode"])
        return (f"`sslmode` is `{weak}`", True) if weak else None
    if "mysql" in engine and "ssl" not in options and "ssl_mode" not in options:
        return "no `ssl` option", False
    return None
