"""WW750: a user looked up by password, which only works when it is stored as typed."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import PASSWORD_WORDS, holds_path
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_ORM_LOOKUPS = frozenset({"filter_by", "filter", "get", "get_or_none", "where"})
_DOCUMENT_LOOKUPS = frozenset({"find_one", "find", "count_documents"})
_SQL_CALLS = frozenset({"execute", "executemany", "raw"})
_SQL_TEXT = frozenset({"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text"})

_FIELD_WORDS = frozenset({"user", "hash", "hashed", "digest", "md5", "sha1", "plain", "encrypted"})
"""Words a password column's name may hold beside a password word (`user_password`,
`password_hash`); any other (`password_reset_token`, `password_changed`) names something
else."""

_MATCHED = re.compile(
    r"\b(?:password|passwd|pwd|pass)\s*=\s*"
    r"(?:\?|%s|%\(\w+\)s|:\w+|\$\d+|'%s'|\"%s\"|'?\{\w*\}'?|md5\s*\(|sha1\s*\(|sha2\s*\()",
    re.IGNORECASE,
)
"""`password = ?` (or another placeholder, or an unsalted SQL hash of one) in a WHERE
clause; `password = crypt(?, password)` (pgcrypto's salted check) is not matched."""


class PasswordMatchedInQuery(PythonRule):
    """## What it does
    Finds a user looked up by the password itself: an ORM lookup on a password column
    (`User.query.filter_by(username=name, password=password)`,
    `User.objects.get(password=...)`, `.filter(User.password == password)`), a MongoDB
    query document holding it (`users.find_one({"password": password})`), or SQL whose
    WHERE clause compares it with a value passed in
    (`"SELECT * FROM users WHERE username = ? AND password = ?"`, also formatted into the
    text). The value must come from the code (a constant, `filter(password="")`, is a
    search for accounts without one).

    ## Why is this bad?
    A database can only find a row by password when it holds the password as typed, or a
    hash without a per-user salt: a leaked table (an SQL injection, a backup) then gives
    away every password, or lets them be looked up in precomputed tables. A salted, slow
    hash (Argon2, scrypt, bcrypt, PBKDF2) differs for every user and can only be checked
    after the user is found by name.

    ## Known problems
    Columns named like a password but holding something else (an application password a
    service sends on) are reported too; so is a lookup by a hash computed in Python
    (`password=md5(password)`), which is the unsalted case. A path given for such a
    column (`pwd=output_dir`, `pwd=os.getcwd()`) is a working directory, not reported,
    nor is a lookup in a table whose class names a list of known-bad passwords
    (`LeakedPassword.objects.filter(password=new)`, `CommonPasswords`, a blocklist): it
    holds public passwords a new one is checked against, not the users'.

    ## Example
    ```python
    from flask import request

    from models import User


    def login():
        return User.query.filter_by(
            username=request.form["username"], password=request.form["password"]
        ).first()
    ```

    ## Fix
    ```python
    from flask import request
    from werkzeug.security import check_password_hash

    from models import User


    def login():
        user = User.query.filter_by(username=request.form["username"]).first()
        if user and check_password_hash(user.password_hash, request.form["password"]):
            return user
        return None
    ```

    ## References
    - [CWE-256: Plaintext Storage of a Password](https://cwe.mitre.org/data/definitions/256.html)
    - [OWASP Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    """

    code = "WW750"
    name = "password-matched-in-query"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 256
    message = (
        "{how} looks the user up by password: passwords are stored as typed or hashed "
        "without a salt"
    )
    fix = (
        "store a salted hash (`generate_password_hash`, `make_password`), find the user by "
        "name, then check the password (`check_password_hash`, `check_password`)"
    )
    calls = frozenset(
        {f".{name}" for name in _ORM_LOOKUPS | _DOCUMENT_LOOKUPS | _SQL_CALLS} | _SQL_TEXT
    )

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not any(ctx.mentions(word) for word in ("pass", "pwd")):
            return
        func = node.func
        method = func.attr if isinstance(func, ast.Attribute) else ""
        if _lookup(ctx, node, method):
            yield self.finding(ctx, node, how=f"`.{method}()`")
        elif method in _SQL_CALLS or ctx.call_name(node) in _SQL_TEXT:
            text = _sql_text(ctx, ctx.argument(node, 0, "sql"))
            where = re.split(r"\bwhere\b", text, maxsplit=1, flags=re.IGNORECASE)
            if len(where) == 2 and _MATCHED.search(where[1]):
                call = method or "text"
                yield self.finding(ctx, node, how=f"the SQL of `{call}()`")


_KNOWN_BAD = frozenset(
    {"leak", "leaked", "breach", "breached", "pwned", "compromised", "common"}
    | {"banned", "blacklist", "blacklisted", "blocklist", "denylist", "forbidden"}
)
"""Words of a table of passwords known to be bad (`LeakedPassword`, `CommonPasswords`):
public passwords a new one is checked against, no user's credentials."""


def _known_bad_list(func: ast.expr) -> bool:
    """`LeakedPassword.objects.filter(password=...)`: the queried class names a list of
    known-bad passwords, not a table of users."""
    for node in ast.walk(func):
        if not isinstance(node, ast.Name | ast.Attribute):
            continue
        words = identifier_words(node.id if isinstance(node, ast.Name) else node.attr)
        singular = {word.removesuffix("s") for word in words if len(word) > 4} | set(words)
        if _KNOWN_BAD & singular and PASSWORD_WORDS & singular:
            return True
    return False


def _lookup(ctx: FileContext, call: ast.Call, method: str) -> bool:
    """An ORM lookup or a MongoDB query document that matches a password passed in."""
    if method in _ORM_LOOKUPS:
        return not _known_bad_list(call.func) and _orm_lookup(ctx, call)
    return method in _DOCUMENT_LOOKUPS and bool(call.args) and _document_lookup(ctx, call.args[0])


def _password_field(name: str) -> bool:
    """`password`, `passwd`, `user_password`, `password_hash`, `password__exact`."""
    field, _, lookup = name.partition("__")
    if lookup not in ("", "exact", "iexact"):
        return False
    words = identifier_words(field)
    return bool(PASSWORD_WORDS.intersection(words)) and all(
        word in PASSWORD_WORDS or word in _FIELD_WORDS for word in words
    )


def _given(ctx: FileContext, value: ast.expr) -> bool:
    """A value the code passes in (not a constant the query searches for), and not a path:
    `pwd=output_dir` is a process's working directory."""
    return not ctx.is_constant(value) and not holds_path(value)


def _orm_lookup(ctx: FileContext, call: ast.Call) -> bool:
    if any(k.arg and _password_field(k.arg) and _given(ctx, k.value) for k in call.keywords):
        return True
    for argument in call.args:
        for node in ast.walk(argument):
            if (
                isinstance(node, ast.Compare)
                and len(node.ops) == 1
                and isinstance(node.ops[0], ast.Eq)
                and _compares_password(ctx, node.left, node.comparators[0])
            ):
                return True
    return False


def _compares_password(ctx: FileContext, left: ast.expr, right: ast.expr) -> bool:
    """`User.password == password` (either way round), not a join of two such columns."""
    return any(
        _column(column) and _given(ctx, value) and not _names_password(value)
        for column, value in ((left, right), (right, left))
    )


def _names_password(node: ast.expr) -> bool:
    """Another password column or a row's (`User.previous_password`, `row.password`)."""
    return isinstance(node, ast.Attribute) and bool(
        PASSWORD_WORDS.intersection(identifier_words(node.attr))
    )


def _column(node: ast.expr) -> bool:
    """A password column (`User.password`, `users.c.password`)."""
    return isinstance(node, ast.Attribute) and _password_field(node.attr)


def _document_lookup(ctx: FileContext, query: ast.expr) -> bool:
    if isinstance(query, ast.Name):
        query = ctx.lookup(query) or query
    if not isinstance(query, ast.Dict):
        return False
    return any(
        isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and _password_field(key.value)
        and _given(ctx, value)
        for key, value in zip(query.keys, query.values, strict=True)
    )


def _sql_text(ctx: FileContext, node: ast.expr | None, depth: int = 0) -> str:
    """The SQL text of a query argument with `{}` for each value formatted into it: a
    string, an f-string, `"..." % values`, `"...".format(...)`, `"..." + value`, or a
    name bound to one of them."""
    if node is None or depth > 4:
        return ""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else ""
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        left = _sql_text(ctx, node.left, depth + 1)
        return left + "{}" if isinstance(node.op, ast.Add) else left
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _sql_text(ctx, node.func.value, depth + 1)
    if isinstance(node, ast.Name):
        return _sql_text(ctx, ctx.lookup(node), depth + 1)
    return ""
