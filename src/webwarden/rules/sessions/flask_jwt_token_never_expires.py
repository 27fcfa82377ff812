"""WW843: Flask-JWT-Extended told to issue tokens that never expire."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect

LIFETIMES = (
    ("JWT_ACCESS_TOKEN_EXPIRES", "access"),
    ("JWT_REFRESH_TOKEN_EXPIRES", "refresh"),
)
"""Where Flask-JWT-Extended takes the lifetime of the tokens it issues (fifteen minutes
and thirty days by default); `False` leaves the `exp` claim out of the token."""


class FlaskJwtTokenNeverExpires(FlaskRule):
    """## What it does
    Finds apps whose Flask-JWT-Extended config sets `JWT_ACCESS_TOKEN_EXPIRES` or
    `JWT_REFRESH_TOKEN_EXPIRES` to `False`, in any config the app loads (also as the
    default of a value read from the environment): the tokens it issues then carry no
    `exp` claim and are accepted for ever.

    ## Why is this bad?
    A JSON Web Token is checked by its signature alone: logging out, changing the
    password or disabling the account leaves it working. Its expiry is what ends a
    stolen one; without it, a token copied from a browser's storage, a log or a backup
    is a login for good, unless someone learns of the theft and changes the signing
    key, which logs every user out. A refresh token mints new access tokens, so one
    that never expires is the whole account.

    ## Known problems
    A blocklist (`@jwt.token_in_blocklist_loader`) lets the app revoke a token it knows
    was stolen; it does not end the ones nobody noticed, so the finding stays. A token
    issued with its own lifetime (`create_refresh_token(identity, expires_delta=...)`)
    is not judged.

    ## Example
    ```python
    from flask import Flask
    from flask_jwt_extended import JWTManager

    app = Flask(__name__)
    app.config["JWT_REFRESH_TOKEN_EXPIRES"] = False
    jwt = JWTManager(app)
    ```

    ## Fix
    ```python
    from datetime import timedelta

    from flask import Flask
    from flask_jwt_extended import JWTManager

    app = Flask(__name__)
    app.config["JWT_REFRESH_TOKEN_EXPIRES"] = timedelta(days=30)
    jwt = JWTManager(app)
    ```

    ## References
    - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    - [Flask-JWT-Extended: JWT_REFRESH_TOKEN_EXPIRES](https://flask-jwt-extended.readthedocs.io/en/stable/options.html#jwt-refresh-token-expires)
    - [OWASP: JSON Web Token cheat sheet (token revocation)](https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html#no-built-in-token-revocation-by-the-user)
    """

    code = "WW843"
    name = "flask-jwt-token-never-expires"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 613
    message = (
        "`{setting}` is `False`: {kind} tokens never expire, so a stolen one is a login for good"
    )
    fix = "give the tokens a lifetime (`timedelta(days=30)` for refresh tokens, minutes for access)"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for setting, kind in LIFETIMES:
            for judged in app.judge(setting):
                if judged.setting is not None and in_effect(judged.value) is False:
                    yield self.at(judged.location, judged=judged, setting=setting, kind=kind)
