"""WW554's fix hint for a value in a `javascript:` URL."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit


def test_a_javascript_url_is_not_told_to_use_tojson(tmp_path: Path) -> None:
    page = tmp_path / "templates" / "page.html"
    page.parent.mkdir()
    page.write_text(
        "<a href=\"javascript:show('{{ name|urlencode }}')\">a</a>\n"
        '<a href="#" onclick="show(\'{{ name }}\')">b</a>\n',
        encoding="utf-8",
    )
    fixes = [f.fix for f in audit([tmp_path], tmp_path, select=["WW554"])]
    assert len(fixes) == 2
    assert "`data-` attribute that a click handler reads" in fixes[0]
    assert "tojson" not in fixes[0]
    assert "tojson" in fixes[1]
