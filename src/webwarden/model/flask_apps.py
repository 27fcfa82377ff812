"""The classes whose instances are Flask apps: Flask's own and libraries' subclasses of it.

Kept apart from `model.flask` so that the template model can read it without importing
the Flask model's extraction."""

from __future__ import annotations

FLASK_CLASSES = frozenset({"flask.Flask", "flask.app.Flask"})
APP_CLASSES = FLASK_CLASSES | {
    "apiflask.APIFlask",
    "apiflask.app.APIFlask",
    "flask_openapi3.OpenAPI",
    "eve.Eve",
    "eve.flaskapp.Eve",
}
"""Flask and other libraries' subclasses of it: an instance is a Flask app."""
APP_CLASS_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in APP_CLASSES)
"""The classes' own names, a text screen for a module that may make or subclass one."""
