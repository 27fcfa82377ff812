"""Attributes every model of the project declares as a number field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

MODELS = """
from django.db import models
from django.db.models import DecimalField


class Settings(models.Model):
    deposit = models.PositiveIntegerField()
    price = DecimalField(max_digits=6, decimal_places=2)
    active = models.BooleanField(default=True)
    label = models.CharField(max_length=20)
    slug = models.SlugField(unique=True)
    token = models.UUIDField()
    shared = models.IntegerField()
    method = models.IntegerField()

    @property
    def total(self):
        return self.deposit

    @property
    def caption(self):
        return self.label


class Shirt(models.Model):
    shared = models.CharField(max_length=5)

    def method(self):
        return self.shared
"""


@pytest.mark.parametrize(
    ("attribute", "number"),
    [
        pytest.param("deposit", True, id="integer-field"),
        pytest.param("price", True, id="decimal-field-imported"),
        pytest.param("active", True, id="boolean-field"),
        pytest.param("label", False, id="char-field"),
        pytest.param("slug", True, id="slug-field-one-word"),
        pytest.param("token", True, id="uuid-field-one-word"),
        pytest.param("total", True, id="property-returning-number-field"),
        pytest.param("caption", False, id="property-returning-text-field"),
        pytest.param("shared", False, id="text-field-of-same-name-elsewhere"),
        pytest.param("method", False, id="method-of-same-name-elsewhere"),
    ],
)
def test_number_field_attributes(tmp_path: Path, attribute: str, number: bool) -> None:
    files = {"shop/models.py": MODELS, "shop/templates/shop/page.html": "{{ settings }}"}
    model = template_model(tmp_path, files)
    assert model.number_attributes.get(attribute, False) is number


CONSTANTS = """
from django.db import models


class Debate(models.Model):
    STATUS_DRAFT = "D"
    MAX_TEAMS = 4
    LOCKED = False
    TITLE = "Debate"
    NOTICE = "Ballots close at noon"
    label: str = "x"

    def rename(self, title):
        self.TITLE = title
"""


@pytest.mark.parametrize(
    ("attribute", "number"),
    [
        pytest.param("STATUS_DRAFT", True, id="one-word-string"),
        pytest.param("MAX_TEAMS", True, id="number"),
        pytest.param("LOCKED", True, id="boolean"),
        pytest.param("TITLE", False, id="rebound-on-an-object"),
        pytest.param("NOTICE", False, id="words-and-spaces"),
        pytest.param("label", False, id="annotated-a-field-of-a-dataclass-may-be"),
    ],
)
def test_class_constants(tmp_path: Path, attribute: str, number: bool) -> None:
    files = {"shop/models.py": CONSTANTS, "shop/templates/shop/page.html": "{{ debate }}"}
    model = template_model(tmp_path, files)
    assert model.number_attributes.get(attribute, False) is number


GEO_MODELS = """
from django.contrib.gis.db import models


class Office(models.Model):
    location = models.PointField()
    seats = models.IntegerField()
    area = models.PolygonField()
    spot = models.PointField()


class Sighting(models.Model):
    spot = models.JSONField()
"""


@pytest.mark.parametrize(
    ("path", "number"),
    [
        pytest.param("office.seats", True, id="django-field-under-geodjango-name"),
        pytest.param("office.location.y", True, id="point-coordinate"),
        pytest.param("office.location.z", True, id="point-height"),
        pytest.param("office.location", False, id="point-itself"),
        pytest.param("office.location.wkt", False, id="point-text"),
        pytest.param("office.area.x", False, id="polygon-has-no-coordinate"),
        pytest.param("office.spot.x", False, id="json-field-of-same-name-elsewhere"),
    ],
)
def test_geodjango_number_attributes(tmp_path: Path, path: str, number: bool) -> None:
    files = {"geo/models.py": GEO_MODELS, "geo/templates/geo/page.html": "{{ office }}"}
    model = template_model(tmp_path, files)
    assert model.number_attribute("geo/templates/geo/page.html", path) is number


DELEGATING = """
from django.db import models


class Account(models.Model):
    name = models.CharField(max_length=80)

    def balance_on(self, day):
        return round(self.split_set.count() * 1.0, 2)

    def balance(self):
        return self.balance_on(None)

    def spread_balance(self):
        return (
            self.balance_on(None)
            + 1
        )

    def label(self):
        return self.name_for(None)

    def name_for(self, day):
        return self.name
"""


@pytest.mark.parametrize(
    ("attribute", "number"),
    [
        pytest.param("balance", True, id="returns-a-number-method"),
        pytest.param("spread_balance", True, id="return-over-several-lines"),
        pytest.param("label", False, id="returns-a-text-method"),
    ],
)
def test_number_through_methods_of_the_class(tmp_path: Path, attribute: str, number: bool) -> None:
    files = {"shop/models.py": DELEGATING, "shop/templates/shop/page.html": "{{ account }}"}
    model = template_model(tmp_path, files)
    assert model.number_attributes.get(attribute, False) is number


DATED = """
from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from django import forms
from django.db import models
from rest_framework import serializers


