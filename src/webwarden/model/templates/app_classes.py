"""The calls of a module that make a Flask app, for the template model: Flask's class, a
library's subclass of it, a subclass the module itself defines (`class
SpecterFlask(Flask)`), and a class named for Flask given Flask's import name.

The app made so reads its templates and its `autoescape` as Flask's own does; a setup
of the app (`app.jinja_env.autoescape = ...`) missed for want of the class would leave
every template of the app judged by Flask's defaults.
"""

from __future__ import annotations

import ast

from webwarden.model.flask_apps import APP_CLASS_NAMES, APP_CLASSES, named_flask_class
from webwarden.model.module import FileContext


def module_app_classes(ctx: FileContext) -> frozenset[str]:
    """The names of the module's top-level classes that subclass a Flask app class, or
    another such class of the module (`class Base(Flask)`, `class App(Base)`)."""
    classes = [node for node in ctx.tree.body if isinstance(node, ast.ClassDef)]
    found: set[str] = set()
    grown = True
    while grown:
        grown = False
        for node in classes:
            if node.name in found:
                continue
            bases = {ctx.qualified(base) for base in node.bases}
            if bases & (APP_CLASSES | found):
                found.add(node.name)
                grown = True
    return frozenset(found)


def makes_app(ctx: FileContext, call: ast.Call, name: str, local: frozenset[str]) -> bool:
    """Whether `call` (of `name`) makes a Flask app: the class is one of Flask's or of
    the module's `local` subclasses, or is named for Flask (`CustomFlask`, a library's
    class the project imports, which webwarden does not read) and given the import name
    Flask's constructor takes first (`__name__`, `import_name=`)."""
    return name in APP_CLASSES or name in local or named_flask_class(name, call)


def app_call(called: str, local: frozenset[str]) -> bool:
    """A screen for `makes_app` on the last name of the callee alone."""
    return called in local or called in APP_CLASS_NAMES or called.endswith("Flask")
