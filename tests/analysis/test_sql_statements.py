"""Reading and writing SQL statements, one test for the write model and the Flask views."""

from __future__ import annotations

import pytest

from webwarden.analysis.sql_statements import reads_only, writes


@pytest.mark.parametrize(
    ("sql", "only_reads", "starts_writing"),
    [
        ("SELECT 1", True, False),
        ("  select version_num from alembic_version", True, False),
        ("-- health\nSELECT count(*) FROM jobs", True, False),
        ("WITH recent AS (SELECT id FROM jobs) SELECT * FROM recent", True, False),
        ("SELECT updated_at FROM jobs", True, False),
        ("SELECT * FROM jobs FOR UPDATE", False, False),
        ("SELECT * INTO archive FROM jobs", False, False),
        ("SELECT nextval('job_ids')", False, False),
        ("WITH moved AS (DELETE FROM jobs RETURNING *) SELECT * FROM moved", False, False),
        ("UPDATE jobs SET done = true", False, True),
        ("-- purge\nDELETE FROM jobs", False, True),
        ("CALL refresh_jobs()", False, False),
    ],
)
def test_reads_only_and_writes(sql: str, only_reads: bool, starts_writing: bool) -> None:
    assert reads_only(sql) is only_reads
    assert writes(sql) is starts_writing
