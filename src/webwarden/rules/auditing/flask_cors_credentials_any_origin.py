"""WW1175: Flask-CORS allowing credentialed requests from any origin."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.flask_base import FlaskRule, in_effect

_CORS = "flask_cors.CORS"
_CROSS_ORIGIN = frozenset({"flask_cors.cross_origin", "flask_cors.decorator.cross_origin"})


_UNREAD = ", unless config loaded at run time sets `CORS_ORIGINS`"


def _any_origin(origins: object) -> bool:
    origins = in_effect(origins)
    if isinstance(origins, str):
        return origins in {"*", ".*"}
    if isinstance(origins, list | tuple):
        return any(_any_origin(o) for o in origins)
    return False


def _resources_any(resources: object) -> bool:
    resources = in_effect(resources)
    if isinstance(resources, dict):
        return any(
            isinstance(o, dict) and _any_origin(o.get("origins", "*")) for o in resources.values()
        )
    # NOTE: a mapping webwarden cannot read (`{"/*": {"origins": allowed + local}}`) may
    # well list its origins: only resources given as patterns keep the default `*`.
    return resources is not UNKNOWN


def _sends_credentials_header(app: FlaskApp) -> str | None:
    """The view (or `after_request` hook) that sets `Access-Control-Allow-Credentials:
    true` on its responses itself."""
    bodies = [(route.endpoint, route.body) for route in app.routes]
    bodies += [(hook.function, hook.body) for _, hook, _ in app.hooks]
    for name, body in bodies:
        for header, value in body.headers_set:
            if header == "access-control-allow-credentials" and in_effect(value) == "true":
                return name
    return None


class FlaskCorsCredentialsAnyOrigin(FlaskRule):
    """## What it does
    Finds Flask-CORS set up with `supports_credentials=True` (or
    `CORS_SUPPORTS_CREDENTIALS = True`) and origins left at their default `"*"` or set
    to `"*"`: `CORS(app, supports_credentials=True)`,
    `@cross_origin(supports_credentials=True)`. The decorator, like Flask-CORS, takes
    what it is not given from the app's `CORS_ORIGINS` and `CORS_SUPPORTS_CREDENTIALS`.
    `CORS(app)` allowing any origin is reported too when a view or an `after_request`
    hook sets `Access-Control-Allow-Credentials: true` itself: Flask-CORS reflects the
    caller's origin (unless `send_wildcard=True`), and the view adds the credentials.
    Origins left at the default while the app loads some config at run time (where
    `CORS_ORIGINS` may be set), or set to `"*"` only as a default for when that config
    does not set them (`if "CORS_ORIGINS" not in app.config:`, `setdefault`), are
    reported with medium severity and low confidence: the risk then rests on config
    webwarden cannot read.

    ## Why is this bad?
    With credentials supported and any origin allowed, Flask-CORS reflects the caller's
    `Origin` back with `Access-Control-Allow-Credentials: true`. Every website the user
    visits can then call the API with the user's cookies and read the answers.

    ## Example
    ```python
    from flask import Flask
    from flask_cors import CORS

    app = Flask(__name__)
    CORS(app, supports_credentials=True)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_cors import CORS

    app = Flask(__name__)
    CORS(app, origins=["https://app.example.com"], supports_credentials=True)
    ```

    ## References
    - [CWE-942: Permissive Cross-domain Policy with Untrusted Domains](https://cwe.mitre.org/data/definitions/942.html)
    - [Flask-CORS: options](https://flask-cors.readthedocs.io/en/latest/api.html)
    """

    code = "WW1175"
    name = "flask-cors-credentials-any-origin"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 942
    message = "CORS sends credentials to any origin ({where})"
    fix = "list the trusted origins explicitly when `supports_credentials=True`"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        config = {
            key: app.effective(key)
            for key in ("CORS_ORIGINS", "CORS_SUPPORTS_CREDENTIALS", "CORS_RESOURCES")
        }

        def configured(key: str, default: object) -> object:
            setting = config[key]
            return default if setting is None else setting.value

        # NOTE: origins left to a `CORS_ORIGINS` the app may load at run time, or set
        # only as a default for when that config does not set them.
        origins_set = config["CORS_ORIGINS"]
        unread = app.opaque and (origins_set is None or app.replaceable(origins_set))

        sender = _sends_credentials_header(app)
        for cors in app.extension(_CORS):
            credentials = cors.option(
                "supports_credentials", configured("CORS_SUPPORTS_CREDENTIALS", False)
            )
            origins = cors.option("origins", configured("CORS_ORIGINS", "*"))
            resources = cors.option("resources", configured("CORS_RESOURCES", None))
            reflected = in_effect(cors.option("send_wildcard", False)) is not True
            by_hand = sender is not None and reflected and in_effect(credentials) is False
            if (
                (in_effect(credentials) is True or by_hand)
                and _any_origin(origins)
                and _resources_any(resources)
            ):
                guessed = unread and "origins" not in cors.options
                shown = (
                    f"`CORS(...)`, and `{sender}` allows credentials" if by_hand else "`CORS(...)`"
                )
                yield self.at(
                    cors.location,
                    severity=Severity.MEDIUM if guessed else None,
                    confidence=Confidence.LOW if guessed else None,
                    where=shown + (_UNREAD if guessed else ""),
                )
        for route in app.routes:
            for decorator in route.decorators:
                if decorator.name not in _CROSS_ORIGIN:
                    continue
                # NOTE: Flask-CORS merges the app's `CORS_*` config under the decorator's
                # own options (`get_cors_options(current_app, options)`).
                options = dict(decorator.options)
                default = decorator.args[0] if decorator.args else configured("CORS_ORIGINS", "*")
                origins = options.get("origins", default)
                credentials = options.get(
                    "supports_credentials", configured("CORS_SUPPORTS_CREDENTIALS", False)
                )
                if in_effect(credentials) is True and _any_origin(origins):
                    guessed = unread and "origins" not in options and not decorator.args
                    yield self.at(
                        route.location,
                        key=route.endpoint,
                        severity=Severity.MEDIUM if guessed else None,
                        confidence=Confidence.LOW if guessed else None,
                        where=f"`{route.endpoint}`" + (_UNREAD if guessed else ""),
                    )
