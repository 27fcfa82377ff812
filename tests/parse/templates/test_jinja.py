"""Jinja2 templates: positions from Jinja2's own lexer, checks from its own parser."""

from __future__ import annotations

import pytest

from webwarden.parse.guards import Unreadable
from webwarden.parse.templates import (
    Dialect,
    JinjaSyntax,
    NodeKind,
    ParsedTemplate,
    TemplateSyntax,
    parse_template,
)
from webwarden.parse.templates.jinja import raw_tokens

JINJA = TemplateSyntax(Dialect.JINJA)


def _parsed(text: str, syntax: TemplateSyntax = JINJA) -> ParsedTemplate:
    parsed = parse_template("templates/page.html", text, syntax)
    assert isinstance(parsed, ParsedTemplate), parsed
    return parsed


def _outputs(parsed: ParsedTemplate) -> list[tuple[int, int, str]]:
    return [(n.line, n.column, n.content) for n in parsed.nodes if n.kind is NodeKind.VAR]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("<p>\n  {%- if a -%}\n  {{ b }}\n{%- endif %}</p>\n", id="whitespace-control"),
        pytest.param("{% raw %}{{ not_a_var }}{% endraw %}{{ real }}", id="raw"),
        pytest.param("a\r\nb {{ c }}\r\n", id="crlf"),
        pytest.param("{# c\nc #}\n  {% for x in y %}{{ x }}{% endfor %}", id="comment"),
    ],
)
def test_every_token_value_is_at_its_offset(text: str) -> None:
    source = text.replace("\r\n", "\n")
    for token in raw_tokens(source, JinjaSyntax()):
        assert source[token.offset : token.offset + len(token.value)] == token.value
        assert source.count("\n", 0, token.offset) + 1 == token.line


def test_positions_survive_whitespace_control_and_raw() -> None:
    parsed = _parsed(
        "<p>\n  {%- if a -%}\n  {{ b }}\n{%- endif %}\n{% raw %}{{ x }}{% endraw %}{{ y }}"
    )
    assert _outputs(parsed) == [(3, 3, "b"), (5, 29, "y")]
    texts = [n.content for n in parsed.nodes if n.kind is NodeKind.TEXT]
    assert "{{ x }}" in texts


def test_custom_delimiters_and_line_statements() -> None:
    syntax = TemplateSyntax(
        Dialect.JINJA,
        JinjaSyntax(
            variable_start_string="[[",
            variable_end_string="]]",
            block_start_string="[%",
            block_end_string="%]",
            line_statement_prefix="#",
        ),
    )
    parsed = _parsed(
        "<p>[[ name|safe ]]</p>\n# for x in xs\n  {{ literal }} [[ x ]]\n# endfor\n", syntax
    )
    assert _outputs(parsed) == [(1, 4, "name|safe"), (3, 17, "x")]
    assert [n.tag for n in parsed.nodes if n.kind is NodeKind.TAG] == ["for", "endfor"]


def test_unknown_extension_tags_are_opaque_statements() -> None:
    parsed = _parsed("{% cache 60 %}{{ a }}{% endcache %}{% assets 'x' %}{{ b }}")
    assert parsed.unknown_tags == frozenset({"cache", "assets"})
    assert [line_col[2] for line_col in _outputs(parsed)] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "reason", "line"),
    [
        pytest.param(
            "{% if a %}\n",
            "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.",
            1,
            id="unclosed",
        ),
        pytest.param("\n{{ a }", "unexpected '}'", 2, id="lexer"),
        pytest.param(
            "{% for %}{% endfor %}",
            "Expected an expression, got 'end of statement block'",
            1,
            id="parser",
        ),
        pytest.param(
            "{% cache %}{% endif %}", "Encountered unknown tag 'endif'.", 1, id="stray-end"
        ),
    ],
)
def test_syntax_errors_are_jinjas(text: str, reason: str, line: int) -> None:
    result = parse_template("t.html", text, JINJA)
    assert result == Unreadable(f"Jinja2 template syntax error: {reason}", line)


