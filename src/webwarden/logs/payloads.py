"""Searching request fields for attack payloads, for the `PayloadRule`s."""

from __future__ import annotations

import re

from webwarden.logs.decode import printable, variants
from webwarden.logs.events import LogEvent

# NOTE: a target without any of these can hold no payload the rules look for (they all
# need punctuation, an encoded byte or a query), so most clean lines stop here.
_MAYBE_PAYLOAD = re.compile(r"[?%'\"<>(){}$;|`\\*+ ]|\.\.")
DETAIL_LIMIT = 48


def _field_variants(event: LogEvent, field: str) -> tuple[str, ...]:
    if field == "target":
        target = event.target
        if not target or _MAYBE_PAYLOAD.search(target) is None:
            return ()
        return event.target_variants()
    value = event.agent if field == "agent" else event.referrer
    if not value or value == "-":
        return ()
    return variants(value)


def find_payload(event: LogEvent, fields: tuple[str, ...], pattern: re.Pattern[str]) -> str | None:
    """The text `pattern` matches in one of `fields`, most decoded variant first, or None."""
    for field in fields:
        for text in reversed(_field_variants(event, field)):
            match = pattern.search(text)
            if match is not None:
                return printable(match.group(0), DETAIL_LIMIT)
    return None
