"""Views that sign a visitor up: they make an account and log the visitor into it."""

from __future__ import annotations

from webwarden.model.auth.logins import LOGIN_USER, hands_login_on
from webwarden.model.flask import Route
from webwarden.model.module import identifier_words

_MAKING = frozenset({"create", "register", "signup", "add", "new", "make"})
_ACCOUNT = frozenset({"user", "account", "member"})


def signs_up(route: Route) -> bool:
    """Whether the view calls a function named for making an account (`create_user`,
    `register_account`, `get_or_create_user`, a project's `create_member(...)`) and one
    logging a user in (Flask-Login's `login_user`, a project's `log_user_in` or
    `login`): it makes the account and signs the visitor into it, which no login can
    come before. A staff page adding an account logs no one in (the staff member would
    be logged out of their own), and one logging a user in without making one is judged
    as before (a `login_as` taking over an account is no sign-up)."""
    calls = route.body.calls | route.class_calls
    tails = {call.rpartition(".")[2].rpartition(":")[2] for call in calls}
    tails.discard("")
    logs_in = bool(calls & LOGIN_USER) or any(_logs_in(tail) for tail in tails)
    return logs_in and any(_makes_account(tail) for tail in tails)


def _makes_account(name: str) -> bool:
    words = identifier_words(name)
    return bool(_MAKING.intersection(words)) and bool(_ACCOUNT.intersection(words))


def _logs_in(name: str) -> bool:
    """`login_user`, `sign_in`, and a name whose words put `log` before `in` with the
    one logged in between (`log_user_in`, `log_source_in`)."""
    if hands_login_on(name):
        return True
    words = identifier_words(name)
    return "log" in words and words[-1] == "in" and words.index("log") < len(words) - 1
