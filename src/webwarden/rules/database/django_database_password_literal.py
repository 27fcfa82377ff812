"""WW301: a database password written in DATABASES."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.environment import DeployTime
from webwarden.findings import Confidence, Practice, Severity
from webwarden.model.django import SettingsModule
from webwarden.model.django.values import lookup
from webwarden.rules.django_settings import DjangoSettingRule, Verdict


class DjangoDatabasePasswordLiteral(DjangoSettingRule):
    """## What it does
    Finds `DATABASES` entries whose `PASSWORD` is a string in the code, or an environment
    lookup with a password as its default (`os.getenv("DB_PASSWORD", "secret")`), in any
    settings module of the chain, including `DATABASES["default"]["PASSWORD"] = ...`.

    ## Why is this bad?
    A database password in the repository is known to everyone who can read it, forever
    (it stays in the history). With network access to the database (a shared network, a
    misconfigured firewall, a compromised neighbour) that is all an attacker needs to read
    or change every record.

    Not reported: an entry whose `ENGINE` is written as SQLite's (`sqlite3`, or
    SpatiaLite's `spatialite`): a database in a file, which Django opens without the
    password an example configuration may fill in. An engine chosen by the environment
    may be a server's, and is reported. Nor is a lookup in the arm of an `if` that
    proves its variable set (`if "DB_PASSWORD" in os.environ:`), whose default is never
    used.

    ## Known problems
    Throwaway passwords of local development databases are reported at low severity in
    development settings modules.

    ## Example
    ```python
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "shop",
            "PASSWORD": "shop-db-password-2024",
        }
    }
    ```

    ## Fix
    ```python
    import os

    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "shop",
            "PASSWORD": os.environ["DB_PASSWORD"],
        }
    }
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [Django: DATABASES](https://docs.djangoproject.com/en/stable/ref/settings/#databases)
    """

    code = "WW301"
    name = "django-database-password-literal"
    practice = Practice.DATABASE
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = '`DATABASES["{alias}"]["PASSWORD"]` {problem}'
    fix = "read the password from the environment (or a secrets manager) without a default"
    masks_values = True

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for possibility in settings.get("DATABASES"):
            databases = possibility.value
            if isinstance(databases, DeployTime) or not isinstance(databases, dict):
                continue
            for alias in databases:
                if _file_database(lookup(databases, alias, "ENGINE")):
                    continue
                raw = lookup(databases, alias, "PASSWORD")
                problem = None
                if isinstance(raw, str) and raw:
                    problem = "is a literal in the source code"
                elif isinstance(raw, DeployTime) and isinstance(raw.if_unset, str) and raw.if_unset:
                    problem = "falls back to a literal in the code when the variable is unset"
                if problem is not None:
                    where = possibility.part(f"{alias}.PASSWORD")
                    fields = {"alias": alias, "problem": problem}
                    yield Verdict("DATABASES", possibility, fields, where, value=raw)


_FILE_ENGINES = (".sqlite3", ".spatialite")


def _file_database(engine: object) -> bool:
    """`django.db.backends.sqlite3` written as the engine: SQLite reads a file and takes no
    password, so one set beside it is never sent anywhere."""
    return isinstance(engine, str) and engine.endswith(_FILE_ENGINES)
