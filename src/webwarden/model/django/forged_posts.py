"""Which Django views refuse a POST another site starts before they run.

`CsrfViewMiddleware` in the `MIDDLEWARE` of every settings module judged (but a part laid
over other settings, a `local_settings.py` that sets no `MIDDLEWARE`) refuses any
POST, PUT, PATCH or DELETE without the visitor's token before the view runs, logged in
or not: what such a view reads from the posted body (`request.POST`, `request.FILES`,
`request.body`) is what the visitor sent from the site's own pages, never another
site's form. A `csrf_exempt` view takes any post; so do REST framework's views, which
Django exempts: their `SessionAuthentication` checks the token only of a request its
session logs in, so another site's anonymous post still runs a view that lets the
anonymous in, and `BasicAuthentication` (in REST framework's defaults) is sent along
cross-site by the browser like a cookie. A view refusing first every request without a
credential no browser sends by itself (`View.requires_ajax`, `View.header_authenticated`)
is out of another site's reach whatever the middleware. A module of the project turning
the check off for the requests it handles (`csrf_switch_offs`) leaves no view checked by
the middleware.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.model.django.csrf_switch_offs import switches_off_csrf_checks
from webwarden.model.django.defaults import CSRF_MIDDLEWARE
from webwarden.model.django.values import contains
from webwarden.model.django.views import View

if TYPE_CHECKING:
    from webwarden.model.django import DjangoProject
    from webwarden.model.project import ProjectModel


def checks_every_post(project: ProjectModel, django: DjangoProject) -> bool:
    """Whether every settings module the Django model judges surely has
    `CsrfViewMiddleware` in its `MIDDLEWARE`, whatever value it takes, and no module of
    the project turns its check off (`switches_off_csrf_checks`)."""
    # NOTE: a part laid over other settings (`SettingsModule.laid_over`) runs over a
    # module that sets `MIDDLEWARE`, which the others judged show; it changes none of it.
    sites = [settings for settings in django.judged if not settings.laid_over]
    if not sites or switches_off_csrf_checks(project):
        return False
    return all(
        contains(possibility.shipped, CSRF_MIDDLEWARE) is True
        for settings in sites
        for possibility in settings.get("MIDDLEWARE")
    )


def refuses_forged_posts(view: View, *, every_post_checked: bool) -> bool:
    """Whether a POST another site's page makes the browser send to `view` is refused
    before the view runs: the middleware checks its token (`every_post_checked`, see
    `checks_every_post`) and the view is neither exempt nor REST framework's, or the view
    refuses every request without a header or body type no browser sends cross-site."""
    checked = every_post_checked and not view.csrf_exempt and not view.is_drf
    return checked or view.requires_ajax or view.header_authenticated


def forge_proof_views(project: ProjectModel, django: DjangoProject) -> frozenset[str]:
    """The views (qualified names of functions and classes) of the project's Django
    model `django` every route to which leads to a view refusing another site's posts
    (`refuses_forged_posts`)."""
    every_post_checked = checks_every_post(project, django)
    verdicts: dict[str, bool] = {}
    for route in django.routes:
        view = route.view
        if view is None or view.kind == "unknown":
            continue
        refused = refuses_forged_posts(view, every_post_checked=every_post_checked)
        verdicts[view.target] = verdicts.get(view.target, True) and refused
    return frozenset(target for target, refused in verdicts.items() if refused)


def script_only_views(django: DjangoProject) -> frozenset[str]:
    """The views (qualified names) every route to which leads to a view refusing first
    every request without a header no browser sends by itself (`View.requires_ajax`,
    `View.header_authenticated`): a link, a form or a frame of another site cannot make
    the browser send one, so what such a view reads from the request is what the site's
    own script sent, and the page it renders is never the one the browser shows."""
    verdicts: dict[str, bool] = {}
    for route in django.routes:
        view = route.view
        if view is None or view.kind == "unknown":
            continue
        only = view.requires_ajax or view.header_authenticated
        verdicts[view.target] = verdicts.get(view.target, True) and only
    return frozenset(target for target, only in verdicts.items() if only)
