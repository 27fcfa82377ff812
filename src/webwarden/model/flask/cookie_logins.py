"""Whether a Flask project may keep a login in a cookie the browser sends by itself."""

from __future__ import annotations

from webwarden.model.flask.app import FlaskApp
from webwarden.model.flask.index import Index

COOKIE_LOGIN_PACKAGES = frozenset(
    {"flask_login", "flask_security", "flask_user", "flask_principal", "flask_simplelogin"}
    | {"flask_dance", "flask_oidc", "flask_pyoidc", "flask_openid", "flask_cas", "flask_saml"}
    | {"flask_saml2", "flask_jwt_extended", "flask_httpauth", "flask_basicauth", "flask_session"}
)
"""Packages that keep who the user is in the session or another cookie (Flask-Login's
session and remember-me cookie, an OpenID Connect or OAuth client's session,
Flask-JWT-Extended's tokens when sent as cookies), or whose HTTP Basic challenge makes
the browser keep the password and send it to every request (Flask-HTTPAuth, Flask-BasicAuth)."""
_OAUTH_CLIENTS = ("authlib.integrations.flask_client.", "flask_oauthlib.client.")
"""An OAuth client logging users in through another site keeps its state in the session."""


def keeps_login_in_cookie(index: Index, app: FlaskApp) -> bool:
    """Whether anything of the project may know the user by a cookie: it uses Flask's
    `session`, imports a package that logs users in by a cookie (`COOKIE_LOGIN_PACKAGES`)
    or an OAuth client, or a view, hook, decorator or helper reads `request.cookies`, or a view
    sets a cookie."""
    if any(facts.uses_session for _, facts in index.facts) or app.uses_session:
        return True
    if any(map(_cookie_login_import, _imported(index))):
        return True
    bodies = [route.body for route in app.routes] + [hook.body for _, hook, _ in app.hooks]
    if any("cookies" in body.request_reads for body in bodies):
        return True
    reads = [*app.decorator_reads.values(), *app.helper_reads.values()]
    if any("cookies" in read for read in reads):
        return True
    return any(call.endswith("set_cookie") for body in bodies for call in body.calls)


def _imported(index: Index) -> set[str]:
    return {target for names in index.imports.values() for target in names.values()}


def _cookie_login_import(target: str) -> bool:
    return target.split(".", 1)[0] in COOKIE_LOGIN_PACKAGES or target.startswith(_OAUTH_CLIENTS)
