"""Whether a Flask view may act with the authority the user's cookies give it.

The Flask side of `_session_use`: a view of a cookie-using app that reads neither the
session nor the user, nor anything of them through the project's functions, a decorator
or a hook, acts as no one on a forged post (`model.flask.cookie_authority`).
"""

from __future__ import annotations

from webwarden.model.flask import FlaskApp, Route
from webwarden.model.flask.cookie_authority import body_acts_as_user


def acts_as_user(app: FlaskApp, route: Route) -> bool:
    """Whether `route` may act as the user its cookies name. Conservative: any decorator
    but a user-blind extension's (`FlaskApp.extension_decorators`) or a project's asking
    only the app's config (`FlaskApp.config_gates`), and any
    `before_request` hook that runs before it and may read them (`FlaskApp.cookie_hooks`),
    counts."""
    blind = app.extension_decorators | app.config_gates
    decorators = [d for d in route.decorators if d.name not in blind]
    if not route.view_found or decorators or route.outer_decorators:
        return True
    body = route.body
    if body_acts_as_user(body) or route.bases_act_as_user:
        return True
    if (body.calls | route.class_calls) & app.authority_calls:
        return True
    if route.location.path in app.g_modules or app.protected_by_login(route, by_cookie=True):
        return True
    return any(
        hook.function in app.cookie_hooks and blueprint in (None, route.blueprint)
        for blueprint, hook, _ in app.hooks
    )
