"""The project method a call on the signed-in user runs.

Flask-Login's `current_user` (and Flask-Security's, or the user a project keeps on `g`)
is what the project's `user_loader` returns: a row of its own user class, which
derives from the library's `UserMixin` (`class User(UserMixin, db.Model)`).
`current_user.follow(user)` runs that class's `follow`, whose writes
(`db.session.add(...)`) the handler's commit stores.
"""

from __future__ import annotations

from webwarden.analysis.taint.index import ProjectIndex

_USER_BASES = ("flask_login.", "flask_security.")
"""Where the user class's base comes from (`flask_login.UserMixin`,
`flask_security.UserMixin`)."""


def user_classes(index: ProjectIndex) -> tuple[str, ...]:
    """The project classes deriving from a class of the library (its `UserMixin`, or
    `AnonymousUserMixin` for the visitor not signed in, which `current_user` is too):
    worked out once per analysis, by the caller."""
    return tuple(cls for cls in index.classes if index.inherits(cls, _USER_BASES))


def signed_in_method(index: ProjectIndex, users: tuple[str, ...], method: str) -> str | None:
    """The qualified name of the project method `current_user.<method>()` runs: the
    one a class of `users` (`user_classes`) defines or inherits, or, when the project
    has no such class, the only project class defining it (a user class written without
    the mixin); None when several could (a signed-in and an anonymous user's `can()`)."""
    if not users:
        definers = index.method_definers(method)
        only = index.method(definers[0], method) if len(definers) == 1 else None
        return only.function.qualname if only is not None else None
    found = {
        located.function.qualname
        for cls in users
        if (located := index.method(cls, method)) is not None
    }
    return found.pop() if len(found) == 1 else None
