"""WW302: a database URL with a password written in the settings."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.secrets import local_credential_url
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.django import SettingsModule
from webwarden.model.project import ProjectModel
from webwarden.rules._compose_databases import development_compose_database
from webwarden.rules.django_settings import DjangoSettingRule, Verdict

_SETTINGS = ("DATABASES",)


class DjangoDatabaseUrlCredentials(DjangoSettingRule):
    """## What it does
    Finds database URLs with a password written in `DATABASES`: the default of
    `dj_database_url.config(default="postgres://user:password@host/db")`,
    `dj_database_url.parse(...)`, django-environ's `env.db(default=...)`, or any URL string
    with credentials in the setting. The message shows the URL with the password masked.

    ## Why is this bad?
    The URL is a complete set of credentials: host, user and password. Committed as a
    default, it is what production uses whenever `DATABASE_URL` is missing, and it is
    readable by everyone with the repository.

    ## Known problems
    A URL pointing at this machine (`localhost`, `127.0.0.1`, a socket folder) is reported
    at medium severity, as WW341 reports one: usually a developer's own database, still a
    password in the repository; one naming the database container a development compose
    file of the project starts, with the password that file gives it, at low severity
    (see WW341).

    ## Example
    ```python
    import dj_database_url

    DATABASES = {"default": dj_database_url.config(default="postgres://shop:hunter2@db/shop")}
    ```

    ## Fix
    ```python
    import dj_database_url

    DATABASES = {"default": dj_database_url.config(default="sqlite:///db.sqlite3")}
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [dj-database-url](https://github.com/jazzband/dj-database-url)
    - [django-environ: env.db](https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url)
    """

    code = "WW302"
    name = "django-database-url-credentials"
    practice = Practice.DATABASE
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 798
    message = "`{setting}` holds a database URL with a password: `{url}`"
    fix = "read the URL from the environment (`DATABASE_URL`) and keep credentials out of defaults"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        """The settings' findings, low for a URL naming a development compose file's
        database container with that file's password."""
        django = project.django
        if django is None:
            return
        urls = {
            location: url
            for module in django.judged
            for setting in _SETTINGS
            for possibility in module.get(setting)
            for url, location in possibility.credential_urls
        }
        for finding in super().check(project):
            url = urls.get(finding.location, "")
            reason = development_compose_database(project, url, finding.location) if url else ""
            yield lower_for_context(finding, Severity.LOW, reason) if reason else finding

    def judge(self, settings: SettingsModule) -> Iterator[Verdict]:
        for setting in _SETTINGS:
            for possibility in settings.get(setting):
                for url, location in possibility.credential_urls:
                    local = local_credential_url(url)
                    fields = {"setting": setting, "url": url}
                    yield Verdict(
                        setting,
                        possibility,
                        fields,
                        location,
                        value="",
                        message=self.message + " (a local database)" if local else None,
                        severity=Severity.MEDIUM if local else None,
                    )
