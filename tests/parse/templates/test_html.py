"""Where outputs land in the HTML, and the forms and tags the tokenizer records."""

from __future__ import annotations

import pytest

from webwarden.parse.templates import (
    Dialect,
    NodeKind,
    ParsedTemplate,
    TemplateSyntax,
    parse_template,
)
from webwarden.parse.templates.html import DYNAMIC, Placement, Where


def _parsed(text: str, dialect: Dialect = Dialect.JINJA) -> ParsedTemplate:
    parsed = parse_template("templates/page.html", text, TemplateSyntax(dialect))
    assert isinstance(parsed, ParsedTemplate), parsed
    return parsed


def _placement(text: str) -> Placement:
    parsed = _parsed(text)
    node = next(n for n in parsed.nodes if n.kind is NodeKind.VAR and n.content == "x")
    return parsed.placement(node)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("<p>{{ x }}</p>", Placement(Where.TEXT), id="text"),
        pytest.param(
            '<a href="{{ x }}">',
            Placement(Where.ATTRIBUTE, "a", "href", True, "", '"'),
            id="quoted-start",
        ),
        pytest.param(
            "<a href='/u/{{ x }}'>",
            Placement(Where.ATTRIBUTE, "a", "href", False, "", "'"),
            id="quoted-later",
        ),
        pytest.param(
            "<a href={{ x }}>", Placement(Where.UNQUOTED, "a", "href", True), id="unquoted"
        ),
        pytest.param(
            "<a class=a-{{ x }}>",
            Placement(Where.UNQUOTED, "a", "class", False),
            id="unquoted-later",
        ),
        pytest.param("<div {{ x }}>", Placement(Where.TAG, "div"), id="attribute-name"),
        pytest.param(
            "<script>var a = {{ x }};</script>", Placement(Where.SCRIPT, "script"), id="script-code"
        ),
        pytest.param(
            "<script>var a = '{{ x }}';</script>",
            Placement(Where.SCRIPT, "script", js_string="'"),
            id="script-string",
        ),
        pytest.param(
            "<script>// it's\nvar a = {{ x }};</script>",
            Placement(Where.SCRIPT, "script"),
            id="script-comment",
        ),
        pytest.param(
            "<script>var a = 'it\\'s' + `${b}` + {{ x }};</script>",
            Placement(Where.SCRIPT, "script"),
            id="script-escapes",
        ),
        pytest.param(
            """<script>s = s.replace(/"/g, "&quot;");\nvar a = "{{ x }}";</script>""",
            Placement(Where.SCRIPT, "script", js_string='"'),
            id="script-regex-with-quote",
        ),
        pytest.param(
            "<script>if (/[/']/.test(s)) { var a = '{{ x }}'; }</script>",
            Placement(Where.SCRIPT, "script", js_string="'"),
            id="script-regex-class-with-slash",
        ),
        pytest.param(
            "<script>var half = {{ y }} / 2, a = '{{ x }}';</script>",
            Placement(Where.SCRIPT, "script", js_string="'"),
            id="script-division-after-output",
        ),
        pytest.param(
            "<script>var r = total / count; var a = {{ x }};</script>",
            Placement(Where.SCRIPT, "script"),
            id="script-division",
        ),
        pytest.param(
            '<script type="application/json">{{ x }}</script>',
            Placement(Where.DATA_SCRIPT, "script"),
            id="json-script",
        ),
        pytest.param(
            "<style>a { color: {{ x }} }</style>", Placement(Where.RAWTEXT, "style"), id="style"
        ),
        pytest.param(
            "<textarea><b>{{ x }}</textarea>", Placement(Where.TEXT, "textarea"), id="rcdata"
        ),
        pytest.param("<!-- {{ x }} -->", Placement(Where.COMMENT), id="comment"),
        pytest.param(
            "<b onclick=\"go('{{ x }}')\">",
            Placement(Where.ATTRIBUTE, "b", "onclick", False, "'", '"'),
            id="handler",
        ),
        pytest.param(
            '<a href="javascript:go({{ x }})">',
            Placement(Where.ATTRIBUTE, "a", "href", False, "", '"', True),
            id="javascript-url",
        ),
        pytest.param(
            '<a {% if y %}href="{{ x }}"{% endif %}>',
            Placement(Where.ATTRIBUTE, "a", "href", True, "", '"'),
            id="tag-inside-tag",
        ),
        pytest.param("</script><p>{{ x }}", Placement(Where.TEXT), id="end-tag"),
        pytest.param(
            '"<span title=\\"{{ x }}\\">"',
            Placement(Where.ATTRIBUTE, "span", "title", True, "", '"'),
            id="escaped-quote-in-json-string",
        ),
        pytest.param(
            "'<span title=\\'a {{ x }}\\' class={{ y }}>'",
            Placement(Where.ATTRIBUTE, "span", "title", False, "", "'"),
            id="escaped-single-quote-in-js-string",
        ),
    ],
)
def test_placements(text: str, expected: Placement) -> None:
    assert _placement(text) == expected


