"""WW1137: django-silk's profiler pages served to users who are not staff."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.django import DjangoProject, Role, SettingsModule
from webwarden.model.django.url_walk import url_entries
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule
from webwarden.rules.django_settings import mentions

_SILK_URLS = "silk.urls"
_SILK_APP = "silk"
_AUTHENTICATION = "SILKY_AUTHENTICATION"
_AUTHORISATION = "SILKY_AUTHORISATION"


def _turned_on(settings: SettingsModule, name: str) -> bool:
    """Whether `name` is set, in every way the module may set it, to a true value or to
    one the deployment chooses (read from the environment with no false default)."""
    if not settings.is_set(name):
        return not settings.complete
    return all(
        p.shipped is not False and p.shipped not in (None, 0, "") for p in settings.get(name)
    )


def _served_to(django: DjangoProject) -> tuple[str, SettingsModule | None] | None:
    """Who may read silk's pages under a judged settings module serving pages that does
    not turn `SILKY_AUTHORISATION` on, a production one first: "anyone", or "any
    logged-in user" when it turns `SILKY_AUTHENTICATION` on alone; None when every such
    module limits them to the users `SILKY_PERMISSIONS` allows (staff, by default).
    Test settings are not judged; with no settings module at all, silk's defaults hold.

    Modules whose `INSTALLED_APPS` name `silk` are judged when there are any; else all:
    a URLconf including `silk.urls` cannot be loaded without the app installed (its
    views import its models), so it is installed wherever the URLconf is served, also
    under a deploy-time switch the model does not follow (`if ENABLE_SILK:
    INSTALLED_APPS.append("silk")`)."""
    modules = [s for s in django.judged if s.role is not Role.TEST and s.serves_pages]
    if not django.judged:
        return "anyone", None
    installing = [s for s in modules if mentions(s, "INSTALLED_APPS", _SILK_APP) is True]
    modules = installing or modules
    modules.sort(key=lambda s: s.role.is_development)
    for settings in modules:
        if _turned_on(settings, _AUTHORISATION):
            continue
        who = "any logged-in user" if _turned_on(settings, _AUTHENTICATION) else "anyone"
        return who, settings
    return None


class DjangoSilkUiOpen(ProjectRule):
    """## What it does
    Finds django-silk's pages mounted in a URLconf (`path("silk/", include("silk.urls"))`)
    in a project whose settings (those serving pages, not test settings) do not set
    `SILKY_AUTHORISATION = True`. Silk's views check nothing by default: `SILKY_AUTHENTICATION` and
    `SILKY_AUTHORISATION` are both `False` in its configuration, so anyone who finds the
    URL reads them; with `SILKY_AUTHENTICATION = True` alone, any user who can log in
    does. Only `SILKY_AUTHORISATION` limits them to the users `SILKY_PERMISSIONS` allows
    (staff, by default). A setting read from the environment without a false default
    counts as set. An entry added only under `if settings.DEBUG:` is not reported (a
    development server serves it; also read as `getattr(settings, "DEBUG", False)`,
    not with a true default), nor one under a test of a setting every settings
    module sets only as `DEBUG` or `DEBUG and ...` (`if settings.USE_SILK:` with
    `USE_SILK = DEBUG and HAS_SILK`, or with `USE_SILK = silk_wanted()`, a function of
    the settings module whose body is `return DEBUG and HAS_SILK`), and in a development
    or test settings module the finding is low.

    ## Why is this bad?
    Silk records every request the site answers: its path and query, headers, request and
    response bodies (personal data, form fields, API payloads) and the SQL it ran, with
    the values. Its pages list all of them and let the visitor clear them. Open to
    anyone, they leak other users' data and the application's inner workings; open to
    every logged-in user, they leak one user's data to another.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "silk"]
    MIDDLEWARE = ["silk.middleware.SilkyMiddleware"]
    ROOT_URLCONF = "urls"
    ```

    ```python
    # urls.py
    from django.urls import include, path

    urlpatterns = [path("silk/", include("silk.urls", namespace="silk"))]
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "silk"]
    MIDDLEWARE = ["silk.middleware.SilkyMiddleware"]
    ROOT_URLCONF = "urls"
    SILKY_AUTHENTICATION = True
    SILKY_AUTHORISATION = True
    ```

    ```python
    # urls.py
    from django.urls import include, path

    urlpatterns = [path("silk/", include("silk.urls", namespace="silk"))]
    ```

    ## References
    - [CWE-200: Exposure of Sensitive Information to an Unauthorized Actor](https://cwe.mitre.org/data/definitions/200.html)
    - [django-silk: Authentication/Authorisation](https://github.com/jazzband/django-silk#authenticationauthorisation)
    """

    code = "WW1137"
    name = "django-silk-ui-open"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 200
    message = (
        'django-silk\'s pages (`include("silk.urls")`) are served to {who}: '
        "`SILKY_AUTHORISATION` is not on ({settings}), so {who} reads the recorded "
        "requests, their bodies and SQL"
    )
    fix = "set `SILKY_AUTHENTICATION = True` and `SILKY_AUTHORISATION = True` (staff only), or unmount silk in production"
    frameworks = frozenset({Framework.DJANGO})
    example_filename = "settings.py"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        django = project.django
        if django is None:
            return
        served = _served_to(django)
        if served is None:
            return
        who, settings = served
        for entry in url_entries(project):
            include = entry.include
            if (
                include is not None
                and include.module == _SILK_URLS
                and not django.debug_only(entry)
            ):
                yield self._finding(entry.location, who, settings)

    def _finding(self, where: Location, who: str, settings: SettingsModule | None) -> Finding:
        if settings is None:
            return self.make_finding(where, who=who, settings="no settings module found")
        path = settings.relpath
        finding = self.make_finding(where, who=who, settings=f"settings module {path}")
        if settings.role.is_development:
            finding = lower_for_context(
                finding, Severity.LOW, f"development settings module {path}"
            )
        return finding
