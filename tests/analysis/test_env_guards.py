"""Environment variables an `if` test proves set in one of its arms."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.env_guards import variables_set_at
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def set_at_password(source: str) -> frozenset[str]:
    """The variables proved set where the value assigned to PASSWORD is."""
    source = textwrap.dedent(source)
    tree = ast.parse(source)
    ctx = FileContext(
        "settings.py", "settings", tuple(source.splitlines()), tree, NameResolver(tree)
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "PASSWORD":
            return variables_set_at(ctx, node.value)
    raise AssertionError("no PASSWORD assignment")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('if "A" in os.environ:\n    PASSWORD = 1', {"A"}, id="in"),
        pytest.param('if "A" not in os.environ:\n    PASSWORD = 1', set(), id="not-in-body"),
        pytest.param(
            'if "A" not in os.environ:\n    pass\nelse:\n    PASSWORD = 1', {"A"}, id="not-in-else"
        ),
        pytest.param(
            'if not "A" in os.environ:\n    pass\nelse:\n    PASSWORD = 1', {"A"}, id="not-swaps"
        ),
        pytest.param(
            'if os.getenv("A") and os.environ.get("B", ""):\n    PASSWORD = 1',
            {"A", "B"},
            id="and-of-lookups",
        ),
        pytest.param('if os.getenv("A", "x"):\n    PASSWORD = 1', set(), id="true-default"),
        pytest.param(
            'if "A" in os.environ or "B" in os.environ:\n    PASSWORD = 1', set(), id="or"
        ),
        pytest.param(
            'if "A" in os.environ:\n    if "B" in os.environ:\n        PASSWORD = 1',
            {"A", "B"},
            id="nested",
        ),
        pytest.param('if "A" in environ:\n    PASSWORD = 1', set(), id="other-mapping"),
        pytest.param(
            'a = os.getenv("A", "")\nif a:\n    PASSWORD = 1', {"A"}, id="name-bound-to-lookup"
        ),
        pytest.param(
            'a = os.getenv("A", "")\nif not a:\n    pass\nelse:\n    PASSWORD = 1',
            {"A"},
            id="name-negated-else",
        ),
        pytest.param(
            'a = os.getenv("A", "x")\nif a:\n    PASSWORD = 1', set(), id="name-true-default"
        ),
        pytest.param(
            'a = os.getenv("A", "")\nif os.getenv("B"):\n    a = "x"\nif a:\n    PASSWORD = 1',
            set(),
            id="name-bound-twice",
        ),
        pytest.param(
            'for a in [os.getenv("A", "")]:\n    pass\nif a:\n    PASSWORD = 1',
            set(),
            id="name-bound-by-loop",
        ),
        pytest.param(
            'def f():\n    a = os.getenv("A", "")\n    if a:\n        PASSWORD = 1',
            set(),
            id="local-name",
        ),
    ],
)
def test_variables_set_at(source: str, expected: set[str]) -> None:
    assert set_at_password("import os\nenviron = {}\n" + source) == expected
