"""WW703: a django-autocomplete-light view that lists its model's rows to anyone."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django.login_middleware import login_middleware
from webwarden.model.django.views import View
from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel
from webwarden.rules.auth.django_view_without_login import guarded
from webwarden.rules.base import Framework, ProjectRule

_PACKAGES = ("dal.", "dal_")
"""django-autocomplete-light's modules (`dal.autocomplete`, `dal_select2.views`,
`dal_select2_queryset_sequence.views`)."""
_QUERYSET_VIEWS = ("QuerySetView", "QuerySetSequenceView")
"""Its views answering from a queryset (`Select2QuerySetView`, `BaseQuerySetView`,
`Select2QuerySetSequenceView`); not `Select2ListView`, whose choices are a fixed list."""


def _lists_rows(name: str) -> bool:
    return name.startswith(_PACKAGES) and last_part(name).endswith(_QUERYSET_VIEWS)


def is_autocomplete_view(view: View) -> bool:
    """A view of django-autocomplete-light answering from a queryset: the library's own
    class routed with `as_view(model=...)`, or a project class deriving from one."""
    return _lists_rows(view.target) or any(map(_lists_rows, view.bases))


class DjangoAutocompleteWithoutLogin(ProjectRule):
    """## What it does
    Finds routed django-autocomplete-light views that answer from a queryset
    (`Select2QuerySetView`, `Select2QuerySetSequenceView`, the library's class routed
    with `as_view(model=...)` or a project class on one) with nothing that checks who
    asks: no test of `self.request.user` in `get_queryset()` or another method (nor a
    query naming the user, `filter(owner=self.request.user)`), no `LoginRequiredMixin`
    or permission mixin, no `login_required` around it in the URLconf or on `dispatch`,
    and no middleware requiring login for every view. Routes that only a test URLconf
    serves, or that a URLconf adds under `if settings.DEBUG:`, are not reported.

    ## Why is this bad?
    The library's views guard nothing by themselves: a GET with `?q=` (or none, page
    after page) returns the text of every row of the model, `str(obj)`, to whoever asks.
    Autocomplete views usually feed admin and staff forms, so the rows are the site's
    customers, plans or users. The library's documentation tells each view to filter
    its queryset by the visitor.

    ## Known problems
    An autocomplete meant for anonymous visitors (the countries of a sign-up form) is
    reported all the same; suppress it there. A user check the model does not recognise
    (a helper of another package) is not seen.

    ## Example
    ```python
    # views.py
    from dal import autocomplete

    from plans.models import Plan


    class PlanAutocomplete(autocomplete.Select2QuerySetView):
        def get_queryset(self):
            return Plan.objects.filter(title__icontains=self.q)
    ```

    ```python
    # urls.py
    from django.urls import path

    from views import PlanAutocomplete

    urlpatterns = [path("plan-autocomplete/", PlanAutocomplete.as_view())]
    ```

    ## Fix
    ```python
    # views.py
    from dal import autocomplete

    from plans.models import Plan


    class PlanAutocomplete(autocomplete.Select2QuerySetView):
        def get_queryset(self):
            if not self.request.user.is_staff:
                return Plan.objects.none()
            return Plan.objects.filter(title__icontains=self.q)
    ```

    ```python
    # urls.py
    from django.urls import path

    from views import PlanAutocomplete

    urlpatterns = [path("plan-autocomplete/", PlanAutocomplete.as_view())]
    ```

    ## References
    - [CWE-862: Missing Authorization](https://cwe.mitre.org/data/definitions/862.html)
    - [django-autocomplete-light: create an autocomplete view](https://django-autocomplete-light.readthedocs.io/en/master/tutorial.html#create-an-autocomplete-view)
    """

    code = "WW703"
    name = "django-autocomplete-without-login"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 862
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{view}` (`{pattern}`) lists its model's rows to anyone: an autocomplete view "
        "checking no user"
    )
    fix = (
        "return `Model.objects.none()` unless `self.request.user` may see the rows, or add "
        "`LoginRequiredMixin`"
    )

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        django = project.django
        if django is None or not django.routes or login_middleware(django):
            return
        reported: set[str] = set()
        for route in django.routes:
            view = route.view
            if view is None or view.target in reported or not is_autocomplete_view(view):
                continue
            urlconf = project.modules.get(route.location.path)
            if route.debug_only or (urlconf is not None and urlconf.is_test):
                continue
            summary = project.modules.get(view.location.path) if view.location else None
            if (summary is not None and summary.is_test) or guarded(view):
                continue
            reported.add(view.target)
            yield self.make_finding(
                view.location or route.location,
                key=view.target,
                view=last_part(view.target),
                pattern=route.pattern or "/",
            )
