"""`receiver.update(mapping)`: the mapping's keys join the receiver's, its values apart."""

from __future__ import annotations

from webwarden.analysis.taint.merged_values import values_merged
from webwarden.analysis.taint.values import OTHERS, Label, Origin, Step, Trace, Value

STEP = Step("views.py", 3, 5, "added with `.update()`")
DATA = Value({Label(Origin("source", "request.GET", (), "request.GET")): Trace((STEP,))}, kind="")


def test_display_of_code_keys_brings_values_only() -> None:
    found = Value(parts={OTHERS: DATA}, kind="<dict>")
    merged = values_merged(Value(kind=""), found, STEP)
    assert merged is not None
    assert merged.kind == "<dict>"
    assert not merged.taint
    assert merged.part(OTHERS) is not None


def test_request_mapping_brings_its_keys_into_a_display() -> None:
    merged = values_merged(Value(kind="<dict>"), DATA, STEP)
    assert merged is not None
    assert merged.taint


def test_other_receivers_merge_whole() -> None:
    assert values_merged(Value(kind=""), DATA, STEP) is None
    assert values_merged(Value(kind="cls:app.Config"), DATA, STEP) is None
