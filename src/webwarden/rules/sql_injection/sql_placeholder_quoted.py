"""WW482: a query parameter's placeholder written between quotes of the SQL text."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_]\w*\))?s")
_SQL_WORDS = re.compile(r"\b(?:select|insert|update|delete|where|values)\b", re.IGNORECASE)
_KEYWORD_ONLY = 99
"""A position no call reaches: `extra()`'s arguments are read by keyword."""
_EXECUTE = frozenset({"execute", "executemany"})
_RAW_SQL = "django.db.models.expressions.RawSQL"
_RAW_SQL_NAMES = frozenset({_RAW_SQL, "django.db.models.RawSQL"})


class SqlPlaceholderQuoted(PythonRule):
    """## What it does
    Finds SQL text with a parameter's placeholder between single quotes, `'%s'` or
    `'%(name)s'` (also inside a longer literal: `LIKE '%%%s%%'`, `interval '%s days'`),
    handed with its parameters to a DB-API cursor's `execute()` or `executemany()`,
    Django's `Manager.raw()`, `RawSQL(...)` or `QuerySet.extra(where=..., params=...)`.
    The text must be a literal (or a name bound to one) that reads as SQL (`SELECT`,
    `INSERT`, `UPDATE`, `DELETE`, `WHERE` or `VALUES`; any fragment `extra()` is
    given); `%%` is a literal percent sign, not a placeholder, a `'` doubled inside
    a literal (`'it''s'`) does not end it, and one in a comment (`-- the user's rows`,
    `/* ... */`) opens none.
    A quoted placeholder given a number is not reported: a numeric constant (or a name
    bound to one), an `int()` or `float()` of something, or a parameter of the function
    annotated `int` or `float` (`interval '%s days'` with `days: int`): the literal it
    makes is well formed and can end no string.

    ## Why is this bad?
    The driver quotes each parameter itself (`%s` becomes `'O''Brien'`). Between quotes
    of its own, the driver's opening quote closes the text's literal instead: a value
    such as ` OR 1=1 --` ends up outside any string (`id = '' OR 1=1 --''`), so the
    query runs whatever the value says, the very SQL injection parameters are meant to
    prevent. Django's documentation warns against quoting placeholders for this reason.

    ## Known problems
    A number webwarden cannot see as one (an `int` setting of another module, a
    database id) is still reported; the finding has medium confidence for that reason.

    ## Example
    ```python
    from django.db import connection

    def joined_at(user_id):
        with connection.cursor() as cursor:
            cursor.execute("SELECT joined_at FROM users WHERE id = '%s'", [user_id])
            return cursor.fetchone()
    ```

    ## Fix
    ```python
    from django.db import connection

    def joined_at(user_id):
        with connection.cursor() as cursor:
            cursor.execute("SELECT joined_at FROM users WHERE id = %s", [user_id])
            return cursor.fetchone()
    ```

    ## References
    - [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)
    - [Django docs: performing raw SQL queries (do not quote placeholders)](https://docs.djangoproject.com/en/stable/topics/db/sql/#passing-parameters-into-raw)
    - [Psycopg docs: passing parameters to SQL queries](https://www.psycopg.org/docs/usage.html#passing-parameters-to-sql-queries)
    """

    code = "WW482"
    name = "sql-placeholder-quoted"
    practice = Practice.SQL_INJECTION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 89
    message = "`{call}` is given SQL with the placeholder `{placeholder}` inside a quoted literal"
    fix = "drop the quotes around the placeholder: the driver quotes the value itself"

    calls = frozenset({".execute", ".executemany", ".raw", ".extra", *_RAW_SQL_NAMES})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        for call, sql, params in _parameterised_sql(node, ctx):
            text = ctx.evaluate(sql)
            if not isinstance(text, str) or (call != ".extra()" and not _SQL_WORDS.search(text)):
                continue
            for placeholder, position in quoted_placeholders(text):
                value = _value_of(params, placeholder, position)
                if value is None or not _number(value, node, ctx):
                    yield self.finding(ctx, sql, call=call, placeholder=placeholder)
                    break


