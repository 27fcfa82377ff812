"""The page text `django.contrib.flatpages` hands the templates it renders."""

from __future__ import annotations

from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.rules.django_settings import mentions

FLATPAGES_APP = "django.contrib.flatpages"
_MARKED_SAFE = frozenset({"flatpage.content", "flatpage.title"})
"""What Django's `render_flatpage` marks safe before rendering (`mark_safe(f.content)`):
the page's HTML, which the site's staff write in the admin as HTML by design."""


def flatpage_markup(
    project: ProjectModel, model: TemplateModel, relpath: str, paths: list[str]
) -> bool:
    """Whether every marked value is the flatpage's content or title, the project
    installs the flatpages app, and no view of the project renders the template with a
    `flatpage` of its own: the flatpage view's page, which Django marks safe itself."""
    if not paths or not set(paths) <= _MARKED_SAFE or project.django is None:
        return False
    if not any(
        mentions(s, "INSTALLED_APPS", FLATPAGES_APP) for s in project.django.settings.values()
    ):
        return False
    return not any(
        link.render.opaque
        or any(c.name.partition(".")[0] == "flatpage" for c in link.render.context)
        for link in model.rendered_by(relpath)
    )
