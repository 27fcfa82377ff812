"""Which receivers a method sink is about."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint.sinks import method_sinks, receiver_matches


def _rules(method: str, kind: str, text: str) -> list[str]:
    return [s.rule for s in method_sinks(method) if receiver_matches(s, kind, text)]


@pytest.mark.parametrize(
    ("kind", "text", "first"),
    [
        pytest.param("graphene.types.schema.Schema", "own_schema", "WW1119", id="graphene"),
        pytest.param("", "schema", "WW1119", id="named-schema"),
        pytest.param("", "self.graphql_schema", "WW1119", id="named-graphql-schema"),
        pytest.param("sqlite3.Cursor", "cursor", "WW440", id="dbapi-cursor"),
        pytest.param("", "db_schema_cursor", "WW440", id="other-name"),
    ],
)
def test_execute_of_a_graphql_schema_runs_graphql(kind: str, text: str, first: str) -> None:
    assert _rules("execute", kind, text)[0] == first


def test_graphql_schema_is_never_an_sql_sink() -> None:
    assert _rules("execute", "", "schema") == ["WW1119"]
