"""The includes of a template and the names each hands on as the author's own text."""

from __future__ import annotations

import pytest

from webwarden.model.templates.facts import IncludeSiteFact
from webwarden.model.templates.include_sites import bound_names, include_sites
from webwarden.parse.templates import Dialect, ParsedTemplate
from webwarden.parse.templates.read import TemplateSyntax, parse_template


def _sites(text: str, dialect: Dialect = Dialect.DJANGO) -> tuple[IncludeSiteFact, ...]:
    parsed = parse_template("page.html", text, TemplateSyntax(dialect))
    assert isinstance(parsed, ParsedTemplate)
    return include_sites(parsed)


@pytest.mark.parametrize(
    ("text", "authored"),
    [
        pytest.param(
            '{% blocktrans with n=r.name asvar msg %}Hi {{ n }}{% endblocktrans %}{% include "a.html" %}',
            ("msg",),
            id="blocktrans-asvar",
        ),
        pytest.param('{% trans "Hi" as msg %}{% include "a.html" %}', ("msg",), id="trans-as"),
        pytest.param(
            '{% trans "Hi" as t %}{% include "a.html" with msg=t kind="info" n=2 x=_("y") %}',
            ("kind", "msg", "n", "t", "x"),
            id="with-literals-and-held-names",
        ),
        pytest.param(
            '{% if a %}{% trans "A" as msg %}{% else %}{% trans "B" as msg %}{% endif %}'
            '{% include "a.html" %}',
            ("msg",),
            id="every-branch-of-if-else",
        ),
        pytest.param(
            '{% if a %}{% trans "A" as msg %}{% elif b %}{% trans "B" as msg %}{% endif %}'
            '{% include "a.html" %}',
            (),
            id="if-without-else",
        ),
        pytest.param(
            '{% for x in xs %}{% trans "A" as msg %}{% endfor %}{% include "a.html" %}',
            (),
            id="bound-in-a-loop-before",
        ),
        pytest.param(
            '{% trans "A" as msg %}{% with msg=user.bio %}{% endwith %}{% include "a.html" %}',
            (),
            id="bound-to-data-elsewhere",
        ),
        pytest.param(
            "{% blocktrans with n=r.name|safe asvar msg %}{{ n }}{% endblocktrans %}"
            '{% include "a.html" %}',
            (),
            id="value-marked-safe",
        ),
        pytest.param(
            "{% autoescape off %}{% blocktrans with n=r.name asvar msg %}{{ n }}"
            '{% endblocktrans %}{% endautoescape %}{% include "a.html" %}',
            (),
            id="autoescape-off",
        ),
        pytest.param(
            '{% trans "A" as msg %}{% include "a.html" with msg=user.bio %}', (), id="with-data"
        ),
        pytest.param(
            '{% for m in ms %}{% captureas link %}{% url "edit" m.pk %}{% endcaptureas %}'
            '{% include "a.html" with next=link %}{% endfor %}',
            ("link", "next"),
            id="captureas-in-the-same-loop",
        ),
        pytest.param(
            '{% capture as link silent %}<a href="/">{{ m.title }}</a>{% endcapture %}'
            '{% include "a.html" %}',
            ("link",),
            id="django-capture-tag",
        ),
        pytest.param(
            "{% for m in ms %}{% captureas link %}/{{ m.pk }}{% endcaptureas %}{% endfor %}"
            '{% include "a.html" %}',
            (),
            id="captured-in-a-loop-before",
        ),
        pytest.param(
            "{% captureas link %}{% autoescape off %}{{ m.title }}{% endautoescape %}"
            '{% endcaptureas %}{% include "a.html" %}',
            (),
            id="captured-body-autoescape-off",
        ),
        pytest.param(
            "{% autoescape off %}{% captureas link %}{{ m.title }}{% endcaptureas %}"
            '{% endautoescape %}{% include "a.html" %}',
            (),
            id="captured-under-autoescape-off",
        ),
        pytest.param(
            "{% captureas link %}/{{ m.pk }}{% endcaptureas %}{% with link=m.url %}{% endwith %}"
            '{% include "a.html" %}',
            (),
            id="captured-and-bound-to-data-elsewhere",
        ),
    ],
)
def test_names_handed_as_the_authors_text(text: str, authored: tuple[str, ...]) -> None:
    (site,) = _sites(text)
    assert site.authored == authored


def test_only_leaves_other_names_unset() -> None:
    (site,) = _sites('{% include "a.html" with kind=k only %}')
    assert site.hands_authored("msg")
    assert not site.hands_authored("kind")
    assert not site.hands_through("msg")


def test_a_name_left_alone_is_handed_through_unless_rebound() -> None:
    (site,) = _sites('{% for row in rows %}{% include "a.html" %}{% endfor %}')
    assert site.hands_through("msg")
    assert not site.hands_through("row")


