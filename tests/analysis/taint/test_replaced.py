"""Marks of the characters a text holds, after a `replace`."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.replaced import string_replaced
from webwarden.analysis.taint.values import PERCENT_ENCODED, Label, Origin, Trace, Value

_ENCODED = Value({Label(Origin("source", "path"), frozenset({PERCENT_ENCODED})): Trace(())})


@pytest.mark.parametrize(
    ("new", "kept"),
    [
        pytest.param("-", True, id="dash"),
        pytest.param(" ", False, id="space"),
        pytest.param('"', False, id="quote"),
    ],
)
def test_percent_encoding_undone_by_what_is_written(new: str, kept: bool) -> None:
    replaced = string_replaced(_ENCODED, False, ir.Const("%20"), ir.Const(new))
    assert all((PERCENT_ENCODED in label.cleansed) is kept for label in replaced.taint)
