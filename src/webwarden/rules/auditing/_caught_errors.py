"""Shared by WW1132: the exceptions whose text is not written for the client.

A handler of every exception catches what nobody planned for; a handler of the database
driver's or the ORM's errors catches text written for the developer: SQLAlchemy's
`StatementError` quotes the statement and its bound parameters (`[SQL: INSERT INTO users
...] [parameters: {...}]`), a driver's `IntegrityError` the constraint, the table and the
duplicate row's key (`Key (email)=(...) already exists`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.rules.context import FileContext

BROAD = frozenset({"Exception", "BaseException", "builtins.Exception", "builtins.BaseException"})

_DBAPI_CLASSES = frozenset(
    {"Error", "DatabaseError", "IntegrityError", "DataError", "OperationalError"}
    | {"ProgrammingError", "InternalError", "NotSupportedError", "InterfaceError"}
)
"""The exception classes PEP 249 asks every database driver to export."""

_DATABASE_MODULES = frozenset(
    {"django.db", "django.db.utils", "psycopg2", "psycopg", "sqlite3", "pymysql"}
    | {"pymysql.err", "MySQLdb", "MySQLdb._exceptions", "peewee", "mysql.connector"}
    | {"mysql.connector.errors", "cx_Oracle", "oracledb", "pyodbc"}
)
"""Modules exporting the PEP 249 classes (Django's wrap the driver's and keep its text)."""

_SQLALCHEMY_ERRORS = frozenset(
    {f"sqlalchemy.exc.{name}" for name in _DBAPI_CLASSES - {"Error"}}
    | {"sqlalchemy.exc.DBAPIError", "sqlalchemy.exc.StatementError"}
    | {"sqlalchemy.exc.SQLAlchemyError"}
)

_DRIVER_ERROR_MODULES = ("psycopg2.errors.", "psycopg.errors.", "asyncpg.exceptions.")
"""Modules of one class per server error code (`psycopg2.errors.UniqueViolation`)."""


def database_error(name: str) -> bool:
    """Whether `name` is a database driver's or SQLAlchemy's error class."""
    module, _, cls = name.rpartition(".")
    return (
        (module in _DATABASE_MODULES and cls in _DBAPI_CLASSES)
        or name in _SQLALCHEMY_ERRORS
        or name.startswith(_DRIVER_ERROR_MODULES)
    )


@dataclass(frozen=True, slots=True)
class Caught:
    """What a handler catches whose text is not written for the client."""

    description: str
    """For the message: "any exception the handler catches", "the database error ..."."""
    database: bool = False
    """Only database errors: their text is never a message for the client, whatever
    exception the handler raises with it."""


ANY = Caught("any exception the handler catches")


def caught_kind(caught: ast.expr, ctx: FileContext) -> Caught | None:
    """What an `except` clause's (or an error handler's) classes catch whose text is not
    written for the client: any exception (`Exception`, `BaseException`, or a tuple holding
    one), a database error (`IntegrityError`, or a tuple holding one); else None."""
    names = [ctx.qualified(element) or "" for element in _elements(caught)]
    if any(name in BROAD for name in names):
        return ANY
    for element, name in zip(_elements(caught), names, strict=True):
        if database_error(name):
            described = f"the database error `{ast.unparse(element)}` the handler catches"
            return Caught(described, database=True)
    return None


def _elements(caught: ast.expr) -> list[ast.expr]:
    return list(caught.elts) if isinstance(caught, ast.Tuple) else [caught]
