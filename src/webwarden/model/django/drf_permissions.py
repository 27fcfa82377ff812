"""What `REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]` does to a DRF view that sets no
`permission_classes` of its own: lets everyone in, guards it, or cannot be told."""

from __future__ import annotations

import enum

from webwarden.model.django.values import is_known
from webwarden.model.names import last_part

_KEY = "DEFAULT_PERMISSION_CLASSES"


class DefaultPermissions(enum.Enum):
    """The default permission classes a shipped `REST_FRAMEWORK` dict sets."""

    UNSET = "unset"
    """Not set: DRF's default, `AllowAny`."""
    EMPTY = "empty"
    """`[]`: DRF's `check_permissions()` loops over no class and lets every request in."""
    ALLOW_ANY = "allow_any"
    """Names `AllowAny` (in a list, or alone)."""
    CLOSED = "closed"
    """Names classes, none of them `AllowAny`."""
    UNKNOWN = "unknown"
    """A value webwarden cannot read."""

    @property
    def is_open(self) -> bool:
        """Whether a view keeping the default lets anyone in."""
        return self in _OPEN


_OPEN = frozenset(
    {DefaultPermissions.UNSET, DefaultPermissions.EMPTY, DefaultPermissions.ALLOW_ANY}
)


def default_permissions(config: dict[object, object]) -> DefaultPermissions:
    """How the shipped `REST_FRAMEWORK` dict `config` sets `DEFAULT_PERMISSION_CLASSES`."""
    if _KEY not in config:
        return DefaultPermissions.UNSET
    classes = config[_KEY]
    if not is_known(classes):
        return DefaultPermissions.UNKNOWN
    names = classes if isinstance(classes, list | tuple) else [classes]
    if not names:
        return DefaultPermissions.EMPTY
    if any(isinstance(name, str) and last_part(name) == "AllowAny" for name in names):
        return DefaultPermissions.ALLOW_ANY
    if all(isinstance(name, str) for name in names):
        return DefaultPermissions.CLOSED
    return DefaultPermissions.UNKNOWN
