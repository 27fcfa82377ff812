"""WW442: request data in SQLAlchemy SQL text (`text()`, `execute()` of strings, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint.sinks import CRITERION_ACTION
from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule

if TYPE_CHECKING:
    from webwarden.analysis.taint.engine import Flow
    from webwarden.model.project import ProjectModel


class RequestDataInSqlalchemyText(TaintRule):
    """## What it does
    Follows request data into SQL text handed to SQLAlchemy (and Flask-SQLAlchemy):
    `text()`, `literal_column()`, `Session.execute()` / `Connection.execute()` of a
    built string, `exec_driver_sql()`, and string criteria such as `query.filter("...")`.
    Bound parameters (`text("... :name").bindparams(name=value)`, `execute(stmt, params)`)
    and column expressions (`filter(User.name == value)`, `User.id.in_(ids)`,
    `User.name.ilike(f"%{q}%")`, a custom operator's operand: `Domain.name.op("~")(q)`, a
    full-text search of a SQL function, `db.func.to_tsvector(col).match(q)`)
    are safe and not reported; the operator text given to `op()` is SQL and is judged.
    A method called on an object the project hangs on its Flask app or blueprint
    (`blueprint.driver.find_entries(label=label)`, the driver its settings name, set when
    the blueprint is registered) is followed into the project's method of that name when
    one class, or one base class and its subclasses implementing it, define one.
    Nor are statements built by SQLAlchemy's methods (`table.select()`, a dynamic
    relationship's `self.groups.select()`, `.where(...)`, `.limit(n)`): a string has no
    such method, so `execute()` is given a statement, whatever the object held (a
    string criterion given to one, `where(f"name = '{name}'")`, is still SQL text).
    A string given as a query's criterion or ordering (`filter`, `having`, `order_by`,
    `group_by`) is reported only when the application may run a SQLAlchemy older than 1.4
    (its requirement or lock files allow one, or name none): 1.4 and later refuse it
    (`ArgumentError`: "Textual SQL expression ... should be explicitly declared as
    text()"), or take it for the name of a label the query selects and fail to compile
    when none has it.
    Nor are the values an upsert sets (`insert(Setting).values(value=v)
    .on_conflict_do_update(constraint=..., set_={"value": v})`, MySQL's
    `on_duplicate_key_update(value=v)`): they are bound parameters; a string given as its
    `where` or `index_where` is SQL text and is judged.
    A value written between two quotes of the text with its own quotes doubled
    (`"ATTACH DATABASE '{}'".format(path.replace("'", "''"))`, in `.format()`, an
    f-string or `%`, also through a local: standard SQL's escape, what SQLite's `ATTACH`
    needs, which binds no file name) stays inside its literal on SQLite and PostgreSQL,
    not on MySQL, which reads `\\'` as an escaped quote: reported at medium confidence,
    with that step in the flow, unless the application cannot reach MySQL (its dependency
    files name no MySQL or MariaDB driver, and it has some; its modules import none; no
    Dockerfile or compose file names one). Written bare (`WHERE id = {}`) or through `{!r}` or a
    format spec it is reported as any value is. An identifier quoted by hand (backticks
    or brackets, the closing one doubled) takes no escape and is not reported.

    ## Why is this bad?
    `text()` and friends mark a string as SQL. Request data formatted into it can change
    the statement: read other rows, bypass a login check, or modify data.

    ## Example
    ```python
    from flask import Flask, request
    from sqlalchemy import create_engine, text

    app = Flask(__name__)
    engine = create_engine("sqlite:///app.db")

    @app.route("/orders")
    def orders():
        status = request.args["status"]
        with engine.connect() as connection:
            rows = connection.execute(text(f"SELECT id FROM orders WHERE status = '{status}'"))
            return {"ids": [row.id for row in rows]}
    ```

    ## Fix
    ```python
    from flask import Flask, request
    from sqlalchemy import create_engine, text

    app = Flask(__name__)
    engine = create_engine("sqlite:///app.db")

    @app.route("/orders")
    def orders():
        status = request.args["status"]
        with engine.connect() as connection:
            query = text("SELECT id FROM orders WHERE status = :status")
            rows = connection.execute(query, {"status": status})
            return {"ids": [row.id for row in rows]}
    ```
    Use bound parameters, or build the statement with SQLAlchemy expressions
    (`select(Order.id).where(Order.status == status)`).

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)
    - [SQLAlchemy docs: using textual SQL](https://docs.sqlalchemy.org/en/20/tutorial/dbapi_transactions.html#sending-parameters)
    - [SQLAlchemy docs: text()](https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.text)
    """

    code = "WW442"
    name = "request-data-in-sqlalchemy-text"
    practice = Practice.SQL_INJECTION
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 89
    message = "{source} reaches SQL text given to `{sink}`"
    fix = "bind request values as parameters (`:name` with `bindparams` or execute params)"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    bandit = ("B608",)
    ruff = ("S608",)

    def keeps(self, project: ProjectModel, flow: Flow) -> bool:
        """Not a string given as a query's criterion or ordering when the application
        requires SQLAlchemy 1.4 or later: it refuses one (`ArgumentError`, or a
        `CompileError` for a name no label of the query has)."""
        if not super().keeps(project, flow):
            return False
        criterion = flow.steps[-1].note.startswith(f"{CRITERION_ACTION} by ")
        return not (criterion and project.requires_at_least("SQLAlchemy", flow.relpath, "1.4"))
