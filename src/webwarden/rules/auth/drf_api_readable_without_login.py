"""WW768: a DRF API anyone may read in a project whose pages require login."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.django.login_middleware import exempts_api, login_middleware
from webwarden.model.django.routes import Route
from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._drf_reads import (
    pages_require_login,
    read_open,
    read_open_defaults,
    row_routes,
)
from webwarden.rules.base import Framework, ProjectRule


class DrfApiReadableWithoutLogin(ProjectRule):
    """## What it does
    Finds Django REST framework views that list or show the rows of a model (a
    `ModelViewSet`, a `ListAPIView`, with no handler of the project's own) and let anyone
    read them, logged in or not, in a project whose own pages require login. The
    permission classes are the view's own `permission_classes` or, when it sets none,
    `REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]`; those that let the anonymous read are
    `IsAuthenticatedOrReadOnly` and `DjangoModelPermissionsOrAnonReadOnly` (with
    `AllowAny` beside them). A default is reported once, where it is set, with the views
    that take it (not by a development or test settings module: `settings/dev.py`
    opening reads to try the API in a browser); a view's own classes at the view. A
    project's pages require login when
    at least three of its routed views (neither DRF's nor its tests', not a login,
    sign-up or password-reset page) do and no more than a tenth do not. Not when a
    middleware requires login for every view and lets no API path through (see WW1167).

    ## Why is this bad?
    `IsAuthenticatedOrReadOnly` guards writes only: every `GET` is answered for anyone.
    When the site shows the same rows only to its users (an inventory of hosts, their
    packages, an internal dashboard), the API hands them to any visitor instead, page by
    page, with no login.

    ## Known problems
    A site whose data is public on purpose but whose pages are all behind login (an
    open-data API beside an editors' interface) is reported; set `AllowAny` on those
    views to say so.

    ## Example
    ```python
    # settings.py
    ROOT_URLCONF = "urls"
    INSTALLED_APPS = ["django.contrib.auth", "rest_framework"]
    REST_FRAMEWORK = {
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    }
    ```

    ```python
    # views.py
    from django.contrib.auth.decorators import login_required
    from django.shortcuts import render
    from rest_framework import viewsets

    from hosts.models import Host
    from hosts.serializers import HostSerializer


    @login_required
    def host_list(request):
        return render(request, "hosts.html", {"hosts": Host.objects.all()})


    @login_required
    def host_detail(request, pk):
        return render(request, "host.html", {"host": Host.objects.get(pk=pk)})


    @login_required
    def dashboard(request):
        return render(request, "dashboard.html")


    class HostViewSet(viewsets.ModelViewSet):
        queryset = Host.objects.all()
        serializer_class = HostSerializer
    ```

    ```python
    # urls.py
    from django.urls import include, path
    from rest_framework import routers

    import views

    router = routers.DefaultRouter()
    router.register("host", views.HostViewSet)

    urlpatterns = [
        path("", views.dashboard),
        path("hosts/", views.host_list),
        path("hosts/<int:pk>/", views.host_detail),
        path("api/", include(router.urls)),
    ]
    ```

    ## Fix
    ```python
    # settings.py
    ROOT_URLCONF = "urls"
    INSTALLED_APPS = ["django.contrib.auth", "rest_framework"]
    REST_FRAMEWORK = {
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    }
    ```

    ## References
    - [CWE-862: Missing Authorization](https://cwe.mitre.org/data/definitions/862.html)
    - [Django REST framework: IsAuthenticatedOrReadOnly](https://www.django-rest-framework.org/api-guide/permissions/#isauthenticatedorreadonly)
    - [Django REST framework: setting the permission policy](https://www.django-rest-framework.org/api-guide/permissions/#setting-the-permission-policy)
    """

    code = "WW768"
    name = "drf-api-readable-without-login"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 862
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{classes}` lets anyone read {views}, unlike the project's pages, which require login"
    )
    fix = "use `IsAuthenticated` (or the project's permission) for API views, `AllowAny` only where reads are public on purpose"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        django = project.django
        if django is None or not django.routes:
            return
        if login_middleware(django) and not exempts_api(django):
            return  # NOTE: the anonymous are turned away before DRF's permission
        rows = list(row_routes(project, django))
        if not rows or not pages_require_login(project, django):
            return
        defaulted = [r for r in rows if r.view and r.view.permission_classes is None]
        for route in rows:
            view = route.view
            if view and view.location and read_open(view.permission_classes):
                yield self._finding(view.location, view.permission_classes or (), [route])
        if defaulted:
            for location, classes in read_open_defaults(django).items():
                yield self._finding(location, classes, defaulted)

    def _finding(
        self, location: Location, classes: tuple[str, ...], routes: list[Route]
    ) -> Finding:
        first = routes[0]
        name = last_part(first.view.target) if first.view else "?"
        views = f"`{name}` (`{first.pattern or '/'}`)"
        if len(routes) > 1:
            views += f" and {len(routes) - 1} other API view{'s' * (len(routes) > 2)}"
        shown = ", ".join(last_part(c) for c in classes)
        return self.make_finding(location, key=shown + views, classes=shown, views=views)
