"""Searching request fields for attack payloads, for the `PayloadRule`s."""

from __future__ import annotations

import functools
import re

from webwarden.logs.decode import printable, variants
from webwarden.logs.events import LogEvent

DETAIL_LIMIT = 48


@functools.lru_cache(maxsize=4096)
def _header_variants(value: str) -> tuple[str, ...]:
    # NOTE: user agents and referrers repeat across a log; decode each once.
    return variants(value)


def find_payload(
    event: LogEvent, fields: tuple[str, ...], trigger: re.Pattern[str], pattern: re.Pattern[str]
) -> str | None:
    """The text `pattern` matches in one of `fields`, most decoded variant first, or None.

    `trigger` is searched first: a variant it does not match cannot match `pattern`.
    """
    for field in fields:
        if field == "target":
            texts = event.target_variants() if event.target else ()
        else:
            value = event.agent if field == "agent" else event.referrer
            texts = _header_variants(value) if value and value != "-" else ()
        for text in reversed(texts):
            if trigger.search(text) is not None and (match := pattern.search(text)) is not None:
                return printable(match.group(0), DETAIL_LIMIT)
    return None
