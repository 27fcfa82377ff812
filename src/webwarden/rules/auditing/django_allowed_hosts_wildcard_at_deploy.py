"""WW1189: a deployment file sets the variable Django's `ALLOWED_HOSTS` is read from to `*`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._deploy_settings import (
    DEPLOYMENT_PATTERNS,
    deployed_possibilities,
    deployed_variables,
    read_from,
    tagged,
    tagged_variable,
)
from webwarden.rules.auditing._dev_server import unquoted
from webwarden.rules.base import Framework, TextRule


class DjangoAllowedHostsWildcardAtDeploy(TextRule):
    """## What it does
    Finds deployment files that let Django's `ALLOWED_HOSTS` accept any host through the
    environment: the image a Dockerfile builds by default (`ENV ALLOWED_HOSTS=*`) or a
    docker-compose service (`environment:`) sets to `*`, or to a list holding `*`
    (`example.org,*`), a variable that a settings module reads `ALLOWED_HOSTS` from
    (`env.list("ALLOWED_HOSTS")`, `os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")`,
    `config("ALLOWED_HOSTS", cast=Csv())`). Deployment files are read as WW1185 reads
    them: a compose file only when its name, or a folder above it, says production or
    staging (`docker-compose.prod.yml`, `deployment/compose/docker-compose.yml`); files,
    stages and services for development, tests or CI, and task queue workers, are not.

    ## Why is this bad?
    The settings module is safe on its own (it lists no host unless told), so WW1162
    does not report it; the file that deploys the app allows every host. Django then
    builds absolute URLs (password-reset e-mails, redirects, `build_absolute_uri`) from
    whatever Host header a request sends: an attacker who sends `Host: evil.example`
    gets a reset link pointing at their server mailed to the victim, and can poison
    caches keyed on the host.

    ## Known problems
    A settings module that drops `*` from the list it reads is still reported. A
    variable a settings module reads through a helper of another module is taken as
    read.

    ## Example
    ```text
    FROM python:3.12-slim
    ENV DJANGO_ALLOWED_HOSTS=*
    COPY . /app
    CMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]
    ```
    ```python
    # shop/settings.py
    import os

    SECRET_KEY = os.environ["SECRET_KEY"]
    ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
    ROOT_URLCONF = "shop.urls"
    ```

    ## Fix
    ```text
    FROM python:3.12-slim
    ENV DJANGO_ALLOWED_HOSTS=shop.example.com
    COPY . /app
    CMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]
    ```
    ```python
    # shop/settings.py
    import os

    SECRET_KEY = os.environ["SECRET_KEY"]
    ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
    ROOT_URLCONF = "shop.urls"
    ```

    ## References
    - [CWE-644: Improper Neutralization of HTTP Headers for Scripting Syntax](https://cwe.mitre.org/data/definitions/644.html)
    - [Django: host header validation](https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation)
    - [Django: ALLOWED_HOSTS](https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts)
    """

    code = "WW1189"
    name = "django-allowed-hosts-wildcard-at-deploy"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 644
    frameworks = frozenset({Framework.DJANGO})
    message = "`{variable}={value}` in `{file}` lets Django's `ALLOWED_HOSTS` accept any host"
    fix = "set `{variable}` to the real host names (a leading dot allows subdomains)"
    example_filename = "Dockerfile"
    patterns = DEPLOYMENT_PATTERNS

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        name = file.relpath.rsplit("/", 1)[-1]
        for found in deployed_variables(file):
            if not any_host(found.value):
                continue
            finding = self.make_finding(
                file.location(found.line),
                snippet=file.lines[found.line - 1],
                key=found.variable,
                confidence=found.confidence,
                variable=found.variable,
                value=unquoted(found.value),
                file=name,
            )
            yield tagged(finding, found.variable, unquoted(found.value))

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Unless a settings module that may be deployed reads `ALLOWED_HOSTS` from the
        variable."""
        variable = tagged_variable(finding)
        return not any(
            read_from(possibility, variable) is not None
            for possibility in deployed_possibilities(project, "ALLOWED_HOSTS")
        )


_SEPARATORS = re.compile(r"[\s,;]+")
_INTERPOLATED = re.compile(r"\$\{\w+:?-(?P<default>[^}]*)\}")
"""Compose's `${HOSTS:-*}`: the value when the operator's shell sets no `HOSTS`."""


def any_host(value: str) -> bool:
    """Whether a variable's value is `*` or a list holding it, however the list is
    written (`*`, `"example.org,*"`, `example.org *`, `["*"]`), also as the default of
    a compose interpolation (`${HOSTS:-*}`)."""
    text = _INTERPOLATED.sub(lambda match: match["default"], unquoted(value))
    entries = _SEPARATORS.split(text.strip("[]"))
    return any(entry.strip("\"'") == "*" for entry in entries)
