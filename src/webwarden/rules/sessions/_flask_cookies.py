"""Shared judging of Flask cookie settings: which value is in effect and what it means."""

from __future__ import annotations

import datetime

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.flask import FlaskApp
from webwarden.rules.flask_base import TALISMAN, in_effect


def talisman_secures_session(app: FlaskApp) -> bool:
    """Talisman sets `SESSION_COOKIE_SECURE = True` on requests unless told not to (not
    known when its options are given as `**kwargs` webwarden cannot read: `UNKNOWN` is
    falsy). Told so by a value webwarden cannot read
    (`session_cookie_secure=app.config["SECURE_COOKIES"]`), it leaves the choice to the
    deployment, as a setting read from the environment does: not taken as insecure."""
    for talisman in app.extension(TALISMAN):
        value = in_effect(talisman.option("session_cookie_secure", True))
        if value is UNKNOWN and "session_cookie_secure" in talisman.options:
            return True
        if value:
            return True
    return False


def seconds(value: object) -> float | None:
    """A lifetime as seconds: a `timedelta` or a number of seconds."""
    value = in_effect(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def describe_days(total: float) -> str:
    """`90 days` for a message."""
    return f"{total / 86400:g} days"