def _parameterised_sql(node: ast.Call, ctx: FileContext) -> list[tuple[str, ast.expr, ast.expr]]:
    """The call's SQL text arguments with the parameters handed with them."""
    func = node.func
    method = func.attr if isinstance(func, ast.Attribute) else ""
    if ctx.call_name(node) in _RAW_SQL_NAMES or method == "raw" or method in _EXECUTE:
        sql = ctx.argument(node, 0, "sql")
        if method == "raw" and sql is None:
            sql = ctx.argument(node, 0, "raw_query")
        params = ctx.argument(node, 1, "params")
        if sql is None or params is None or _is_none(params):
            return []
        call = "RawSQL" if ctx.call_name(node) in _RAW_SQL_NAMES else f".{method}()"
        return [(call, sql, params)]
    if method == "extra":
        found: list[tuple[str, ast.expr, ast.expr]] = []
        for keyword, params_name in (("where", "params"), ("select", "select_params")):
            texts = ctx.argument(node, _KEYWORD_ONLY, keyword)
            params = ctx.argument(node, _KEYWORD_ONLY, params_name)
            if texts is None or params is None:
                continue
            values = texts.values if isinstance(texts, ast.Dict) else getattr(texts, "elts", [])
            found.extend((".extra()", each, params) for each in values if each is not None)
        return found
    return []


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def quoted_placeholders(text: str) -> list[tuple[str, int]]:
    """The placeholders (`%s`, `%(name)s`) written inside a single-quoted literal of the
    SQL `text`, each with its place among all the text's placeholders: `%%` is a
    percent sign; `''` inside a literal is a quote of it; a quote in a comment (`-- the
    user's rows`, `/* ... */`) opens no literal."""
    found: list[tuple[str, int]] = []
    inside = False
    comment = ""
    index = position = 0
    while index < len(text):
        char = text[index]
        if comment:
            if text.startswith(comment, index):
                index += len(comment)
                comment = ""
                continue
        elif not inside and text.startswith(("--", "/*"), index):
            comment = "\n" if char == "-" else "*/"
            index += 2
            continue
        elif char == "'":
            if inside and text.startswith("''", index):
                index += 2
                continue
            inside = not inside
        if char == "%":
            if text.startswith("%%", index):
                index += 2
                continue
            match = _PLACEHOLDER.match(text, index)
            if match:
                # NOTE: the driver fills a placeholder in a comment too: it takes a place
                # (no literal is open in a comment: one opens only outside of one).
                if inside:
                    found.append((match.group(), position))
                position += 1
                index = match.end()
                continue
        index += 1
    return found


def _value_of(params: ast.expr, placeholder: str, position: int) -> ast.expr | None:
    """The value a literal list, tuple or dict of parameters gives the placeholder."""
    if placeholder == "%s" and isinstance(params, ast.List | ast.Tuple):
        elements = params.elts
        if position < len(elements) and not any(isinstance(e, ast.Starred) for e in elements):
            return elements[position]
        return None
    if isinstance(params, ast.Dict) and placeholder != "%s":
        name = placeholder[2:-2]
        for key, value in zip(params.keys, params.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == name:
                return value
    return None


_NUMBER_CALLS = frozenset({"int", "float", "len", "round"})
_NUMBER_TYPES = frozenset({"int", "float"})


def _number(value: ast.expr, call: ast.Call, ctx: FileContext) -> bool:
    """Whether the value is a number: a numeric constant (or a name bound to one), an
    `int()`, `float()`, `len()` or `round()`, or a parameter of the enclosing function
    annotated `int` or `float` (`days: int`). A number between the quotes makes a
    well-formed literal (`interval '30 days'`) and can end none."""
    known = ctx.evaluate(value)
    if isinstance(known, int | float) and not isinstance(known, bool):
        return True
    if isinstance(value, ast.Call):
        return ctx.call_name(value) in _NUMBER_CALLS
    if not isinstance(value, ast.Name):
        return False
    function = ctx.scopes.enclosing_function(call)
    if function is None:
        return False
    arguments = function.args
    for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
        if argument.arg == value.id:
            annotation = argument.annotation
            return isinstance(annotation, ast.Name) and annotation.id in _NUMBER_TYPES
    return False
