"""Whether the Django settings install a class of the project always, or only under
conditions (`MIDDLEWARE.append(...)` under `if enable:`), as the settings model shows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.model.django import SettingsModule
from webwarden.model.project import ProjectModel

MIDDLEWARE = "middleware"
AUTHENTICATION = "authentication"
"""The two lists a remote-user class is installed by: `MIDDLEWARE` (a middleware) and
REST framework's `DEFAULT_AUTHENTICATION_CLASSES` (an authentication class)."""

_CONDITION = re.compile(r"`[^`]+`(?: succeeds| fails)?")


def unless_always_installed(project: ProjectModel, kind: str, name: str) -> str | None:
    """Why the class `name` does not run on every deployment of the settings as shipped:
    every judged settings module lists it only under some of its conditions (`enable
    or enable_api`), or a middleware is listed by none; None when some module lists it
    whatever the conditions, when a list is not known, or the project has no settings.
    An authentication class listed by none is None too: a view may name it."""
    django = project.django
    if django is None or not django.judged:
        return None
    listing: list[str] = []
    lacking = False
    for module in django.judged:
        for branch, entries in _installed(module, kind):
            if entries is None:
                return None
            if any(entry.rpartition(".")[2] == name for entry in entries):
                listing.append(branch)
            else:
                lacking = True
    setting = "`MIDDLEWARE`" if kind == MIDDLEWARE else "`DEFAULT_AUTHENTICATION_CLASSES`"
    if not listing:
        found = f"`{name}` is in no {setting} of the settings as shipped (environment unset)"
        return found if kind == MIDDLEWARE else None
    if not lacking:
        return None
    common = [c for c in _CONDITION.findall(listing[0]) if all(c in b for b in listing[1:])]
    when = " and ".join(common) if common else "some of the settings' conditions hold"
    return f"`{name}` is in {setting} only when {when}"


def _installed(module: SettingsModule, kind: str) -> Iterator[tuple[str, list[str] | None]]:
    """(branch, entries) for each value the module's list may have; entries None when
    the list is not known."""
    if kind == MIDDLEWARE:
        names = [n for n in ("MIDDLEWARE", "MIDDLEWARE_CLASSES") if module.is_set(n)]
        possibilities = [p for n in names or ["MIDDLEWARE"] for p in module.get(n)]
        for possibility in possibilities:
            yield possibility.branch, _strings(possibility.shipped)
        return
    for possibility in module.get("REST_FRAMEWORK"):
        options = possibility.shipped
        if not isinstance(options, dict):
            yield possibility.branch, None
            continue
        # NOTE: REST framework's default lists only session and basic authentication.
        yield possibility.branch, _strings(options.get("DEFAULT_AUTHENTICATION_CLASSES", []))


def _strings(value: object) -> list[str] | None:
    if isinstance(value, list | tuple) and all(isinstance(entry, str) for entry in value):
        return [str(entry) for entry in value]
    return None
