from __future__ import annotations

import pytest

from webwarden.rules.xss._rendered_text import other_text_name


@pytest.mark.parametrize(
    ("name", "other"),
    [
        pytest.param("query_string", True, id="search-query"),
        pytest.param("sql", True, id="sql"),
        pytest.param("subject", True, id="mail-subject"),
        pytest.param("query_html", False, id="query-as-html"),
        pytest.param("preview", False, id="says-nothing"),
        pytest.param("page_content", False, id="page"),
    ],
)
def test_other_text_name(name: str, other: bool) -> None:
    assert other_text_name(name) is other
