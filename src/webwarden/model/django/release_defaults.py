"""The defaults of the Django release a project's requirements pin, where they differ."""

from __future__ import annotations

from webwarden.model.django.defaults import OLDER_RELEASE_DEFAULTS
from webwarden.model.django.project import DjangoProject
from webwarden.model.project import ProjectModel


def apply_release_defaults(project: ProjectModel, django: DjangoProject) -> None:
    """Give each settings module the defaults of the older Django its application's
    requirement or lock files allow only (`Django==2.2.28`: no `nosniff` unless set)."""
    for relpath, module in django.settings.items():
        found: dict[str, object] = {}
        for release, defaults in OLDER_RELEASE_DEFAULTS:
            if project.runs_below("django", relpath, release):
                for name, value in defaults.items():
                    found.setdefault(name, value)
        module.release_defaults = found
