"""The static model of a Django project: settings, entry points, URL routes and views.

Nothing of the audited project is imported or run: per-file extractors (registered in
`webwarden.model.django.extractors`) read each module's AST into small facts, and
`build_django` assembles the model from them in the project step.
"""

from __future__ import annotations

from webwarden.model.django.project import DjangoProject as DjangoProject
from webwarden.model.django.project import build_django as build_django
from webwarden.model.django.routes import Route as Route
from webwarden.model.django.routes import UrlParameter as UrlParameter
from webwarden.model.django.settings import Possibility as Possibility
from webwarden.model.django.settings import SettingsModule as SettingsModule
from webwarden.model.django.views import View as View
from webwarden.model.roles import Role as Role
