"""Shared by WW1132: the exceptions whose text is not written for the client, and
where a handler's code holds that text.

An LDAP client's error is of the same kind: python-ldap's text is the server's result
(`{'result': 49, 'desc': 'Invalid credentials', 'info': '80090308: LdapErr: DSID-...'}`)
with its diagnostic message, which names the server's internals (a Kerberos failure the
paths of its credential caches).

A handler of every exception catches what nobody planned for; a handler of the database
driver's or the ORM's errors catches text written for the developer: SQLAlchemy's
`StatementError` quotes the statement and its bound parameters (`[SQL: INSERT INTO users
...] [parameters: {...}]`), a driver's `IntegrityError` the constraint, the table and the
duplicate row's key (`Key (email)=(...) already exists`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
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


_LDAP3_ERRORS = "ldap3.core.exceptions.LDAP"
"""ldap3's exceptions (`LDAPBindError`, `LDAPSocketOpenError`, ...)."""


def directory_error(name: str) -> bool:
    """Whether `name` is an LDAP client's error class: python-ldap's `ldap.LDAPError`
    and its classes named for the protocol's result codes in capitals
    (`ldap.SERVER_DOWN`, `ldap.INVALID_CREDENTIALS`), whose text is the server's result
    with its diagnostic message (`info`); ldap3's `LDAPException` classes."""
    module, _, cls = name.rpartition(".")
    if module == "ldap":
        return cls == "LDAPError" or (cls.isupper() and cls[:1].isalpha())
    return name.startswith(_LDAP3_ERRORS)


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
    """Only a database's (or a directory's) client errors: their text is never a message
    for the client, whatever exception the handler raises with it."""


ANY = Caught("any exception the handler catches")


def caught_kind(caught: ast.expr, ctx: FileContext) -> Caught | None:
    """What an `except` clause's (or an error handler's) classes catch whose text is not
    written for the client: any exception (`Exception`, `BaseException`, or a tuple holding
    one), a database error (`IntegrityError`, or a tuple holding one), an LDAP client's
    error (`ldap.LDAPError`, `ldap.SERVER_DOWN`); else None."""
    names = [ctx.qualified(element) or "" for element in _elements(caught)]
    if any(name in BROAD for name in names):
        return ANY
    for element, name in zip(_elements(caught), names, strict=True):
        if database_error(name):
            described = f"the database error `{ast.unparse(element)}` the handler catches"
            return Caught(described, database=True)
        if directory_error(name):
            described = f"the LDAP error `{ast.unparse(element)}` the handler catches"
            return Caught(described, database=True)
    return None


def _elements(caught: ast.expr) -> list[ast.expr]:
    return list(caught.elts) if isinstance(caught, ast.Tuple) else [caught]


_TEXT_ATTRIBUTES = frozenset({"args", "message", "msg", "strerror"})
_TRACEBACKS = frozenset(
    {"traceback.format_exc", "traceback.format_exception", "traceback.format_tb"}
)
_STRINGS = frozenset({"str", "repr", "format"})
"""Builtins turning the exception into its text (`format(exc)` is `str(exc)`)."""


def own_nodes(body: list[ast.stmt], caught: set[str] | None = None) -> Iterator[ast.AST]:
    """The nodes of `body`, not those of functions or classes defined in it (their code
    runs elsewhere), nor those of a branch taken in debug mode only (`if settings.DEBUG:`,
    `text if app.debug else "error"`: what a developer sees), nor those of a branch
    taken for some exceptions only (`if isinstance(exc, ValidationError):`), nor the
    statements after a `raise`, `return`, `continue` or `break` of the same block (never
    run: `raise exc` before a leftover `abort(500, str(exc))`)."""
    pending: list[ast.AST] = list(_reached(body))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        yield node
        narrowed = isinstance(node, ast.If) and _narrows(node.test, caught or set())
        if isinstance(node, ast.If | ast.IfExp) and (_tests_debug(node.test) or narrowed):
            pending.append(node.test)
            pending.extend(_reached(node.orelse) if isinstance(node, ast.If) else [node.orelse])
        else:
            pending.extend(_children(node))


_LEAVING = (ast.Raise, ast.Return, ast.Continue, ast.Break)


def _reached(block: list[ast.stmt]) -> list[ast.stmt]:
    """The statements of `block` up to the first that leaves it unconditionally."""
    for index, statement in enumerate(block):
        if isinstance(statement, _LEAVING):
            return block[: index + 1]
    return block


def _children(node: ast.AST) -> Iterator[ast.AST]:
    """The child nodes of `node`, each block of statements cut at the one that leaves it."""
    for _, value in ast.iter_fields(node):
        if isinstance(value, ast.AST):
            yield value
        elif isinstance(value, list):
            statements = bool(value) and all(isinstance(item, ast.stmt) for item in value)
            items = _reached(value) if statements else value
            yield from (item for item in items if isinstance(item, ast.AST))


def _narrows(test: ast.expr, caught: set[str]) -> bool:
    """`isinstance(exc, Known)` or `hasattr(exc, "message")` (also among `and`'s
    operands) of the exception caught: the branch handles those exceptions only."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_narrows(value, caught) for value in test.values)
    return (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id in {"isinstance", "hasattr"}
        and len(test.args) == 2
        and isinstance(test.args[0], ast.Name)
        and test.args[0].id in caught
        and not (test.func.id == "isinstance" and _names_broad(test.args[1]))
    )


def _names_broad(classes: ast.expr) -> bool:
    """`Exception` or `BaseException` (alone or in a tuple): a test every exception passes."""
    if isinstance(classes, ast.Tuple):
        return any(_names_broad(element) for element in classes.elts)
    return isinstance(classes, ast.Name) and f"builtins.{classes.id}" in BROAD


def _tests_debug(test: ast.expr) -> bool:
    """Whether a branch's test reads a debug switch (`settings.DEBUG`, `app.debug`)."""
    return any(
        (isinstance(node, ast.Name) and node.id.lower() == "debug")
        or (isinstance(node, ast.Attribute) and node.attr.lower() == "debug")
        for node in ast.walk(test)
    )


def exception_text(
    value: ast.expr, names: set[str], texts: set[str], ctx: FileContext
) -> ast.expr | None:
    """The part of `value` that holds the text of an exception bound to one of `names`,
    a local among `texts` (set from such a text), or a traceback."""
    for node in own_nodes([ast.Expr(value)]):
        if isinstance(node, ast.Name) and node.id in texts:
            return node
        if isinstance(node, ast.Call):
            callee = ctx.call_name(node)
            if callee in _TRACEBACKS:
                return node
            if callee in _STRINGS and node.args and _holds(node.args[0], names):
                return node
            formatting = isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            if formatting and any(_holds(a, names) for a in node.args):
                return node
        elif isinstance(node, ast.FormattedValue) and _holds(node.value, names):
            return node.value
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            operands = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            if any(_holds(operand, names) for operand in operands):
                return node
        elif isinstance(node, ast.Attribute) and _holds(node, names):
            return node
    return None


def _holds(node: ast.expr, names: set[str]) -> bool:
    """`exc` itself, or its message (`exc.args`, `exc.message`)."""
    if isinstance(node, ast.Attribute) and node.attr in _TEXT_ATTRIBUTES:
        node = node.value
    return isinstance(node, ast.Name) and node.id in names
