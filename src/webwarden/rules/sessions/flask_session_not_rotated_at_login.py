"""WW827: a Flask app with server-side sessions logs users in under the same session id."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask.exposed import module_app
from webwarden.model.flask.index import OWN_INTERFACE
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule
from webwarden.rules.sessions._logins import unrotated_logins


class FlaskSessionNotRotatedAtLogin(ProjectRule):
    """## What it does
    In apps that keep sessions on the server by an id the cookie carries (Flask-Session's
    `Session(app)`, Flask-KVSession, or an `app.session_interface` of the project's own
    that is not Flask's cookie interface), finds functions that log a user in, with
    Flask-Login's `login_user(...)` or by setting `session["user_id"]` (or
    `session["logged_in"]`, ...) after checking a password or a code, without calling
    `regenerate` (Flask-Session's `app.session_interface.regenerate(session)`,
    Flask-KVSession's `session.regenerate()`, or a helper of the project's so named) or
    giving the session a new random id itself (`session.sid = uuid4().hex`, or
    `session.session_id = str(uuid.uuid4())` with an interface of the project's own).
    Flask's default session is a signed cookie holding the data itself: the cookie
    changes when the login writes to it, so apps without server-side sessions are not
    reported. `login_user(AnonymousUserMixin())` (a guest for an embedded page) and logins
    inside `app.test_request_context()` are left alone. A session interface of the
    project's own is reported at medium confidence.

    ## Why is this bad?
    With server-side sessions the cookie holds only the session id, and `login_user`
    does not change it (nor does `session.clear()` with Flask-Session: the id stays).
    An attacker who got an id into the victim's browser (a cookie set from a subdomain,
    a shared computer) waits for the victim to log in and then uses the same id as the
    victim: session fixation.

    ## Known problems
    `regenerate` is looked for in the function that logs the user in: a view that
    regenerates the id and then calls a helper that calls `login_user` is reported at
    the helper. Flask-Session added `regenerate` in 0.7.0; older versions have none.

    ## Example
    ```python
    from flask import Flask, request
    from flask_login import LoginManager, login_user
    from flask_session import Session

    from models import User

    app = Flask(__name__)
    app.config["SESSION_TYPE"] = "redis"
    Session(app)
    LoginManager(app)


    @app.post("/login")
    def login():
        user = User.query.filter_by(name=request.form["name"]).first()
        if user and user.check_password(request.form["password"]):
            login_user(user)
        return "ok"
    ```

    ## Fix
    ```python
    from flask import Flask, request, session
    from flask_login import LoginManager, login_user
    from flask_session import Session

    from models import User

    app = Flask(__name__)
    app.config["SESSION_TYPE"] = "redis"
    Session(app)
    LoginManager(app)


    @app.post("/login")
    def login():
        user = User.query.filter_by(name=request.form["name"]).first()
        if user and user.check_password(request.form["password"]):
            app.session_interface.regenerate(session)
            login_user(user)
        return "ok"
    ```

    ## References
    - [CWE-384: Session Fixation](https://cwe.mitre.org/data/definitions/384.html)
    - [Flask-Session: Security, session fixation](https://flask-session.readthedocs.io/en/latest/security.html#session-fixation)
    - [Flask-KVSession: KVSession.regenerate()](https://pythonhosted.org/Flask-KVSession/#flask_kvsession.KVSession.regenerate)
    - [OWASP: Session Management Cheat Sheet, renew the session ID after any privilege level change](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#renew-the-session-id-after-any-privilege-level-change)
    """

    code = "WW827"
    name = "flask-session-not-rotated-at-login"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 384
    frameworks = frozenset({Framework.FLASK})
    example_filename = "app.py"
    message = (
        "`{function}` logs the user in with `{what}` and keeps the session id from before"
        " ({store} keeps sessions on the server)"
    )
    fix = (
        "give the session a new id when the user logs in: Flask-Session's"
        " `app.session_interface.regenerate(session)`, Flask-KVSession's `session.regenerate()`"
    )

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        if project.flask is None:
            return
        if not any(app.server_sessions for app in project.flask.apps):
            return
        for login in unrotated_logins(project, "flask"):
            app = module_app(project.flask.apps, login.location.path)
            if app is None or not app.server_sessions:
                continue
            own = app.server_sessions.startswith(OWN_INTERFACE)
            yield self.make_finding(
                login.location,
                confidence=Confidence.MEDIUM if own else None,
                function=login.function,
                what=login.what,
                store=app.server_sessions,
            )
