"""Template names django-crispy-forms' layout objects render: the packs' own layout
templates, including those of the packs a project names itself."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.layout_objects import layout_templates, markup_in, matches
from webwarden.parse.python import ParsedPython, parse_source


def _layouts(source: str, relpath: str = "app/forms.py") -> tuple[str, ...]:
    parsed = parse_source(textwrap.dedent(source), relpath)
    assert isinstance(parsed, ParsedPython)
    ctx = make_context(relpath, parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return layout_templates(ctx)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            from crispy_forms.helper import FormHelper

            def build():
                helper = FormHelper()
                helper.template_pack = "house"
            """,
            id="helper-attribute",
        ),
        pytest.param(
            """
            from crispy_forms.helper import FormHelper

            class HouseHelper(FormHelper):
                template_pack = "house"
            """,
            id="class-attribute",
        ),
        pytest.param(
            """
            from crispy_forms.utils import render_crispy_form

            def page(form):
                return render_crispy_form(form, template_pack="house")
            """,
            id="keyword",
        ),
        pytest.param('CRISPY_TEMPLATE_PACK = "house"\n', id="setting"),
        pytest.param('CRISPY_ALLOWED_TEMPLATE_PACKS = ["bootstrap4", "house"]\n', id="allowed"),
    ],
)
def test_a_pack_the_project_names_has_its_layout_templates(source: str) -> None:
    assert "house/layout/div.html" in _layouts(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            class Theme:
                template_pack = "house"
            """,
            id="attribute-without-crispy",
        ),
        pytest.param('PACK = "house"\n', id="other-setting"),
        pytest.param('CRISPY_TEMPLATE_PACK = "../house"\n', id="not-a-pack-name"),
    ],
)
def test_other_names_are_no_pack(source: str) -> None:
    assert not any(name.startswith(("house/", "../")) for name in _layouts(source))


def test_pack_template_matches_the_project_copy() -> None:
    names = _layouts('CRISPY_TEMPLATE_PACK = "house"\n')
    assert any(matches(name, "app/templates/house/layout/fieldset.html") for name in names)
    assert not any(matches(name, "app/templates/partials/fieldset.html") for name in names)


@pytest.mark.parametrize(
    ("name", "path", "markup"),
    [
        pytest.param("bootstrap4/layout/radioselect.html", "flat_attrs", True, id="field-attrs"),
        pytest.param("bootstrap4/field.html", "flat_attrs", True, id="field-template"),
        pytest.param("house/whole_uni_form.html", "flat_attrs", True, id="form-attrs"),
        pytest.param("bootstrap4/layout/radioselect.html", "fields", False, id="field-context"),
        pytest.param("bootstrap4/field.html", "field.flat_attrs", False, id="field-item"),
        pytest.param("bootstrap4/layout/div.html", "fields", True, id="layout-fields"),
        pytest.param("bootstrap4/layout/div.html", "div.flat_attrs", True, id="layout-attrs"),
    ],
)
def test_markup_crispy_hands_a_template(name: str, path: str, markup: bool) -> None:
    assert markup_in(name, path) is markup


def test_field_templates_of_a_pack_are_crispys() -> None:
    names = _layouts("from crispy_forms.layout import Layout\n")
    assert any(matches(name, "app/templates/bootstrap/layout/radioselect.html") for name in names)


@pytest.mark.parametrize(
    ("call", "named"),
    [
        pytest.param('helper["notes"].wrap(Field, template="note.html")', True, id="wrap"),
        pytest.param('helper[0:2].wrap_together(Div, template="row.html")', True, id="together"),
        pytest.param('helper.all().wrap_once(Field, template="note.html")', True, id="once"),
        pytest.param('helper["notes"].wrap(dict, template="note.html")', False, id="no-layout"),
        pytest.param('helper["notes"].wrap(Field, css_class="wide")', False, id="no-template"),
    ],
)
def test_template_a_layout_slice_wraps_fields_in(call: str, named: bool) -> None:
    source = (
        "from crispy_forms.helper import FormHelper\n"
        "from crispy_forms.layout import Div, Field\n\n"
        "def build(form):\n"
        "    helper = FormHelper(form)\n"
        f"    {call}\n"
    )
    found = _layouts(source)
    assert ("note.html" in found or "row.html" in found) is named
