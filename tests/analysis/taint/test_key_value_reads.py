from __future__ import annotations

import collections

import pytest

from webwarden.analysis.taint.calls import STORED_LOOKUPS
from webwarden.analysis.taint.key_value_reads import KEY_VALUE_READS


@pytest.mark.parametrize(
    "kind",
    [dict, list, set, frozenset, str, bytes, tuple, collections.deque, collections.OrderedDict],
    ids=lambda kind: kind.__name__,
)
def test_no_read_is_a_method_of_a_builtin_container(kind: type) -> None:
    # A built-in container's method carries what it is given; none may be read as a store's.
    assert not KEY_VALUE_READS & set(dir(kind))


def test_reads_are_stored_lookups() -> None:
    assert {"hget", "smembers", "zrevrangebyscore", "lrange"} <= STORED_LOOKUPS
