"""The tags a Django message must carry for an output to write it."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.model.templates.message_gates import tag_gates
from webwarden.parse.templates import Dialect, NodeKind, ParsedTemplate
from webwarden.parse.templates.read import TemplateSyntax, parse_template


def _gates(text: str) -> list[tuple[str, ...]]:
    """The gates of each `{{ message... }}` output of a Django template."""
    parsed = parse_template("page.html", textwrap.dedent(text), TemplateSyntax(Dialect.DJANGO))
    assert isinstance(parsed, ParsedTemplate)
    return [
        tag_gates(parsed, node, node.expression.path.split(".", 1)[0])
        for node in parsed.nodes
        if node.kind is NodeKind.VAR and node.expression is not None
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            """
            {% for message in messages %}
              {% if 'safe' in message.tags %}{{ message|safe }}{% else %}{{ message }}{% endif %}
            {% endfor %}
            """,
            [("safe",), ()],
            id="safe-tag-in-tags",
        ),
        pytest.param(
            """
            {% for message in messages %}
              {% if "success" in message.tags %}
                {% if "safe" in message.tags and "block" in message.tags %}{{ message|safe }}{% endif %}
              {% elif "error" in message.tags %}{{ message|safe }}{% endif %}
            {% endfor %}
            """,
            [("safe", "block"), ()],
            id="level-tags-gate-nothing",
        ),
        pytest.param(
            """
            {% for m in messages %}
              {% if m.extra_tags == 'html' %}{{ m.message|safe }}{% endif %}
              {% if m.tags == 'html success' %}{{ m|safe }}{% endif %}
            {% endfor %}
            """,
            [("html",), ("html",)],
            id="equal-extra-tags",
        ),
        pytest.param(
            """
            {% for message in messages %}
              {% if 'safe' in message.tags %}
                {% for message in others %}{{ message|safe }}{% endfor %}
              {% endif %}
              {% if 'safe' in other.tags %}{{ message|safe }}{% endif %}
              {% if 'safe' in message.tags or debug %}{{ message|safe }}{% endif %}
            {% endfor %}
            """,
            [(), (), ()],
            id="rebound-other-name-or-either",
        ),
    ],
)
def test_the_tags_an_if_requires_of_the_message_it_writes(
    text: str, expected: list[tuple[str, ...]]
) -> None:
    assert _gates(text) == expected
