"""Whether a mixin whose `dispatch` is exempt from CSRF checks is mixed into views of
other modules, whose handlers the rule did not judge with it."""

from __future__ import annotations

from webwarden.findings import Finding
from webwarden.model.project import ProjectModel


def mixed_in_elsewhere(finding: Finding, mixin: str, project: ProjectModel) -> bool:
    """Whether a class of the project deriving from `mixin` (a class of the finding's
    module), directly or through another such class, is defined in another module: it
    inherits the exemption (`as_view()` reads it off `dispatch`), and its handlers were
    not judged. True when the project's views are not known."""
    django, summary = project.django, project.modules.get(finding.location.path)
    if django is None or summary is None:
        return True
    module = summary.module
    derived, grown = {f"{module}.{mixin}"}, True
    while grown:
        grown = False
        for name, view in django.views.items():
            if name not in derived and derived.intersection(view.bases):
                derived.add(name)
                grown = True
    return any(name.rpartition(".")[0] != module for name in derived)
