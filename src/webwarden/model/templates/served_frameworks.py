"""Which framework renders a view class's template, as the project says.

A class-based view (`template_name = "shop/product.jinja"`) in a module that imports no
framework itself (its base class is the project's own) does not say whose view it is:
the per-file step leaves its render's framework empty (`RenderFact.framework == ""`),
and the project step asks the Django and Flask models, which know the views they serve.
"""

from __future__ import annotations

from collections.abc import Callable

from webwarden.model.django.project import DjangoProject
from webwarden.model.flask.app import FlaskModel

_DJANGO_BASES = ("django.", "rest_framework.", "wagtail.")
"""Packages whose view classes Django serves."""


def served_framework(
    django: DjangoProject | None, flask: FlaskModel | None
) -> Callable[[str], str]:
    """A function telling the framework that serves a view class by its qualified name:
    `django` for a class deriving from a Django view (through the project's own
    classes), `flask` for one a Flask app routes, else the project's only framework
    (its settings, or a Flask app); empty when the project says nothing."""
    flask_views = (
        {route.view for route in flask.routes if route.endpoint != "static"}
        if flask is not None
        else set()
    )
    # NOTE: an app whose views an extension adds (Flask-AppBuilder's `add_view`) may show
    # no route: the app itself says the project is Flask's.
    apps = flask is not None and any(not app.dropped for app in flask.apps)
    only = ""
    if django is not None and not apps:
        only = "django"
    elif apps and django is None:
        only = "flask"

    def framework(function: str) -> str:
        view = django.views.get(function) if django is not None else None
        if view is not None and any(base.startswith(_DJANGO_BASES) for base in view.bases):
            return "django"
        if function in flask_views:
            return "flask"
        return only

    return framework
