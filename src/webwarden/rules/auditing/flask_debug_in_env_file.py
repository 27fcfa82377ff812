"""WW1172: `FLASK_DEBUG=1` in a `.flaskenv` or `.env` file."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.flask.envfiles import parse_env
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, TextRule
from webwarden.rules.context import TextFile

_ON = frozenset({"1", "true", "yes", "on", "t", "y"})


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
    Flask 2.3 no longer reads `FLASK_ENV` (2.2 turned debug mode on with it, and warned):
    when the application's requirement or lock files allow no older Flask, the
    `FLASK_ENV` line is reported at low severity, as only the app's own code reading the
    variable may still act on it.

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

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low for `FLASK_ENV` when the application requires Flask 2.3 or later."""
        if "`FLASK_ENV=" not in finding.message or not project.requires_at_least(
            "flask", finding.location.path, "2.3"
        ):
            return finding
        return lower_for_context(finding, Severity.LOW, "Flask 2.3 and later ignore `FLASK_ENV`")

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        name = file.relpath.rsplit("/", 1)[-1]
        for variable, (value, line) in parse_env(file.text).items():
            on = variable == "FLASK_DEBUG" and value.strip().lower() in _ON
            development = variable == "FLASK_ENV" and value.strip().lower() == "development"
            if on or development:
                yield self.make_finding(
                    file.location(line),
                    snippet=file.lines[line - 1],
                    variable=variable,
                    value=value,
                    file=name,
                )
