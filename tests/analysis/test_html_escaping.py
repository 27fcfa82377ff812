from __future__ import annotations

import pytest

from webwarden.analysis.html_escaping import (
    escapes_attribute,
    escapes_chain,
    escapes_text,
    step,
)

_ESCAPE = [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")]


@pytest.mark.parametrize(
    ("pairs", "escaped"),
    [
        pytest.param(_ESCAPE, True, id="amp-first"),
        pytest.param([*_ESCAPE, ("\n", "<br>")], True, id="whole-tag-after"),
        pytest.param([*_ESCAPE, (",", ",</span><span>")], True, id="closing-and-opening-tags"),
        pytest.param([("<", "&lt;"), (">", "&gt;")], True, id="no-amp-entities-stay-text"),
        pytest.param([("<", ""), (">", "")], True, id="stripped"),
        pytest.param([("<", "&lt;"), (">", "&gt;"), ("&", "&amp;")], False, id="amp-last"),
        pytest.param([("\n", "&#10;"), *_ESCAPE], False, id="entity-before-amp"),
        pytest.param([("&", "&amp;"), (">", "&gt;")], False, id="lt-missing"),
        pytest.param([("&", "&amp;"), ("<", "&lt;")], False, id="gt-missing"),
        pytest.param([*_ESCAPE, ("&lt;", "<")], False, id="undone"),
        pytest.param([*_ESCAPE, ("[", "<")], False, id="open-tag-written"),
        pytest.param([*_ESCAPE, ("*", None)], False, id="unknown-replacement"),
        pytest.param([], False, id="nothing"),
    ],
)
def test_escapes_chain(pairs: list[tuple[str | None, str | None]], escaped: bool) -> None:
    assert escapes_chain(pairs) is escaped


def test_attribute_needs_quotes() -> None:
    marks: frozenset[str] = frozenset()
    for old, new in _ESCAPE:
        marks = step(marks, old, new)
    assert escapes_text(marks)
    assert not escapes_attribute(marks)
    for old, new in (('"', "&quot;"), ("'", "&#x27;")):
        marks = step(marks, old, new)
    assert escapes_attribute(marks)
    assert not escapes_attribute(step(marks, "*", '"'))
