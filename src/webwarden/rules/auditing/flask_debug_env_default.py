"""WW1171: Flask's debug mode read from the environment, on when the variable is unset."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.environment import NO_DEFAULT, DeployTime
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.flask import FlaskApp, FlaskModel, Judged
from webwarden.rules.auditing._flask_debug import truthy
from webwarden.rules.flask_base import FlaskRule, deploy_phrase


class FlaskDebugEnvDefault(FlaskRule):
    """## What it does
    Finds a debug switch read from the environment with a truthy default:
    `DEBUG = os.getenv("DEBUG", "True") == "True"`, `app.run(debug=os.environ.get("DEBUG",
    True))`, `config("DEBUG", default=True, cast=bool)`, or a helper function of the same
    module, or one imported from another module of the project, that makes such a lookup
    (`DEBUG = env_flag("DEBUG", default=True)`). Also a debug switch that is the text
    read itself, uncast (`app.run(debug=os.environ.get("FLASK_DEBUG"))`, or an INI
    file's option read with `parser.get("server", "debug")` rather than `getboolean`,
    also through a name bound to it): any value set, `"False"` and `"0"` included, is a
    true string. Reported at medium severity when the value is off while unset; an
    option read without a fallback is always set, so debug mode is always on.

    ## Why is this bad?
    The default is what runs wherever the variable is missing - typically production,
    where nobody thought to set `DEBUG=False`. The app then serves the interactive
    debugger (see WW1170).

    ## Example
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["DEBUG"] = os.getenv("DEBUG", "1") == "1"
    ```

    ## Fix
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    app.config["DEBUG"] = os.getenv("DEBUG", "0") == "1"
    ```

    ## References
    - [CWE-1188: Initialization of a Resource with an Insecure Default](https://cwe.mitre.org/data/definitions/1188.html)
    - [Flask: DEBUG](https://flask.palletsprojects.com/en/stable/config/#DEBUG)
    """

    code = "WW1171"
    name = "flask-debug-env-default"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 1188
    message = "debug mode is {phrase}"
    fix = "make the default off: debug only when `{variable}` is set on purpose"
    states_deploy_time = True

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for options, location in app.runs:
            yield from self._judge(options.get("debug"), location, None)
        for judged in app.judge("DEBUG"):
            if judged.setting is not None:
                yield from self._judge(judged.value, judged.location, judged)

    def _judge(self, value: object, location: Location, judged: Judged | None) -> Iterator[Finding]:
        if isinstance(value, DeployTime) and value.text:
            always = truthy(value) or value.if_unset is NO_DEFAULT
            finding = self.at(
                location,
                judged=judged,
                phrase=(
                    f"the text of {value.lookups[0].shown}: any value it is given,"
                    " `False` and `0` included, turns it on"
                ),
                variable=value.variables[0],
            )
            yield finding if always else lower_for_context(finding, Severity.MEDIUM, _OFF_UNSET)
        elif isinstance(value, DeployTime) and truthy(value):
            yield self.at(
                location,
                judged=judged,
                phrase=deploy_phrase(value, f"on ({value.if_unset!r})"),
                variable=value.variables[0],
            )


_OFF_UNSET = "off while the variable is unset: on only where someone sets it, even to `False`"
