"""WW440: request data in the SQL text of a DB-API `execute()`."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInSql(TaintRule):
    """## What it does
    Follows request data (query string, form, JSON body, headers, cookies, URL parameters)
    through assignments, string building, containers, helper functions and other modules
    into the SQL text of a DB-API call: `cursor.execute`, `executemany`, `executescript`
    (sqlite3, psycopg, psycopg2, MySQLdb, PyMySQL, mysql-connector), Django's
    `connection.cursor()` and pandas' `read_sql()`, and into the query text of an InfluxDB
    client: InfluxQL of `influxdb`'s `InfluxDBClient.query()`, Flux of `influxdb_client`'s
    `query_api().query()` (and `query_data_frame()`, `query_stream()`, `query_csv()`,
    `query_raw()`), whose `bind_params` and `params` carry values apart. A value counts as made safe once a
    check lets through only word characters (`re.fullmatch(r"[a-z_]+", column)`), or
    once quoted as an identifier by hand, its closing character doubled and the result
    put between the pair (`` f"`{name.replace('`', '``')}`" ``, `[...]` with `]]`). A
    `'` or `"` doubled inside its literal is the SQL standard's escape, which MySQL's
    `\\'` gets past: reported at medium confidence, with that step in the flow, unless
    the application cannot reach MySQL (it declares its dependencies and none names MySQL
    or MariaDB, none of its modules imports a MySQL driver, and no Dockerfile or compose
    file of the project names one). SQL
    that Django's ORM compiles (`qs.query.where.as_sql(compiler, connection)`,
    `sql_with_params()`) holds placeholders for the values: request data enters its text
    only through `extra()` or `RawSQL`, which WW441 judges where it enters. The finding
    carries every step of the flow.

    ## Why is this bad?
    SQL built by formatting request data into a string lets the client rewrite the query:
    `' OR '1'='1` reads every row, `'; DROP TABLE ...` destroys data, and UNION queries
    exfiltrate other tables. Only the SQL text is dangerous: values passed separately as
    query parameters are sent to the database as data and are not reported, nor are
    values made safe by `int()`, an allow-list check or another sanitiser, nor an object
    of the project's own classes handed to some `execute()` (a command's context, a
    model: not SQL text), nor a mapping (`payment.execute({"payer_id": payer})` of a
    payment SDK: a statement is a string), nor a field of a DRF serializer's
    `validated_data` (in its `create()`, `update()` or `validate()`) that DRF turned into
    a number, a date or a UUID: a typed field it declares (`serializers.IntegerField()`),
    or, in a `ModelSerializer`, a field it leaves to its `Meta.model`'s typed field
    (`models.DateTimeField()`); unless the serializer defines `to_internal_value()`.

    ## Known problems
    Any `.execute()` method counts as a DB-API call but a GraphQL schema's
    (`schema.execute(query)` of graphene, Strawberry or Ariadne) and a Django model
    row's, manager's or queryset's (`get_object_or_404(Hook, pk=pk).execute(name)`: Django
    gives them none, so it is the model's own method) and a payment gateway SDK's client
    (Alipay's `DefaultAlipayClient`, PayPal's `PayPalHttpClient`, whose
    `execute(request)` sends an API request over HTTPS) and PyExifTool's `ExifTool` or
    `ExifToolHelper` (whose `execute(*args)` hands exiftool its arguments); another non-database
    `execute` reached by request data is reported too. A flow through a library call webwarden does not model
    is reported at medium confidence.

    ## Example
    ```python
    import sqlite3

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/users")
    def users():
        name = request.args.get("name", "")
        cursor = sqlite3.connect("app.db").cursor()
        cursor.execute(f"SELECT id FROM users WHERE name = '{name}'")
        return {"ids": cursor.fetchall()}
    ```

    ## Fix
    ```python
    import sqlite3

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/users")
    def users():
        name = request.args.get("name", "")
        cursor = sqlite3.connect("app.db").cursor()
        cursor.execute("SELECT id FROM users WHERE name = ?", (name,))
        return {"ids": cursor.fetchall()}
    ```
    Pass values as query parameters (`?`, `%s` or `%(name)s` placeholders, depending on
    the driver) or use the ORM. Identifiers (table or column names) cannot be parameters:
    pick them from a fixed allow-list.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)
    - [Django docs: executing custom SQL directly](https://docs.djangoproject.com/en/stable/topics/db/sql/#executing-custom-sql-directly)
    - [Python docs: sqlite3 placeholders](https://docs.python.org/3/library/sqlite3.html#sqlite3-placeholders)
    - [OWASP: SQL Injection Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html)
    """

    code = "WW440"
    name = "request-data-in-sql"
    practice = Practice.SQL_INJECTION
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 89
    message = "{source} reaches the SQL text of `{sink}`"
    fix = "pass request values as query parameters, never format them into the SQL text"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    bandit = ("B608",)
    ruff = ("S608",)
