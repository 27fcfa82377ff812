from __future__ import annotations

import pytest

from webwarden.analysis.taint.calls import REDIRECT_HEADERS, keyed_lookup, redirect_response
from webwarden.analysis.taint.values import Label, Origin, Trace, Value


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


def test_a_redirect_response_keeps_the_kind_of_its_target_not_its_taint() -> None:
    target = Value({Label(Origin("source", "next")): Trace(())}, kind="<closed url>")
    response = redirect_response("flask.redirect", target)
    headers = response.part(".headers")
    assert headers is not None
    assert headers.kind == REDIRECT_HEADERS
    location = headers.part("[Location]")
    assert location is not None
    assert location.kind == "<closed url>"
    assert not response.whole()
    assert redirect_response("flask.redirect", None).part("[Location]") is None
