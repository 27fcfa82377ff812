"""Which arm of an `if` runs when no row matched its test."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.lookup_test import counted_local, missing_branch, unset_field


@pytest.mark.parametrize(
    ("test", "arm"),
    [
        pytest.param("M.query.filter(x).first() is None", "then", id="one-row-is-none"),
        pytest.param("M.query.filter(x).first()", "else", id="one-row"),
        pytest.param("M.objects.count() == 0", "then", id="count-zero"),
        pytest.param("M.objects.filter(x).count() < 1", "then", id="count-below-one"),
        pytest.param("M.objects.count() > 0", "else", id="count-above-zero"),
        pytest.param("M.objects.count()", "else", id="count-truthy"),
        pytest.param("not M.objects.filter(x).exists()", "then", id="not-exists"),
        pytest.param("FLAG and M.objects.count() == 0", "then", id="and-one-test"),
        pytest.param("FLAG or M.objects.exists()", "else", id="or-one-test"),
        # The `else` of an `and` runs when the flag is off, rows or not.
        pytest.param("FLAG and M.objects.exists()", "", id="and-else"),
        pytest.param("FLAG or M.objects.count() == 0", "", id="or-then"),
        pytest.param("M.objects.count() < 10", "", id="count-below-ten"),
        # Not a model's query: a path's `exists()`, a list's `count(x)`.
        pytest.param("not path.exists()", "", id="path-exists"),
        pytest.param("items.count(x) == 0", "", id="list-count"),
    ],
)
def test_missing_branch(test: str, arm: str) -> None:
    assert missing_branch(ast.parse(test, mode="eval").body) == arm


@pytest.mark.parametrize(
    ("test", "counted"),
    [
        pytest.param("not rows.count()", ("rows", "then"), id="not-count"),
        pytest.param("rows.exists()", ("rows", "else"), id="exists"),
        pytest.param(
            'key not in rows.values_list("key", flat=True)', ("rows", "then"), id="key-not-listed"
        ),
        pytest.param('key in rows.values("key")', ("rows", "else"), id="key-listed"),
        # A list's membership, or a query not held in a local: no local's rows.
        pytest.param("key not in keys", ("", ""), id="plain-list"),
        pytest.param('key in M.objects.values_list("key")', ("", ""), id="query-inline"),
    ],
)
def test_counted_local(test: str, counted: tuple[str, str]) -> None:
    assert counted_local(ast.parse(test, mode="eval").body) == counted


@pytest.mark.parametrize(
    ("test", "unset"),
    [
        pytest.param("row.page is None", ("row", "page", "then"), id="is-none"),
        pytest.param("row.page is not None", ("row", "page", "else"), id="is-not-none"),
        pytest.param("not row.page", ("row", "page", "then"), id="falsy"),
        pytest.param("row.page", ("row", "page", "else"), id="truthy"),
        pytest.param("ready and row.page is None", ("row", "page", "then"), id="and-one-test"),
        # The `then` of an `or` runs when the field is set too.
        pytest.param("ready or row.page is None", ("", "", ""), id="or-then"),
        pytest.param("row.page == 'home'", ("", "", ""), id="compared"),
        pytest.param("page is None", ("", "", ""), id="local"),
        pytest.param("row.owner.page is None", ("", "", ""), id="nested-attribute"),
    ],
)
def test_unset_field(test: str, unset: tuple[str, str, str]) -> None:
    assert unset_field(ast.parse(test, mode="eval").body) == unset
