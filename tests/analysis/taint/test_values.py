"""Taint values: joins keep a bounded number of parts, chosen the same way on every run."""

from __future__ import annotations

import pickle
import subprocess
import sys

from tests.conftest import REPO
from webwarden.analysis.taint.values import (
    CHOOSER_ONLY,
    CLIENT_HOST,
    MAX_PARTS,
    MAX_SPILLED,
    OTHERS,
    Label,
    Origin,
    Trace,
    Value,
    answered_to_chooser,
    join,
)

_JOIN = """
from webwarden.analysis.taint.values import Value, join
first = Value(parts={f".a{n}": Value(kind=f"a{n}") for n in range(8)})
second = Value(parts={f".b{n}": Value(kind=f"b{n}") for n in range(8)})
print(" ".join(join(first, second).parts))
"""


def test_a_join_keeps_the_first_values_parts_then_the_seconds() -> None:
    data = Value({Label(Origin("source", "q")): Trace(())})
    first = Value(parts={f".a{n}": Value() for n in range(MAX_PARTS)})
    second = Value(parts={f".b{n}": Value(data.taint) for n in range(4)})
    joined = join(first, second)
    assert list(joined.parts or ()) == [*(f".a{n}" for n in range(MAX_PARTS)), OTHERS]
    # NOTE: what does not fit is kept apart, by name: not lost, and not read by other names.
    assert joined.whole().keys() == data.taint.keys()
    assert (joined.part(".b0") or Value()).whole().keys() == data.taint.keys()
    assert not joined.unnamed()


def test_parts_beyond_the_bound_stay_bounded() -> None:
    data = Value({Label(Origin("source", "q")): Trace(())})
    value = Value()
    for n in range(3 * MAX_PARTS):
        value = value.with_part(f".p{n}", data if n == 2 * MAX_PARTS else Value(kind="x"))
    others = (value.parts or {})[OTHERS]
    assert len(value.parts or ()) == MAX_PARTS + 1
    assert len(others.parts or ()) == MAX_PARTS
    # NOTE: past the second dozen, a part is read by any name not kept.
    assert value.unnamed().keys() == data.taint.keys()
    assert not value.taint
    assert value.part(".p0") is not None
    assert value.part(f".p{MAX_PARTS}") is not None


def test_the_parts_kept_do_not_change_with_the_hash_seed() -> None:
    """Past `MAX_PARTS` the order of the parts decides which are kept; a set's order of
    strings changes with PYTHONHASHSEED (it made Django's feed count 13 or 14)."""
    kept = {
        subprocess.run(
            [sys.executable, "-c", _JOIN],
            env={"PYTHONHASHSEED": str(seed), "PYTHONPATH": str(REPO / "src")},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    expected = " ".join([*(f".a{n}" for n in range(8)), *(f".b{n}" for n in range(4)), OTHERS])
    assert kept == {expected + "\n"}


def _filled(count: int, data: Value) -> Value:
    value = Value()
    for n in range(count):
        value = value.with_part(f".p{n}", data)
    return value


def test_a_name_never_written_reads_none_of_the_parts_past_the_bound() -> None:
    data = Value({Label(Origin("source", "q")): Trace(())})
    value = _filled(3 * MAX_PARTS, data)
    assert value.unnamed(f".p{3 * MAX_PARTS - 1}").keys() == data.taint.keys()
    assert not value.unnamed(".fields")
    # NOTE: a caller that names no key reads what any name may give.
    assert value.unnamed().keys() == data.taint.keys()


def test_the_names_written_past_the_bound_survive_joins_and_pickling() -> None:
    data = Value({Label(Origin("source", "q")): Trace(())})
    other = Value({Label(Origin("source", "r")): Trace(())})
    first = _filled(3 * MAX_PARTS, data)
    second = first.with_part(".extra", other)
    joined = join(first, second)
    assert not joined.unnamed(".fields")
    assert joined.unnamed(".extra").keys() == {*data.taint, *other.taint}
    again = pickle.loads(pickle.dumps(joined))  # noqa: S301 - our own data
    assert not again.unnamed(".fields")
    assert again.unnamed(".p30").keys() == {*data.taint, *other.taint}
    # NOTE: a join of a path that never set the names does not forget them.
    assert join(Value(parts={".a": Value()}), first).unnamed(".p30").keys() == data.taint.keys()


def test_data_added_under_a_name_not_known_is_read_by_every_name() -> None:
    data = Value({Label(Origin("source", "q")): Trace(())})
    value = _filled(3 * MAX_PARTS, Value())
    others = (value.parts or {}).get(OTHERS)
    loose = Value(parts={**(value.parts or {}), OTHERS: (others or Value()).with_taint(data.taint)})
    assert loose.unnamed(".fields").keys() == data.taint.keys()
    assert join(loose, _filled(3 * MAX_PARTS, data)).unnamed(".fields").keys() == data.taint.keys()


def test_too_many_names_past_the_bound_are_read_by_every_name() -> None:
    data = Value({Label(Origin("source", "q")): Trace(())})
    value = _filled(2 * MAX_PARTS + MAX_SPILLED + 1, data)
    assert value.unnamed(".fields").keys() == data.taint.keys()


def test_an_answer_chosen_by_the_clients_host_goes_back_to_that_client_alone() -> None:
    host = Label(Origin("source", "host"), frozenset({CLIENT_HOST, "url"}))
    query = Label(Origin("source", "q"), frozenset({"url"}))
    answered = answered_to_chooser({host: Trace(()), query: Trace(())})
    assert Label(host.origin, host.cleansed | CHOOSER_ONLY) in answered
    assert query in answered
    assert "sql" not in CHOOSER_ONLY
