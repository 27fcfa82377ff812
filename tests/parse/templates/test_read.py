"""Choosing the dialect and reading a template: names, text, the project's say."""

from __future__ import annotations

import pytest

from webwarden.parse.guards import Unreadable
from webwarden.parse.templates import Dialect, ParsedTemplate, TemplateSyntax, parse_template
from webwarden.parse.templates.dialect import dialect_from_path, dialect_from_text


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        pytest.param("templates/a.j2", Dialect.JINJA, id="j2"),
        pytest.param("app/jinja2/app/a.html", Dialect.JINJA, id="jinja2-folder"),
        pytest.param("templates/a.djhtml", Dialect.DJANGO, id="djhtml"),
        pytest.param("templates/a.html", None, id="html"),
    ],
)
def test_dialect_from_path(relpath: str, expected: Dialect | None) -> None:
    assert dialect_from_path(relpath) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("{% load static %}{{ a|date:'Y' }}", Dialect.DJANGO, id="django"),
        pytest.param("{% set a = 1 %}{{ url_for('x') }}", Dialect.JINJA, id="jinja"),
        pytest.param("{% if a %}{{ b }}{% endif %}", None, id="either"),
        pytest.param('{{ urls[0] }}{{ rec["attrs"] }}', Dialect.JINJA, id="jinja-subscript"),
        pytest.param(
            '{% button text=_("Open") %}{% button text=_("Close") %}{{ _("Save") }}',
            None,
            id="translated-text-either",
        ),
        pytest.param('{% button text=gettext("Open") %}', Dialect.JINJA, id="jinja-tag-call"),
        pytest.param('{{ x_("Open") }}', Dialect.JINJA, id="name-ending-in-underscore"),
    ],
)
def test_dialect_from_text(text: str, expected: Dialect | None) -> None:
    assert dialect_from_text(text) is expected


def _dialect(relpath: str, text: str, syntax: TemplateSyntax) -> Dialect | Unreadable:
    parsed = parse_template(relpath, text, syntax)
    return parsed.dialect if isinstance(parsed, ParsedTemplate) else parsed


