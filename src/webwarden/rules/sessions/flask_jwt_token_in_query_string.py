"""WW826: Flask-JWT-Extended told to take tokens from the query string, app-wide."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect


class FlaskJwtTokenInQueryString(FlaskRule):
    """## What it does
    Finds apps whose Flask-JWT-Extended config takes tokens from the query string for
    every protected view: `JWT_TOKEN_LOCATION` naming `query_string`, in any config the
    app loads. A single view that accepts a token in its URL
    (`@jwt_required(locations=["query_string"])`, a download link) is not reported.

    ## Why is this bad?
    With `query_string` among the app's token locations, every access token the app
    issues also works as `?jwt=...` in a URL, and the client is led to put it there (an
    `<img src>`, a download link). URLs are written to the server's, the proxies' and
    the browser's logs and history, and sent on in the `Referer` header: whoever reads
    them can act as the user until the token expires.

    ## Example
    ```python
    from flask import Flask
    from flask_jwt_extended import JWTManager

    app = Flask(__name__)
    app.config["JWT_TOKEN_LOCATION"] = ["headers", "query_string"]
    jwt = JWTManager(app)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_jwt_extended import JWTManager

    app = Flask(__name__)
    app.config["JWT_TOKEN_LOCATION"] = ["headers"]
    jwt = JWTManager(app)
    ```
    Give the views that must be reached by a plain link their own short-lived token
    with limited claims, accepted there only (`@jwt_required(locations=["query_string"])`).

    ## References
    - [CWE-598: Use of GET Request Method With Sensitive Query Strings](https://cwe.mitre.org/data/definitions/598.html)
    - [Flask-JWT-Extended: JWT_TOKEN_LOCATION](https://flask-jwt-extended.readthedocs.io/en/stable/options.html#jwt-token-location)
    - [OWASP Session Management Cheat Sheet: session ID exchange](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-exchange-mechanism)
    """

    code = "WW826"
    name = "flask-jwt-token-in-query-string"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 598
    message = (
        "`JWT_TOKEN_LOCATION` takes tokens from the query string: every access token"
        " works in a URL, where logs and `Referer` headers keep it"
    )
    fix = "drop `query_string` from `JWT_TOKEN_LOCATION`; give link-only views a token of their own"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for judged in app.judge("JWT_TOKEN_LOCATION"):
            if judged.setting is not None and _in_query(in_effect(judged.value)):
                yield self.at(judged.location, judged=judged)


def _in_query(value: object) -> bool:
    """`["headers", "query_string"]` or `"query_string"`."""
    if isinstance(value, str):
        return value == "query_string"
    return isinstance(value, list | tuple | set | frozenset) and "query_string" in value
