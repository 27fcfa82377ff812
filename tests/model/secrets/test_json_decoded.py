"""Environment lookups decoded as JSON, whose empty-document default holds no credential."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.secrets.json_decoded import decoded_empty
from webwarden.parse.python import ParsedPython, parse_source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('KEYS = json.loads(os.getenv("KEYS", "{}"))', True, id="decoded-at-once"),
        pytest.param('KEYS = os.getenv("KEYS", "[]")\nKEYS = json.loads(KEYS)', True, id="decoded-in-place"),
        pytest.param('KEYS = os.getenv("KEYS", "{}")\nif KEYS != "{}":\n    KEYS = base64.b64decode(KEYS)\nKEYS = json.loads(KEYS)', True, id="remade-then-decoded"),
        pytest.param('def f():\n    keys = os.getenv("KEYS", "null")\n    keys = json.loads(keys)', True, id="in-a-function"),
        pytest.param('KEYS = os.getenv("KEYS", "{}")\nsend(KEYS)\nKEYS = json.loads(KEYS)', False, id="used-before-decoding"),
        pytest.param('KEY = os.getenv("KEY", "{}")\nKEYS = json.loads(KEY)', False, id="decoded-into-another-name"),
        pytest.param('KEYS = os.getenv("KEYS", "{}")', False, id="never-decoded"),
        pytest.param('KEYS = os.getenv("KEYS", "[1]")\nKEYS = json.loads(KEYS)', False, id="default-not-empty"),
    ],
)  # fmt: skip
def test_decoded_empty(source: str, expected: bool) -> None:
    text = "import base64\nimport json\nimport os\n" + textwrap.dedent(source)
    parsed = parse_source(text, "app/settings.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/settings.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    lookup = next(
        node
        for node in ast.walk(ctx.tree)
        if isinstance(node, ast.Call) and ctx.call_name(node) == "os.getenv"
    )
    default = lookup.args[1]
    assert isinstance(default, ast.Constant)
    assert decoded_empty(ctx, lookup, default.value) is expected
