"""Model base classes a module makes by a call rather than a `class` statement.

SQLAlchemy's `Base = declarative_base(cls=MappedObject)` makes a class deriving from
`MappedObject`, and Flask-SQLAlchemy's `db = SQLAlchemy(model_class=BaseModel)` makes
`db.Model` one deriving from `BaseModel`: the project's models subclass `Base` or
`db.Model`, and inherit the helpers the mixin defines (`Kickstart.by_id(id)` running
`cls.query.filter_by(id=id).one()`). The taint index follows inherited methods through
the bases of the classes it knows, so each such base is given to it as a class of its own.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping

from webwarden.analysis.taint import ir

DECLARATIVE_BASES = frozenset(
    {
        "sqlalchemy.ext.declarative.declarative_base",
        "sqlalchemy.ext.declarative.api.declarative_base",
        "sqlalchemy.orm.declarative_base",
        "sqlalchemy.orm.decl_api.declarative_base",
    }
)
"""SQLAlchemy's factories of a declarative base: `cls=` names the class it derives from."""

MODEL_EXTENSIONS = frozenset(
    {"flask_sqlalchemy.SQLAlchemy", "flask_sqlalchemy.extension.SQLAlchemy"}
)
"""Flask-SQLAlchemy's extension: `model_class=` names the class `db.Model` derives from."""


_BASE_KEYWORDS = frozenset({"cls", "model_class"})


def declared_bases(
    module: str, calls: Mapping[str, ast.Call], lower: Callable[[ast.expr], ir.Expr]
) -> Iterator[ir.ClassDef]:
    """The classes the module-level `calls` (name -> the one call bound to it) make, as
    classes with the given base and nothing else of their own."""
    for name, call in calls.items():
        if not any(k.arg in _BASE_KEYWORDS for k in call.keywords):
            continue  # NOTE: lowers the callee only of calls that could name a base
        callee = lower(call.func)
        if not isinstance(callee, ir.Global):
            continue
        if callee.name in DECLARATIVE_BASES:
            keyword, made = "cls", name
        elif callee.name in MODEL_EXTENSIONS:
            keyword, made = "model_class", f"{name}.Model"
        else:
            continue
        given = next((k.value for k in call.keywords if k.arg == keyword), None)
        base = lower(given) if given is not None else None
        if isinstance(base, ir.Global):
            qualname = f"{module}.{made}" if module else made
            yield ir.ClassDef(qualname, (base.name,), (), ())
