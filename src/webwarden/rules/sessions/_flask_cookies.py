"""Shared judging of Flask cookie settings: which value is in effect and what it means."""

from __future__ import annotations

import datetime

from webwarden.model.flask import FlaskApp
from webwarden.rules.flask_base import TALISMAN, in_effect


def talisman_secures_session(app: FlaskApp) -> bool:
    """Talisman sets `SESSION_COOKIE_SECURE = True` on requests unless told not to (not
    known when its options are given as `**kwargs` webwarden cannot read: `UNKNOWN` is
    falsy)."""
    return any(
        bool(in_effect(t.option("session_cookie_secure", True))) for t in app.extension(TALISMAN)
    )


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
