"""Names the XSS template rules read as numbers the app computed or keys the database made."""

from __future__ import annotations

import pytest

from webwarden.parse.templates.django import parse_variable
from webwarden.rules.xss._script import is_kept_key, measure_name


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


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("plan.pk", True, id="key"),
        pytest.param("plan.parent.pk|default:'null'", True, id="literal-default"),
        pytest.param('owner_id|default_if_none:"0"|unlocalize', True, id="kept-through-filters"),
        pytest.param("plan.parent.pk|default:label", False, id="default-of-a-variable"),
        pytest.param("plan.parent.pk|stringformat:'s'", False, id="other-filter"),
        pytest.param("plan.title|default:'null'", False, id="not-a-key"),
    ],
)
def test_is_kept_key(written: str, expected: bool) -> None:
    assert is_kept_key(parse_variable(written)) is expected
