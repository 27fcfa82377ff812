"""WW648: Flask-SocketIO accepting connections from any origin in a cookie-using app."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import (
    FlaskRule,
    in_effect,
    user_cookies_kept_off_cross_site,
    uses_cookie_auth,
)

_SOCKETIO = "flask_socketio.SocketIO"
_ANY = "*"


def _any_origin(origins: object) -> bool:
    """`"*"`, a list or tuple holding it, or an empty list: engine.io checks no origin
    when the option is `[]` (`if self.cors_allowed_origins != []:` around the check, since
    python-engineio 3.9.2); an empty tuple is not `[]` there, and lets no origin in."""
    origins = in_effect(origins)
    if isinstance(origins, list | tuple):
        return origins == [] or any(in_effect(o) == _ANY for o in origins)
    return origins == _ANY


class SocketioAnyOrigin(FlaskRule):
    """## What it does
    Finds Flask-SocketIO set up to accept connections from any origin
    (`SocketIO(app, cors_allowed_origins="*")`, a list holding `"*"`, or an empty list,
    which turns the origin check off; also given to `socketio.init_app(app, ...)`) in a
    Flask app whose users are known by a cookie
    (the session, Flask-Login, Flask-Security or Flask-User; also a server whose only
    user of the session is the class handling a namespace, `socketio.on_namespace(
    Chat("/chat"))` with `Chat`, or a base of it, defined in a module reading Flask's
    `session` to know who connects). Left unset, the option
    lets only the app's own origin connect. Reported at low severity when
    `SESSION_COOKIE_SAMESITE` is `Lax` or `Strict` in every config the app loads (and
    `REMEMBER_COOKIE_SAMESITE` too when the app logs users in with Flask-Login's
    remember-me cookie): browsers then leave the cookie off another site's connection.
    Not when a deployment decides the value (read from the environment, or from a file
    loaded after it by `from_envvar` or `from_pyfile`), which may set `None`. Not reported
    when every event is handled by a class given to `on_namespace` (no `@socketio.on`,
    `@socketio.event` or `on_event` handler) none of whose methods, nor of its project
    bases, reads the session, the user (`current_user`, `g`, a login library) or the
    cookies, itself or through the project functions it calls: handlers that know the
    caller by a token sent in the event (`if not verify(message["token"]): disconnect()`)
    give a socket another site opens nothing its own script could not do.

    ## Why is this bad?
    A WebSocket is not bound by the same-origin policy: any page the user visits can
    open one to the app, and the browser adds the app's cookies to the handshake. The
    origin check Flask-SocketIO makes by default is all that tells the app's own pages
    from another site's; with `"*"` the other site's script talks to the app as the
    signed-in user, reading what the app pushes to them and sending events in their
    name (cross-site WebSocket hijacking). An empty list reads like "no other origin",
    but python-engineio documents it as "disable CORS handling": it then skips the
    origin check altogether.

    ## Known problems
    What handlers given by decorator do is not read: an app whose sockets only broadcast
    public data is reported too, as is a namespace class defined in a module that does
    not import `flask_socketio` (its methods' bodies are not kept). A list the code fills after writing it (`origins = []`,
    then `origins.append(site)`) is not known, and not reported. SameSite does not
    separate sites sharing a registrable domain, hence low rather than silent.

    ## Example
    ```python
    from flask import Flask
    from flask_login import LoginManager
    from flask_socketio import SocketIO

    app = Flask(__name__)
    login = LoginManager(app)
    socketio = SocketIO(app, cors_allowed_origins="*")
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_login import LoginManager
    from flask_socketio import SocketIO

    app = Flask(__name__)
    login = LoginManager(app)
    socketio = SocketIO(app, cors_allowed_origins=["https://app.example.com"])
    ```

    ## References
    - [CWE-1385: Missing Origin Validation in WebSockets](https://cwe.mitre.org/data/definitions/1385.html)
    - [python-engineio: cross-origin controls](https://python-engineio.readthedocs.io/en/latest/server.html#cross-origin-controls)
    - [Flask-SocketIO: API reference](https://flask-socketio.readthedocs.io/en/latest/api.html)
    """

    code = "WW648"
    name = "socketio-any-origin"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 1385
    message = "`SocketIO(...)` accepts connections from any origin (`cors_allowed_origins`)"
    fix = "list the app's own origins in `cors_allowed_origins`, or leave it unset"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if not (uses_cookie_auth(app) or app.sockets_use_session):
            return
        if app.sockets_act_as_no_one:
            return  # NOTE: no handler knows the user by the cookies the handshake carries
        same_site = user_cookies_kept_off_cross_site(app)
        for socketio in app.extension(_SOCKETIO):
            if not _any_origin(socketio.option("cors_allowed_origins", None)):
                continue
            finding = self.at(socketio.location, severity=Severity.LOW if same_site else None)
            yield dataclasses.replace(finding, context=_SAME_SITE) if same_site else finding


_SAME_SITE = "`SESSION_COOKIE_SAMESITE` keeps the session cookie off other sites' connections"
