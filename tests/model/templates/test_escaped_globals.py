"""Functions whose every result is markup that escaped what it was handed."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.escaped_globals import escaped_functions
from webwarden.model.templates.macros import called_item
from webwarden.parse.python import ParsedPython, parse_source


def _escaped(source: str) -> tuple[str, ...]:
    parsed = parse_source(textwrap.dedent(source), "helpers.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("helpers.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return escaped_functions(ctx)


def test_markup_formatted_from_a_literal_escapes_its_arguments() -> None:
    source = """
        from markupsafe import Markup, escape

        def link(name):
            return Markup('<a href="/u/{0}">{0}</a>').format(name)

        def badge(count):
            if count is None:
                return None
            return Markup("<b>%s</b>") % count

        def quoted(text):
            return escape(text) if text else ""
    """
    assert _escaped(source) == ("link", "badge", "quoted")


def test_markup_of_text_built_before_it_is_not_escaped() -> None:
    source = """
        from markupsafe import Markup

        def raw(name):
            return Markup(f"<a>{name}</a>")

        def given(html):
            return Markup(html).format()

        def either(name, html):
            return Markup("<i>{}</i>").format(name) if name else html
    """
    assert _escaped(source) == ()


def test_a_dict_of_fragments_is_kept_by_the_keys_every_return_escapes() -> None:
    source = """
        from markupsafe import Markup, escape

        def button(target, label, search=None):
            if not target:
                return {"display": Markup("<span>{}</span>").format(label), "filter": label}
            return {
                "display": Markup('<a href="{}">{}</a>').format(target, label),
                "filter": escape(search) if search else label,
            }
    """
    assert _escaped(source) == ("button[display]",)


def test_a_module_naming_no_markup_is_not_read() -> None:
    assert _escaped("def link(name):\n    return escape(name)\n") == ()


@pytest.mark.parametrize(
    ("operand", "expected"),
    [
        pytest.param("button(x)", ("button", ""), id="call"),
        pytest.param("button(x)['display']", ("button", "display"), id="item-of-a-call"),
        pytest.param("lib.button(x).display", ("lib.button", "display"), id="attribute-of-a-call"),
        pytest.param("button", ("", ""), id="no-call"),
        pytest.param("rows[0]", ("", ""), id="item-of-a-variable"),
        pytest.param("a.b.c(x)", ("", ""), id="too-deep"),
        pytest.param("x is defined", ("", ""), id="jinja-only-syntax"),
    ],
)
def test_the_call_a_filter_operand_reads(operand: str, expected: tuple[str, str]) -> None:
    assert called_item(operand) == expected
