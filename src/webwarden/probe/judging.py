"""Small helpers the probe rules share: header parsing and grouping pages by a verdict."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from webwarden.probe.cookies import SetCookie, parse_set_cookie
from webwarden.probe.exchange import Exchange, ProbeRecord


def first_and_count(
    record: ProbeRecord, lacking: Callable[[Exchange], bool], *, https_only: bool = False
) -> tuple[Exchange, str] | None:
    """The first page for which `lacking` holds and `this page (and N more)`, or None."""
    pages = [
        page
        for page in record.pages
        if (not https_only or page.scheme == "https") and lacking(page)
    ]
    if not pages:
        return None
    more = len(pages) - 1
    return pages[0], "this page" + (f" and {more} more" if more else "")


def first_response(
    record: ProbeRecord, matches: Callable[[Exchange], bool]
) -> tuple[Exchange, str] | None:
    """The first response for which `matches` holds and ` (and N more responses)`."""
    found = [exchange for exchange in record.by_relevance() if matches(exchange)]
    if not found:
        return None
    more = len(found) - 1
    return found[0], f" (and {more} more response{'s' if more != 1 else ''})" if more else ""


def header_line(exchange: Exchange, name: str) -> str:
    """`Name: value` as received, for a finding's snippet (empty when absent)."""
    for key, value in exchange.headers:
        if key.lower() == name.lower():
            return f"{key}: {value}"
    return ""


def parse_directives(policy: str) -> dict[str, list[str]]:
    """A CSP's directives (lower-case names) and their source lists; the first wins."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives


def policies(exchange: Exchange) -> list[dict[str, list[str]]]:
    """Each enforced `Content-Security-Policy` of a response, parsed."""
    return [
        parse_directives(value)
        for value in exchange.header_values("content-security-policy")
        for value in value.split(",")
        if value.strip()
    ]


def cookies_once(record: ProbeRecord) -> Iterator[tuple[Exchange, SetCookie]]:
    """Each cookie name the app sets, with the first response that set it (not deletions)."""
    seen: set[str] = set()
    for exchange in record.exchanges:
        for header in exchange.set_cookies:
            cookie = parse_set_cookie(header)
            if cookie is None or cookie.name in seen or cookie.deleted:
                continue
            seen.add(cookie.name)
            yield exchange, cookie


def cookie_subject(cookie: SetCookie) -> str:
    """What a cookie is for: `session`, `remember`, `csrf` or `other`."""
    if cookie.is_csrf:
        return "csrf"
    if cookie.is_session:
        return "remember" if re.search("remember", cookie.name, re.IGNORECASE) else "session"
    return "other"
