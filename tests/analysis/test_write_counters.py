"""Which flags set on a row record only that it was viewed (`writes.counters`)."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.writes.counters import _viewed


@pytest.mark.parametrize(
    ("field", "value", "viewed"),
    [
        pytest.param("unread", False, True, id="unread-cleared"),
        pytest.param("is_read", True, True, id="is-read-set"),
        pytest.param("seen", True, True, id="seen-set"),
        pytest.param("unread", True, False, id="marked-unread-again"),
        pytest.param("read_only", True, False, id="read-only-is-no-viewing"),
        pytest.param("archived", True, False, id="other-flag"),
    ],
)
def test_viewed(field: str, value: bool, viewed: bool) -> None:
    assert _viewed(field, ir.Const(value)) is viewed
