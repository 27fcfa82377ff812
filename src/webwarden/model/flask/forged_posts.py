"""Which Flask views refuse a POST another site starts before they run.

A check of the CSRF token made before the view (Flask-WTF's `CSRFProtect` or SeaSurf on
the app, or a `before_request` hook of the project comparing the session's token with
the form's and aborting) turns away any form another site posts: what such a view reads
from the posted body (`request.form`, `request.files`, `request.get_json()`) is what the
signed-in user sent from the site's own pages. A view that only validates a Flask-WTF
form itself does not count: it runs on a failed check too, and may write the body back.
"""

from __future__ import annotations

from webwarden.model.flask.app import FlaskApp, FlaskModel, Route

CSRF_EXTENSIONS = ("flask_wtf.CSRFProtect", "flask_wtf.CsrfProtect", "flask_seasurf.SeaSurf")
"""Extensions that check the CSRF token of every unsafe request before the view runs."""
_CHECK_SWITCHES = ("WTF_CSRF_ENABLED", "WTF_CSRF_CHECK_DEFAULT")
"""Flask-WTF settings that turn the check of every view off when not true."""


def forge_proof_views(flask: FlaskModel) -> frozenset[str]:
    """The views (qualified names) of every app whose posts are refused without the
    app's CSRF token before the view runs (`refuses_forged_posts`)."""
    return frozenset(
        route.view
        for app in flask.apps
        for route in app.routes
        if route.view_found and refuses_forged_posts(app, route)
    )


def refuses_forged_posts(app: FlaskApp, route: Route) -> bool:
    """Whether a POST to `route` without the CSRF token is refused before the view runs:
    a project's `before_request` hook checks it, or a CSRF extension on the app does,
    not turned off by a setting and not exempting the view (`@csrf.exempt`, or its
    blueprint by `csrf.exempt(bp)`)."""
    if app.checks_csrf_in_hook(route):
        return True
    extensions = app.extension(*CSRF_EXTENSIONS)
    if not extensions or any(
        judged.setting is not None and judged.value is not True
        for key in _CHECK_SWITCHES
        for judged in app.judge(key)
    ):
        return False
    exempters = {f"{e.ref}.exempt" for e in extensions if e.ref}
    if any(callee in exempters and name == route.blueprint for callee, name in app.blueprint_calls):
        return False
    return not any(d.name in exempters for d in (*route.decorators, *route.outer_decorators))
