"""Module names as the code writes them when a folder of apps is on `sys.path`."""

from __future__ import annotations

import pytest

from webwarden.model.django.short_names import ShortNames

MODULES = ["site.apps.ledger.views", "site.apps.shop.views", "site.urls", "ledger.admin"]


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        pytest.param("site.urls", "site.urls", id="exact"),
        pytest.param("ledger.views", "site.apps.ledger.views", id="apps-folder-on-path"),
        pytest.param("apps.shop.views", "site.apps.shop.views", id="longer-tail"),
        pytest.param("views", None, id="several-end-so"),
        pytest.param("rest_framework.views", None, id="none-ends-so"),
        pytest.param("ledger.admin", "ledger.admin", id="exact-beats-tail"),
    ],
)
def test_full_name(asked: str, found: str | None) -> None:
    assert ShortNames(MODULES).full(asked) == found
