"""The classes whose instances are Flask apps: Flask's own and libraries' subclasses of it.

Kept apart from `model.flask` so that the template model can read it without importing
the Flask model's extraction."""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words
from webwarden.model.names import last_part

FLASK_CLASSES = frozenset({"flask.Flask", "flask.app.Flask"})
APP_CLASSES = FLASK_CLASSES | {
    "apiflask.APIFlask",
    "apiflask.app.APIFlask",
    "flask_openapi3.OpenAPI",
    "flask_openapi3.openapi.OpenAPI",
    "flask_multistatic.MultiStaticFlask",
    "eve.Eve",
    "eve.flaskapp.Eve",
}
"""Flask and other libraries' subclasses of it: an instance is a Flask app.

NOTE: not Connexion's apps, which hold a Flask app as their `.app` (connexion 2's
`FlaskApp`, and connexion 3's, whose `FlaskApp` is an ASGI app wrapping one):
`extract.WRAPPING_CLASSES`; nor Flask-AppBuilder's `AppBuilder`, an extension given
the app. A library's subclass missing here is still an app when its name says Flask
(`named_flask_class`, `Index.add_subclass_apps`)."""
APP_CLASS_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in APP_CLASSES)
"""The classes' own names, a text screen for a module that may make or subclass one."""


def named_for_flask(name: str) -> bool:
    """Whether the class `name` is named as a kind of Flask (`MultiStaticFlask`,
    `CustomFlask`): two words or more, the last `flask`."""
    words = identifier_words(last_part(name))
    return len(words) >= 2 and words[-1] == "flask"


def named_flask_class(name: str, call: ast.Call) -> bool:
    """Whether `call` of `name` makes a class named for Flask (`CustomFlask`, a library's
    subclass the project imports) given the import name Flask's constructor takes first
    (`__name__`, `import_name=`): the library is not scanned, so its class cannot be
    followed to `Flask`, but an object so made is a Flask app whatever the class adds."""
    if not named_for_flask(name):
        return False
    first = call.args[0] if call.args else None
    named = isinstance(first, ast.Name) and first.id == "__name__"
    return named or any(k.arg == "import_name" for k in call.keywords)
