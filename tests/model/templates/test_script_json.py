"""JSON encoded for a `<script>` block by the code itself."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.script_json import script_safe_json


def _safe(body: str) -> bool:
    text = textwrap.dedent(
        """
        import json
        import bleach
        from django.utils.safestring import mark_safe

        def encode(data):
        """
    ) + textwrap.indent(textwrap.dedent(body), "    ")
    tree = ast.parse(text)
    ctx = FileContext("tags.py", "tags", tuple(text.splitlines()), tree, NameResolver(tree, "tags"))
    function = tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    returned = function.body[-1]
    assert isinstance(returned, ast.Return)
    assert returned.value is not None
    return script_safe_json(ctx, returned.value)


@pytest.mark.parametrize(
    ("body", "safe"),
    [
        pytest.param("return mark_safe(bleach.clean(json.dumps(data)))", True, id="cleaned"),
        pytest.param(
            "encoded = json.dumps(data)\ncleaned = bleach.clean(encoded)\nreturn mark_safe(cleaned)",
            True,
            id="cleaned-through-locals",
        ),
        pytest.param(
            "return bleach.clean(json.dumps(data), tags=['script'])", False, id="tags-given"
        ),
        pytest.param("return mark_safe(bleach.clean(data))", False, id="cleaned-not-json"),
        pytest.param("return mark_safe(json.dumps(data))", False, id="plain-json"),
    ],
)
def test_cleaned_json(body: str, safe: bool) -> None:
    assert _safe(body) is safe
