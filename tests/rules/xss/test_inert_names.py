"""Names a Django template binds itself to text that holds no markup."""

from __future__ import annotations

import pytest

from webwarden.parse.templates import ParsedTemplate, TemplateSyntax, parse_template
from webwarden.rules.xss._inert_names import inert_at, inert_bindings


def _inert_inside(text: str, marker: str = "HERE") -> frozenset[str]:
    parsed = parse_template("app/templates/page.html", text, TemplateSyntax())
    assert isinstance(parsed, ParsedTemplate)
    return inert_at(inert_bindings(parsed), text.index(marker))


@pytest.mark.parametrize(
    ("text", "inert"),
    [
        pytest.param(
            '{% blocktranslate with d=when|date:"DATE_FORMAT" trimmed %}HERE{% endblocktranslate %}',
            {"d"},
            id="translation-with",
        ),
        pytest.param(
            "{% blocktrans count n=rows|length %}HERE{% plural %}{% endblocktrans %}",
            {"n"},
            id="translation-count",
        ),
        pytest.param(
            '{% blocktrans with when|date:"Y" as year %}HERE{% endblocktrans %}',
            {"year"},
            id="translation-older-as",
        ),
        pytest.param(
            "{% blocktranslate with name=user.name %}HERE{% endblocktranslate %}",
            set(),
            id="translation-of-text",
        ),
        pytest.param(
            '{% blocktranslate with d=when|date:"Y" %}{% endblocktranslate %}HERE',
            set(),
            id="after-the-block",
        ),
        pytest.param(
            "{% with t=x|floatformat %}{% blocktrans %}{% endblocktrans %}HERE{% endwith %}",
            {"t"},
            id="with-around-a-translation",
        ),
    ],
)
def test_translation_blocks_bind_like_with(text: str, inert: set[str]) -> None:
    assert _inert_inside(text) == inert
