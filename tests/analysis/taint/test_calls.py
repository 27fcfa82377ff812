from __future__ import annotations

import pytest

from webwarden.analysis.taint.calls import keyed_lookup


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        pytest.param("storagePoolLookupByName", True, id="libvirt-pool"),
        pytest.param("lookupByUUIDString", True, id="libvirt-domain"),
        pytest.param("find_by_email", True, id="snake-find"),
        pytest.param("get_by_natural_key", True, id="natural-key"),
        pytest.param("order_by", False, id="ordering"),
        pytest.param("group_by", False, id="grouping"),
        pytest.param("lookup", False, id="bare-lookup"),
        pytest.param("describe_pool", False, id="describing"),
    ],
)
def test_keyed_lookup(method: str, expected: bool) -> None:
    assert keyed_lookup(method) is expected
