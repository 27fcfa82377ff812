"""WW1157: users' uploads (`MEDIA_ROOT`) routed to Django's `serve` view for every deploy."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django.extract_urls import UrlEntry
from webwarden.model.django.url_walk import url_entries
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule

_SERVE = "django.views.static.serve"
_ROOT = "document_root"
_MEDIA_ROOT = "MEDIA_ROOT"
_DJANGO_SETTINGS = "django.conf.settings"


def _media_root(named: str) -> bool:
    """Whether an argument names the `MEDIA_ROOT` setting itself: through Django's
    settings object, or imported from a settings module of the project
    (`from shop.settings import MEDIA_ROOT`); not a folder under it."""
    module, _, last = named.rpartition(".")
    if last != _MEDIA_ROOT:
        return False
    return module == _DJANGO_SETTINGS or "settings" in module.rpartition(".")[2]


def _serves_uploads(entry: UrlEntry) -> bool:
    view = entry.view
    if view is None or view.target != _SERVE or view.wrappers:
        return False
    return any(key == _ROOT and _media_root(named) for key, named in view.arguments)


class DjangoStaticServeMedia(ProjectRule):
    """## What it does
    Finds a URLconf entry that routes Django's `django.views.static.serve` view to the
    `MEDIA_ROOT` setting (`re_path(r"^media/(?P<path>.*)$", serve, {"document_root":
    settings.MEDIA_ROOT})`) outside `if settings.DEBUG:`, so that every deploy serves
    the files users uploaded through it. An entry added only under `if settings.DEBUG:`
    (or under a test that the environment is a developer's, `if settings.ENVIRONMENT ==
    "local":`, `if get_env() in ("local", "development"):`, not `"dev"`, often a shared
    server on the internet; or of a setting every settings module sets only as `DEBUG
    and ...`, or writes off: `SERVE_MEDIA = False`, which a site edits its settings to
    switch on) is not reported, nor Django's `static()` helper (it adds no route when
    `DEBUG` is off), nor `serve` wrapped by a decorator (`login_required(serve)`) or by
    a view of the project that sets its own headers, nor a folder the project chose under `MEDIA_ROOT`
    (`os.path.join(settings.MEDIA_ROOT, "avatars")`), nor static files
    (`STATIC_ROOT`), which the developers wrote.

    ## Why is this bad?
    Django documents `serve` as a development aid, "grossly inefficient and probably
    insecure". Routed to `MEDIA_ROOT`, it hands anyone who has a file's URL every
    upload of every model: the checks the project's own views make before handing out
    a private file (a shared document's revision, an attachment) are skipped. It also
    serves each file inline from the site's own origin, with the content type its name
    gives: an uploaded SVG or HTML file runs its script as the site (stored
    cross-site scripting), which Django's security guide warns of for user uploads.

    ## Known problems
    webwarden does not read what the project lets users upload: a site that accepts
    only raster images it re-encodes, and keeps no private file there, is exposed far
    less (the finding stays, as Django's own advice does). A web server in front that
    answers `/media/` itself before the request reaches Django leaves the route unused.

    ## Example
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]
    ROOT_URLCONF = "urls"
    MEDIA_ROOT = "/srv/media"
    ```

    ```python
    # urls.py
    from django.conf import settings
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns = [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
    ```

    ## Fix
    ```python
    INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions"]
    ROOT_URLCONF = "urls"
    MEDIA_ROOT = "/srv/media"
    ```

    ```python
    # urls.py
    from django.conf import settings
    from django.conf.urls.static import static

    urlpatterns = []
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    ```

    ## References
    - [CWE-552: Files or Directories Accessible to External Parties](https://cwe.mitre.org/data/definitions/552.html)
    - [Django: django.views.static.serve](https://docs.djangoproject.com/en/stable/ref/views/#serving-files-in-development)
    - [Django: Security in Django, user-uploaded content](https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content)
    """

    code = "WW1157"
    name = "django-static-serve-media"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 552
    message = (
        "`django.views.static.serve` serves `MEDIA_ROOT` outside `if settings.DEBUG`: "
        "users' uploads are public to anyone with the URL and shown inline on the site's origin"
    )
    fix = (
        "serve uploads from storage on another domain or through a view that checks access; "
        "route `serve` only under `if settings.DEBUG:`"
    )
    frameworks = frozenset({Framework.DJANGO})
    example_filename = "settings.py"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        django = project.django
        if django is None:
            return
        for entry in url_entries(project, skip=django.debug_only):
            if _serves_uploads(entry):
                yield self.make_finding(entry.location)
