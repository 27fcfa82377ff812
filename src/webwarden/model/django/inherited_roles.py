"""Roles that settings modules take from the module they are built on.

A module whose name says nothing of its role (`dockerdev.py`, `container.py`) but whose
first statement star-imports a development or test module (`from .dev import *`) is a
variant of that module: it starts from the developer's `DEBUG = True` and the rest, and
is judged as development or test too. Only the first statement: a `from .local import *`
at the end of `settings.py` is an overlay laid over the module, not its base. A
development variant that turns `DEBUG` off or reads it from the environment keeps its own
role (the project step checks, once the settings are resolved: `_keeps_debug_on`).

The same holds of django-configurations classes: one whose name says nothing
(`class ContinuousIntegration(Test)`, `class Docker(Dev)`) is a variant of the
development or test configuration of its module it derives from.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from webwarden.model.django.facts import ConfigurationClass, Import, SettingsFacts
from webwarden.model.django.settings import imported_settings
from webwarden.model.roles import Role, role_of


def inherit_roles(
    roles: Mapping[str, Role],
    facts: Mapping[str, SettingsFacts],
    find: Callable[[str, str], str | None],
) -> dict[str, Role]:
    """`roles` (by relative path) with each unspecified one replaced by the development
    or test role of the module its first statement star-imports, followed transitively."""
    inherited: dict[str, Role] = {}

    def role(relpath: str, seen: frozenset[str]) -> Role:
        if relpath in inherited:
            return inherited[relpath]
        own = roles[relpath]
        base = _base(facts[relpath])
        target = None if base is None else find(base, relpath)
        if (
            own is Role.UNSPECIFIED
            and target is not None
            and target in facts
            and target not in seen
        ):
            from_base = role(target, seen | {relpath})
            own = from_base if from_base.is_development else own
        inherited[relpath] = own
        return own

    return {relpath: role(relpath, frozenset({relpath})) for relpath in roles}


def _base(facts: SettingsFacts) -> str | None:
    """The module the first statement star-imports unconditionally, if it does."""
    first = facts.ops[0] if facts.ops else None
    if isinstance(first, Import) and first.names is None and not first.optional:
        return None if first.of_class else first.module
    return None


def configuration_role(
    module: str, classes: Mapping[str, ConfigurationClass], name: str
) -> tuple[Role, bool]:
    """The role of configuration `name` of settings module `module` by its own name, or
    else the development or test role of the first of its bases of the module that has
    one (followed transitively); and whether the role was so inherited."""
    own = role_of(f"{module}.{name}")
    if own is not Role.UNSPECIFIED:
        return own, False
    seen, pending = {name}, list(classes[name].local_bases) if name in classes else []
    while pending:
        base = pending.pop(0)
        if base in seen or base not in classes:
            continue
        seen.add(base)
        role = role_of(f"{module}.{base}")
        if role.is_development:
            return role, True
        if role is Role.UNSPECIFIED:
            pending.extend(classes[base].local_bases)
    return Role.UNSPECIFIED, False


def local_ancestors(classes: Mapping[str, ConfigurationClass], name: str) -> tuple[str, ...]:
    """The bases of configuration `name` among the classes of its module, followed
    transitively, nearest first."""
    found: list[str] = []
    pending = list(classes[name].local_bases) if name in classes else []
    while pending:
        base = pending.pop(0)
        if base in found or base == name or base not in classes:
            continue
        found.append(base)
        pending.extend(classes[base].local_bases)
    return tuple(found)


def renamed(module: str, classes: Mapping[str, ConfigurationClass], name: str) -> str:
    """The configuration that `name` gives the settings of under another name, followed
    through aliases (`class Staging(Production): pass`), as long as that one is for the
    same kind of site, deployed or a developer's or test run's (a `class
    Development(Production): pass` is judged as itself); else `name` itself. Judged
    once, what the base lacks is one problem, not one for each name it is deployed
    under."""
    kind = configuration_role(module, classes, name)[0].is_development
    seen = {name}
    while (found := classes.get(name)) is not None and found.alias:
        base = found.local_bases[0]
        if base in seen or base not in classes:
            break
        if configuration_role(module, classes, base)[0].is_development != kind:
            break
        seen.add(base)
        name = base
    return name


def defaults_under_production(
    named: Collection[str],
    roles: Mapping[str, Role],
    facts: Mapping[str, SettingsFacts],
    find: Callable[[str, str], str | None],
) -> frozenset[str]:
    """The settings modules an entry point runs by default (`manage.py`, `wsgi.py`)
    whose name says nothing and that a module named for production star-imports
    (`production.py` starting from `from .settings import *`): deployments set
    `DJANGO_SETTINGS_MODULE` to the production module, so the default is the base it
    builds on, judged through it (what the production module leaves of it is reported
    there) and through the development modules built on it, not on its own."""
    bases = {
        target
        for relpath, found in facts.items()
        if roles.get(relpath) is Role.PRODUCTION
        for op in found.ops
        if isinstance(op, Import) and op.names is None and not op.optional and not op.of_class
        if (target := imported_settings(find, op.module, relpath)) not in (None, relpath)
    }
    return frozenset(
        relpath for relpath in named if relpath in bases and roles.get(relpath) is Role.UNSPECIFIED
    )