@pytest.mark.parametrize(
    ("text", "runner"),
    [
        pytest.param("<a onclick=\"go('{{ x }}')\">", "the browser", id="event-handler"),
        pytest.param('<div hx-on:htmx:load="f({{ x }})">', "htmx", id="htmx-on-colon"),
        pytest.param('<div hx-on::after-request="f({{ x }})">', "htmx", id="htmx-on-short"),
        pytest.param('<div hx-on-htmx-load="f({{ x }})">', "htmx", id="htmx-on-dash"),
        pytest.param('<div data-hx-on:click="f({{ x }})">', "htmx", id="htmx-data-prefix"),
        pytest.param('<div x-data="{ a: {{ x }} }">', "Alpine.js", id="alpine-data"),
        pytest.param('<a x-bind:href="{{ x }}">', "Alpine.js", id="alpine-bind"),
        pytest.param('<a v-on:click="f({{ x }})">', "Vue", id="vue-on"),
        pytest.param('<a @click="f({{ x }})">', "Alpine.js or Vue", id="at-shorthand"),
        pytest.param('<a :title="{{ x }}">', "Alpine.js or Vue", id="colon-shorthand"),
        pytest.param('<div hx-vals=\'{"a": "{{ x }}"}\'>', "", id="htmx-vals-json"),
        pytest.param('<div x-ref="{{ x }}">', "", id="alpine-ref"),
        pytest.param('<use xlink:title="{{ x }}">', "", id="namespaced"),
        pytest.param("<p>{{ x }}</p>", "", id="text"),
    ],
)
def test_attributes_a_script_runs(text: str, runner: str) -> None:
    assert _placement(text).script_runner == runner


def test_an_escaped_quoted_value_ends_at_its_escaped_quote() -> None:
    placement = _placement('"<span title=\\"{{ t }}\\" class={{ x }}>"')
    assert placement == Placement(Where.UNQUOTED, "span", "class", True)


def test_forms_with_what_they_hold() -> None:
    parsed = _parsed(
        '<form method="post" action="{{ url }}">{% csrf_token %}<input name=a>'
        '<button type="submit">Go</button></form>\n<form>{% include "x.html" %}',
        Dialect.DJANGO,
    )
    first, second = parsed.html.forms
    assert first.tag.get("method") == "post"
    assert first.tag.get("action") == DYNAMIC
    assert [n.tag for n in first.inside] == ["csrf_token"]
    assert [t.name for t in first.input_tags] == ["input", "button"]
    assert first.end_line == 1
    assert second.end_line == 0, "a form never closed runs to the end of the template"
    assert [n.tag for n in second.inside] == ["include"]


def test_a_form_an_arm_opens_holds_no_other_arm() -> None:
    parsed = _parsed(
        '<form id="outer">{% if q %}<form method="get">{% elif r %}<form method="put">'
        '{% else %}<form method="post">{% csrf_token %}{% endif %}<input name=q></form>'
        "</form>",
        Dialect.DJANGO,
    )
    outer, get, put, post = parsed.html.forms
    assert [n.tag for n in outer.inside].count("csrf_token") == 1, "the outer form holds all"
    assert "csrf_token" not in [n.tag for n in get.inside + put.inside]
    assert "csrf_token" in [n.tag for n in post.inside]
    assert [[t.name for t in f.input_tags] for f in (get, put, post)] == [["input"]] * 3


def test_form_controls_and_controls_placed_by_form_attribute() -> None:
    parsed = _parsed(
        '<form method="post"><select name=s></select><textarea name=t></textarea></form>'
        '<form id="f" method="post">Sure?</form><output form="f"></output>',
        Dialect.DJANGO,
    )
    first, second = parsed.html.forms
    assert [t.name for t in first.input_tags] == ["select", "textarea"]
    assert second.input_tags == []
    assert parsed.html.form_attribute, "an element names a form by its `form` attribute"
    assert not _parsed('<form method="post"><input name=a></form>').html.form_attribute


def test_start_tags_recorded_with_bare_and_valued_attributes() -> None:
    parsed = _parsed('<a href="/x" target=_blank download>\n<area/ href=x>')
    anchor, area = parsed.html.tags
    assert anchor.attributes == (("href", "/x"), ("target", "_blank"), ("download", None))
    assert anchor.get("download") == ""
    assert anchor.get("rel") is None
    assert (area.line, area.column, area.get("href")) == (2, 1, "x")


def test_a_tag_written_as_an_unquoted_value_is_that_value() -> None:
    # Ralph's `<form action={% url 'inventory_tag' %} method="POST">`: the tag is the
    # action (a path on this site, as `{% url %}` writes), and `method` stays an attribute
    # of its own.
    parsed = _parsed("<form action={% url 'inventory_tag' %} method=\"POST\">", Dialect.DJANGO)
    (form,) = parsed.html.tags
    assert form.attributes == (("action", "/"), ("method", "POST"))
    # Any other tag may write anything.
    other = _parsed('<a href={% firstof a b %} target="_blank">', Dialect.DJANGO)
    (link,) = other.html.tags
    assert link.attributes == (("href", DYNAMIC), ("target", "_blank"))


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        pytest.param("<p>{{ x }}</p>", True, id="element"),
        pytest.param("<my-card>{{ x }}</my-card>", True, id="custom-element"),
        pytest.param("<o:p></o:p>", True, id="namespaced-element"),
        pytest.param("<h{{ x }}>", True, id="name-runs-into-output"),
        pytest.param("<br/>", True, id="self-closing"),
        pytest.param("Read more <https://example.com/help>.", False, id="text-link"),
        pytest.param("Visit <{{ x }}>.", False, id="text-link-of-output"),
        pytest.param("Write to <help@example.com>.", False, id="text-mail-address"),
        pytest.param("if a < b then {{ x }}", False, id="comparison"),
    ],
)
def test_markup_is_an_element_not_a_link_in_angle_brackets(text: str, markup: bool) -> None:
    # A plain-text e-mail writes its links as `<https://...>`: no HTML author's tag.
    assert _parsed(text, Dialect.DJANGO).html.has_markup is markup
