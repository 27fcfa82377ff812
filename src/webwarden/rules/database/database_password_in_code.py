"""WW340: a database driver given a password written in the source."""

from __future__ import annotations

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.secrets import Category, SecretSite
from webwarden.rules.secret_sites import SecretSiteRule


class DatabasePasswordInCode(SecretSiteRule):
    """## What it does
    Finds passwords written in the source and handed to a database driver or client:
    `psycopg2.connect(password="...")`, psycopg 3, asyncpg, aiopg, `pymysql.connect`,
    `MySQLdb.connect(host, user, "passwd", db)`, mysql-connector, MariaDB, pymssql,
    pyodbc and Oracle drivers, `sqlalchemy.URL.create(password=...)`,
    `pymongo.MongoClient(password=...)`, `redis.Redis(password=...)`, peewee databases,
    and `password=`/`PWD=` inside a DSN string (`"host=db password=... dbname=shop"`).

    ## Why is this bad?
    "Never expose your database credentials in code." The password is readable by
    everyone with the repository and works against the real database from anywhere that
    can reach it; rotating it means a release.

    ## Known problems
    URLs with a password (`create_engine("postgresql://user:pw@host/db")`) are WW341;
    Django's `DATABASES` and Flask's `SQLALCHEMY_DATABASE_URI` are judged by the
    framework rules (WW301, WW302, WW320).

    ## Example
    ```python
    import psycopg2

    def connect():
        return psycopg2.connect(host="db.internal", dbname="shop", user="shop", password="Shop-2024!")
    ```

    ## Fix
    ```python
    import os

    import psycopg2

    def connect():
        return psycopg2.connect(
            host="db.internal", dbname="shop", user="shop", password=os.environ["DB_PASSWORD"]
        )
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [psycopg: connection parameters](https://www.psycopg.org/docs/module.html#psycopg2.connect)
    - [PostgreSQL: the password file](https://www.postgresql.org/docs/current/libpq-pgpass.html)
    """

    code = "WW340"
    name = "database-password-in-code"
    practice = Practice.DATABASE
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "`{via}` is given a password written in the source, {how}: `{masked}`"
    fix = "read the password from the environment (or use a `.pgpass`/option file), with no default"
    bandit = ("B106",)
    ruff = ("S106",)
    categories = (Category.DRIVER,)

    def judge(self, site: SecretSite) -> Finding | None:
        return self.make_finding(
            site.location,
            snippet=site.snippet,
            via=site.via,
            how=_how(site.target),
            masked=site.masked,
        )


def _how(target: str) -> str:
    if target == "dsn":
        return "in its DSN string"
    if target.startswith("argument"):
        return f"as {target}"
    return f"as `{target}`"
