"""URLs Flask's `url_for` builds, written where Werkzeug's quoting keeps them inside."""

from __future__ import annotations

import pytest

from webwarden.model.templates.built_urls import writes_built_url
from webwarden.parse.templates import Dialect, ParsedTemplate
from webwarden.parse.templates.read import TemplateSyntax, parse_template


def _first_output(text: str) -> tuple[ParsedTemplate, bool]:
    parsed = parse_template("page.xml.jinja2", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    node = parsed.outputs()[0]
    return parsed, writes_built_url(node, parsed.placement(node))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("<loc>{{ url_for('item', item_id=item.id) }}</loc>", True, id="text"),
        pytest.param("<a href=\"{{ url_for('item', q=q) }}\">x</a>", True, id="double-quoted"),
        pytest.param("<a href='{{ url_for(\"item\", q=q) }}'>x</a>", False, id="single-quoted"),
        pytest.param("<loc>{{ url_for('item') ~ anchor }}</loc>", False, id="joined"),
        pytest.param("<loc>{{ url_for('item', q=q)|safe }}</loc>", False, id="filtered"),
        pytest.param("<loc>{{ post.url_for('edit') }}</loc>", False, id="a-method"),
        pytest.param("<a onclick=\"{{ url_for('item', q=q) }}\">x</a>", False, id="handler"),
    ],
)
def test_writes_built_url(text: str, expected: bool) -> None:
    _, built = _first_output(text)
    assert built is expected
