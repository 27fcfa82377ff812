"""Shared by the cookie probe rules: how a cookie's importance sets the severity."""

from __future__ import annotations

from webwarden.findings import Severity

SUBJECT_WORDS = {
    "session": "session cookie",
    "remember": "login (remember-me) cookie",
    "csrf": "CSRF cookie",
    "other": "cookie",
}
"""How messages name a cookie, by `cookie_subject`."""
SEVERITY_BY_SUBJECT = {
    "session": Severity.HIGH,
    "remember": Severity.HIGH,
    "csrf": Severity.MEDIUM,
    "other": Severity.LOW,
}
