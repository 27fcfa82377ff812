from __future__ import annotations

import ast

import pytest

from webwarden.model.record_reads import fetches_by_getter, reads_record


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


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("device = get_device(device_id)", True, id="getter"),
        pytest.param("group = logic.groups.get_group(group_id)", True, id="module-getter"),
        pytest.param('row = get_row(key=row_id, kind="a")', True, id="keywords"),
        pytest.param("user = get_or_create_user(email)", False, id="stores"),
        pytest.param("item = get_new_item(item_id)", False, id="makes"),
        pytest.param("item = get_item(request.form['id'])", False, id="given-an-expression"),
        pytest.param("item = get_item(**ids)", False, id="spread"),
        pytest.param("item = fetch_item(item_id)", False, id="not-a-getter"),
        pytest.param("item.parent = get_item(item_id)", False, id="attribute-target"),
    ],
)
def test_fetches_by_getter(source: str, expected: bool) -> None:
    assert fetches_by_getter(ast.parse(source).body[0]) is expected
