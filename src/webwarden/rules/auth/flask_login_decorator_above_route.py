"""WW723: a login decorator written above a Flask route decorator."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule


class FlaskLoginDecoratorAboveRoute(FlaskRule):
    """## What it does
    Finds a view whose login or permission decorator (`@login_required`, Flask-Security's
    `@auth_required`, a project's own decorator whose wrapper checks the login, as
    WW721 recognises them) is written above the route decorator (`@app.route`,
    `@bp.get`...) rather than below it. With routes stacked on one function, each is
    judged on its own: a check between two route decorators guards only the upper one.

    ## Why is this bad?
    Decorators apply from the bottom up. `@app.route` registers the function it is
    handed and returns it unchanged; a decorator above it wraps that function only
    afterwards, and the wrapper is never registered. Flask's URL map serves the bare view,
    so the login check never runs and anyone may call the URL. Flask's documentation says
    the route decorator must be the outermost.

    ## Known problems
    Decorators that register the view by name rather than wrap it (Flask-WTF's
    `@csrf.exempt`, Flask-Limiter's `@limiter.limit`) work in either place and are not
    login checks, so they are not reported.

    ## Example
    ```python
    from flask import Flask
    from flask_login import LoginManager, login_required

    app = Flask(__name__)
    LoginManager(app)


    @login_required
    @app.route("/backups/<name>")
    def backup(name):
        return name
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_login import LoginManager, login_required

    app = Flask(__name__)
    LoginManager(app)


    @app.route("/backups/<name>")
    @login_required
    def backup(name):
        return name
    ```

    ## References
    - [CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)
    - [Flask: view decorators](https://flask.palletsprojects.com/en/stable/patterns/viewdecorators/)
    """

    code = "WW723"
    name = "flask-login-decorator-above-route"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 306
    message = (
        "`@{decorator}` is written above the route decorator of `{route}`: Flask serves"
        " the view without it"
    )
    fix = "write the route decorator first (outermost), the login decorator below it"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for route in app.routes:
            misplaced = next((d for d in route.outer_decorators if app.guards_access(d)), None)
            if misplaced is not None:
                yield self.at(
                    route.location,
                    key=route.endpoint,
                    decorator=misplaced.name.rsplit(".", 1)[-1],
                    route=route.display,
                )
