"""Dynaconf settings fragments: a module whose values are merged into settings that
another package loads first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from webwarden.model.django.settings import Possibility

MERGE_MARKERS = frozenset({"dynaconf_merge", "dynaconf_merge_unique"})
"""What Dynaconf reads in a list (`["app", "dynaconf_merge_unique"]`) or as a dict's key
(`{"dynaconf_merge": True, ...}`) to add the value to the one loaded before it instead
of replacing it."""
_MERGE_TOKENS = ("@merge ", "@merge_unique ")
"""The same asked of one string (`"@merge_unique app"`)."""


def merged_over_other_settings(values: Mapping[str, tuple[Possibility, ...]]) -> bool:
    """Whether a settings module marks a value to be merged by Dynaconf: it is then a
    fragment (a plugin's `app/settings.py` that Pulp's Dynaconf loads over
    `pulpcore.app.settings`), and a setting it does not give is given by the settings
    loaded before it, not by Django's default."""
    return any(_marked(p.value, 0) for found in values.values() for p in found)


def _marked(value: object, depth: int) -> bool:
    if depth > 2:
        return False
    if isinstance(value, str):
        return value in MERGE_MARKERS or value.startswith(_MERGE_TOKENS)
    if isinstance(value, dict):
        return bool(MERGE_MARKERS.intersection(map(str, value))) or _any(value.values(), depth)
    if isinstance(value, list | tuple):
        return _any(value, depth)
    return False


def _any(items: Iterable[object], depth: int) -> bool:
    return any(_marked(item, depth + 1) for item in items)
