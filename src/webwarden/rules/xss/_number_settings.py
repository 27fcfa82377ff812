"""Django settings the project's settings modules set only to numbers."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.model.project import ProjectModel


def number_settings(project: ProjectModel, names: Iterable[str]) -> bool:
    """Whether each of the settings `names` is a number or a boolean wherever the
    project's settings modules set it (`PAGE_SIZE = 25`, or a helper's default read from
    the environment when it is unset: `set_option("PAGE_SIZE", 25)`), and some module
    sets it. A module that does not set it gives none (reading it raises); one whose
    values are not all known gives any."""
    django = project.django
    names = tuple(names)
    if django is None or not names or not django.settings:
        return False
    for name in names:
        set_somewhere = False
        for module in django.settings.values():
            for possibility in module.get(name):
                if possibility.location is None and not module.complete:
                    return False
                if possibility.location is None:
                    continue
                value = possibility.shipped
                if not isinstance(value, int | float):
                    return False
                set_somewhere = True
        if not set_somewhere:
            return False
    return True
