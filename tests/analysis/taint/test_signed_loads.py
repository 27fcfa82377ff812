from __future__ import annotations

import pytest

from webwarden.analysis.taint.signed_loads import signed_loads


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        pytest.param("itsdangerous.URLSafeTimedSerializer", True, id="package"),
        pytest.param("itsdangerous.url_safe.URLSafeSerializer", True, id="defining-module"),
        pytest.param("itsdangerous.Signer", False, id="signer-has-unsign"),
        pytest.param("marshmallow.Schema", False, id="schema"),
        pytest.param("myapp.itsdangerous.Serializer", False, id="project-module"),
    ],
)
def test_signed_loads(kind: str, expected: bool) -> None:
    assert signed_loads(kind) is expected