@pytest.mark.parametrize(
    ("text", "path", "filters", "calls", "names"),
    [
        pytest.param("user.name|safe", "user.name", ("safe",), (), ("user.name",), id="filter"),
        # NOTE: a filter binds tighter than every operator (`jinja2/parser.py`,
        # `parse_unary`): `safe` marks `b` alone, not the whole output.
        pytest.param("'a' ~ b|safe", "", (), (), ("b",), id="concat"),
        pytest.param("a ~ b|e", "", (), (), ("a", "b"), id="concat-filters-last-operand"),
        pytest.param("not a|f", "a", (), (), ("a",), id="not-is-boolean"),
        pytest.param("a|f is defined", "a", (), (), ("a",), id="test-is-boolean"),
        pytest.param("-a|abs", "a", ("abs",), (), ("a",), id="signed-operand"),
        pytest.param("a|e if c else b|e", "", ("e",), (), ("a", "c", "b"), id="choices-filtered"),
        pytest.param("a|e if c else b", "", (), (), ("a", "c", "b"), id="one-choice-filtered"),
        pytest.param("a|e if c else ''", "", ("e",), (), ("a", "c"), id="other-choice-constant"),
        pytest.param(
            "a|e or _('None')", "", ("e",), ("_",), ("a", "_"), id="or-translated-literal"
        ),
        pytest.param(
            "request.args['q']", "request.args.q", (), (), ("request.args.q",), id="subscript"
        ),
        pytest.param(
            "form.hidden_tag()",
            "form.hidden_tag",
            (),
            ("form.hidden_tag",),
            ("form.hidden_tag",),
            id="call",
        ),
        pytest.param("x|default('y')|e", "x", ("default", "e"), (), ("x",), id="filter-args"),
        pytest.param("a if b is defined else c", "", (), (), ("a", "b", "c"), id="conditional"),
        pytest.param("f(x|safe)", "f", (), ("f",), ("x", "f"), id="nested-filter"),
        pytest.param(
            "url|urlparams(product=p.slug, page=None)",
            "url",
            ("urlparams",),
            (),
            ("url", "p.slug"),
            id="keyword-names-are-no-variables",
        ),
        pytest.param("a == b", "", (), (), ("a", "b"), id="comparison"),
    ],
)
def test_expressions(
    text: str, path: str, filters: tuple[str, ...], calls: tuple[str, ...], names: tuple[str, ...]
) -> None:
    node = next(n for n in _parsed("{{ " + text + " }}").nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    assert (node.expression.path, node.expression.filters) == (path, filters)
    assert node.expression.calls == calls
    assert node.expression.names == names


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        pytest.param("'a' if f(x) else 'b'", True, id="constants-chosen"),
        pytest.param("'a' if x", True, id="constant-or-nothing"),
        pytest.param("'a' if x else 'b' if y else 3", True, id="chained"),
        pytest.param("'a' if x else y", False, id="value-arm"),
        pytest.param("x if 'a' else 'b'", False, id="value-first"),
        pytest.param("'a' if x else 'b'|format(y)", False, id="filtered-arm"),
        pytest.param("'a' if x else ('b' ~ y)", False, id="grouped-arm"),
    ],
)
def test_conditional_between_constants(text: str, literal: bool) -> None:
    node = next(n for n in _parsed("{{ " + text + " }}").nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    assert node.expression.literal is literal


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        pytest.param("[48.85, 2.35]", True, id="list-of-numbers"),
        pytest.param("(1, -2.5, 'a')", True, id="tuple"),
        pytest.param('{"on": true, "off": none}', True, id="dict"),
        pytest.param("[[0, 1], []]", True, id="nested"),
        pytest.param("[48.85, lng]", False, id="holds-a-variable"),
        pytest.param("[1, 2][i]", False, id="subscripted"),
        pytest.param("[1, 2]|join(sep)", False, id="filter-given-a-variable"),
        pytest.param("['a' ~ 'b']", False, id="joined-inside"),
    ],
)
def test_displays_of_constants(text: str, literal: bool) -> None:
    node = next(n for n in _parsed("{{ " + text + " }}").nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    assert node.expression.literal is literal


@pytest.mark.parametrize(
    ("text", "arithmetic"),
    [
        pytest.param("k.month - 1", True, id="subtraction"),
        pytest.param("-offset", True, id="sign"),
        pytest.param("minutes|int * 60", True, id="number-filter-times-literal"),
        pytest.param("rows|length + 1", True, id="length-plus-literal"),
        pytest.param("day|int % 7", True, id="remainder-of-numbers"),
        pytest.param("price|float * 0.5", True, id="float-literal"),
        pytest.param("minutes * 60", False, id="unfiltered-operand-may-be-text"),
        pytest.param("minutes|int * factor", False, id="one-operand-unknown"),
        pytest.param("'%s' % n|int", False, id="format-string"),
        pytest.param("width|trim + 'px'", False, id="text-filter"),
        pytest.param("n|int ~ 1", False, id="join"),
        pytest.param("(n|int) * 2", False, id="grouped-operand-not-read"),
    ],
)
def test_arithmetic_of_numbers(text: str, arithmetic: bool) -> None:
    node = next(n for n in _parsed("{{ " + text + " }}").nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    assert node.expression.arithmetic is arithmetic


def test_filter_operands_and_literals() -> None:
    node = next(
        n for n in _parsed("{{ 'x'|safe ~ y|striptags|safe }}").nodes if n.kind is NodeKind.VAR
    )
    assert node.expression is not None
    uses = [(u.name, u.operand, u.literal, u.after) for u in node.expression.uses]
    assert uses == [
        ("safe", "'x'", True, ()),
        ("striptags", "y", False, ()),
        ("safe", "y|striptags", False, ("striptags",)),
    ]


def test_a_literal_given_variables_by_a_filter_is_no_longer_literal() -> None:
    text = "{{ '%s&hellip;'|format(name[:75])|safe ~ '<b>'|replace('b', 'i')|safe }}"
    node = next(n for n in _parsed(text).nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    uses = [(u.name, u.literal) for u in node.expression.uses]
    assert uses == [("format", True), ("safe", False), ("replace", True), ("safe", True)]


def test_the_variables_a_filter_is_given() -> None:
    text = "{{ _('{name} of {team}')|fe(name=user.name, team=team.name|upper)|trim }}"
    node = next(n for n in _parsed(text).nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    uses = [(u.name, u.root, u.literal, u.arguments) for u in node.expression.uses]
    assert uses == [
        ("fe", "_", True, ("user.name", "team.name")),
        ("upper", "team", False, ()),
        ("trim", "_", False, ()),
    ]


def test_aliases_and_autoescape_regions() -> None:
    parsed = _parsed(
        "{% for item in order.items %}{% set label = item.name %}{{ label }}{% endfor %}"
        "{% autoescape false %}{{ a }}{% autoescape true %}{{ b }}{% endautoescape %}{% endautoescape %}"
    )
    assert parsed.source_path("label.x") == "order.items.name.x"
    escaped = {n.content for n in parsed.nodes if n.start in parsed.escape_off}
    assert escaped == {"a"}


def _offset_of(text: str, output: str, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.index(output, at + 1)
    return at


def test_a_loop_name_reads_the_loop_around_it() -> None:
    text = (
        "{% for v in versions %}{{ v }}{% endfor %}"
        "{% for v in vendors %}{% for p in v.products %}{{ p }}{% endfor %}{{ v }}{% endfor %}"
        "{{ v }}"
    )
    parsed = _parsed(text)
    assert parsed.source_path("v", _offset_of(text, "{{ v }}")) == "versions"
    assert parsed.source_path("p", _offset_of(text, "{{ p }}")) == "vendors.products"
    assert parsed.source_path("v", _offset_of(text, "{{ v }}", 1)) == "vendors"
    # NOTE: outside every loop the name is the context's; with no position, the last
    # binding stands.
    assert parsed.source_path("v", _offset_of(text, "{{ v }}", 2)) == "v"
    assert parsed.source_path("v") == "vendors"


def test_a_name_set_anywhere_keeps_its_last_binding() -> None:
    text = "{% for v in versions %}{% set v = other %}{{ v }}{% endfor %}"
    parsed = _parsed(text)
    assert parsed.source_path("v", _offset_of(text, "{{ v }}")) == "other"


@pytest.mark.parametrize(
    ("text", "given"),
    [
        pytest.param("{{ '#'|urlparams(page=1, q=query) }}", ("query",), id="custom-filter"),
        pytest.param("{{ '#'|urlparams(q=query|trim) }}", ("query",), id="nested-filter"),
        pytest.param("{{ url|urlparams(q=url) }}", (), id="also-the-operand"),
        pytest.param("{{ x|default(next) }}", (), id="fallback-leads"),
        pytest.param("{{ '%s'|format(next) }}", (), id="format-leads"),
        pytest.param("{{ 'a'|replace('a', next) }}", (), id="replacement-leads"),
        pytest.param("{{ '#'|qs(a=b)|default(c) }}", ("b",), id="only-the-custom-one"),
    ],
)
def test_names_given_only_to_filters_whose_argument_never_leads(
    text: str, given: tuple[str, ...]
) -> None:
    node = next(n for n in _parsed(text).nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    assert node.expression.given == given


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "{% with note = '<a href=\"mailto:{e}\">{e}</a>'.format(e=support)|safe %}{% endwith %}",
            ("support",),
            id="literal-formatted",
        ),
        pytest.param(
            "{% set x = ('%s<br>%s' % (a.name, b))|safe %}", ("a.name", "b"), id="grouped"
        ),
        pytest.param("{% set x = user.bio|safe %}", ("user.bio",), id="plain-path"),
        pytest.param(
            "{% set x = '{}?'.format(find(slug).label)|safe %}", ("find",), id="call-chooses"
        ),
        pytest.param(
            "{% set x = '{}'.format(wrap(slug))|safe %}", ("slug", "wrap"), id="call-given"
        ),
    ],
)
def test_filter_use_names_what_its_operand_reads(text: str, names: tuple[str, ...]) -> None:
    tag = next(n for n in _parsed(text).nodes if n.kind is NodeKind.TAG)
    assert tag.expression is not None
    safe = next(use for use in tag.expression.uses if use.name == "safe")
    assert safe.names == names


def test_a_macro_parameter_is_not_a_name_another_macro_sets() -> None:
    text = (
        "{% macro item(subtree) %}{{ subtree }}{% endmacro %}"
        "{% macro items(tree) %}{% set subtree = tree.children %}{{ item(subtree) }}"
        "{{ subtree }}{% endmacro %}"
    )
    parsed = _parsed(text)
    assert parsed.source_path("subtree", _offset_of(text, "{{ subtree }}")) == "subtree"
    assert parsed.source_path("subtree", _offset_of(text, "{{ subtree }}", 1)) == "tree.children"


def test_a_macro_parameter_its_macro_rebinds_is_left_to_the_bindings() -> None:
    text = "{% macro looped(node) %}{% for node in trees %}{{ node }}{% endfor %}{% endmacro %}"
    parsed = _parsed(text)
    assert parsed.source_path("node", _offset_of(text, "{{ node }}")) == "trees"


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        pytest.param("_('Hi')", True, id="message-alone"),
        pytest.param("_('%(n)s items', n=3, on=true)", True, id="constants-filled-in"),
        pytest.param("ngettext('%(num)d item', '%(num)d items', count)", True, id="count"),
        pytest.param("_('Hi %(n)s', n=user.name)", False, id="variable-filled-in"),
        pytest.param("ngettext('%(num)d a', '%(num)d b', count, who=user)", False, id="plural-kw"),
        pytest.param("gettext('Hi %s', name)", False, id="variable-given"),
    ],
)
def test_translation_literal_only_with_constants_filled_in(text: str, literal: bool) -> None:
    node = next(n for n in _parsed("{{ " + text + "|safe }}").nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    assert [u.literal for u in node.expression.uses] == [literal]


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        pytest.param("(own and 'a' or '')", True, id="and-or-of-constants"),
        pytest.param("((x == y) and 'a' or none)", True, id="comparison-chooses"),
        pytest.param("('a' if f(x) else '')", True, id="inline-if"),
        pytest.param("(x == y)", True, id="comparison"),
        pytest.param("(not x or 'a')", True, id="test-or-constant"),
        pytest.param("(x and y)", False, id="value-when-truthy"),
        pytest.param("(x or 'a')", False, id="first-given-when-truthy"),
        pytest.param("(x and 'a' or y)", False, id="value-last"),
        pytest.param("('a' if c else y)", False, id="value-arm"),
        pytest.param("(x == 1, y)", False, id="tuple-holds-a-variable"),
        pytest.param("(x and 'a' ~ y or '')", False, id="joined-arm"),
    ],
)
def test_group_choosing_constants(text: str, literal: bool) -> None:
    node = next(n for n in _parsed("{{ " + text + "|safe }}").nodes if n.kind is NodeKind.VAR)
    assert node.expression is not None
    assert [u.literal for u in node.expression.uses if u.name == "safe"] == [literal]
