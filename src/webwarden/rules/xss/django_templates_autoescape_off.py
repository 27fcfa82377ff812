"""WW558: Django `TEMPLATES` with `"autoescape": False` in `OPTIONS`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.module import identifier_words
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule

_DEVELOPMENT = frozenset({"dev", "development", "local", "test", "tests", "testing", "ci"})


def _development(project: ProjectModel, relpath: str) -> bool:
    """A settings module for development or tests (by the Django model's roles when
    it knows the module, else by its name)."""
    if project.django is not None and relpath in project.django.roles:
        return project.django.role_of_path(relpath).is_development
    module = relpath.rsplit("/", 1)[-1].removesuffix(".py")
    return bool(set(identifier_words(module)) & _DEVELOPMENT)


class DjangoTemplatesAutoescapeOff(ProjectRule):
    """## What it does
    Finds Django `TEMPLATES` entries whose `OPTIONS` set `"autoescape": False`, for the
    Django template backend and for Django's Jinja2 backend (which otherwise turns
    autoescaping on). In a settings module named for development or tests the severity
    is lowered.

    ## Why is this bad?
    With autoescaping off, every `{{ value }}` of every template that backend renders is
    written as raw HTML: one user-supplied value anywhere is cross-site scripting. It
    turns the framework's main XSS defence off for the whole project.

    ## Example
    ```python
    TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {"autoescape": False},
        }
    ]
    ```

    ## Fix
    ```python
    TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {},
        }
    ]
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django: DjangoTemplates options](https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.django.DjangoTemplates)
    - [Django: Jinja2 backend](https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.jinja2.Jinja2)
    """

    code = "WW558"
    name = "django-templates-autoescape-off"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 79
    message = '`TEMPLATES` sets `"autoescape": False` for `{backend}`: every template value is written as raw HTML'
    fix = 'remove `"autoescape": False` from `OPTIONS` and mark trusted HTML safe where it is made'
    frameworks = frozenset({Framework.DJANGO})
    example_filename = "settings.py"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        model = project.templates
        if model is None:
            return
        for setting in model.settings:
            if setting.autoescape is not False or setting.autoescape_location is None:
                continue
            backend = setting.backend.rsplit(".", 1)[-1] or "the template backend"
            finding = self.make_finding(setting.autoescape_location, backend=backend)
            if _development(project, setting.location.path):
                finding = lower_for_context(
                    finding, Severity.LOW, f"development settings module {setting.location.path}"
                )
            yield finding
