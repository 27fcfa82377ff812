from __future__ import annotations

import ast

import pytest

from webwarden.model.templates.class_tables import table_item


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


@pytest.mark.parametrize(
    ("source", "locals_", "expected"),
    [
        pytest.param("Status.colours.get(self.status)", (), True, id="class-table"),
        pytest.param("BADGES[self.kind]", (), True, id="module-constant"),
        pytest.param('ICONS.get(self.kind, "question")', (), True, id="literal-default"),
        pytest.param("ICONS.get(self.kind, None)", (), True, id="none-default"),
        pytest.param("ICONS.get(self.kind, self.kind)", (), False, id="input-default"),
        pytest.param("self.colours.get(self.status)", (), False, id="instance-table"),
        pytest.param("cache.get(self.key)", (), False, id="lowercase-name"),
        pytest.param("BADGES.get(self.kind)", ("BADGES",), False, id="local-name"),
        pytest.param("Status.get(self.status)", (), False, id="class-method"),
        pytest.param("BADGES.get(**options)", (), False, id="keywords"),
        pytest.param("Circuit.objects.get(self.parent_id)", (), False, id="manager"),
        pytest.param("Circuit._default_manager.get(key)", (), False, id="default-manager"),
    ],
)
def test_table_item(source: str, locals_: tuple[str, ...], expected: bool) -> None:
    value = ast.parse(source, mode="eval").body
    assert table_item(value, dict.fromkeys(locals_), _literal) is expected
