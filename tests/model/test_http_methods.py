from __future__ import annotations

import pytest

from webwarden.model.http_methods import enum_method


@pytest.mark.parametrize(
    ("qualified", "method"),
    [
        pytest.param("http.HTTPMethod.POST", "POST", id="member"),
        pytest.param("http.HTTPMethod.description", None, id="not-a-member"),
        pytest.param("myapp.HTTPMethod.POST", None, id="another-enum"),
        pytest.param(None, None, id="unresolved"),
    ],
)
def test_enum_method(qualified: str | None, method: str | None) -> None:
    assert enum_method(qualified) == method
