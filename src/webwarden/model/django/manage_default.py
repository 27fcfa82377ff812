"""The settings module `manage.py` runs when the web server runs another.

`wsgi.py` (or `asgi.py`) names the settings module a WSGI server such as Gunicorn or
uWSGI loads; `manage.py` names the one `manage.py runserver` and the developer's
commands load. When they differ and the served one is not built on manage.py's, the
project keeps two set-ups side by side: the served one is what is deployed (a deployment
running commands points `DJANGO_SETTINGS_MODULE` at it, or they would see another
database than its pages), and manage.py's, whose name says nothing (`mysite.settings`
beside the `mysite/settings/docker.py` that `wsgi.py` names), is the developer's.
So is it when the module `wsgi.py` names is not in the tree but a copy kept to be put in
its place is (`config/production.py.sample` for `config.production`, which each
deployment writes from the copy and keeps out of the repository): the copy is what is
served.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from webwarden.findings import Location
from webwarden.model.django.settings import SettingsModule
from webwarden.model.roles import Role

_SERVERS = frozenset({"wsgi", "asgi"})
_COPY_WORDS = ("sample", "example", "dist", "template", "tmpl", "default")
"""The last word of a settings module kept under a name Python does not import, to be
copied into place (`production.py.sample`, named `production_py_sample`)."""


def run_by_manage_only(
    entries: Iterable[tuple[str, Location]],
    find: Callable[[str, str], str | None],
    settings: Mapping[str, SettingsModule],
) -> frozenset[str]:
    """The settings modules (relpaths) that only `manage.py` names by default, whose name
    says nothing, when `wsgi.py` or `asgi.py` names one of the tree instead, for no
    development use, that is not built on them (see the module docstring)."""
    named: dict[str, set[str]] = {}
    for dotted, where in entries:
        stem = where.path.rpartition("/")[2].removesuffix(".py")
        found = find(dotted, where.path)
        if found is None and stem in _SERVERS:
            found = _copy_of(dotted, where.path, find, settings)
        if found is not None and found in settings:
            named.setdefault(stem, set()).add(found)
    served = set().union(*(named.get(server, set()) for server in _SERVERS))
    if not served or any(settings[s].role.is_development for s in served):
        return frozenset()
    return frozenset(
        relpath
        for relpath in named.get("manage", set()) - served
        if settings[relpath].role is Role.UNSPECIFIED
        and not any(relpath in settings[s].chain for s in served)
    )


def _copy_of(
    dotted: str,
    near: str,
    find: Callable[[str, str], str | None],
    settings: Mapping[str, SettingsModule],
) -> str | None:
    """The settings module kept to be copied into place as `dotted`, a module the tree
    lacks (`config/production.py.sample` for `config.production`), if there is one."""
    for word in _COPY_WORDS:
        found = find(f"{dotted}_py_{word}", near)
        if found is not None and found in settings:
            return found
    return None
