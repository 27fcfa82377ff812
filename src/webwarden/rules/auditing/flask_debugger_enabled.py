"""WW1173: the Werkzeug debugger switched on explicitly."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.auditing._flask_debug import truthy
from webwarden.rules.flask_base import FlaskRule


class FlaskDebuggerEnabled(FlaskRule):
    """## What it does
    Finds `app.run(use_debugger=True)` and `run_simple(..., use_debugger=True)`: the
    interactive debugger forced on whatever the debug setting says. `run_simple` may be
    called in a module of its own (a `wsgi.py` importing only the apps' factories): it
    serves the app it is handed, a factory's result, or each app a Werkzeug
    `DispatcherMiddleware` mounts.

    ## Why is this bad?
    The Werkzeug debugger runs arbitrary Python typed into the browser on any error
    page. Its PIN is printed to the log and can be derived from machine files; anyone
    who reaches the server can try.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(use_debugger=True)
    ```

    ## Fix
    ```python
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run()
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Werkzeug: debugging applications](https://werkzeug.palletsprojects.com/en/stable/debug/)
    """

    code = "WW1173"
    name = "flask-debugger-enabled"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 489
    message = "the interactive Werkzeug debugger is switched on (`use_debugger=True`)"
    fix = "remove `use_debugger=True`"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for options, location in app.runs:
            if truthy(options.get("use_debugger")):
                yield self.at(location)
