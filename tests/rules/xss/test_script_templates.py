"""Which marking calls wrap only JSON rendered into a JavaScript template."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from webwarden.rules.xss._script_templates import json_into_script_template

HEADER = "import json\nfrom django.utils.safestring import mark_safe\n\n\ndef view(request, q):\n"


def _judged(tmp_path: Path, body: str) -> bool:
    source = HEADER + textwrap.indent(textwrap.dedent(body), "    ")
    (tmp_path / "views.py").write_text(source, encoding="utf-8")
    lines = source.splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "mark_safe(" in text)
    column = lines[line - 1].index("mark_safe(") + 1
    return json_into_script_template(tmp_path, "views.py", line, column)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('ctx = {"q": mark_safe(json.dumps(q))}\nreturn render_to_string("w.js", ctx)', True),
        ('return render(request, "w.js", {"q": mark_safe("/*" + json.dumps(q) + "*/")})', True),
        ('return render_to_string("w.js", context={"q": mark_safe(json.dumps(q))})', True),
        ('return render_to_string("w.html", {"q": mark_safe(json.dumps(q))})', False),
        ('return render_to_string("w.js", {"q": mark_safe(q)})', False),
        ('return render_to_string("w.js", {"q": mark_safe("<b>" + json.dumps(q))})', False),
        ('ctx = {"q": mark_safe(json.dumps(q))}\nreturn render_to_string(name, ctx)', False),
        (
            'ctx = {"q": mark_safe(json.dumps(q))}\nrender_to_string("w.js", ctx)\n'
            'return render_to_string("w.html", ctx)',
            False,
        ),
        ('x = mark_safe(json.dumps(q))\nreturn render_to_string("w.js", {"q": x})', False),
    ],
    ids=[
        "local-context",
        "render-shortcut",
        "keyword-context",
        "html-template",
        "not-json",
        "html-around-json",
        "unknown-template",
        "also-html",
        "not-in-dict",
    ],
)
def test_json_into_script_template(tmp_path: Path, body: str, expected: bool) -> None:
    assert _judged(tmp_path, body) is expected
