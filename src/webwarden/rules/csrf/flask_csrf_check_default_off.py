"""WW622: Flask-WTF's automatic CSRF check switched off with no view protecting itself."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.model.flask.facts import HookFact
from webwarden.rules.flask_base import FlaskRule, in_effect


class FlaskCsrfCheckDefaultOff(FlaskRule):
    """## What it does
    Finds `WTF_CSRF_CHECK_DEFAULT = False` in an app where no view and no
    `before_request` hook calls `csrf.protect()`. A hook registered only under a
    setting (`if settings.ENFORCE_CSRF:`) that is off by default, when the environment
    leaves it unset, does not count: an app deployed as shipped checks nothing.
    Nor is it reported in an app with Flask-Security whose views are guarded by its
    authentication decorators (`auth_required`, `auth_token_required`,
    `http_auth_required`, imported by some module of the project): turning the default
    check off is Flask-Security's documented recipe, as those decorators call
    `csrf.protect()` for the mechanisms `SECURITY_CSRF_PROTECT_MECHANISMS` names (all of
    them by default); it is reported when a config empties that list.

    ## Why is this bad?
    With the default check off, `CSRFProtect` validates nothing unless a view asks for
    it with `csrf.protect()`. An app that turned it off and never asks has no CSRF
    protection at all, while looking protected.

    ## Known problems
    In an app with Flask-Security, a view guarded only by another decorator (Flask-Login's
    `login_required`) gets no check from Flask-Security either; webwarden does not tell
    which views have which decorator and reports none.

    ## Example
    ```python
    from flask import Flask
    from flask_wtf.csrf import CSRFProtect

    app = Flask(__name__)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf = CSRFProtect(app)
    ```

    ## Fix
    ```python
    from flask import Flask
    from flask_wtf.csrf import CSRFProtect

    app = Flask(__name__)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf = CSRFProtect(app)


    @app.before_request
    def check_csrf():
        csrf.protect()
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Flask-WTF: WTF_CSRF_CHECK_DEFAULT](https://flask-wtf.readthedocs.io/en/stable/config/)
    - [Flask-Security: CSRF](https://flask-security-too.readthedocs.io/en/stable/patterns.html#csrf)
    """

    code = "WW622"
    name = "flask-csrf-check-default-off"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 352
    message = "`WTF_CSRF_CHECK_DEFAULT = False` and no view calls `csrf.protect()`"
    fix = "call `csrf.protect()` in the views (or a `before_request` hook) that change state"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        if any(".protect" in r.body.calls for r in app.routes) or _security_checks(app):
            return
        hooks = [hook for _, hook, _ in app.hooks if ".protect" in hook.body.calls]
        switched_off = [key for hook in hooks for key in _off_guards(app, hook)]
        if len(switched_off) < len(hooks):
            return
        message = None
        if switched_off:
            message = (
                f"`WTF_CSRF_CHECK_DEFAULT = False` and the hook that calls `csrf.protect()` "
                f"is registered only when `{switched_off[0]}` is true, off by default"
            )
        for judged in app.judge("WTF_CSRF_CHECK_DEFAULT"):
            if judged.setting is not None and in_effect(judged.value) is False:
                yield self.at(judged.location, judged=judged, message=message)


def _security_checks(app: FlaskApp) -> bool:
    """Flask-Security's recipe: its authentication decorators, which the project uses,
    call `csrf.protect()` for the mechanisms `SECURITY_CSRF_PROTECT_MECHANISMS` names
    (every one unless a config empties the list)."""
    if not (app.security_decorators and app.extension("flask_security.Security")):
        return False
    return not any(
        judged.setting is not None and in_effect(judged.value) in ([], ())
        for judged in app.judge("SECURITY_CSRF_PROTECT_MECHANISMS")
    )


def _off_guards(app: FlaskApp, hook: HookFact) -> list[str]:
    """The first config key the hook's registration needs true that is false in every
    config variant (left unset in the environment), if any."""
    for key in hook.guards:
        if all(in_effect(judged.value) is False for judged in app.judge(key)):
            return [key]
    return []
