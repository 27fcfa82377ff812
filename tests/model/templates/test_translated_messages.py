"""Jinja translations of a message that is not the author's literal."""

from __future__ import annotations

import pytest

from webwarden.model.templates.translated_messages import (
    authored_bindings,
    translated_messages,
)
from webwarden.parse.templates import TemplateSyntax, parse_template
from webwarden.parse.templates.read import ParsedTemplate


@pytest.mark.parametrize(
    ("expression", "found"),
    [
        pytest.param("_(msg)", [("_", "msg", ("msg",))], id="name"),
        pytest.param("_(msg)|e", [("_", "msg", ("msg",))], id="escape-keeps-markup"),
        pytest.param(
            "_(item.title)|truncate(20)", [("_", "item.title", ("item.title",))], id="kept"
        ),
        pytest.param("ngettext(one, many, n)", [("ngettext", "one", ("one", "many"))], id="plural"),
        pytest.param("pgettext(ctx, 'Open')", [], id="context-only-chooses"),
        pytest.param("'<b>' ~ _(x) ~ '</b>'", [("_", "x", ("x",))], id="joined"),
        pytest.param("_(x) if y else ''", [("_", "x", ("x",))], id="chosen"),
        pytest.param("_(x).upper()", [("_", "x", ("x",))], id="markup-method"),
        pytest.param("navlink(v, _(x))", [("_", "x", ("x",))], id="handed-to-macro"),
        pytest.param("title = _(page.title)", [("_", "page.title", ("page.title",))], id="set"),
        pytest.param("_(m.confirm[kind])", [("_", "m.confirm[kind]", ("m.confirm",))], id="item"),
        pytest.param(
            "gettext(request.args.get('q'))",
            [("gettext", "request.args.get('q')", ("request.args.get",))],
            id="call",
        ),
        pytest.param("_('Notice')", [], id="literal"),
        pytest.param("_('%(n)s', n=name)", [], id="keywords-escaped"),
        pytest.param("_(x|e)", [], id="escaped-first"),
        pytest.param("_('{0} members'.format(members|length))", [], id="number-filled-in"),
        pytest.param("_('a' if x else 'b')", [], id="literal-choice"),
        pytest.param("_(_('{a}').format(a=x))", [], id="escaping-translation"),
        pytest.param("_(x)|striptags", [], id="plain-text"),
        pytest.param("_(x)|forceescape", [], id="escaped-after"),
        pytest.param("_(x)|length", [], id="counted"),
        pytest.param("'%s'|format(_(x))", [], id="formatted-into-str"),
        pytest.param("[_(x)]", [], id="list-written-as-repr"),
        pytest.param("url_for('s', q=_(x))", [], id="url-encoded"),
        pytest.param("_(x) == y", [], id="compared"),
        pytest.param("_(kind)", [], id="authored-name"),
    ],
)
def test_translated_messages(expression, found):
    messages = translated_messages(expression, frozenset({"kind"}))
    assert [(m.function, m.message, m.reads) for m in messages] == found


def test_a_quoting_callee_is_handed_nothing_written_raw():
    def field(callee: str) -> bool:
        return callee.startswith("form.")

    assert translated_messages("form.title(placeholder=_(x))", quoting=field) == ()
    assert translated_messages("navlink(_(x))", quoting=field) != ()


def _parsed(text: str) -> ParsedTemplate:
    parsed = parse_template("templates/page.html", text, TemplateSyntax())
    assert isinstance(parsed, ParsedTemplate)
    return parsed


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param('{% set kind = "dataset" %}', {"kind"}, id="literal"),
        pytest.param("{% set icon %}<i></i>{% endset %}", {"icon"}, id="block"),
        pytest.param(
            '{% for v, t in [("a", "A"), ("b", "B")] %}{% endfor %}', {"v", "t"}, id="loop"
        ),
        pytest.param(
            '{% set rows = ["a", "b"] %}{% for t in rows %}{% endfor %}',
            {"rows", "t"},
            id="loop-name",
        ),
        pytest.param("{% for t in items %}{% endfor %}", set(), id="loop-data"),
        pytest.param('{% set t = "a" %}{% set t = x %}', set(), id="rebound"),
        pytest.param('{% set t = "a" %}{% macro m(t) %}{% endmacro %}', set(), id="parameter"),
        pytest.param("{% set t = _('Status {s}').format(s=x) %}", {"t"}, id="translation"),
    ],
)
def test_authored_bindings(text, names):
    assert set(authored_bindings(_parsed(text))) == names
