from __future__ import annotations

import ast

import pytest

from webwarden.model.record_reads import reads_record


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("job = get_object_or_404(Job, pk=pk)", True, id="object-or-404"),
        pytest.param("job = Job.objects.get(pk=pk)", True, id="manager-get"),
        pytest.param("token = Token.query.filter_by(key=key).first()", True, id="query-first"),
        pytest.param(
            "query = db.session.query(Query).filter(Query.id == key).one()",
            True,
            id="session-query-one",
        ),
        pytest.param("job = Job.query.filter_by(id=pk).first_or_404()", True, id="first-or-404"),
        pytest.param("job = Job.objects.create(pk=pk)", False, id="create-writes"),
        pytest.param("job = cache.get(pk)", False, id="not-a-manager"),
        pytest.param("job.owner = Job.objects.get(pk=pk)", False, id="attribute-target"),
        pytest.param("Job.objects.get(pk=pk)", False, id="not-an-assignment"),
    ],
)
def test_reads_record(source: str, expected: bool) -> None:
    assert reads_record(ast.parse(source).body[0]) is expected
