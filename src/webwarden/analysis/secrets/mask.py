"""Showing where a secret is without showing the secret.

Every message and snippet of the secret rules goes through `mask`: at most the first
four characters of a long value (enough to tell an `AKIA` key from a `ghp_` token, far
from enough to use it) and never anything of a short one.
"""

from __future__ import annotations

MASK = "****"


def mask(value: str) -> str:
    """`AKIA****` for long values, `sk****` for medium ones, `****` for short ones."""
    text = value.strip()
    if len(text) >= 20:
        return text[:4] + MASK
    if len(text) >= 12:
        return text[:2] + MASK
    return MASK


def mask_columns(line: str, start: int, end: int, value: str | None = None) -> str:
    """`line` with the characters `start:end` (0-based) replaced by the mask of the text
    they hold (or of `value`, when the source spells it with escapes)."""
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    return line[:start] + mask(line[start:end] if value is None else value) + line[end:]


def mask_occurrences(text: str, secrets: list[str]) -> str:
    """`text` with every occurrence of each secret (longest first) replaced by its mask."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, mask(secret))
    return text
