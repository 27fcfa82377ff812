"""`Set-Cookie` parsing (RFC 6265 section 5.2, the lenient way browsers parse it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

SESSION_COOKIE = re.compile(r"sess|remember|auth|token|login|jwt|sid$", re.IGNORECASE)
"""Names of cookies that carry a session or a login (Django `sessionid`, Flask `session`,
Flask-Login `remember_token`, ...)."""
CSRF_COOKIE = re.compile(r"csrf|xsrf", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SetCookie:
    """One parsed `Set-Cookie` header."""

    name: str
    value: str
    attributes: tuple[tuple[str, str], ...]
    """(lower-case attribute name, value) in header order; flags have an empty value."""

    def attribute(self, name: str) -> str | None:
        """The last value of attribute `name`, None when absent (browsers keep the last)."""
        found = None
        for key, value in self.attributes:
            if key == name:
                found = value
        return found

    @property
    def secure(self) -> bool:
        """Whether the `Secure` flag is set."""
        return self.attribute("secure") is not None

    @property
    def httponly(self) -> bool:
        """Whether the `HttpOnly` flag is set."""
        return self.attribute("httponly") is not None

    @property
    def samesite(self) -> str:
        """`strict`, `lax`, `none`, or empty when the attribute is absent or invalid."""
        value = (self.attribute("samesite") or "").lower()
        return value if value in {"strict", "lax", "none"} else ""

    @property
    def is_csrf(self) -> bool:
        """Whether the name says it holds a CSRF token (Django `csrftoken`, ...)."""
        return bool(CSRF_COOKIE.search(self.name))

    @property
    def is_session(self) -> bool:
        """Whether the name says it carries a session or a login."""
        return not self.is_csrf and bool(SESSION_COOKIE.search(self.name))

    @property
    def deleted(self) -> bool:
        """Whether the header removes the cookie (empty value, expiry in the past)."""
        lifetime = self.lifetime_seconds(datetime.now(UTC))
        return lifetime is not None and lifetime <= 0

    def lifetime_seconds(self, now: datetime) -> float | None:
        """Seconds the cookie lives from `now`; None for a browser-session cookie."""
        max_age = self.attribute("max-age")
        if max_age is not None and re.fullmatch(r"-?\d+", max_age.strip()):
            return float(max_age)
        expires = self.attribute("expires")
        if expires:
            # NOTE: imported here: the email package is loaded by every scan otherwise,
            # as the probe rules import this module, and only a probe reads cookies.
            from email.utils import parsedate_to_datetime

            try:
                when = parsedate_to_datetime(expires)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return (when - now).total_seconds()
        return None

    def masked(self) -> str:
        """The header as shown in reports: the value replaced by `…` (never a secret)."""
        parts = [f"{self.name}=…" if self.value else f"{self.name}="]
        parts += [
            f"{display_attribute(key)}={value}" if value else display_attribute(key)
            for key, value in self.attributes
        ]
        return "Set-Cookie: " + "; ".join(parts)


_ATTRIBUTE_NAMES = {
    "expires": "Expires",
    "max-age": "Max-Age",
    "domain": "Domain",
    "path": "Path",
    "secure": "Secure",
    "httponly": "HttpOnly",
    "samesite": "SameSite",
    "partitioned": "Partitioned",
}


def parse_set_cookie(header: str) -> SetCookie | None:
    """Parse one `Set-Cookie` value; None when it has no `name=value` pair."""
    pair, *rest = header.split(";")
    if "=" not in pair:
        return None
    name, _, value = pair.partition("=")
    name = name.strip()
    if not name:
        return None
    attributes = []
    for part in rest:
        key, _, attribute_value = part.partition("=")
        key = key.strip().lower()
        if key:
            attributes.append((key, attribute_value.strip()))
    return SetCookie(name, value.strip().strip('"'), tuple(attributes))


def display_attribute(name: str) -> str:
    """The conventional spelling of a cookie attribute, e.g. `HttpOnly`."""
    return _ATTRIBUTE_NAMES.get(name, name)
