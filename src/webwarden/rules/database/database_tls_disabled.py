"""WW342: a connection to a remote database without TLS."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.secrets.snippets import mask_known
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.database._tls import (
    DATABASE_KEYS,
    MYSQL_DRIVERS,
    MYSQL_TLS_KEYWORDS,
    POSTGRES_DRIVERS,
    django_database_problem,
    dsn_problem,
    is_remote,
    url_problem,
    weak_sslmode,
)


class DatabaseTlsDisabled(PythonRule):
    """## What it does
    Finds connections to a database on another machine that turn TLS off or leave it
    optional: PostgreSQL `sslmode` `disable`, `allow` or `prefer` (in a URL, a DSN
    string, a driver keyword, SQLAlchemy `connect_args` or Django `DATABASES` `OPTIONS`),
    asyncpg `ssl=False`, MySQL `ssl_disabled=True` or `ssl-mode=DISABLED`, MongoDB
    `tls=false`, and MySQL drivers or Django `DATABASES` connecting to a remote host
    with no TLS options at all (their default is plain text or unverified TLS).

    ## Why is this bad?
    Without TLS the password and every query and result cross the network in clear
    text; `prefer` and `allow` fall back to plain text whenever someone in the middle
    asks them to.

    ## Known problems
    Only literal host names are judged: `localhost`, loopback addresses and single-label
    service names (`db` on a compose or cluster network) are not reported. A PostgreSQL
    connection without `sslmode` uses libpq's `prefer`; that is reported for Django
    `DATABASES` with a remote `HOST`.

    ## Example
    ```python
    import psycopg2

    conn = psycopg2.connect(host="db.example.com", dbname="shop", sslmode="disable")
    ```

    ## Fix
    ```python
    import psycopg2

    conn = psycopg2.connect(host="db.example.com", dbname="shop", sslmode="verify-full")
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [PostgreSQL: SSL support (sslmode)](https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION)
    - [MySQL: encrypted connections](https://dev.mysql.com/doc/refman/8.4/en/using-encrypted-connections.html)
    """

    code = "WW342"
    name = "database-tls-disabled"
    practice = Practice.DATABASE
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 319
    message = "{what} connects to a remote database without TLS ({how})"
    fix = "require TLS: `sslmode=verify-full` (PostgreSQL), `ssl={{...}}`/`ssl_mode=VERIFY_IDENTITY` (MySQL)"
    calls = POSTGRES_DRIVERS | MYSQL_DRIVERS | {"*create_engine"}

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        # NOTE: the string constants are screened in one loop here rather than handed to a
        # visitor one by one: a tree has hundreds of thousands, and almost none is a URL.
        # NOTE: a comprehension, not a loop with `continue`: it is cheaper per constant;
        # and only in a file whose text holds either mark (a tenth of Django's modules).
        if not (ctx.mentions("://") or ctx.mentions("sslmode")):
            return
        strings = [
            (constant, text)
            for constant in ctx.by_type.get(ast.Constant, ())
            if type(text := constant.value) is str  # type: ignore[attr-defined]
            and ("://" in text or "sslmode" in text)
        ]
        for constant, text in strings:
            if len(text) > 2000:
                continue
            problem = url_problem(text) if "://" in text else dsn_problem(text)
            if problem is not None:
                yield self._finding(ctx, constant, "a connection string", problem)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        if ctx.has_kwargs_splat(node):
            return
        if name.endswith("create_engine"):
            yield from self._connect_args(node, ctx)
            return
        if name not in POSTGRES_DRIVERS and name not in MYSQL_DRIVERS:
            return
        host = ctx.evaluate(ctx.keyword(node, "host"))
        remote = isinstance(host, str) and is_remote(host)
        if name in POSTGRES_DRIVERS and remote:
            mode = ctx.evaluate(ctx.keyword(node, "sslmode"))
            ssl = ctx.evaluate(ctx.keyword(node, "ssl"))
            if weak := weak_sslmode(mode) or weak_sslmode(ssl):
                yield self._finding(ctx, node, f"`{name}`", f"`sslmode={weak}`")
            elif ssl is False:
                yield self._finding(ctx, node, f"`{name}`", "`ssl=False`")
        elif name in MYSQL_DRIVERS and remote:
            if ctx.evaluate(ctx.keyword(node, "ssl_disabled")) is True:
                yield self._finding(ctx, node, f"`{name}`", "`ssl_disabled=True`")
            elif not any(k.arg in MYSQL_TLS_KEYWORDS for k in node.keywords):
                how = "no TLS options"
                yield self._finding(ctx, node, f"`{name}`", how, Confidence.MEDIUM)

    def _connect_args(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        url = ctx.evaluate(ctx.argument(node, 0, "url"))
        args = ctx.evaluate(ctx.keyword(node, "connect_args"))
        if not isinstance(url, str) or not isinstance(args, dict):
            return
        mode = weak_sslmode(args.get("sslmode"))
        if mode and url_problem(f"{url}{'&' if '?' in url else '?'}sslmode={mode}"):
            yield self._finding(ctx, node, "`create_engine`", f"`sslmode={mode}`")

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        found = django_database_problem(_entries(ctx, node, DATABASE_KEYS))
        if found is not None:
            how, explicit = found
            confidence = None if explicit else Confidence.MEDIUM
            yield self._finding(ctx, node, "`DATABASES`", how, confidence)

    def _finding(
        self,
        ctx: FileContext,
        node: ast.AST,
        what: str,
        how: str,
        confidence: Confidence | None = None,
    ) -> Finding:
        return self.make_finding(
            ctx.location(node),
            snippet=mask_known(ctx.snippet(node, max_lines=1)),
            confidence=confidence,
            what=what,
            how=how,
        )


def _entries(ctx: FileContext, node: ast.Dict, keys: frozenset[str]) -> dict[str, object]:
    """These keys of a dict literal with their values (`UNKNOWN` when not constant).

    NOTE: only the keys asked for: this runs on every dict of the tree, and evaluating
    every value of every dict was most of the rule's time.
    """
    found: dict[str, object] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if isinstance(key, ast.Constant) and key.value in keys:
            found[key.value] = ctx.evaluate(value)
    return found
