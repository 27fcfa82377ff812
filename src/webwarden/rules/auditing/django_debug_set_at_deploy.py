"""WW1185: a deployment file sets the variable Django's `DEBUG` is read from to true."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.environment import PROBE_WORDS
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._deploy_settings import (
    DEPLOYMENT_PATTERNS,
    deployed_possibilities,
    deployed_variables,
    read_from,
    tagged,
    tagged_value,
    tagged_variable,
)
from webwarden.rules.auditing._dev_server import switched_on, unquoted
from webwarden.rules.base import Framework, TextRule


class DjangoDebugSetAtDeploy(TextRule):
    """## What it does
    Finds deployment files that switch Django's `DEBUG` on through the environment: the
    image a Dockerfile builds by default (`ENV DJANGO_DEBUG=1` in its last stage, or a
    stage it is built from) or a docker-compose service (`environment:`) sets to a true
    value (`1`, `true`, `yes`, `on`) a variable that a settings module reads `DEBUG`
    from (`DEBUG = os.environ.get("DJANGO_DEBUG") == "1"`, `env.bool("DEBUG")`,
    `config("DEBUG", cast=bool)`); a compose file only when its name says production or
    staging (`docker-compose.prod.yml`): one of a plain name that sets `DEBUG` on is a
    developer's stack, as WW243 takes it. Settings modules for development or tests, files and
    compose services named for development (`Dockerfile.dev`,
    `docker-compose.override.yml`, a service mounting the source to reload it, one in a
    `dev` profile), files in a CI service's folder (`.github/`, `.gitlab/`: the
    services a workflow tests against), task queue workers (`celery`, `rq`: no page to show) and build
    stages named for development are not read.

    ## Why is this bad?
    The settings module is safe on its own (off unless the variable says otherwise), so
    WW1160 does not report it; the file that deploys the app turns it on. Every error
    page then shows the stack trace, local variables, settings and SQL of the request
    to whoever causes it, and the 404 page lists every URL pattern.

    ## Known problems
    A value is taken as true by its spelling, and the settings module's `DEBUG` is
    worked out with the variable set to it (`1`, `true`, `True`, `TRUE`, `yes`, `on`;
    other true spellings as `true`): a variable that turns `DEBUG` off
    (`DEBUG = False if PRODUCTION else ...` with `PRODUCTION = env.bool("APP_PRODUCTION")`,
    `DEBUG = not os.environ.get("LIVE")`) or a comparison the value fails (`== "1"` for
    `yes`) is not reported. A comparison with a word that is no true spelling
    (`== "debug"`) is missed: `debug` is not taken as true. A `DEBUG` read through a
    helper of another module is reported whatever the helper makes of the value. A compose file a developer runs the production
    image with, under a plain name, is reported: rename it for development or drop the
    variable.

    ## Example
    ```text
    FROM python:3.12-slim
    ENV DJANGO_DEBUG=1
    COPY . /app
    CMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]
    ```
    ```python
    # shop/settings.py
    import os

    SECRET_KEY = os.environ["SECRET_KEY"]
    DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
    ROOT_URLCONF = "shop.urls"
    ```

    ## Fix
    ```text
    FROM python:3.12-slim
    COPY . /app
    CMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]
    ```
    ```python
    # shop/settings.py
    import os

    SECRET_KEY = os.environ["SECRET_KEY"]
    DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
    ROOT_URLCONF = "shop.urls"
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Django: deployment checklist](https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug)
    """

    code = "WW1185"
    name = "django-debug-set-at-deploy"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 489
    frameworks = frozenset({Framework.DJANGO})
    message = "`{variable}={value}` in `{file}` turns Django's `DEBUG` on"
    fix = "leave `{variable}` unset in deployments (set it only on developers' machines)"
    example_filename = "Dockerfile"
    patterns = DEPLOYMENT_PATTERNS

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        name = file.relpath.rsplit("/", 1)[-1]
        for found in deployed_variables(file):
            if not switched_on(found.value):
                continue
            finding = self.make_finding(
                file.location(found.line),
                snippet=file.lines[found.line - 1],
                key=found.variable,
                confidence=found.confidence,
                variable=found.variable,
                value=found.value,
                file=name,
            )
            yield tagged(finding, found.variable, unquoted(found.value))

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """Unless a settings module that may be deployed reads `DEBUG` from the variable."""
        variable = tagged_variable(finding)
        word = _probed(tagged_value(finding))
        return not any(
            deploy_time is not None and (variable, word) not in deploy_time.false_when_set
            for possibility in deployed_possibilities(project, "DEBUG")
            for deploy_time in [read_from(possibility, variable)]
        )


def _probed(word: str) -> str:
    """The spelling among `PROBE_WORDS` a true word is read as (`Yes` as `yes`)."""
    if word in PROBE_WORDS:
        return word
    return word.lower() if word.lower() in PROBE_WORDS else "true"
