"""The `if` statement choosing a URL's query separator, read as the one `+=` it is."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint.query_separator import separator_statement


def _no_assignments(name: str) -> list[ast.Assign]:
    return []


def _statement(source: str) -> ast.If:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.If)
    return node


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            if "?" not in url:
                url += "?"
            else:
                url += "&"
            """,
            id="not-in-opens",
        ),
        pytest.param(
            """
            if "?" in self.url:
                self.url += "&"
            else:
                self.url += "?next=" + path
            """,
            id="in-continues-attribute",
        ),
    ],
)
def test_a_separator_choice_is_one_append(source: str) -> None:
    found = separator_statement(_statement(source), _no_assignments)
    assert found is not None
    assert isinstance(found.value, ast.IfExp)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            if "?" not in url:
                url += "&"
            else:
                url += "?"
            """,
            id="arms-swapped",
        ),
        pytest.param(
            """
            if "?" not in url:
                url += "?"
            else:
                other += "&"
            """,
            id="other-target",
        ),
        pytest.param(
            """
            if "?" not in url:
                url += "?"
            """,
            id="no-else",
        ),
        pytest.param(
            """
            if url.endswith("/"):
                url += "?"
            else:
                url += "/?"
            """,
            id="not-a-test-for-the-query",
        ),
        pytest.param(
            """
            if "?" not in url:
                url += "?"
                log(url)
            else:
                url += "&"
            """,
            id="arm-does-more",
        ),
    ],
)
def test_other_ifs_are_not(source: str) -> None:
    assert separator_statement(_statement(source), _no_assignments) is None
