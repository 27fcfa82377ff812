"""The signed-in user of a Flask app, as a call's receiver names it.

Flask-Login's `current_user` (and Flask-Security's) is what the project's `user_loader`
returns: a row of its own user class. A project may also keep the user it loaded on
Flask's `g` (`g.user`, `g.current_user`), or the login session it loaded there, which
holds the user (Canaille's `g.session.user`).
"""

from __future__ import annotations

CURRENT_USERS = frozenset(
    {"flask_login.current_user", "flask_login.utils.current_user", "flask_security.current_user"}
)
"""The signed-in user of Flask-Login, as the module names it, or of Flask-Security."""
_REQUEST_GLOBALS = "flask.g"
_USER_WORD = "user"
"""A member of Flask's `g` named for the user (`g.user`, `g.current_user`), which the
project sets to the user it loaded (not `g.db`, a library's connection)."""
_HELD_USERS = frozenset({"user", "current_user"})
"""The attribute by which an object the project keeps on `g` holds the user (`g.session.user`,
`g.auth.current_user`); only these names: `g.store.users` is a collection of users."""


def is_signed_in_user(owner: str) -> bool:
    """Whether a call's receiver is the signed-in user: Flask-Login's `current_user`, the
    member of `g` the project keeps it in, or the user held by an object kept there."""
    holder, _, member = owner.rpartition(".")
    if owner in CURRENT_USERS or (holder == _REQUEST_GLOBALS and _USER_WORD in member.lower()):
        return True
    kept_on, _, _ = holder.rpartition(".")
    return kept_on == _REQUEST_GLOBALS and member in _HELD_USERS
