"""Which module-level calls make a model base class, and what it derives from."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.declared_bases import declared_bases
from webwarden.analysis.taint.lower_expr import Scope, lower


def _scope() -> Scope:
    return Scope(
        "app.models.<module>",
        "app.models",
        frozenset(),
        frozenset(),
        frozenset(),
        {
            "declarative_base": "sqlalchemy.orm.declarative_base",
            "SQLAlchemy": "flask_sqlalchemy.SQLAlchemy",
            "Mixin": "app.base.Mixin",
            "make": "app.base.make",
        },
        frozenset(),
        lambda node: (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)),
    )


def _made(text: str) -> list[tuple[str, tuple[str, ...]]]:
    call = ast.parse(text, mode="eval").body
    assert isinstance(call, ast.Call)
    scope = _scope()
    found = declared_bases("app.models", {"Base": call}, lambda node: lower(node, scope))
    return [(cls.qualname, cls.bases) for cls in found]


@pytest.mark.parametrize(
    ("text", "made"),
    [
        pytest.param(
            "declarative_base(cls=Mixin)",
            [("app.models.Base", ("app.base.Mixin",))],
            id="declarative-base",
        ),
        pytest.param(
            "SQLAlchemy(model_class=Mixin)",
            [("app.models.Base.Model", ("app.base.Mixin",))],
            id="flask-sqlalchemy-model",
        ),
        pytest.param("declarative_base()", [], id="no-mixin"),
        pytest.param("SQLAlchemy(app)", [], id="default-model"),
        pytest.param("declarative_base(cls=make())", [], id="mixin-not-named"),
        pytest.param("make(cls=Mixin)", [], id="other-factory"),
    ],
)
def test_declared_bases(text: str, made: list[tuple[str, tuple[str, ...]]]) -> None:
    assert _made(text) == made
