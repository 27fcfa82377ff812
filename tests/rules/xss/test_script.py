"""Names the XSS template rules read as numbers the app computed."""

from __future__ import annotations

import pytest

from webwarden.rules.xss._script import measure_name


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("stats.open_count", True, id="count"),
        pytest.param("total_count_formatted", True, id="count-formatted"),
        pytest.param("item.size_humanized", True, id="size-humanized"),
        pytest.param("page.paginator.num_pages", True, id="paginator"),
        pytest.param("title_formatted", False, id="formatted-title"),
        pytest.param("formatted", False, id="formatted-alone"),
        pytest.param("count_label", False, id="count-label"),
    ],
)
def test_measure_name(path: str, expected: bool) -> None:
    assert measure_name(path) is expected
