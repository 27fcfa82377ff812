"""Which parameters an annotation gives one class, and which it cannot name a class for."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.annotated_params import annotated_classes, names_class

_IMPORTS = {
    "Optional": "typing.Optional",
    "Union": "typing.Union",
    "Entity": "app.models.Entity",
    "models": "app.models",
}


def _qualify(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return _IMPORTS.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        owner = _qualify(node.value)
        return f"{owner}.{node.attr}" if owner else None
    return None


def _arguments(annotation: str) -> ast.arguments:
    function = ast.parse(f"def f(entity: {annotation}, other): ...").body[0]
    assert isinstance(function, ast.FunctionDef)
    return function.args


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        pytest.param("Entity", "app.models.Entity", id="imported-class"),
        pytest.param("models.Entity", "app.models.Entity", id="module-attribute"),
        pytest.param("'Entity'", "app.models.Entity", id="string-annotation"),
        pytest.param("Optional[Entity]", "app.models.Entity", id="typing-optional"),
        pytest.param("Entity | None", "app.models.Entity", id="union-with-none"),
        pytest.param("'Entity | None'", "app.models.Entity", id="quoted-union-with-none"),
        pytest.param("Union[Entity, None]", "app.models.Entity", id="typing-union-with-none"),
        pytest.param("Local", "Local", id="class-of-the-module"),
        pytest.param("Entity | Local", "", id="union-of-classes"),
        pytest.param("list[Entity]", "", id="generic"),
        pytest.param("type[Entity]", "", id="the-class-itself"),
        pytest.param("str", "", id="text"),
        pytest.param("'not valid ['", "", id="unparsable-string"),
        pytest.param("None", "", id="none"),
    ],
)
def test_the_annotation_names_one_class(annotation: str, expected: str) -> None:
    found = dict(annotated_classes(_arguments(annotation), _qualify))
    assert found.get("entity", "") == expected
    assert "other" not in found


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        pytest.param("Entity", True, id="name"),
        pytest.param("Optional[Entity]", True, id="optional"),
        pytest.param("'Entity'", True, id="string"),
        pytest.param("int", False, id="builtin"),
        pytest.param("dict[str, Any]", False, id="generic"),
    ],
)
def test_names_class_skips_what_names_no_class(annotation: str, expected: bool) -> None:
    assert names_class(_arguments(annotation).args[0].annotation) is expected
