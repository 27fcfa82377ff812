"""Tests for values quoted for SQL by hand."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.analysis.taint.test_engine import findings
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.sql_quoting import doubled_kind, format_fields, quoted_by_hand


@pytest.mark.parametrize(
    ("old", "new", "before", "after", "quoting"),
    [
        pytest.param("`", "``", "FROM `", "`;", "closed", id="backticks"),
        pytest.param("]", "]]", "FROM [", "]", "closed", id="brackets"),
        pytest.param("'", "''", "= '", "'", "escaped", id="string-quote"),
        pytest.param('"', '""', 'SELECT "', '"', "escaped", id="double-quote"),
        pytest.param("`", "``", "FROM ", ";", "", id="not-between-backticks"),
        pytest.param("`", "``", "FROM [", "]", "", id="other-pair"),
        pytest.param("'", "''", "= ", "", "", id="bare"),
        pytest.param("`", "", "FROM `", "`", "", id="removed"),
    ],
)
def test_quoted_by_hand(old: str, new: str, before: str, after: str, quoting: str) -> None:
    kind = doubled_kind(ir.Const(old), ir.Const(new))
    assert quoted_by_hand(kind, before, after) == quoting


def test_format_fields_written_once_as_they_are() -> None:
    fields = format_fields("SELECT `{0}` FROM t WHERE a = '{1!r}' AND '{b}' '{c:5}' {b} '{d}'")
    assert fields == {0: ("SELECT `", "` FROM t WHERE a = '"), "d": (" '", "'")}
    assert format_fields("'{") == {}


SOURCE = """\
from flask import Flask, request
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("sqlite:///library.db")


@app.post("/library")
def attach_library():
    path = request.form["path"]
    quoted = path.replace("'", "''")
    ticked = path.replace("`", "``")
    with engine.connect() as connection:
        connection.execute(text("ATTACH '{}' AS a".format(quoted)))
        connection.execute(text("ATTACH '%s' AS b" % quoted))
        connection.execute(text(f"ATTACH '{quoted}' AS c"))
        connection.execute(text("ATTACH '%r' AS d" % quoted))
        connection.execute(text(f"ATTACH '{quoted!r}' AS e"))
        connection.execute(text(f"ATTACH '{quoted:.9}' AS f"))
        connection.execute(text("SELECT {0} FROM '{0}'".format(quoted)))
        connection.execute(text("SELECT `{t}` FROM t".format(t=ticked)))
        connection.execute(text("SELECT `%s` FROM t" % (ticked,)))
        connection.execute(text(f"SELECT `{ticked}` FROM t"))
    return "ok"
"""


def test_quotes_doubled_in_a_literal_are_medium_and_identifiers_safe(tmp_path: Path) -> None:
    """A literal with its quotes doubled holds on every database but MySQL (medium); a
    conversion, a spec or a field written twice quotes nothing; identifiers are safe."""
    found = findings(tmp_path, {"app.py": textwrap.dedent(SOURCE)})
    assert [(line, confidence) for _, line, _, confidence in found] == [
        (14, "medium"),
        (15, "medium"),
        (16, "medium"),
        (17, "high"),
        (18, "high"),
        (19, "high"),
        (20, "high"),
    ]
