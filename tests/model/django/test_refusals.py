from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.facts import Refusal
from webwarden.model.django.refusals import assert_refusals, refusals
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _refusals(source: str) -> list[Refusal]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext(
        "settings/prod.py",
        "settings.prod",
        tuple(text.splitlines()),
        tree,
        NameResolver(tree, "settings.prod"),
    )
    guard = next(s for s in tree.body if isinstance(s, ast.If))
    return list(refusals(ctx, guard))


def test_alternatives_of_one_setting_are_gathered() -> None:
    found = _refusals(
        """
        import sys
        WEAK = {"", "dev-key"}
        if not SECRET_KEY or str(SECRET_KEY).strip() in WEAK or SECRET_KEY.startswith("django-insecure"):
            sys.exit("set SECRET_KEY")
        """
    )
    assert found == [
        Refusal(
            "SECRET_KEY",
            empty=True,
            values=frozenset({"", "dev-key"}),
            prefixes=("django-insecure",),
        )
    ]
    assert found[0].refuses("dev-key")
    assert found[0].refuses("django-insecure-abc")
    assert found[0].refuses(None)
    assert not found[0].refuses("a-real-key")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('if SECRET_KEY == "dev-key":\n    print("weak key")\n', id="only-warns"),
        pytest.param('if SECRET_KEY == "dev-key" and not DEBUG:\n    raise ValueError\n', id="and"),
        pytest.param("if SECRET_KEY in KEYS:\n    raise ValueError\n", id="unknown-collection"),
        pytest.param('if secret_key == "dev-key":\n    raise ValueError\n', id="not-a-setting"),
    ],
)
def test_no_refusal(source: str) -> None:
    assert _refusals(source) == []


def _assert_refusals(source: str) -> list[Refusal]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext(
        "settings/prod.py",
        "settings.prod",
        tuple(text.splitlines()),
        tree,
        NameResolver(tree, "settings.prod"),
    )
    guard = next(s for s in tree.body if isinstance(s, ast.Assert))
    return list(assert_refusals(ctx, guard))


def test_assert_refuses_what_fails_its_test() -> None:
    found = _assert_refusals(
        """
        assert SECRET_KEY and SECRET_KEY != "change-me" and not SECRET_KEY.startswith("dev-"), "set it"
        """
    )
    assert found == [
        Refusal("SECRET_KEY", empty=True, values=frozenset({"change-me"}), prefixes=("dev-",))
    ]


def test_assert_not_in_refuses_the_listed_values() -> None:
    found = _assert_refusals('assert SECRET_KEY not in ("", "x"), "weak key"\n')
    assert found == [Refusal("SECRET_KEY", values=frozenset({"", "x"}))]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param('assert SECRET_KEY != "x" or DEBUG\n', id="or"),
        pytest.param('assert SECRET_KEY == "x"\n', id="equal"),
    ],
)
def test_no_assert_refusal(source: str) -> None:
    assert _assert_refusals(source) == []


def test_assert_part_not_understood_leaves_the_others() -> None:
    found = _assert_refusals('assert len(SECRET_KEY) > 50 and SECRET_KEY != "x"\n')
    assert found == [Refusal("SECRET_KEY", values=frozenset({"x"}))]
