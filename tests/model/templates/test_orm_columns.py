"""Attributes SQLAlchemy, Flask-SQLAlchemy, SQLModel and Peewee models declare as number,
boolean, UUID or date columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

EXTENSIONS = """
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
"""

MODELS = """
import enum
import uuid
from datetime import datetime
from typing import Optional

import peewee
import sqlalchemy as sa
from sqlalchemy import Column, Enum, ForeignKey, Integer, String
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlmodel import Field, SQLModel


class Colour(enum.Enum):
    RED = "red"


class Base(DeclarativeBase):
    pass


class OwnedMixin:
    @declared_attr
    def owner_id(cls):
        return Column(Integer, ForeignKey("user.id"))

    @declared_attr
    def owner_name(cls):
        return Column(String(40))


class Order(OwnedMixin, Base):
    __tablename__ = "orders"
    number: Mapped[int] = mapped_column(primary_key=True)
    total: Mapped[Optional[float]]
    named = Column("named_count", Integer)
    typed = Column("typed_count", type_=sa.BigInteger())
    label: Mapped[str] = mapped_column(String(20))
    retyped: Mapped[int] = mapped_column(String(20))
    placed = Column(sa.DateTime(timezone=True))
    placed_on: Mapped[datetime]
    status = Column(Enum("new", "paid", name="status"))
    colour = Column(Enum(Colour))
    note = Column(Enum("new", "on hold", name="note"))
    keyed = Column(ForeignKey("user.id"))
    flags = Column(sa.ARRAY(Integer))
    token = Column(sa.Uuid)
    _rank = Column(Integer)
    plain: int = 0

    @hybrid_property
    def rank(self):
        return self._rank

    @rank.setter
    def rank(self, value):
        self._rank = value


class Hero(SQLModel, table=True):
    age: int | None = Field(default=None)
    name: str = Field(default="")
    born: Optional[datetime] = None


class Tweet(peewee.Model):
    likes = peewee.IntegerField(default=0)
    body = peewee.TextField()
    sent = peewee.DateTimeField()
"""


@pytest.mark.parametrize(
    ("attribute", "number"),
    [
        pytest.param("number", True, id="mapped-int-annotation"),
        pytest.param("total", True, id="mapped-optional-float"),
        pytest.param("named", True, id="column-with-name-then-type"),
        pytest.param("typed", True, id="type-keyword"),
        pytest.param("label", False, id="mapped-str"),
        pytest.param("retyped", False, id="column-type-over-annotation"),
        pytest.param("placed", False, id="datetime-is-no-number"),
        pytest.param("status", True, id="enum-of-plain-words"),
        pytest.param("colour", False, id="enum-of-python-enum-class"),
        pytest.param("note", False, id="enum-with-a-space"),
        pytest.param("keyed", False, id="foreign-key-only-type-not-told"),
        pytest.param("flags", False, id="array"),
        pytest.param("token", True, id="uuid"),
        pytest.param("rank", True, id="hybrid-property-with-setter"),
        pytest.param("plain", False, id="annotation-outside-sqlmodel"),
        pytest.param("owner_id", True, id="declared-attr-number-column"),
        pytest.param("owner_name", False, id="declared-attr-text-column"),
        pytest.param("age", True, id="sqlmodel-optional-int"),
        pytest.param("name", False, id="sqlmodel-str"),
        pytest.param("likes", True, id="peewee-integer-field"),
        pytest.param("body", False, id="peewee-text-field"),
    ],
)
def test_orm_number_columns(tmp_path: Path, attribute: str, number: bool) -> None:
    files = {"shop/models.py": MODELS, "shop/templates/page.html": "{{ order }}"}
    model = template_model(tmp_path, files)
    assert model.number_attributes.get(attribute, False) is number


@pytest.mark.parametrize(
    ("path", "date"),
    [
        pytest.param("order.placed", True, id="datetime-column"),
        pytest.param("order.placed_on", True, id="mapped-datetime"),
        pytest.param("hero.born", True, id="sqlmodel-datetime"),
        pytest.param("tweet.sent", True, id="peewee-datetime-field"),
        pytest.param("order.label", False, id="text-column"),
    ],
)
def test_orm_date_columns(tmp_path: Path, path: str, date: bool) -> None:
    files = {"shop/models.py": MODELS, "shop/templates/page.html": "{{ order }}"}
    model = template_model(tmp_path, files)
    assert model.date_attribute("shop/templates/page.html", path) is date


def test_db_imported_from_the_application(tmp_path: Path) -> None:
    # NOTE: the models import `db` from the application, not sqlalchemy itself.
    models = """
    from app.extensions import db


    class User(db.Model):
        karma = db.Column(db.Integer, default=0)
        name = db.Column(db.String(80))


    class Badge(db.Model):
        level: db.Mapped[int] = db.mapped_column()
    """
    files = {
        "app/extensions.py": EXTENSIONS,
        "app/models.py": models,
        "app/templates/page.html": "{{ user }}",
    }
    model = template_model(tmp_path, files)
    assert model.number_attributes.get("karma", False)
    assert model.number_attributes.get("level", False)
    assert not model.number_attributes.get("name", False)


def test_form_field_of_the_same_name_vetoes(tmp_path: Path) -> None:
    # NOTE: a WTForms form's field is an object whose text is an `<input>` tag.
    models = """
    from app.extensions import db


    class Post(db.Model):
        votes = db.Column(db.Integer, default=0)
        views = db.Column(db.Integer, default=0)
    """
    forms = """
    from flask_wtf import FlaskForm
    from wtforms import IntegerField


    class PostForm(FlaskForm):
        votes = IntegerField("Votes")
    """
    files = {
        "app/extensions.py": EXTENSIONS,
        "app/models.py": models,
        "app/forms.py": forms,
        "app/templates/page.html": "{{ post }}",
    }
    model = template_model(tmp_path, files)
    assert not model.number_attributes.get("votes", False)
    assert model.number_attributes.get("views", False)