def test_the_project_decides_over_the_text() -> None:
    text = "{% load static %}{{ a }}"
    # In a Jinja2 folder `load` is a tag of an extension webwarden does not load.
    as_jinja = parse_template("t.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(as_jinja, ParsedTemplate)
    assert (as_jinja.dialect, as_jinja.unknown_tags) == (Dialect.JINJA, frozenset({"load"}))
    assert _dialect("t.html", text, TemplateSyntax(fallback=Dialect.JINJA)) is Dialect.DJANGO


def test_a_jinja_extension_outweighs_a_django_folder() -> None:
    # Nautobot's `templates/nautobot_config.py.j2`: rendered by its CLI with Jinja2.
    text = "{{ enabled | default(True) }}{% if a %}{% endif %}"
    assert _dialect("app/templates/conf.py.j2", text, TemplateSyntax(Dialect.DJANGO)) is (
        Dialect.JINJA
    )
    assert _dialect("app/templates/a.djhtml", "{{ a }}", TemplateSyntax(Dialect.JINJA)) is (
        Dialect.DJANGO
    )


def test_jinja_text_django_cannot_read_in_a_django_folder_is_jinja() -> None:
    # Koku: a `templates/` folder beside the view that reads its files into
    # `jinja2.Template`; Django's app folders would claim it.
    text = '<a href="{{ urls[0] }}">{% for r in rows %}{{ r["name"] }}{% endfor %}</a>'
    django_folder = TemplateSyntax(Dialect.DJANGO)
    assert _dialect("app/templates/t.html", text, django_folder) is Dialect.JINJA
    # A Django template with a mistake stays Django's, with Django's reason.
    broken = parse_template("t.html", "{% load static %}{% endfor %}", django_folder)
    assert isinstance(broken, Unreadable)
    assert broken.reason.startswith("Django template syntax error")
    # Jinja2 text Jinja2 cannot read either: Django's reason, as the folder says.
    neither = parse_template("t.html", "{{ urls[0] }}{% endif %}", django_folder)
    assert isinstance(neither, Unreadable)
    assert neither.reason.startswith("Django template syntax error")


def test_ambiguous_text_uses_the_fallback_then_jinja_then_django() -> None:
    assert _dialect("t.html", "{{ a }}", TemplateSyntax(fallback=Dialect.DJANGO)) is Dialect.DJANGO
    assert _dialect("t.html", "{{ a }}", TemplateSyntax()) is Dialect.JINJA
    # Jinja2 does not know {% cache %} without its extension; Django's tokenizer reads it.
    assert _dialect("t.html", "{% cache 5 a %}{% endcache %}", TemplateSyntax()) is Dialect.DJANGO


def test_ambiguous_text_that_neither_reads_reports_jinjas_reason() -> None:
    result = parse_template("t.html", "{% if a %}", TemplateSyntax())
    assert isinstance(result, Unreadable)
    assert result.reason.startswith("Jinja2 template syntax error: Unexpected end of template")


def test_plain_text_templates_are_not_html() -> None:
    mail = parse_template("templates/mail.txt", "<b>{{ a }}</b>", TemplateSyntax(Dialect.JINJA))
    partial = parse_template("templates/part.html", "{{ a|safe }}", TemplateSyntax(Dialect.JINJA))
    assert isinstance(mail, ParsedTemplate)
    assert not mail.is_html
    assert isinstance(partial, ParsedTemplate)
    assert partial.is_html


def test_a_mustache_template_is_named_as_such() -> None:
    # Redash's alert e-mail body, read by pystache from its templates folder.
    text = "<table>\n<tr>\n{{#COLS}}\n<th>{{name}}</th>\n{{/COLS}}\n</tr>\n</table>\n"
    result = parse_template("templates/emails/alert.html", text, TemplateSyntax())
    assert result == Unreadable(
        "a Mustache template (`{{#COLS}}`), not Jinja2 or Django: "
        "webwarden does not read Mustache templates",
        3,
    )
    # Jinja2 that fails for its own reasons keeps its own reason.
    broken = parse_template("t.html", "{{#COLS}}{% if a %}", TemplateSyntax())
    assert isinstance(broken, Unreadable)
    assert broken.reason.startswith("Jinja2 template syntax error")


def test_a_handlebars_template_is_named_as_such() -> None:
    # An e-mail template a shop's plugin renders with Handlebars block helpers.
    text = '<p>Hello</p>\n{{#if order.url}}\n<a href="{{order.url}}">Order</a>\n{{/if}}\n'
    result = parse_template("plugins/mail/templates/confirm.html", text, TemplateSyntax())
    assert result == Unreadable(
        "a Handlebars template (`{{#if order.url}}`), not Jinja2 or Django: "
        "webwarden does not read Handlebars templates",
        2,
    )


@pytest.mark.parametrize(
    ("text", "action", "line"),
    [
        ('{{ define "main" }}\n<h1>{{ .Title }}</h1>\n{{ end }}', '{{ define "main" }}', 1),
        ("<p>\n{{- $url := .Permalink -}}\n</p>", "{{- $url := .Permalink -}}", 2),
        ("{{ range .Pages }}<a>{{ .Title }}</a>{{ end }}", "{{ range .Pages }}", 1),
    ],
)
def test_a_go_template_is_named_as_such(text: str, action: str, line: int) -> None:
    # DefectDojo's documentation site: Hugo layouts under docs/layouts/.
    result = parse_template("docs/layouts/baseof.html", text, TemplateSyntax())
    assert result == Unreadable(
        f"a Go template (`{action}`), not Jinja2 or Django: webwarden does not read Go templates",
        line,
    )
    # Jinja2 reads its own `{{ x.Title }}` and `{% block %}`.
    assert isinstance(
        parse_template("t.html", "{% block x %}{{ page.Title }}{% endblock %}", TemplateSyntax()),
        ParsedTemplate,
    )


def test_angular_templates_are_named() -> None:
    # A component template of an AngularDart or AngularJS front end: its pipes take
    # arguments after a colon, which Jinja2 cannot read.
    text = "<ul>\n  <li ng-repeat=\"rev in revs\">{{ rev.date | date:'short' }}</li>\n</ul>\n"
    result = parse_template("dart/lib/revisions.html", text, TemplateSyntax(Dialect.JINJA))
    assert result == Unreadable(
        "an Angular template (`ng-repeat=`), not Jinja2 or Django: "
        "webwarden does not read Angular templates",
        2,
    )
    # A Jinja2 template mixing in Angular directives has its own tags: its own reason.
    mixed = "{% block body %}<li ng-if=\"x\">{{ x | date:'short' }}</li>{% endblock %}"
    broken = parse_template("t.html", mixed, TemplateSyntax(Dialect.JINJA))
    assert isinstance(broken, Unreadable)
    assert broken.reason.startswith("Jinja2 template syntax error")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "{% for key, plot in plots.items() %}{{ plot.url }}{% endfor %}",
            {"key": "plots.items.#0", "plot": "plots.items.#1"},
            id="jinja-items-call",
        ),
        pytest.param(
            "{% load static %}{% for key, plot in plots.items %}{{ plot.url }}{% endfor %}",
            {"key": "plots.items.#0", "plot": "plots.items.#1"},
            id="django-items",
        ),
        pytest.param(
            "{% for name, link in page.files %}{{ link }}{% endfor %}",
            {"name": "page.files.#0", "link": "page.files.#1"},
            id="dotted-name",
        ),
        pytest.param(
            "{% for key, plot in plots.items()|sort %}{{ plot.url }}{% endfor %}",
            {"key": "plots.items", "plot": "plots.items"},
            id="filtered-pairs-read-whole",
        ),
        pytest.param(
            "{% for plot in plots.values() %}{{ plot.url }}{% endfor %}",
            {"plot": "plots.values"},
            id="values",
        ),
    ],
)
def test_a_loop_unpacking_pairs_names_each_position(text: str, expected: dict[str, str]) -> None:
    parsed = parse_template("templates/a.html", text, TemplateSyntax())
    assert isinstance(parsed, ParsedTemplate)
    assert {name: b[-1].source for name, b in parsed.aliases.items() if b[-1].source} == expected


