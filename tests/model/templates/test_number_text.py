from __future__ import annotations

import ast

import pytest

from webwarden.model.templates.number_text import number_text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('format(area, ".2f")', True, id="format-fixed"),
        pytest.param('format(count, ",d")', True, id="format-grouped"),
        pytest.param('"%.1f ha" % area', True, id="percent-fixed"),
        pytest.param('"%(n)d of %(total)d" % counts', True, id="percent-named"),
        pytest.param('f"{share:.0%} done"', True, id="fstring-percent"),
        pytest.param('"{:.2f} m".format(area)', True, id="str-format"),
        pytest.param('format(code, "c")', False, id="format-character"),
        pytest.param("format(name, spec)", False, id="format-unknown-spec"),
        pytest.param('"%s: %.2f" % (label, area)', False, id="percent-string"),
        pytest.param('f"{area:.2f} {unit}"', False, id="fstring-plain-field"),
        pytest.param('f"{area!r:.2f}"', False, id="fstring-conversion"),
        pytest.param('"{} m".format(area)', False, id="str-format-plain"),
        pytest.param("str(area)", False, id="str"),
    ],
)
def test_number_text(source: str, expected: bool) -> None:
    assert number_text(ast.parse(source, mode="eval").body) is expected