class Event(models.Model):
    created_on = models.DateTimeField(auto_now_add=True)
    starts = models.DateField()
    length = models.DurationField()
    title = models.CharField(max_length=80)
    shared = models.DateTimeField()
    noted = models.DateTimeField()


class EventSerializer(serializers.Serializer):
    created_on = serializers.DateTimeField()


class EventForm(forms.Form):
    starts = forms.DateField()
    shared = forms.CharField()


@dataclass
class Step:
    time: datetime
    day: Optional[date]
    ended: datetime | None
    label: str | None
    noted: datetime = None
"""


@pytest.mark.parametrize(
    ("path", "date"),
    [
        pytest.param("event.created_on", True, id="model-and-serializer-datetime-fields"),
        pytest.param("event.starts", True, id="model-and-form-date-fields"),
        pytest.param("event.length", True, id="duration-field"),
        pytest.param("event.title", False, id="char-field"),
        pytest.param("event.shared", False, id="text-form-field-of-same-name"),
        pytest.param("step.time", True, id="dataclass-datetime-annotation"),
        pytest.param("step.day", True, id="optional-date-annotation"),
        pytest.param("step.ended", True, id="date-or-none-annotation"),
        pytest.param("step.label", False, id="text-annotation"),
        pytest.param("event.noted", False, id="annotated-with-a-default-elsewhere"),
        pytest.param("event", False, id="no-attribute"),
    ],
)
def test_date_attributes(tmp_path: Path, path: str, date: bool) -> None:
    files = {"events/models.py": DATED, "events/templates/events/page.html": "{{ event }}"}
    model = template_model(tmp_path, files)
    assert model.date_attribute("events/templates/events/page.html", path) is date


FIELD_CLASSES = """
from django.db import models


class AmountField(models.DecimalField):
    def __init__(self, **kwargs):
        kwargs["max_digits"] = 8
        super().__init__(**kwargs)


class PriceField(AmountField):
    description = "A price"


class LabelledAmountField(models.DecimalField):
    def from_db_value(self, value, expression, connection):
        return f"EUR {value}"


class CodeField(models.CharField):
    pass
"""

FIELD_USES = """
from django.db import models

from money.fields import AmountField, CodeField, LabelledAmountField, PriceField
from vendor.fields import MoneyField


class Order(models.Model):
    amount = AmountField(default=0)
    price = PriceField(default=0)
    labelled = LabelledAmountField(default=0)
    code = CodeField(max_length=8)
    vendor_amount = MoneyField()
    mixed = AmountField(default=0)


class Refund(models.Model):
    mixed = models.CharField(max_length=8)
"""


@pytest.mark.parametrize(
    ("attribute", "number"),
    [
        pytest.param("amount", True, id="project-decimal-subclass"),
        pytest.param("price", True, id="subclass-of-subclass"),
        pytest.param("labelled", False, id="converts-the-value"),
        pytest.param("code", False, id="text-field-subclass"),
        pytest.param("vendor_amount", False, id="library-field-unknown"),
        pytest.param("mixed", False, id="text-field-of-same-name-elsewhere"),
    ],
)
def test_project_number_field_classes(tmp_path: Path, attribute: str, number: bool) -> None:
    files = {
        "money/__init__.py": "",
        "money/fields.py": FIELD_CLASSES,
        "shop/__init__.py": "",
        "shop/models.py": FIELD_USES,
        "shop/templates/shop/page.html": "{{ order }}",
    }
    model = template_model(tmp_path, files)
    assert model.number_attributes.get(attribute, False) is number


AUTO_SLUGS = """
from autoslug import AutoSlugField as AutoSlug
from django.db import models
from django_extensions.db.fields import AutoSlugField


class Shelf(models.Model):
    slug = AutoSlugField(populate_from="title")
    code = AutoSlug(populate_from="title", unique=True)
    handle = AutoSlugField(populate_from="title", slugify_function=str.strip)
    label = AutoSlug(populate_from="title", slugify=str.strip)
"""


@pytest.mark.parametrize(
    ("attribute", "number"),
    [
        pytest.param("slug", True, id="django-extensions-auto-slug"),
        pytest.param("code", True, id="django-autoslug-field"),
        pytest.param("handle", False, id="own-slugify-function"),
        pytest.param("label", False, id="own-slugify"),
    ],
)
def test_auto_slug_fields(tmp_path: Path, attribute: str, number: bool) -> None:
    files = {"shop/models.py": AUTO_SLUGS, "shop/templates/shop/page.html": "{{ shelf }}"}
    model = template_model(tmp_path, files)
    assert model.number_attributes.get(attribute, False) is number
