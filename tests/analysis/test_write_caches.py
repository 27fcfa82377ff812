"""Which models are named a cache (`writes.caches`)."""

from __future__ import annotations

import pytest

from webwarden.analysis.writes.caches import cache_model


@pytest.mark.parametrize(
    ("qualname", "expected"),
    [
        pytest.param("lab.models.MarkdownToHTMLCacheEntry", True, id="cache-entry"),
        pytest.param("site.models.PageCache", True, id="page-cache"),
        pytest.param("site.models.ThumbnailCacheItem", True, id="cache-item"),
        pytest.param("site.models.Cache", True, id="bare-cache"),
        pytest.param("site.models.CachedRendering", True, id="cached-rendering"),
        pytest.param("site.models.CacheSettings", False, id="settings-of-a-cache"),
        pytest.param("site.models.CachePolicy", False, id="policy-of-a-cache"),
        pytest.param("site.cache.Comment", False, id="model-in-a-cache-module"),
        pytest.param("site.models.Entry", False, id="entry"),
    ],
)
def test_cache_models(qualname: str, expected: bool) -> None:
    assert cache_model(qualname) is expected
