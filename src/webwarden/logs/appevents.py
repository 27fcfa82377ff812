"""What an application log message says: a login outcome, a password reset, a
security warning, or a `django.request` 401/403 on some path.

Django logs `django.security.*` and `django.request` records by itself; failed and
successful logins are logged by the app or by packages such as django-axes, in words
these patterns know. Security warnings are also the refusals extensions log in their own
words: Flask-WTF's CSRF failures, Flask-Limiter's exceeded limits, django-axes's
lockouts. Messages are bounded by the reader's line limit.
"""

from __future__ import annotations

import ipaddress
import re

from webwarden.logs.events import EventKind, LogEvent, LoginOutcome

_FAILED = re.compile(
    r"login failed|failed login|failed to log ?in|login failure|authentication fail"
    r"|invalid (?:login|password|credentials|username or password)|bad credentials"
    r"|wrong password|incorrect (?:password|username or password)|unsuccessful login"
)
_SUCCEEDED = re.compile(
    r"login succe|successful(?:ly)? log(?:ged)? ?in|succe\w{0,8} login|logged in"
    r"|authentication succe"
)
_NEGATED = re.compile(r"not logged in|never logged in")
_AXES_ANNOUNCEMENT = "running database handler for failure"
"""django-axes's `AXES: User login failed, running database handler for failure.`: no client,
no account, and logged before the failure's own record."""
_RESET = re.compile(
    r"password reset (?:request|email|link|mail|token)|reset password (?:request|email|link)"
    r"|requested a password reset|forgot password request"
)
_ACCOUNT_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # NOTE: most specific first: `username=bob` beats "User login failed".
        r"""(?:user(?:name)?|account|email|login)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?([^\s"',}]{1,128})""",
        r"""for (?:user |account )?["']([^"']{1,128})["']|for user ([^\s"',]{1,128})""",
        r"\buser ([\w.@+-]{1,128}) (?:logged|failed|login|authenticat)",
    )
)
_CLIENT = re.compile(
    r"""(?:ip(?:_address)?|remote_addr|remote_ip|client(?:_ip)?)["']?[ \t]{0,3}[:=][ \t]{0,3}"""
    r"""["']?([0-9a-fA-F:.]{3,45})|\bfrom (?:ip )?([0-9a-fA-F:.]{3,45})""",
    re.IGNORECASE,
)
_DJANGO_REQUEST = re.compile(r"(Unauthorized|Forbidden)(?: \([^)]{0,80}\))?: (/\S{0,4096})")
_SECURITY_MESSAGES = (
    ("invalid http_host header", "DisallowedHost"),
    ("forbidden (csrf", "csrf"),
    ("attempted access to", "SuspiciousFileOperation"),
    ("data_upload_max_memory_size", "RequestDataTooBig"),
    ("parameters exceeded settings.data_upload_max_number_fields", "TooManyFieldsSent"),
    ("session data corrupted", "SuspiciousSession"),
    # NOTE: Flask-WTF's `flask_wtf.csrf` logs the reason at INFO; the two referrer
    # checks only raise `CSRFError`, which apps' error handlers log in the same words.
    ("the csrf token is missing.", "csrf"),
    ("the csrf session token is missing.", "csrf"),
    ("the csrf token has expired.", "csrf"),
    ("the csrf token is invalid.", "csrf"),
    ("the csrf tokens do not match.", "csrf"),
    ("the referrer header is missing.", "csrf"),
    ("the referrer does not match the host.", "csrf"),
    (") exceeded at endpoint: ", "ratelimit"),
    ("axes: locking out ", "lockout"),
)
_RATELIMIT_KEY = re.compile(r"ratelimit [^()]{1,80} \(([^()]{1,128})\) exceeded at endpoint: ")
"""Flask-Limiter: `ratelimit 3 per 1 minute (203.0.113.9) exceeded at endpoint: main.login`."""
SECURITY_PREFIX = "django.security."


def _address(candidate: str) -> str | None:
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _client(message: str, category: str | None = None) -> str | None:
    if category == "ratelimit" and (limited := _RATELIMIT_KEY.search(message)) is not None:
        return _address(limited.group(1))
    match = _CLIENT.search(message)
    if match is None:
        return None
    return _address((match.group(1) or match.group(2)).rstrip(".:"))


def _account(message: str) -> str | None:
    for pattern in _ACCOUNT_PATTERNS:
        match = pattern.search(message)
        if match is not None:
            return next(group for group in match.groups() if group is not None)
    return None


def security_category(logger: str | None, lowered: str) -> str | None:
    """The security category of a record: its `django.security` logger's (`DisallowedHost`,
    `csrf`, ...), or the one its message says (`csrf`, `ratelimit`, `lockout`)."""
    if logger and logger.startswith(SECURITY_PREFIX):
        return logger[len(SECURITY_PREFIX) :] or "security"
    for phrase, category in _SECURITY_MESSAGES:
        if phrase in lowered:
            return category
    return None


def app_event(
    source: str, number: int, text: str, time: float, logger: str | None, message: str
) -> LogEvent:
    """Classify one application log record."""
    lowered = message.lower()
    category = security_category(logger, lowered)
    if category is not None:
        return LogEvent(
            source,
            number,
            text,
            time,
            EventKind.SECURITY,
            client=_client(message, category),
            security=category,
            message=message,
        )
    if logger in (None, "django.request") and (refused := _DJANGO_REQUEST.match(message)):
        status = 401 if refused.group(1) == "Unauthorized" else 403
        # NOTE: a candidate only: the monitor decides from `login-paths` whether the
        # path is a login; Django does not log the client address here.
        return LogEvent(
            source, number, text, time, EventKind.LOGIN, target=refused.group(2), status=status
        )
    outcome = None
    if _AXES_ANNOUNCEMENT in lowered:
        pass  # NOTE: the same failure's "New/Repeated login failure by {...}" follows
    elif _FAILED.search(lowered):
        outcome = LoginOutcome.FAILED
    elif _SUCCEEDED.search(lowered) and not _NEGATED.search(lowered):
        outcome = LoginOutcome.SUCCEEDED
    if outcome is not None:
        return LogEvent(
            source,
            number,
            text,
            time,
            EventKind.LOGIN,
            client=_client(message),
            account=_account(message),
            login=outcome,
            message=message,
        )
    if _RESET.search(lowered):
        return LogEvent(
            source,
            number,
            text,
            time,
            EventKind.RESET,
            client=_client(message),
            account=_account(message),
            message=message,
        )
    return LogEvent(source, number, text, time, EventKind.OTHER, message=message)
