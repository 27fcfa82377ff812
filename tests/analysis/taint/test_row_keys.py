"""Which Django lookups of a row by a local narrow it, and whether they raise when no row
matches (a slug then equals a saved one)."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.lower_expr import Scope
from webwarden.analysis.taint.row_keys import lookup_starts, may_look_up, row_key_guards


def _scope() -> Scope:
    return Scope(
        "views.f",
        "views",
        frozenset({"slug"}),
        frozenset(),
        frozenset(),
        {
            "Bundle": "app.models.Bundle",
            "get_object_or_404": "django.shortcuts.get_object_or_404",
        },
        frozenset(),
        lambda node: (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)),
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("Bundle.objects.get(slug=slug)", True, id="get"),
        pytest.param("Bundle.objects.all().get(slug=slug)", True, id="chained-get"),
        pytest.param("get_object_or_404(Bundle, slug=slug)", True, id="shortcut"),
        pytest.param("Bundle.objects.filter(slug=slug)", False, id="filter"),
        pytest.param("Bundle.objects.filter(slug=slug).first()", False, id="first"),
        pytest.param("Bundle.objects.filter(slug=slug).exists()", False, id="exists"),
    ],
)
def test_lookup_raises_unless_a_row_matches(text: str, found: bool) -> None:
    call = ast.parse(text, mode="eval").body
    assert isinstance(call, ast.Call)
    guards = row_key_guards(call, _scope())
    assert [(g.name, g.how, g.callee.removesuffix(".objects"), g.key, g.found) for g in guards] == [
        ("slug", "row_key", "app.models.Bundle", "slug", found)
    ]


def test_related_or_inexact_lookup_is_not_a_key() -> None:
    call = ast.parse("Bundle.objects.get(slug__iexact=slug)", mode="eval").body
    assert isinstance(call, ast.Call)
    assert row_key_guards(call, _scope()) == ()


def test_only_tests_holding_a_call_named_as_a_lookup_are_walked() -> None:
    source = """
if not Term.objects.filter(year=year).exists():
    pass
if count > 1 and request.user.is_staff:
    pass
if x and get_object_or_404(Bundle, slug=slug):
    pass
if f(a, b=c): self.get_object()
"""
    tree = ast.parse(source)
    starts = lookup_starts(ast.walk(tree))
    tests = [s.test for s in tree.body if isinstance(s, ast.If)]
    assert [may_look_up(test, starts) for test in tests] == [True, False, True, False]
