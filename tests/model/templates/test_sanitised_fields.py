"""Model fields whose library cleans the HTML they hold count as escaped attributes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

MODELS = """
import nh3
from django.db import models
from django_bleach.models import BleachField
from django_prose_editor import fields
from django_prose_editor.sanitized import SanitizedProseEditorField


def nh3_sanitizer():
    return nh3.clean


class Page(models.Model):
    bleached = BleachField()
    told = fields.ProseEditorField(sanitize=True)
    told_function = fields.ProseEditorField(sanitize=nh3.clean)
    told_factory = fields.ProseEditorField(sanitize=nh3_sanitizer())
    sanitised = SanitizedProseEditorField()
    untold = fields.ProseEditorField()
    refused = fields.ProseEditorField(sanitize=False)
    refused_default = SanitizedProseEditorField(sanitize=False)
    plain = models.TextField()
    shared = BleachField()


class Note(models.Model):
    shared = models.TextField()
"""


@pytest.mark.parametrize(
    ("attribute", "escaped"),
    [
        pytest.param("bleached", True, id="bleach-field"),
        pytest.param("told", True, id="prose-editor-sanitize-true"),
        pytest.param("told_function", True, id="prose-editor-given-nh3"),
        pytest.param("told_factory", True, id="prose-editor-given-cleaner-factory"),
        pytest.param("sanitised", True, id="sanitized-prose-editor-field"),
        pytest.param("untold", False, id="prose-editor-default"),
        pytest.param("refused", False, id="prose-editor-sanitize-false"),
        pytest.param("refused_default", False, id="sanitized-field-told-not-to"),
        pytest.param("plain", False, id="text-field"),
        pytest.param("shared", False, id="same-name-plain-elsewhere"),
    ],
)
def test_sanitising_field_is_escaped_attribute(
    tmp_path: Path, attribute: str, escaped: bool
) -> None:
    files = {"pages/models.py": MODELS, "pages/templates/pages/page.html": "{{ page|safe }}"}
    model = template_model(tmp_path, files)
    assert model.markup_attributes.get(attribute) is escaped
