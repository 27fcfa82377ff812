"""What a function's return annotation says it returns: a list or a dict, or nothing known."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.annotated_returns import (
    ANNOTATED_DICT,
    ANNOTATED_LIST,
    return_type,
    with_annotation,
)
from webwarden.analysis.taint.values import Label, Origin, Step, Trace, Value

_IMPORTS = {"List": "typing.List", "Optional": "typing.Optional", "OD": "collections.OrderedDict"}


def _qualify(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return _IMPORTS.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        owner = _qualify(node.value)
        return f"{owner}.{node.attr}" if owner else None
    return None


def _returns(annotation: str) -> str:
    function = ast.parse(f"def f() -> {annotation}: ...").body[0]
    assert isinstance(function, ast.FunctionDef)
    return return_type(function.returns, _qualify)


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        pytest.param("list[str]", ANNOTATED_LIST, id="list-of-text"),
        pytest.param("list", ANNOTATED_LIST, id="bare-list"),
        pytest.param("List[dict[str, str]]", ANNOTATED_LIST, id="typing-list"),
        pytest.param("dict[str, Any] | None", ANNOTATED_DICT, id="optional-dict"),
        pytest.param("Optional[dict]", ANNOTATED_DICT, id="typing-optional"),
        pytest.param("OD", ANNOTATED_DICT, id="ordered-dict"),
        pytest.param("'list[str]'", ANNOTATED_LIST, id="string-annotation"),
        pytest.param("str", "", id="text"),
        pytest.param("list[str] | str", "", id="list-or-text"),
        pytest.param("Iterator[str]", "", id="iterator"),
        pytest.param("'not valid ['", "", id="unparsable-string"),
        pytest.param("None", "", id="none"),
    ],
)
def test_the_annotation_names_a_list_or_a_dict(annotation: str, expected: str) -> None:
    assert _returns(annotation) == expected


def test_no_annotation_says_nothing() -> None:
    assert return_type(None, _qualify) == ""


def _read(kind: str = "") -> Value:
    step = Step("views.py", 3, 5, "read")
    return Value({Label(Origin("source", "views.py:3:5:q", text="q")): Trace((step,))}, kind=kind)


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("", id="unknown"),
        pytest.param("redis.Redis.zrange", id="made-by-a-library-call"),
    ],
)
def test_a_list_annotation_gives_an_unknown_value_its_kind(kind: str) -> None:
    assert with_annotation(ANNOTATED_LIST, _read(kind)).kind == ANNOTATED_LIST


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("<list>", id="a-display-keeps-its-parts"),
        pytest.param("cls:app.models.Row", id="a-project-object"),
        pytest.param("<orm:django>", id="rows-of-the-orm"),
    ],
)
def test_a_known_kind_is_kept(kind: str) -> None:
    assert with_annotation(ANNOTATED_DICT, _read(kind)).kind == kind


def test_a_clean_value_or_another_annotation_changes_nothing() -> None:
    assert with_annotation(ANNOTATED_LIST, Value()).kind == ""
    assert with_annotation("", _read()).kind == ""
