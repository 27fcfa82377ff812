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
    "eve.Eve",
    "eve.flaskapp.Eve",
}
"""Flask and other libraries' subclasses of it: an instance is a Flask app."""
APP_CLASS_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in APP_CLASSES)
"""The classes' own names, a text screen for a module that may make or subclass one."""


def named_flask_class(name: str, call: ast.Call) -> bool:
    """Whether `call` of `name` makes a class named for Flask (`CustomFlask`, a library's
    subclass the project imports) given the import name Flask's constructor takes first
    (`__name__`, `import_name=`): the library is not scanned, so its class cannot be
    followed to `Flask`, but an object so made is a Flask app whatever the class adds."""
    words = identifier_words(last_part(name))
    if len(words) < 2 or words[-1] != "flask":
        return False
    first = call.args[0] if call.args else None
    named = isinstance(first, ast.Name) and first.id == "__name__"
    return named or any(k.arg == "import_name" for k in call.keywords)
