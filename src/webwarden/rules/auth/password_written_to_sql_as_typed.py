"""WW781: a password stored as typed by an SQL `INSERT` or `UPDATE` the code writes."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import PASSWORD_WORDS, identifier_words
from webwarden.rules.auth._sql_writes import statement_values, written_columns
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_COLUMN_WORDS = PASSWORD_WORDS | {"user", "plain", "new", "clear"}
"""Words of a column holding the password as typed (`password`, `user_pwd`); one naming
a hash (`password_hash`) holds something else."""
_VALUE_WORDS = _COLUMN_WORDS | {"again", "confirm", "current", "old", "raw", "typed", "given"}
"""Words of a name holding a password as typed (`new_password`, `raw_password`); one
naming anything else beside it (`password_hash`, `hashed_password`) holds no such text."""
_READS = frozenset({"get", "getlist", "strip", "lower", "encode", "decode"})
"""Calls that read a value or reshape its text: the password stays as typed."""


class PasswordWrittenToSqlAsTyped(PythonRule):
    """## What it does
    Finds SQL run with `execute()` or `executemany()` that stores a password as typed:
    an `INSERT INTO users (name, password) VALUES (?, ?)` or an `UPDATE users SET
    password = ?` whose value for a password column (`password`, `passwd`, `user_pwd`;
    not `password_hash`) is a name saying it is a password (`password`, `new_password`;
    not `password_hash` or `hashed`), an item read by such a key (`form["password"]`,
    `request.form.get("password")`), handed as a parameter beside the text or formatted
    into it (`%`, `.format()`, an f-string). A local given the value of another call
    (`password = generate_password_hash(raw)`) is taken as hashed, and so is a parameter
    of a function that a call of the same module hands the result of a call.

    ## Why is this bad?
    Whoever reads the table (an SQL injection, a leaked backup, a curious operator)
    gets every user's password, which many reuse on other sites. A salted, slow hash
    (Argon2, scrypt, bcrypt, PBKDF2) keeps the password unknown even to the database.

    ## Known problems
    A function storing a parameter named `password` that its callers in other modules
    hash first is reported; name such a parameter for what it holds (`password_hash`).
    SQL built in pieces, or run through an ORM, is not judged here (WW743 judges models).

    ## Example
    ```python
    import sqlite3


    def create_user(username, password):
        db = sqlite3.connect("users.db")
        db.execute("INSERT INTO users (username, password) VALUES (?, ?)", (username, password))
        db.commit()
    ```

    ## Fix
    ```python
    import sqlite3

    from werkzeug.security import generate_password_hash


    def create_user(username, password):
        password_hash = generate_password_hash(password)
        db = sqlite3.connect("users.db")
        db.execute(
            "INSERT INTO users (username, password) VALUES (?, ?)", (username, password_hash)
        )
        db.commit()
    ```

    ## References
    - [CWE-256: Plaintext Storage of a Password](https://cwe.mitre.org/data/definitions/256.html)
    - [OWASP Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    """

    code = "WW781"
    name = "password-written-to-sql-as-typed"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 256
    message = "`{call}()` stores `{value}` in the column `{column}` as typed"
    fix = "store a salted, slow hash of it (`generate_password_hash(password)`, Argon2, bcrypt)"
    calls = frozenset({".execute", ".executemany"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not any(ctx.mentions(word) for word in ("pass", "pwd")):
            return
        if not isinstance(node.func, ast.Attribute):
            return
        statement = statement_values(ctx, node)
        if statement is None:
            return
        text, values = statement
        for index, column in sorted(written_columns(text).items()):
            if index >= len(values) or not _password_column(column):
                continue
            value = values[index]
            if _typed_password(ctx, value):
                yield self.make_finding(
                    ctx.location(node),
                    call=node.func.attr,
                    value=ast.unparse(value),
                    column=column,
                )


def _password_column(column: str) -> bool:
    words = identifier_words(column)
    return bool(PASSWORD_WORDS.intersection(words)) and set(words) <= _COLUMN_WORDS


def _names_password(name: str) -> bool:
    words = identifier_words(name)
    return bool(PASSWORD_WORDS.intersection(words)) and set(words) <= _VALUE_WORDS


def _typed_password(ctx: FileContext, value: ast.expr) -> bool:
    """A password as it was typed: a name saying so that nothing computed, or an item
    read by a key saying so (`form["password"]`, `form.get("password")`)."""
    match value:
        case ast.Subscript(slice=ast.Constant(value=str() as key)):
            return _names_password(key)
        case ast.Call(func=ast.Attribute(attr="get"), args=[ast.Constant(value=str() as key), *_]):
            return _names_password(key)
        case ast.Name(id=name):
            return _names_password(name) and not _computed(ctx, value)
    return False


def _computed(ctx: FileContext, name: ast.Name) -> bool:
    """Whether the function binds the name to what a call computes (`password =
    hash_password(raw)`), or a call of the module hands the function such a value for
    that parameter."""
    function = ctx.scopes.enclosing_function(name)
    if function is None:
        return True  # NOTE: a module-level name: a constant or a setting, not judged here
    for node in ast.walk(function):
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            bound = any(isinstance(t, ast.Name) and t.id == name.id for t in targets)
            if bound and _calls_other(node.value):
                return True
    parameters = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if name.id not in parameters:
        return False
    position = parameters.index(name.id)
    for node in ctx.nodes(ast.Call):
        if not (isinstance(node, ast.Call) and _calls_named(node, function.name)):
            continue
        argument = ctx.argument(node, position, name.id)
        if argument is not None and _calls_other(argument):
            return True
    return False


def _calls_named(call: ast.Call, name: str) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == name) or (
        isinstance(func, ast.Attribute) and func.attr == name
    )


def _calls_other(node: ast.expr) -> bool:
    """Whether the value calls something other than a read of what was sent."""
    return any(
        isinstance(call, ast.Call)
        and not (isinstance(call.func, ast.Attribute) and call.func.attr in _READS)
        for call in ast.walk(node)
    )