@pytest.mark.parametrize(
    ("dialect", "text", "expected"),
    [
        pytest.param(
            Dialect.DJANGO,
            "{% for i in page.paginator|pages:page.number %}{{ i }}{% endfor %}",
            {"pages"},
            id="django-filter-argument",
        ),
        pytest.param(
            Dialect.DJANGO,
            "{% for i in rows|pages reversed %}{{ i }}{% endfor %}",
            {"pages"},
            id="django-reversed",
        ),
        pytest.param(
            Dialect.JINJA, "{% for i in rows|pages(3) %}{{ i }}{% endfor %}", {"pages"}, id="jinja"
        ),
        pytest.param(
            Dialect.DJANGO, "{% for i in rows %}{{ i }}{% endfor %}", set(), id="no-filter"
        ),
        pytest.param(
            Dialect.DJANGO,
            "{% for a, b in rows|pairs %}{{ a }}{% endfor %}",
            set(),
            id="unpacked",
        ),
        pytest.param(
            Dialect.DJANGO,
            "{% for i in rows|pages %}{% with i=other %}{{ i }}{% endwith %}{% endfor %}",
            set(),
            id="rebound-by-with",
        ),
        pytest.param(
            Dialect.JINJA,
            "{% for i in (rows|pages) + more %}{{ i }}{% endfor %}",
            set(),
            id="joined",
        ),
    ],
)
def test_loop_filters_name_the_filter_a_loop_is_over(
    dialect: Dialect, text: str, expected: set[str]
) -> None:
    parsed = parse_template("t.html", text, TemplateSyntax(dialect))
    assert isinstance(parsed, ParsedTemplate)
    assert set(parsed.loop_filters.values()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "{% load i18n %}{% blocktrans trimmed with costs=event.fine|floatformat:2 %}{{ costs }}{% endblocktrans %}",
            {"costs": "event.fine"},
            id="after-trimmed",
        ),
        pytest.param(
            "{% load i18n %}{% blocktrans with event.fine as fee %}{{ fee }}{% endblocktrans %}",
            {"fee": "event.fine"},
            id="legacy-as",
        ),
        pytest.param(
            "{% load i18n %}{% blocktranslate count counter=items|length context \"a=b\" %}{{ counter }}{% plural %}{{ counter }}{% endblocktranslate %}",
            {"counter": "items"},
            id="count",
        ),
        pytest.param(
            "{% load i18n %}{% blocktrans asvar message %}Hi{% endblocktrans %}{{ message }}",
            {},
            id="asvar-binds-text",
        ),
    ],
)  # fmt: skip
def test_a_block_translation_names_what_it_binds(text: str, expected: dict[str, str]) -> None:
    parsed = parse_template("templates/a.html", text, TemplateSyntax())
    assert isinstance(parsed, ParsedTemplate)
    assert {name: b[-1].source for name, b in parsed.aliases.items() if b[-1].source} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("{% with a=x.y, c=d %}{{ a }}{% endwith %}", {"a": "x.y", "c": "d"}, id="each"),
        pytest.param("{% with a = x.y|e, c = d.e %}{% endwith %}", {"a": "x.y", "c": "d.e"}, id="filtered"),
        pytest.param("{% with a=f(x, y), c=d %}{% endwith %}", {"a": "", "c": "d"}, id="computed"),
        pytest.param("{% with a = x.y %}{{ a }}{% endwith %}", {"a": "x.y"}, id="one"),
    ],
)  # fmt: skip
def test_a_jinja_with_binds_each_name_to_its_own_value(text: str, expected: dict[str, str]) -> None:
    parsed = parse_template("templates/a.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    assert {name: b[-1].source for name, b in parsed.aliases.items()} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("{% set t = x.y|trim %}", {"t": "x.y"}, id="variable-through-filters"),
        pytest.param("{% set t = x|default(y) %}", {"t": "x"}, id="filter-argument-no-value"),
        pytest.param("{% set t = _(msg) %}", {"t": "msg"}, id="translation-hands-message-back"),
        pytest.param("{% set t = gettext(page.title) %}", {"t": "page.title"}, id="gettext"),
        pytest.param("{% set t = pgettext('menu', msg) %}", {"t": "msg"}, id="pgettext-context"),
        pytest.param("{% set t = _('Saved') %}", {}, id="translated-literal"),
        pytest.param("{% set t = f(x) %}", {}, id="call-result-not-the-function"),
        pytest.param("{% set t = x.items() %}", {"t": "x.items"}, id="method-as-output-reads-it"),
        pytest.param("{% set t = x ~ ' (draft)' %}", {"t": "x"}, id="joined-to-literal"),
        pytest.param("{% set t = x or 'none' %}", {"t": "x"}, id="or-literal"),
        pytest.param("{% set t = a ~ b %}", {"t": "b"}, id="joined-last-followed"),
        pytest.param(
            "{% set t = url_for('help') ~ anchor %}", {"t": "anchor"}, id="joined-to-a-call"
        ),
        pytest.param("{% set t = not x %}", {}, id="boolean"),
        pytest.param("{% with t = _(msg) %}{% endwith %}", {"t": "msg"}, id="with"),
        pytest.param("{% with a = x.y, b = f(z) %}{% endwith %}", {"a": "x.y"}, id="with-several"),
        pytest.param("{% for i in f(x) %}{% endfor %}", {}, id="loop-over-call-result"),
        pytest.param("{% for i in x.all() %}{% endfor %}", {"i": "x.all"}, id="loop-over-method"),
    ],
)
def test_a_jinja_binding_reads_the_value_jinja_gives_the_name(
    text: str, expected: dict[str, str]
) -> None:
    parsed = parse_template("templates/a.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    assert {name: b[-1].source for name, b in parsed.aliases.items() if b[-1].source} == expected
