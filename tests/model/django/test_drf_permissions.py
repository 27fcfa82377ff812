"""Tests of what `DEFAULT_PERMISSION_CLASSES` does to a DRF view keeping the default."""

from __future__ import annotations

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.drf_permissions import DefaultPermissions, default_permissions

_ANY = "rest_framework.permissions.AllowAny"
_AUTH = "rest_framework.permissions.IsAuthenticated"


@pytest.mark.parametrize(
    ("config", "expected", "is_open"),
    [
        pytest.param({}, DefaultPermissions.UNSET, True, id="not-set"),
        pytest.param(
            {"DEFAULT_PERMISSION_CLASSES": []}, DefaultPermissions.EMPTY, True, id="empty"
        ),
        pytest.param(
            {"DEFAULT_PERMISSION_CLASSES": [_AUTH, _ANY]},
            DefaultPermissions.ALLOW_ANY,
            True,
            id="lists-allow-any",
        ),
        pytest.param(
            {"DEFAULT_PERMISSION_CLASSES": _ANY}, DefaultPermissions.ALLOW_ANY, True, id="one-name"
        ),
        pytest.param(
            {"DEFAULT_PERMISSION_CLASSES": (_AUTH,)}, DefaultPermissions.CLOSED, False, id="closed"
        ),
        pytest.param(
            {"DEFAULT_PERMISSION_CLASSES": [_AUTH, UNKNOWN]},
            DefaultPermissions.UNKNOWN,
            False,
            id="unknown-element",
        ),
        pytest.param(
            {"DEFAULT_PERMISSION_CLASSES": UNKNOWN},
            DefaultPermissions.UNKNOWN,
            False,
            id="unknown-value",
        ),
    ],
)
def test_default_permissions(
    config: dict[object, object], expected: DefaultPermissions, is_open: bool
) -> None:
    found = default_permissions(config)
    assert found is expected
    assert found.is_open is is_open
