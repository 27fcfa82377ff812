"""WW1172: `FLASK_DEBUG=1` in a `.flaskenv` or `.env` file."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.flask.envfiles import parse_env
from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._dev_server import TRUE_WORDS
from webwarden.rules.base import Framework, TextRule
from webwarden.rules.context import TextFile

_FLASK_ENV = "flask-env"
_SERVED_BY_WSGI = "the project's scripts serve the app with a WSGI server, not `flask run`"
_FLASK_ENV_REMOVED = "2.3"
"""The Flask release that no longer reads `FLASK_ENV` (deprecated in 2.2)."""


class FlaskDebugInEnvFile(TextRule):
    """## What it does
    Finds `FLASK_DEBUG=1` (or `true`, `yes`, `on`) and `FLASK_ENV=development` in
    `.flaskenv` and `.env` files, which the `flask` command loads into the environment
    (through python-dotenv) before it starts the app.

    ## Why is this bad?
    `.flaskenv` is meant to be committed, and `.env` files travel into containers and
    servers more often than intended. Wherever `flask run` (or `from_prefixed_env()`)
    reads them, the app runs in debug mode with the interactive debugger (see WW1170).

    ## Known problems
    `FLASK_ENV=development` is not reported when the application's requirement or lock
    files allow no Flask older than 2.3, which no longer reads `FLASK_ENV` (the app's own
    code may still read it to pick a config class; that is not debug mode).
    In a `.flaskenv`, it is low where the project's scripts (a Procfile, a Dockerfile, a
    boot script) start the app with a WSGI server (`gunicorn app:app`, uWSGI, Waitress)
    and none runs `flask run` (but a Procfile for local use, `Procfile.windows` or
    `Procfile.dev`): only the `flask` command loads that file, so the switch
    reaches the development server a developer starts by hand (a `.env` stays medium:
    the app's own `load_dotenv()` or a container's `env_file` may load it anywhere).

    ## Example
    ```shell
    FLASK_APP=app.py
    FLASK_DEBUG=1
    ```

    ## Fix
    ```shell
    FLASK_APP=app.py
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Flask: environment variables from dotenv](https://flask.palletsprojects.com/en/stable/cli/#environment-variables-from-dotenv)
    """

    code = "WW1172"
    name = "flask-debug-in-env-file"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 489
    frameworks = frozenset({Framework.FLASK})
    message = "`{variable}={value}` in `{file}` runs the app in debug mode"
    fix = "pass `--debug` to `flask run` on your own machine instead"
    patterns = (".flaskenv", ".env")
    example_filename = ".flaskenv"

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        name = file.relpath.rsplit("/", 1)[-1]
        for variable, (value, line) in parse_env(file.text).items():
            on = variable == "FLASK_DEBUG" and value.strip().lower() in TRUE_WORDS
            development = variable == "FLASK_ENV" and value.strip().lower() == "development"
            if on or development:
                finding = self.make_finding(
                    file.location(line),
                    snippet=file.lines[line - 1],
                    variable=variable,
                    value=value,
                    file=name,
                )
                yield dataclasses.replace(finding, tags=(_FLASK_ENV,)) if development else finding

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a `.flaskenv` where the project's scripts serve the app with a WSGI
        server and none runs `flask run` (`FlaskModel.served_by_wsgi_server`): only the
        `flask` command loads that file, and the server it would switch to debug mode is
        the development one a developer starts by hand."""
        flask = project.flask
        in_flaskenv = finding.location.path.rsplit("/", 1)[-1] == ".flaskenv"
        if in_flaskenv and flask is not None and flask.served_by_wsgi_server:
            return lower_for_context(finding, Severity.LOW, _SERVED_BY_WSGI)
        return finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """`FLASK_ENV=development` where the application's requirement or lock files
        allow no Flask older than 2.3, which ignores `FLASK_ENV`."""
        return _FLASK_ENV in finding.tags and project.requires_at_least(
            "flask", finding.location.path, _FLASK_ENV_REMOVED
        )
