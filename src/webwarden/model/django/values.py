"""Reading setting values: what ships when the environment leaves them unset.

A value in the model is a constant, a `DeployTime`, `UNKNOWN`, or a list/tuple/dict of
those (a literal with one unknown element keeps its other elements). Rules judge the
*shipped* value (each environment lookup replaced by its default) and say which
variables decide it.
"""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, DeployTime


def shipped(value: object) -> object:
    """The value with every environment lookup replaced by its value when unset."""
    if isinstance(value, DeployTime):
        return shipped(value.if_unset)
    if isinstance(value, list):
        return [shipped(item) for item in value]
    if isinstance(value, tuple):
        return tuple(shipped(item) for item in value)
    if isinstance(value, dict):
        return {key: shipped(item) for key, item in value.items()}
    return value


def deploy_times(value: object) -> Iterator[DeployTime]:
    """Every environment-decided part of `value`."""
    if isinstance(value, DeployTime):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from deploy_times(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from deploy_times(item)


def deploy_note(value: object) -> str:
    """`set at deploy time from $DEBUG; if unset: True`, or `` for a value in the code."""
    found = list(deploy_times(value))
    if not found:
        return ""
    if len(found) == 1:
        return found[0].describe()
    names = ", ".join(dict.fromkeys(name for d in found for name in d.shown_names))
    return f"set at deploy time from {names}"


def is_known(value: object) -> bool:
    """Whether a shipped value is known (not `UNKNOWN`, and start-up does not fail)."""
    return value is not UNKNOWN and value is not NO_DEFAULT


def contains(value: object, item: str) -> bool | None:
    """Whether the shipped list `value` holds `item`; None when that cannot be known."""
    if not isinstance(value, list | tuple):
        return None
    if item in value:
        return True
    if any(not isinstance(element, str) for element in value):
        return None
    return False


def lookup(value: object, *keys: object) -> object:
    """`value[k1][k2]...` of a shipped dict, or `UNKNOWN`."""
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return UNKNOWN
        value = value[key]
    return value
