"""URL pattern pieces choosing one of the values the application lists."""

from __future__ import annotations

import ast

import pytest

from webwarden.model.django.listed_choices import LISTED, listed_choice
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _choice(text: str) -> str | None:
    tree = ast.parse(text)
    ctx = FileContext("urls.py", "urls", tuple(text.splitlines()), tree, NameResolver(tree, "urls"))
    last = tree.body[-1]
    assert isinstance(last, ast.Expr)
    return listed_choice(ctx, last.value)


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        pytest.param('"|".join(codes)', "{listed:codes}", id="joined-name"),
        pytest.param('"|".join(c.lower() for c in codes)', "{listed:}", id="joined-generator"),
        pytest.param('"(%s)" % "|".join(codes)', "({listed:codes})", id="percent-group"),
        pytest.param('"(?:{})".format("|".join(codes))', "(?:{listed:codes})", id="format-group"),
        pytest.param("f\"({'|'.join(codes)})\"", "({listed:codes})", id="f-string-group"),
        pytest.param('p = r"({})".format("|".join(codes))\np', "({listed:codes})", id="bound"),
        pytest.param('",".join(codes)', None, id="other-separator"),
        pytest.param('"(.+|{})".format("|".join(codes))', None, id="beside-anything"),
        pytest.param("f\"({'|'.join(codes)!r})\"", None, id="converted"),
        pytest.param("p = compute()\np", None, id="unknown"),
        pytest.param("p = 1\np = '|'.join(codes)\np", None, id="bound-twice"),
    ],
)
def test_listed_choice(text: str, piece: str | None) -> None:
    assert _choice(text) == piece


def test_listed_regex_wants_the_piece_alone() -> None:
    assert LISTED.fullmatch("((?:{listed:a.b}))")
    assert not LISTED.fullmatch("({listed:a}|x)")