def test_jinja_includes_hand_on_names_the_includer_never_binds() -> None:
    (site,) = _sites('{% set msg = "x" %}{% include "a.html" %}', Dialect.JINJA)
    assert site == IncludeSiteFact("a.html", 1, rebound=("msg",))
    assert not site.hands_authored("msg")
    assert not site.hands_through("msg")
    assert site.hands_through("link")


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        pytest.param("{% set a, b = pair %}", {"a", "b"}, id="set-tuple"),
        pytest.param("{% set body %}<b>x</b>{% endset %}", {"body"}, id="set-block"),
        pytest.param("{% set ns.count = 1 %}", {"ns", "count"}, id="set-namespace"),
        pytest.param("{% for key, row in rows %}{% endfor %}", {"key", "row"}, id="for"),
        pytest.param("{% with a = 1, b = c %}{% endwith %}", {"a", "b"}, id="with"),
        pytest.param('{% from "f.html" import field as f %}', {"f", "field", "import"}, id="from"),
        pytest.param(
            "{% macro row(label, sep='<td>') %}{% endmacro %}", {"row", "label", "sep"}, id="macro"
        ),
    ],
)
def test_jinja_includes_take_every_bound_name_as_rebound(text: str, bound: set[str]) -> None:
    (site,) = _sites(text + '{% include "a.html" %}', Dialect.JINJA)
    assert bound <= set(site.rebound)
    assert not any(site.hands_through(name) for name in bound)


def test_jinja_include_without_context_hands_on_nothing() -> None:
    (site,) = _sites('{% include "a.html" without context %}', Dialect.JINJA)
    assert site.only
    assert site.hands_authored("link")
    assert not site.hands_through("link")


@pytest.mark.parametrize(
    ("text", "loops"),
    [
        pytest.param(
            '{% for row in rows %}{% include "a.html" %}{% endfor %}',
            (("row", "rows"),),
            id="loop",
        ),
        pytest.param(
            '{% for s in shelves %}{% for b in s.books reversed %}{% include "a.html" %}'
            "{% endfor %}{% endfor %}",
            (("s", "shelves"), ("b", "shelves.books")),
            id="nested-through-outer-loop",
        ),
        pytest.param(
            '{% for row in rows|dictsort:"a" %}{% include "a.html" %}{% endfor %}',
            (),
            id="filtered-source",
        ),
        pytest.param(
            '{% for k, v in rows.items %}{% include "a.html" %}{% endfor %}', (), id="unpacked"
        ),
        pytest.param(
            '{% for row in rows %}{% with row=other %}{% include "a.html" %}{% endwith %}'
            "{% endfor %}",
            (),
            id="bound-twice",
        ),
        pytest.param('{% for row in rows %}{% endfor %}{% include "a.html" %}', (), id="after"),
    ],
)
def test_loops_around_an_include_hand_on_an_item_of_their_variable(
    text: str, loops: tuple[tuple[str, str], ...]
) -> None:
    (site,) = _sites(text)
    assert site.loops == loops


def test_a_loop_name_set_by_with_or_left_out_by_only_is_not_the_loops() -> None:
    given, only = _sites(
        '{% for row in rows %}{% include "a.html" with row=x %}'
        '{% include "b.html" with y=1 only %}{% endfor %}'
    )
    (plain,) = _sites('{% for row in rows %}{% include "a.html" %}{% endfor %}')
    assert given.loop_source("row") is None
    assert only.loop_source("row") is None
    assert plain.loop_source("row") == "rows"
    assert plain.loop_source("rows") is None


@pytest.mark.parametrize(
    ("text", "dialect", "bound"),
    [
        pytest.param(
            "{% macro row(details, sep=', ') %}{{ details|safe }}{% endmacro %}",
            Dialect.JINJA,
            {"details", "sep"},
            id="jinja-macro-parameters",
        ),
        pytest.param(
            "{% set x = 1 %}{% for a, b in pairs %}{{ a }}{% endfor %}",
            Dialect.JINJA,
            {"x", "a", "b"},
            id="jinja-set-and-loop",
        ),
        pytest.param(
            "{% for row in rows %}{% with n=row.name %}{{ n }}{% endwith %}{% endfor %}"
            '{% trans "Hi" as msg %}',
            Dialect.DJANGO,
            {"row", "n", "msg"},
            id="django-for-with-as",
        ),
        pytest.param("<p>{{ banner|safe }}</p>", Dialect.JINJA, set(), id="binds-nothing"),
    ],
)
def test_bound_names(text: str, dialect: Dialect, bound: set[str]) -> None:
    parsed = parse_template("page.html", text, TemplateSyntax(dialect))
    assert isinstance(parsed, ParsedTemplate)
    assert bound <= set(bound_names(parsed))
    if not bound:
        assert bound_names(parsed) == ()


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        pytest.param(
            '{% for message in messages %}{% include "a.html" with message=message %}{% endfor %}',
            (("message", "messages"),),
            id="loop-name-handed-by-with",
        ),
        pytest.param(
            '{% include "a.html" with rows=table.rows kind="x" n=2 label=name|upper %}',
            (("rows", "table.rows"),),
            id="only-variables-written-alone",
        ),
    ],
)
def test_an_include_records_the_includer_variable_each_with_name_holds(
    text: str, sources: tuple[tuple[str, str], ...]
) -> None:
    (site,) = _sites(text)
    assert site.sources == sources
