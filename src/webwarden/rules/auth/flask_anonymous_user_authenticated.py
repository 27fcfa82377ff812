"""WW780: Flask-Login's anonymous user is a class that says it is authenticated."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp
from webwarden.model.flask.login_classes import authenticated_class
from webwarden.model.project import ProjectModel
from webwarden.rules.flask_base import FlaskRule


class FlaskAnonymousUserAuthenticated(FlaskRule):
    """## What it does
    Finds a Flask-Login manager given, as its `anonymous_user`, a class whose instances
    say they are authenticated: one derived from `UserMixin` (Flask-Login's or
    Flask-Security's) rather than `AnonymousUserMixin`, or one setting `is_authenticated`
    to `True` itself (`is_authenticated = True`, or a property returning it), in the
    module assigning it or in another module of the project (`from app.auth import
    NoAuthUser`).

    ## Why is this bad?
    For a visitor who has not logged in, `current_user` is an instance of the
    `anonymous_user` class, and `@login_required` lets the request on when
    `current_user.is_authenticated` is true. With a class taken from `UserMixin`, whose
    `is_authenticated` is `True`, every view under `@login_required` is open to anyone:
    a "no authentication" mode left as the default switches off every login check of the
    app, and nothing in the views shows it.

    ## Known problems
    A class whose `is_authenticated` depends on a base class webwarden does not know,
    coming before Flask-Login's mixin (`class Guest(Base, UserMixin)` with `Base` of a
    library), is not judged. An assignment made only under a setting (`if
    config["AUTH"] is None:`) is reported like any other: the default of that setting
    decides whether a deployment runs it. A class given to Flask-Security's
    `Security(anonymous_user=...)` is not read.

    ## Example
    ```python
    from flask import Flask
    from flask_login import LoginManager, UserMixin

    app = Flask(__name__)
    login_manager = LoginManager(app)


    class OpenUser(UserMixin):
        def get_id(self):
            return ""


    login_manager.anonymous_user = OpenUser
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_login import AnonymousUserMixin, LoginManager

    app = Flask(__name__)
    login_manager = LoginManager(app)


    class Guest(AnonymousUserMixin):
        def can(self, permission):
            return False


    login_manager.anonymous_user = Guest
    ```
    Derive the anonymous user from `AnonymousUserMixin`; to run without login, drop
    `@login_required` from the views on purpose, not through the anonymous user.

    ## References
    - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    - [Flask-Login: anonymous users](https://flask-login.readthedocs.io/en/latest/#anonymous-users)
    """

    code = "WW780"
    name = "flask-anonymous-user-authenticated"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 287
    message = (
        "Flask-Login's anonymous user `{user_class}` says it is authenticated: "
        "`@login_required` lets every visitor in"
    )
    fix = "derive the anonymous user class from `AnonymousUserMixin`"

    def check_app_in(self, app: FlaskApp, project: ProjectModel) -> Iterator[Finding]:
        read_module = project.read_module
        if read_module is None:
            return
        for ref, location in app.anonymous_users:
            if authenticated_class(read_module, ref):
                yield self.at(location, key=ref, user_class=ref.rpartition(".")[2])
