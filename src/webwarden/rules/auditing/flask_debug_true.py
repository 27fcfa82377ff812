"""WW1170: Flask's debug mode switched on in code or config."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.flask.extract import DEBUG_ATTRIBUTE
from webwarden.rules.auditing._flask_debug import werkzeug_run
from webwarden.rules.flask_base import FlaskRule


class FlaskDebugTrue(FlaskRule):
    """## What it does
    Finds `app.run(debug=True)`, `app.debug = True` and `DEBUG = True` in any config
    the app loads (`app.config`, config classes and modules, `from_pyfile` files).
    Development config classes are reported at low severity. A debug mode that comes
    from an environment variable is WW1171's. `debug=True` in the body of an `if` on a
    debug switch (`if args.debug:`, `if settings["DEBUG"]:`) follows that switch, as
    `app.run(debug=args.debug)` would, and is not reported. A `DEBUG = True` setting of
    an app nothing in the project starts with `app.run()` (nor Flask-Script's
    `runserver`) is reported at medium severity (Werkzeug's `run_simple` reads no
    `DEBUG` setting and does not count): `flask run` takes debug mode from
    `FLASK_DEBUG` and overrides the setting, and a WSGI server (Gunicorn, CherryPy,
    uWSGI) never adds the debugger; what is left is exceptions propagating to the server
    and extensions (Flask-DebugToolbar, Talisman) acting as in development.
    `app.run(debug=True)` is reported at low severity in a module no script of the
    project runs (`python serve.py`, `-m serve`, `serve:app`; a coverage configuration
    naming it, `omit = serve.py`, runs nothing) where those scripts (a
    Dockerfile, also its exec form written without spaces, a Procfile, a compose file, a
    boot script) serve the app with a WSGI server: a developer's runner, started by hand or by a Makefile's target no other
    script makes (`serve:` while CI runs `make lint`; not when a script runs `make serve`,
    a target depending on it, or a bare `make`), as `flask run --debug` would be.

    ## Why is this bad?
    In debug mode the development server serves the Werkzeug debugger: an interactive
    Python console in the browser on any error page, guarded only by a PIN that leaks in
    logs and can be computed from files the app can be tricked into reading. It also
    switches off Talisman's HTTPS redirect and secure session cookie.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(debug=True)
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
    - [Flask: debug mode](https://flask.palletsprojects.com/en/stable/quickstart/#debug-mode)
    """

    code = "WW1170"
    name = "flask-debug-true"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 489
    message = "debug mode is on: {how}"
    fix = "switch debug on only with `flask run --debug` on a developer's machine"
    bandit = ("B201",)
    ruff = ("S201",)

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        settings = {
            (judged.location.path, judged.location.line)
            for judged in app.judge("DEBUG")
            if judged.setting is not None and judged.value is True
        }
        for options, location in app.runs:
            if options.get("debug") is not True:
                continue
            set_at = options.get(DEBUG_ATTRIBUTE)
            if set_at is None:
                finding = self.at(location, how="`run(debug=True)`")
                by_hand = location.path in model.started_by_hand
                yield lower_for_context(finding, Severity.LOW, _BY_HAND) if by_hand else finding
            elif (location.path, set_at) not in settings:
                # NOTE: `app.debug = True` then `app.run()`: reported at the setting when
                # the model judges it the app's, else (another's won) at the run.
                yield self.at(location, how="`app.debug = True` before `run()`")
        # NOTE: `flask run` sets `app.debug` from FLASK_DEBUG, and a WSGI server never
        # wraps the app in the debugger: only `app.run()` (or Flask-Script's `runserver`)
        # serves the console because of the setting.
        runs = any(not werkzeug_run(options) for options, _ in app.runs)
        runs = runs or bool(app.extension(*_RUNNERS))
        for judged in app.judge("DEBUG"):
            if judged.setting is not None and judged.value is True:
                how = "`app.debug = True`" if judged.setting.source == "app" else "`DEBUG = True`"
                finding = self.at(judged.location, judged=judged, how=how)
                yield finding if runs else lower_for_context(finding, Severity.MEDIUM, _NOT_RUN)


_RUNNERS = ("flask_script.Manager",)
_BY_HAND = (
    "the project's scripts serve the app with a WSGI server and none runs this module:"
    " a developer starts it by hand"
)
_NOT_RUN = "no `app.run()` in the project: `flask run` and WSGI servers start no debugger for it"
