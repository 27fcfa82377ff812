"""Jinja macros a template defines and the macro calls it makes, with literal arguments."""

from __future__ import annotations

from webwarden.model.templates.facts import MacroCallFact, MacroFact
from webwarden.model.templates.macros import (
    bound_macros,
    macro_facts,
    macro_outputs,
    rebound_parameters,
)
from webwarden.parse.templates import Dialect, ParsedTemplate
from webwarden.parse.templates.read import TemplateSyntax, parse_template


def _parsed(text: str, dialect: Dialect = Dialect.JINJA) -> ParsedTemplate:
    parsed = parse_template("page.html", text, TemplateSyntax(dialect))
    assert isinstance(parsed, ParsedTemplate)
    return parsed


def test_definitions_give_parameters_and_the_lines_they_span() -> None:
    macros, calls = macro_facts(
        _parsed(
            "{% macro row(label, sep='<td>', end=none, extra=config.X) %}\n"
            "{{ sep|safe }}\n{% endmacro %}\n"
            "{% macro outer(x) %}\n{% macro inner(y) %}{{ y }}{% endmacro %}\n{% endmacro %}\n"
        )
    )
    assert macros == (
        MacroFact("row", ("label", "sep", "end", "extra"), ("label", "sep", "end"), 1, 3),
        MacroFact("inner", ("y",), ("y",), 5, 5),
        MacroFact("outer", ("x",), ("x",), 4, 6),
    )
    assert calls == ()


def test_calls_through_imports_from_imports_and_call_blocks() -> None:
    _, calls = macro_facts(
        _parsed(
            '{% import "parts/lib.html" as lib with context %}\n'
            '{% from "forms.html" import field, field as f without context %}\n'
            "{{ lib.focus('.modal', 2, true) }}{{ f(form.name, wrap=\"<p>\") }}\n"
            "{% call(item) lib.table(items) %}{{ item }}{% endcall %}\n"
            "{{ lib.joined('<b>' ~ name) }}{{ lib.spread(*args) }}{{ other.focus('x') }}\n"
        )
    )
    assert calls == (
        MacroCallFact("parts/lib.html", "focus", (True, True, True), ()),
        MacroCallFact("forms.html", "field", (False,), (("wrap", True),), declared_fields=("#0",)),
        MacroCallFact("parts/lib.html", "table", (False,), ()),
        MacroCallFact("parts/lib.html", "joined", unknown=True),
        MacroCallFact("parts/lib.html", "spread", (False,), (), unknown=True),
    )


def test_a_template_calling_its_own_macro() -> None:
    macros, calls = macro_facts(
        _parsed('{% macro em(v) %}{{ v|safe }}{% endmacro %}{{ em("<i>") }}')
    )
    assert [m.name for m in macros] == ["em"]
    assert calls == (MacroCallFact("", "em", (True,), ()),)


def test_django_templates_have_no_macros() -> None:
    assert macro_facts(_parsed("{% load i18n %}{{ x }}", Dialect.DJANGO)) == ((), ())


def test_a_name_the_template_set_to_a_literal_before_the_call_is_a_literal() -> None:
    _, calls = macro_facts(
        _parsed(
            '{% import "lib.html" as lib %}{% set sep = "<td>" %}{% set mixed = "<b>" %}'
            "{% set mixed = user.name %}{{ lib.cell(sep, mixed, later) }}"
            '{% set later = "</p>" %}'
        )
    )
    assert calls == (MacroCallFact("lib.html", "cell", (True, False, False), ()),)


def test_arguments_built_by_url_for_are_recorded_by_position_and_keyword() -> None:
    _, calls = macro_facts(
        _parsed(
            '{% from "buttons.html" import submit %}\n'
            "{{ submit(url_for('apply.new'), next=url_for('home', page=2), label=title) }}\n"
            "{{ submit(links.url_for('x')) }}\n"
        )
    )
    assert [call.built_urls for call in calls] == [("#0", "next"), ()]


