"""Which row of a Django fixture a value sits in."""

from __future__ import annotations

import pytest

from webwarden.model.django.fixture_rows import row_label

_INDENTED = """[
{
  "model": "orders.order",
  "pk": 1,
  "fields": {
    "token": "5b0e27a6"
  }
},
{
  "model": "hooks.courier",
  "pk": 1,
  "fields": {
    "model": "van",
    "token": "c7f1e2d3"
  }
}
]
"""
_YAML = """- model: orders.order
  pk: 1
  fields:
    token: 5b0e27a6
- model: "hooks.courier"
  fields:
    token: c7f1e2d3
"""


@pytest.mark.parametrize(
    ("text", "line", "column", "label"),
    [
        pytest.param(_INDENTED, 6, 13, ("orders", "order"), id="indented-json"),
        pytest.param(_INDENTED, 14, 13, ("hooks", "courier"), id="field-named-model"),
        pytest.param(
            '[{"model": "a.b", "fields": {"token": "x"}}, {"model": "c.d", "fields": {}}]',
            0,
            0,
            None,
            id="no-such-line",
        ),
        pytest.param('[{"model": "a.b", "fields": {"token": "x"}}]', 1, 5, None, id="before-a-row"),
        pytest.param(_YAML, 4, 11, ("orders", "order"), id="yaml"),
        pytest.param(_YAML, 7, 11, ("hooks", "courier"), id="yaml-quoted-label"),
    ],
)
def test_row_label(text: str, line: int, column: int, label: tuple[str, str] | None) -> None:
    assert row_label(text, line, column) == label
