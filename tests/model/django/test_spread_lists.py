"""The items of a module-level list given spread: `include(*components)`."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.spread_lists import spread_entries
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _items(source: str) -> list[tuple[str, str | None]]:
    """Each item of `parts` as the spread call reads it, with the test it was added under."""
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext(
        "site/settings.py",
        "site.settings",
        tuple(text.splitlines()),
        tree,
        NameResolver(tree, "site.settings"),
    )
    call = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Starred)
    )
    assert isinstance(call.args[0], ast.Starred)
    spread = call.args[0].value
    assert isinstance(spread, ast.Name)
    return [
        (
            ast.unparse(entry.bound(entry.node)),
            None if entry.test is None else ast.unparse(entry.test),
        )
        for entry in spread_entries(ctx, spread, call.lineno)
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            'parts = ["a.py"]\nparts += ["b.py"]\nparts.extend(("c.py",))\nrun(*parts)\n',
            [("'a.py'", None), ("'b.py'", None), ("'c.py'", None)],
            id="literal-then-added",
        ),
        pytest.param(
            'PLUGINS = {"P_A": "a.py"}\nparts = []\n'
            "for key, path in PLUGINS.items():\n    if env(key):\n        parts.append(path)\n"
            "run(*parts)\n",
            [("'a.py'", "env('P_A')")],
            id="dict-items-loop-under-test",
        ),
        pytest.param(
            'parts = ["a.py"]\nif DEBUG:\n    parts.append("dev.py")\nelse:\n'
            '    parts.append("prod.py")\nrun(*parts)\n',
            [("'a.py'", None), ("'dev.py'", "DEBUG"), ("'prod.py'", "not DEBUG")],
            id="both-arms",
        ),
        pytest.param(
            'parts = ["a.py"]\nfor name in names():\n    parts.append(name)\nrun(*parts)\n',
            [("'a.py'", None), ("name", None)],
            id="loop-over-unknown-values",
        ),
        pytest.param(
            'parts = ["a.py"]\nparts = read_parts()\nrun(*parts)\n',
            [],
            id="rebound-to-unknown",
        ),
        pytest.param(
            'parts = ["a.py", "b.py"]\nparts.remove("a.py")\nrun(*parts)\n',
            [],
            id="edited-otherwise",
        ),
        pytest.param(
            'parts = ["a.py"]\nrun(*parts)\nparts.append("late.py")\n',
            [("'a.py'", None)],
            id="added-after-the-call",
        ),
    ],
)
def test_spread_entries(source: str, expected: list[tuple[str, str | None]]) -> None:
    assert _items(source) == expected