def test_a_name_set_only_to_url_for_before_the_call_is_a_built_url() -> None:
    _, calls = macro_facts(
        _parsed(
            '{% from "upload.html" import box %}\n'
            "{{ box(early) }}\n"
            "{% set early = url_for('up') %}{% set target = url_for('up', folder=f) %}\n"
            "{% set mixed = url_for('up') %}{% set mixed = request.args.next %}\n"
            "{% for f in folders %}{% set looped = url_for('up', folder=f) %}{% endfor %}\n"
            "{{ box(target) }}{{ box(mixed) }}{{ box(looped) }}{{ box(early) }}\n"
        )
    )
    assert [call.built_urls for call in calls] == [(), ("#0",), (), (), ("#0",)]


def test_a_dict_or_list_of_literals_is_a_literal() -> None:
    _, calls = macro_facts(
        _parsed(
            '{% from "footer.html" import footer %}{% set sep = "|" %}'
            '{{ footer({"licence": {"text": "Open licence"}, "links": [{"href": "/help"}],'
            ' "sep": sep, "shown": true}) }}'
            '{{ footer({"licence": {"html": notice}}) }}{{ footer({key: "x"}) }}'
            '{{ footer(("a", 1), params=["b", none]) }}'
        )
    )
    assert calls == (
        MacroCallFact("footer.html", "footer", (True,), ()),
        MacroCallFact("footer.html", "footer", (False,), ()),
        MacroCallFact("footer.html", "footer", (False,), ()),
        MacroCallFact("footer.html", "footer", (True,), (("params", True),)),
    )


def test_names_set_to_macro_output_by_scope_and_calls_giving_them() -> None:
    parsed = _parsed(
        "{% macro item(label, subtree, note='') %}{{ subtree|safe }}{% endmacro %}\n"
        "{% macro items(list) %}{% for i in list %}"
        "{% if i.children %}{% set subtree = items(i.children) %}"
        "{% else %}{% set subtree = '' %}{% endif %}"
        "{% set raw = items(i.children) %}{% set raw = i.html %}"
        "{{ item(i.label, subtree, **kwargs) }}{{ item(i.label, raw, note=items([])) }}"
        "{% endfor %}{% endmacro %}\n"
    )
    outputs = macro_outputs(parsed, bound_macros(parsed))
    assert [name for _, name in outputs] == ["subtree"]
    _, calls = macro_facts(parsed)
    # NOTE: the calls made in `set` tags count too.
    assert calls == (
        MacroCallFact("", "items", (False,), ()),
        MacroCallFact("", "items", (False,), ()),
        MacroCallFact("", "item", (False, False), (), False, (), ("#1",), spread_keywords=True),
        MacroCallFact("", "item", (False, False), (("note", False),), False, (), ("note",)),
        MacroCallFact("", "items", (True,), ()),
    )


def test_fields_a_form_declares_are_recorded_by_position_and_keyword() -> None:
    _, calls = macro_facts(
        _parsed(
            '{% from "forms.html" import render_field %}\n'
            "{{ render_field(form.email, other=login_form.password, label=form_title) }}\n"
            "{% for option in form.size %}{{ render_field(option, x=user.name) }}{% endfor %}\n"
        )
    )
    assert [call.declared_fields for call in calls] == [("#0", "other"), ()]


def test_parameters_a_macro_binds_again_are_those_of_the_macro_around() -> None:
    text = (
        "{% macro field_row(field, label=None, hint=None) %}"
        "{% if not label %}{% set label = field.label.text %}{% endif %}"
        "{{ label|safe }}{% endmacro %}"
        "{{ label|safe }}"
    )
    parsed = _parsed(text)
    inside = text.index("{{ label")
    outside = text.rindex("{{ label")
    assert rebound_parameters(parsed, inside) == frozenset({"label"})
    assert rebound_parameters(parsed, outside) == frozenset()
