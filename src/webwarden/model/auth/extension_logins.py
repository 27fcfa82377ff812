"""Flask extensions that serve a password login form of their own."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.auth.facts import LoginEntry
from webwarden.model.module import FileContext

_FORMS = {
    "flask_simplelogin.SimpleLogin": "Flask-SimpleLogin's `/login/` form",
    "flask_user.UserManager": "Flask-User's `/user/sign-in` form",
    "flask_user.user_manager.UserManager": "Flask-User's `/user/sign-in` form",
}
"""Extension classes -> the login form their object adds to the app it is set up on.
Flask-Security's is left out: its login tracking counts as throttling (see `evidence`)."""
_PACKAGES = frozenset(name.partition(".")[0] for name in _FORMS)


def extension_login_entries(ctx: FileContext) -> Iterator[LoginEntry]:
    """Where the module makes the object of a Flask extension that adds a password login
    form to the app (`SimpleLogin(app, login_checker=check)`, Flask-User's
    `UserManager(app, db, User)`): the form's view is the library's, so no route of the
    project names it."""
    if not any(ctx.names.imports(package) for package in _PACKAGES):
        return
    for node in ctx.nodes(ast.Call):
        if isinstance(node, ast.Call) and (what := _FORMS.get(ctx.call_name(node) or "")):
            yield LoginEntry(what, ctx.location(node))
