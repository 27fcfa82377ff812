"""Database drivers and clients that take credentials as arguments."""

from __future__ import annotations

import re
from collections.abc import Iterator

DRIVERS: dict[str, str] = {
    # libpq-style drivers also take a "key=value" DSN string first.
    "psycopg2.connect": "dsn",
    "psycopg2.pool.SimpleConnectionPool": "keywords",
    "psycopg2.pool.ThreadedConnectionPool": "keywords",
    "psycopg.connect": "dsn",
    "psycopg.Connection.connect": "dsn",
    "psycopg.AsyncConnection.connect": "dsn",
    "psycopg_pool.ConnectionPool": "dsn",
    "aiopg.connect": "dsn",
    "aiopg.create_pool": "dsn",
    "asyncpg.connect": "dsn",
    "asyncpg.create_pool": "dsn",
    "pymysql.connect": "keywords",
    "pymysql.connections.Connection": "keywords",
    "MySQLdb.connect": "keywords",
    "MySQLdb.Connect": "keywords",
    "MySQLdb.connections.Connection": "keywords",
    "mysql.connector.connect": "keywords",
    "mariadb.connect": "keywords",
    "aiomysql.connect": "keywords",
    "aiomysql.create_pool": "keywords",
    "pymssql.connect": "keywords",
    "pyodbc.connect": "dsn",
    "cx_Oracle.connect": "keywords",
    "oracledb.connect": "keywords",
    "sqlalchemy.URL.create": "keywords",
    "sqlalchemy.engine.URL.create": "keywords",
    "sqlalchemy.engine.url.URL.create": "keywords",
    "pymongo.MongoClient": "keywords",
    "pymongo.mongo_client.MongoClient": "keywords",
    "motor.motor_asyncio.AsyncIOMotorClient": "keywords",
    "mongoengine.connect": "keywords",
    "redis.Redis": "keywords",
    "redis.StrictRedis": "keywords",
    "redis.client.Redis": "keywords",
    "redis.asyncio.Redis": "keywords",
    "redis.sentinel.Sentinel": "keywords",
    "peewee.PostgresqlDatabase": "keywords",
    "peewee.MySQLDatabase": "keywords",
    "playhouse.pool.PooledPostgresqlDatabase": "keywords",
    "playhouse.pool.PooledMySQLDatabase": "keywords",
}
"""Qualified callee -> how it takes a password: keywords only, or also a DSN string."""
DRIVER_TAILS = frozenset(name.rpartition(".")[2] for name in DRIVERS)
"""The last names of `DRIVERS`: a call through an attribute (`db.connect(...)`) can only be
one of them when its attribute is one of these."""

_POSITIONAL = {
    # MySQLdb.connect(host, user, passwd, db); cx_Oracle/oracledb.connect(user, password, dsn)
    "MySQLdb.connect": 2,
    "MySQLdb.Connect": 2,
    "MySQLdb.connections.Connection": 2,
    "cx_Oracle.connect": 1,
    "oracledb.connect": 1,
    "pymssql.connect": 2,
}
_DSN_PASSWORD = re.compile(
    r"(?:^|[\s;])(?:password|pwd|passwd)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|\{([^}]*)\}|([^\s;]+))",
    re.IGNORECASE,
)


def positional_password(callee: str) -> int | None:
    """The position of the password argument of `callee`, if it takes one positionally."""
    return _POSITIONAL.get(callee)


def dsn_passwords(dsn: str) -> Iterator[str]:
    """Passwords written in a libpq (`password=...`) or ODBC (`PWD=...;`) DSN string."""
    return (password for password, _, _ in dsn_password_spans(dsn))


def dsn_password_spans(dsn: str) -> Iterator[tuple[str, int, int]]:
    """`dsn_passwords` with where each is in `dsn` (start, end)."""
    for match in _DSN_PASSWORD.finditer(dsn):
        group = next((g for g in (1, 2, 3) if match.group(g) is not None), 0)
        password = match.group(group) if group else ""
        if password and not password.startswith(("$", "%(", "{")):
            yield password, match.start(group), match.end(group)
