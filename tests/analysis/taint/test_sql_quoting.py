"""Tests for identifiers quoted by hand."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.sql_quoting import doubled_kind, quotes_identifier


@pytest.mark.parametrize(
    ("old", "new", "before", "after", "quoted"),
    [
        pytest.param("`", "``", "FROM `", "`;", True, id="backticks"),
        pytest.param("]", "]]", "FROM [", "]", True, id="brackets"),
        pytest.param("`", "``", "FROM ", ";", False, id="not-between-backticks"),
        pytest.param("`", "``", "FROM [", "]", False, id="other-pair"),
        pytest.param("'", "''", "= '", "'", False, id="string-quote"),
        pytest.param("`", "", "FROM `", "`", False, id="removed"),
    ],
)
def test_quoted_identifier(old: str, new: str, before: str, after: str, quoted: bool) -> None:
    kind = doubled_kind(ir.Const(old), ir.Const(new))
    assert quotes_identifier(kind, before, after) is quoted
