"""Taint values: joins keep a bounded number of parts, chosen the same way on every run."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO
from webwarden.analysis.taint.values import MAX_PARTS, Label, Origin, Trace, Value, join

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
    assert list(joined.parts or ()) == [f".a{n}" for n in range(MAX_PARTS)]
    # NOTE: what does not fit is kept in the value's own taint, not lost.
    assert joined.taint.keys() == data.taint.keys()


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
    expected = " ".join([*(f".a{n}" for n in range(8)), *(f".b{n}" for n in range(4))])
    assert kept == {expected + "\n"}
