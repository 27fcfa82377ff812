from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.auth.field_types import holds_no_text


def _statement(source: str) -> ast.stmt:
    return ast.parse(textwrap.dedent(source)).body[0]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("change_password = models.BooleanField(default=False)", True, id="django"),
        pytest.param("changed = DateTimeField(null=True)", True, id="bare-field"),
        pytest.param("must_change = db.Column(db.Boolean, default=False)", True, id="column"),
        pytest.param('flag = Column("flag", Boolean())', True, id="named-column"),
        pytest.param("flag = mapped_column(sa.DateTime(timezone=True))", True, id="mapped"),
        pytest.param("flag: Mapped[bool | None]", True, id="mapped-annotation"),
        pytest.param("flag: bool = Field(default=False)", True, id="sqlmodel"),
        pytest.param('flag: "bool" = False', True, id="string-annotation"),
        pytest.param("password = models.CharField(max_length=128)", False, id="text-field"),
        pytest.param("password = db.Column(db.String(128))", False, id="text-column"),
        pytest.param("password: Mapped[str]", False, id="text-annotation"),
        pytest.param("password: Mapped[Optional[str]] = mapped_column()", False, id="optional"),
        pytest.param("password = Column(Integer, ForeignKey('x.id'))", True, id="integer-key"),
        pytest.param("password = get_field()", False, id="unknown-call"),
    ],
)
def test_holds_no_text(source: str, expected: bool) -> None:
    assert holds_no_text(_statement(source)) is expected
