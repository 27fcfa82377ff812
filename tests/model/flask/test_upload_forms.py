"""Which form classes take a file."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.references import Namer
from webwarden.model.flask.upload_forms import form_fields, upload_forms
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = """
import wtforms
from flask_wtf import FlaskForm
from flask_wtf.file import FileField as WtfFileField
from wtforms import StringField


class ScannedField(WtfFileField):
    pass


class LogoForm(FlaskForm):
    name = StringField("Name")
    logo: WtfFileField = WtfFileField("Logo")


class ImportForm(FlaskForm):
    archive = wtforms.MultipleFileField("Archive")


class ScannedForm(FlaskForm):
    document = ScannedField("Document")


class TextForm(FlaskForm):
    file_name = StringField("File name")
"""


def _fields() -> list[tuple[str, str]]:
    parsed = parse_source(textwrap.dedent(SOURCE), "app/forms.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/forms.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    classes = [node for node in ctx.tree.body if isinstance(node, ast.ClassDef)]
    return list(form_fields(Namer(ctx), classes))


def test_form_fields_skip_library_text_fields() -> None:
    assert _fields() == [
        ("forms.LogoForm", "flask_wtf.file.FileField"),
        ("forms.ImportForm", "wtforms.MultipleFileField"),
        ("forms.ScannedForm", "forms.ScannedField"),
    ]


@pytest.mark.parametrize(
    ("bases", "expected"),
    [
        pytest.param({}, {"forms.LogoForm", "forms.ImportForm"}, id="named-file-fields"),
        pytest.param(
            {"forms.ScannedField": ("flask_wtf.file.FileField",)},
            {"forms.LogoForm", "forms.ImportForm", "forms.ScannedForm"},
            id="project-field-deriving-from-one",
        ),
        pytest.param(
            {"forms.SignedLogoForm": ("forms.LogoForm",), "forms.Other": ("forms.TextForm",)},
            {"forms.LogoForm", "forms.ImportForm", "forms.SignedLogoForm"},
            id="subclass-of-an-upload-form",
        ),
    ],
)
def test_upload_forms(bases: dict[str, tuple[str, ...]], expected: set[str]) -> None:
    forms = {"flask_wtf.FlaskForm"}
    made = {ref: ("flask_wtf.FlaskForm",) for ref, _ in _fields()}
    assert upload_forms(_fields(), made | bases, forms) == expected


def test_upload_forms_are_forms() -> None:
    fields = [("models.Attachment", "mongoengine.FileField")]
    bases = {"models.Attachment": ("mongoengine.Document",)}
    assert upload_forms(fields, bases, {"flask_wtf.FlaskForm"}) == frozenset()


def test_upload_forms_follow_re_exports() -> None:
    fields = [("forms.PhotoForm", "app.fields.PhotoField")]
    bases = {
        "fields.PhotoField": ("flask_wtf.file.FileField",),
        "forms.PhotoForm": ("app.forms.BaseForm",),
        "forms.BaseForm": ("wtforms.Form",),
    }
    canonical = {
        "app.fields.PhotoField": "fields.PhotoField",
        "app.forms.BaseForm": "forms.BaseForm",
    }
    found = upload_forms(fields, bases, {"wtforms.Form"}, lambda ref: canonical.get(ref, ref))
    assert found == {"forms.PhotoForm"}
