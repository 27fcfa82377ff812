"""Filters that return a sequence of whole numbers (a pagination filter's page numbers)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.templates.number_lists import returns_number_list


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(
    ("source", "numbers"),
    [
        pytest.param(
            """
            def pages(paginator, current, around=8):
                if paginator.num_pages > 2 * around:
                    start = max(1, current - around)
                    listed = [n for n in range(start, start + 2 * around + 1)]
                    return listed[: 2 * around + 1]
                return paginator.page_range
            """,
            True,
            id="slice-of-range-or-page-range",
        ),
        pytest.param(
            "def f(page):\n    return list(page.paginator.get_elided_page_range(page.number))\n",
            True,
            id="elided-page-range",
        ),
        pytest.param("def f(n):\n    return range(1, n + 1)\n", True, id="range"),
        pytest.param("def f(n):\n    return (1, 2, 3)\n", True, id="literal-numbers"),
        pytest.param(
            "def f(rows):\n    return [row.name for row in rows]\n", False, id="names-of-rows"
        ),
        pytest.param(
            "def f(n):\n    found = range(n)\n    found = n.split()\n    return found\n",
            False,
            id="local-also-bound-to-text",
        ),
        pytest.param("def f(n):\n    return [str(i) for i in range(n)]\n", False, id="text"),
        pytest.param("def f(n):\n    if n:\n        return range(n)\n", True, id="or-none"),
        pytest.param("def f(n):\n    return\n", False, id="nothing"),
    ],
)
def test_returns_number_list(source: str, numbers: bool) -> None:
    assert returns_number_list(_function(source)) is numbers
