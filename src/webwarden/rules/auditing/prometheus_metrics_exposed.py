"""WW1118: django-prometheus's metrics page routed by the site's own URLconf."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django.extract_urls import UrlEntry
from webwarden.model.django.url_walk import url_entries
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule

_METRICS_URLS = "django_prometheus.urls"
_METRICS_VIEW = "django_prometheus.exports.ExportToDjangoView"


def _metrics_route(entry: UrlEntry) -> str | None:
    """How the entry routes to django-prometheus's export view, with no decorator around
    it: its URLconf (`include("django_prometheus.urls")`), or the view itself
    (`path("metrics", ExportToDjangoView)`)."""
    include, view = entry.include, entry.view
    if include is not None and include.module == _METRICS_URLS:
        return f'include("{_METRICS_URLS}")'
    if include is not None and include.entries is not None:
        return None  # NOTE: its entries are walked (`url_entries`)
    if view is not None and view.target == _METRICS_VIEW and not view.wrappers:
        return "ExportToDjangoView"
    return None


class PrometheusMetricsExposed(ProjectRule):
    """## What it does
    Finds django-prometheus's metrics page routed by a URLconf of the project
    (`path("", include("django_prometheus.urls"))`, which serves `/metrics`, or its
    `ExportToDjangoView` routed directly) with no decorator around it: the site then
    answers `/metrics` to anyone who asks, on the same host and port as its pages.
    An entry added only under `if settings.DEBUG:` is not reported (a development server
    serves it), nor under a test of a setting every settings module sets only as `DEBUG`
    or `DEBUG and ...` (`if settings.USE_PROFILING:`), nor is one whose view the URLconf wraps in a decorator (a login or
    address check).

    ## Why is this bad?
    The metrics describe the application from the inside: every view's name with its
    request counts, latencies and error statuses, the exceptions it raised by type, how
    many rows of each model were inserted, updated or deleted, its database and cache
    backends and their errors, unapplied migrations. Anyone can watch the site's
    activity, find its slow or failing views to aim load at, and learn its internals
    before an attack. Prometheus is meant to scrape them over an internal network.

    ## Known problems
    A reverse proxy or ingress that refuses `/metrics` from outside, or a middleware of
    the project that checks the caller's address, is not seen: the finding is then
    false, and can be suppressed on the URL entry with the reason. The Flask exporters
    (`prometheus_flask_exporter`'s `PrometheusMetrics(app)`) are not judged.

    ## Example
    ```python
    # urls.py
    from django.urls import include, path

    urlpatterns = [path("", include("django_prometheus.urls"))]
    ```

    ## Fix
    ```python
    # urls.py: no route to the metrics; settings.py sets
    # PROMETHEUS_METRICS_EXPORT_PORT = 8001 to serve them on a port only Prometheus reaches
    from django.urls import include, path

    urlpatterns = [path("", include("shop.urls"))]
    ```

    ## References
    - [CWE-200: Exposure of Sensitive Information to an Unauthorized Actor](https://cwe.mitre.org/data/definitions/200.html)
    - [django-prometheus: `django_prometheus.urls` and `PROMETHEUS_METRICS_EXPORT_PORT`](https://github.com/korfuri/django-prometheus)
    """

    code = "WW1118"
    name = "prometheus-metrics-exposed"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 200
    message = (
        "django-prometheus's metrics page (`{how}`) is served by the site itself, to "
        "anyone: the views' traffic, errors and model counts"
    )
    fix = (
        "drop the route and serve the metrics on a port only Prometheus reaches "
        "(`PROMETHEUS_METRICS_EXPORT_PORT`), or wrap the view in an address or login check"
    )
    frameworks = frozenset({Framework.DJANGO})
    example_filename = "urls.py"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        if project.django is None:
            return
        django = project.django

        def unserved(entry: UrlEntry) -> bool:
            return django.debug_only(entry) or bool(entry.wrappers)

        for entry in url_entries(project, skip=unserved):
            how = _metrics_route(entry)
            if how is not None:
                yield self.make_finding(entry.location, how=how)
