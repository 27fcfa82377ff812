"""Counted nouns in messages and summaries (`1 finding`, `3 findings`)."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and `word`, in the plural (`many`, default `word` + "s") unless one."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
