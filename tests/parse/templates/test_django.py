"""Django templates: webwarden's tokenizer and checks against Django's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.parse.templates import NodeKind
from webwarden.parse.templates.django import (
    DjangoSyntaxError,
    parse_variable,
    smart_split,
    tokenize,
)
from webwarden.parse.templates.django_check import check_structure
from webwarden.parse.templates.read import line_starts

django = pytest.importorskip("django")
from django.conf import settings  # noqa: E402
from django.template import Engine, TemplateSyntaxError  # noqa: E402
from django.template.base import DebugLexer, FilterExpression, Parser, TokenType  # noqa: E402

if not settings.configured:
    # NOTE: Django's error messages translate through settings; English, no project.
    settings.configure(USE_I18N=False)
LIBRARIES = {
    "humanize": "django.contrib.humanize.templatetags.humanize",
    "i18n": "django.templatetags.i18n",
    "tree_tags": "tests.parse.templates.tree_tags",
}

FIXTURES = Path(__file__).resolve().parents[2] / "rules" / "fixtures"
_KINDS = {
    TokenType.TEXT: NodeKind.TEXT,
    TokenType.VAR: NodeKind.VAR,
    TokenType.BLOCK: NodeKind.TAG,
    TokenType.COMMENT: NodeKind.COMMENT,
}
EDGE_CASES = [
    "plain text only",
    "{{ a }}{{b}}{%c%}{#d#}",
    "{% verbatim %}{{ kept }}{% if %}{% endverbatim %}{{ after }}",
    "{% verbatim block %}{% endverbatim %}{% endverbatim block %}",
    "{{ multi\nline }} is text, {# so\nis this #}",
    "{% if a %}\r\n{{ b }}\r\n{% endif %}",
    "{{ }} {% %} {# #}",
    "{{ a|default:'}}' }}",
    "unterminated {{ var",
]


def _corpus() -> list[Path]:
    root = Path(django.__file__).parent
    shipped = sorted(root.glob("contrib/*/templates/**/*.html")) + sorted(
        root.glob("forms/templates/**/*.html")
    )
    ours = sorted(FIXTURES.glob("WW*/**/*.html"))
    return shipped + ours


def _django_tokens(text: str) -> list[tuple[NodeKind, str, tuple[int, int], int]]:
    return [
        (_KINDS[t.token_type], t.contents, t.position, t.lineno)
        for t in DebugLexer(text).tokenize()
    ]


def _our_tokens(text: str) -> list[tuple[NodeKind, str, tuple[int, int], int]]:
    return [(t.kind, t.contents, (t.start, t.end), t.line) for t in tokenize(text)]


@pytest.mark.parametrize("text", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_tokens_match_djangos_lexer_on_edge_cases(text: str) -> None:
    assert _our_tokens(text) == _django_tokens(text)


def test_tokens_match_djangos_lexer_on_every_shipped_and_fixture_template() -> None:
    corpus = _corpus()
    assert len(corpus) > 100, "Django's own templates should be part of the corpus"
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        assert _our_tokens(text) == _django_tokens(text), path


def test_filter_expressions_match_djangos_on_the_corpus() -> None:
    engine = Engine(libraries=LIBRARIES)
    parser = Parser([], libraries=engine.template_libraries, builtins=engine.template_builtins)
    checked = 0
    for path in _corpus():
        for token in tokenize(path.read_text(encoding="utf-8")):
            if token.kind is not NodeKind.VAR or not token.contents:
                continue
            try:
                theirs = FilterExpression(token.contents, parser)
            except TemplateSyntaxError:
                continue  # NOTE: a filter from a library this engine does not load
            ours = parse_variable(token.contents)
            names = [func._filter_name for func, _ in theirs.filters]
            assert list(ours.filters) == names, token.contents
            if theirs.is_var and theirs.var.var in {"True", "False", "None"}:
                # NOTE: Django looks these up in every context's builtins: constants.
                assert ours.literal, token.contents
            elif theirs.is_var:
                assert ours.path == theirs.var.var, token.contents
            checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("{% if a %}", id="unclosed-if"),
        pytest.param("{% for x in y %}{% empty %}", id="unclosed-for-after-empty"),
        pytest.param("{% if a %}{% endfor %}", id="mismatched-end"),
        pytest.param("{% for a in b %}{% endfor %}{% endtree_node %}", id="unopened-library-end"),
        pytest.param("{% else %}", id="stray-else"),
        pytest.param("{% block a %}{% endblock b %}", id="endblock-name"),
        pytest.param("{% block a %}{% endblock %}{% block a %}{% endblock %}", id="duplicate"),
        pytest.param("{% block %}{% endblock %}", id="block-without-name"),
        pytest.param("x{% load i18n %}{% extends 'b.html' %}", id="extends-not-first"),
        pytest.param("{% filter safe %}x{% endfilter %}", id="filter-safe"),
        pytest.param("{% filter lower|escape %}x{% endfilter %}", id="filter-escape"),
        pytest.param("{% autoescape maybe %}{% endautoescape %}", id="autoescape-argument"),
        pytest.param("{% autoescape %}{% endautoescape %}", id="autoescape-no-argument"),
        pytest.param("{% comment %}never closed", id="unclosed-comment"),
        pytest.param("{{ }}", id="empty-variable"),
        pytest.param("{% %}", id="empty-block"),
        pytest.param("{{ a.b() }}", id="call"),
        pytest.param("{{ _private }}", id="underscore"),
        pytest.param("{{ a|}}", id="dangling-filter"),
        pytest.param(
            "{% load i18n %}{% blocktranslate %}{% if a %}{% endif %}{% endblocktranslate %}",
            id="block-inside-translation",
        ),
    ],
)
def test_structure_errors_are_djangos(text: str) -> None:
    with pytest.raises(TemplateSyntaxError) as theirs:
        Engine(libraries=LIBRARIES).from_string(text)
    with pytest.raises(DjangoSyntaxError) as ours:
        check_structure(tokenize(text), line_starts(text))
    assert ours.value.message == str(theirs.value)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("{% load humanize %}{{ a|intcomma }}", id="library-filter"),
        pytest.param("{% if a %}{% elif b %}{% else %}{% endif %}", id="if-chain"),
        pytest.param("{% for a in b %}{% empty %}{% endfor %}", id="for-empty"),
        pytest.param("{% block a %}{% endblock a %}", id="endblock-named"),
        pytest.param("{# x #}{% extends 'base.html' %}", id="comment-before-extends"),
        pytest.param("{% verbatim %}{% if %}{% endverbatim %}", id="verbatim"),
        pytest.param("{% comment %}{% if %}{% endcomment %}", id="comment"),
        pytest.param(
            "{% load tree_tags %}{% tree %}{% for n in nodes %}{% if n.children %}"
            "{% tree_node n.children %}{% else %}{{ n }}{% endif %}{% endfor %}{% endtree_node %}",
            id="library-block-closed-by-another-tags-end",
        ),
    ],
)
def test_valid_templates_pass_both(text: str) -> None:
    Engine(libraries=LIBRARIES).from_string(text)
    check_structure(tokenize(text), line_starts(text))


def test_unknown_library_tags_are_not_errors() -> None:
    text = "{% load compress %}{% compress js %}x{% endcompress %}{% thumbnail a b %}"
    check_structure(tokenize(text), line_starts(text))


def test_an_unknown_block_may_close_with_end_underscore() -> None:
    # django-sekizai's `{% with_data %}...{% end_with_data %}` (django CMS's templates).
    text = "{% load sekizai_tags %}{% with_data 'js' as s %}{% for j in s %}{% endfor %}{% end_with_data %}"
    check_structure(tokenize(text), line_starts(text))
    with pytest.raises(DjangoSyntaxError, match="'end_with_data'"):
        check_structure(tokenize("{% end_with_data %}"), line_starts("{% end_with_data %}"))


def test_smart_split_keeps_quoted_and_translated_bits() -> None:
    assert smart_split('with a="x y" b=_("one two") c') == [
        "with",
        'a="x y"',
        'b=_("one two")',
        "c",
    ]


@pytest.mark.parametrize(
    ("token", "given"),
    [
        pytest.param('"#"|with_query:term', ("term",), id="custom-filter"),
        pytest.param("url|with_query:url", (), id="also-the-operand"),
        pytest.param("link|default:next", (), id="fallback-leads"),
        pytest.param('""|add:next', (), id="add-leads"),
        pytest.param("flag|yesno:choices", (), id="yesno-leads"),
    ],
)
def test_variables_given_only_to_filters_whose_argument_never_leads(
    token: str, given: tuple[str, ...]
) -> None:
    assert parse_variable(token).given == given


@pytest.mark.parametrize(
    ("token", "constant"),
    [
        pytest.param('text|markdown:"safe"', '"safe"', id="quoted"),
        pytest.param("text|markdown:True", "True", id="builtin-constant"),
        pytest.param("text|truncatechars:20", "20", id="number"),
        pytest.param("text|markdown:mode", None, id="lookup"),
        pytest.param("text|markdown", None, id="none"),
    ],
)
def test_filter_literal_argument_is_kept_as_written(token: str, constant: str | None) -> None:
    uses = parse_variable(token).uses
    assert (uses[-1].constant if uses else None) == constant
