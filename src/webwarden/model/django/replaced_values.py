"""Values of a settings module that every deployed settings module built on it replaces.

`RECAPTCHA_PRIVATE_KEY = "6LcX..."` in `settings/base.py`, then `RECAPTCHA_PRIVATE_KEY =
os.environ.get("RECAPTCHA_PRIVATE_KEY", "")` in `settings/production.py`: the literal is
what the development and test settings built on the base run with; a deployed site
reads its own.
"""

from __future__ import annotations

from webwarden.analysis.environment import NO_DEFAULT
from webwarden.findings import Location
from webwarden.model.django.project import DjangoProject
from webwarden.model.django.settings import Possibility


def replacing_modules(django: DjangoProject, setting: str, location: Location) -> tuple[str, ...]:
    """The judged settings modules other than development and test ones that read the
    module at `location` (it is in their chain), when each of them gives `setting` only
    values of its own: none written at `location`, and each known (a constant, or an
    environment variable with a constant default or none). Empty when one of them may
    keep the value written there (in a branch, as the default of a lookup:
    `os.environ.get("KEY", KEY)`), or when no such module reads it."""
    readers = [m for m in django.judged if location.path in m.chain and not m.role.is_development]
    if not readers:
        return ()
    for module in readers:
        if not all(_replaces(p, location) for p in module.get(setting)):
            return ()
    return tuple(dict.fromkeys(m.relpath for m in readers))


def _replaces(possibility: Possibility, location: Location) -> bool:
    where = possibility.location
    if where is None:
        return False
    if where.path == location.path and where.line <= location.line <= where.last_line:
        return False
    value = possibility.shipped
    return value is NO_DEFAULT or value is None or isinstance(value, str | bool | int | float)
