"""WW341: a database, cache or broker URL with a password written in the source."""

from __future__ import annotations

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.secrets import Category, SecretSite
from webwarden.rules.secret_sites import SecretSiteRule


class DatabaseUrlCredentials(SecretSiteRule):
    """## What it does
    Finds database, cache and broker URLs with a password in Python literals:
    `create_engine("postgresql://shop:pw@db/shop")`, `MongoClient("mongodb+srv://...")`,
    `redis.from_url("redis://:pw@cache:6379/0")`, `CACHES` locations, Celery broker URLs,
    and the defaults of environment lookups
    (`os.getenv("DATABASE_URL", "postgres://...")`). PostgreSQL, MySQL/MariaDB, SQL
    Server, Oracle, MongoDB, Redis/Valkey, AMQP and other database schemes count;
    `${VAR}` and `%(password)s` passwords do not.

    ## Why is this bad?
    The URL is a complete set of credentials: host, user and password. Committed, it is
    readable by everyone with the repository; as a default, it is what runs whenever the
    variable is missing.

    ## Known problems
    A URL pointing at this machine (`localhost`, `127.0.0.1`, also a host that
    `str.format` fills in with such names alone: `"...@{}:5432/app".format("localhost"
    if WINDOWS else "127.0.0.1")`) is reported at medium
    severity: usually a development database, still a password in the repository. A
    URL naming the database container a development compose file of the project starts
    (one running a development server, named for development ...), with the password
    that file gives it (`@db/shop` beside `POSTGRES_PASSWORD: ...` in the service `db`,
    or `@localhost:5405` when the file publishes it there, or `@localhost` alone when it
    publishes the port of the URL's scheme, `"5432:5432"`), is reported at low severity:
    the compose file already holds that developer's login; not when a compose file for
    deployment starts a container of the same name. A URL whose password is the
    account's own name (`amqp://guest:guest@...`, `postgres://postgres:postgres@...`),
    the login the server ships with and everyone tries first, is reported at low
    severity: it tells no one a secret, though a server still taking it is open. A
    URL written in a function named for tests
    (`create_test_database_connect_strings()`, outside the test folders) is reported at
    low severity, as in test code.
    Django's `DATABASES` and Flask's `*_URI`/`*_URL` config keys (and `create_engine` in
    Flask modules) are judged by the framework rules (WW302, WW320).

    ## Example
    ```python
    from sqlalchemy import create_engine

    engine = create_engine("postgresql+psycopg2://shop:Shop-2024!@db.internal/shop")
    ```

    ## Fix
    ```python
    import os

    from sqlalchemy import create_engine

    engine = create_engine(os.environ["DATABASE_URL"])
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [SQLAlchemy: database URLs](https://docs.sqlalchemy.org/en/20/core/engines.html#database-urls)
    - [The Twelve-Factor App: backing services](https://12factor.net/backing-services)
    """

    code = "WW341"
    name = "database-url-credentials"
    practice = Practice.DATABASE
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "{where} holds a database URL with a password: `{masked}`"
    fix = "read the URL (or its password) from the environment, with no default"
    categories = (Category.URL,)

    def judge(self, site: SecretSite) -> Finding | None:
        if site.via and site.target.startswith(site.via):
            where = f"the default of `{site.target}`"
        elif site.via:
            where = f"the argument of `{site.via}`"
        elif site.target:
            where = f"`{site.target}`"
        else:
            where = "a string literal"
        severity = Severity.MEDIUM if site.local else None
        message = self.message + (" (a local database)" if site.local else "")
        finding = self.make_finding(
            site.location,
            snippet=site.snippet,
            severity=severity,
            message=message,
            where=where,
            masked=site.masked,
        )
        if site.placeholder:
            return lower_for_context(finding, Severity.LOW, _DEFAULT_LOGIN)
        return finding


_DEFAULT_LOGIN = "the account's name is its password: the server's default login, no secret"
