"""Rows of a cache: a value worked out from what the site holds, kept to spare the work."""

from __future__ import annotations

from webwarden.model.module import identifier_words

_CACHE_WORDS = frozenset({"cache", "caches"})
_ROW_WORDS = frozenset(
    {"entry", "entries", "item", "items", "record", "records", "row", "rows", "line", "lines"}
)
"""Words that, after `cache`, name one row of it (`CacheEntry`, `RenderCacheItem`)."""


def cache_model(qualname: str) -> bool:
    """Whether a class's name (the last part of its qualified name) names a cache or a
    row of one: `PageCache`, `MarkdownToHTMLCacheEntry`, `ThumbnailCacheItem`, or a
    model named for what it caches, `CachedRendering`. Not `CacheSettings` or
    `CachePolicy`, which say how the site caches and are settings a user changes."""
    words = identifier_words(qualname.rpartition(".")[2])
    if not words:
        return False
    if words[-1] in _CACHE_WORDS or words[0] == "cached":
        return True
    return len(words) > 1 and words[-1] in _ROW_WORDS and words[-2] in _CACHE_WORDS
