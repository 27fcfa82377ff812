"""The Flask model: apps, their config (every way it is set), extensions and routes.

Built in the project step from per-module `FlaskFacts` (see `extract`); nothing of the
audited app is imported or run. Rules read `project.flask` (a `FlaskModel`).
"""

from __future__ import annotations

from webwarden.model.flask.app import FLASK_DEFAULTS as FLASK_DEFAULTS
from webwarden.model.flask.app import Extension as Extension
from webwarden.model.flask.app import FlaskApp as FlaskApp
from webwarden.model.flask.app import FlaskModel as FlaskModel
from webwarden.model.flask.app import Judged as Judged
from webwarden.model.flask.app import Route as Route
from webwarden.model.flask.app import Setting as Setting
from webwarden.model.flask.app import Variant as Variant
