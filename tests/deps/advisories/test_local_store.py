from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from webwarden.deps.advisories.bulk import read_records
from webwarden.deps.advisories.interface import AdvisoryServiceError, AdvisoryStoreCorrupt
from webwarden.deps.advisories.local_store import LocalStore, NothingToImport, import_records


def _record(
    advisory_id: str, name: str = "flask", modified: str = "2024-01-01", **extra: Any
) -> dict[str, Any]:
    return {
        "id": advisory_id,
        "modified": modified,
        "affected": [{"package": {"name": name, "ecosystem": "PyPI"}, "versions": ["1.0"]}],
        **extra,
    }


def test_pypa_snapshot_counts(pypa_store: Path) -> None:
    status = LocalStore(pypa_store).status()
    assert (status.advisories, status.withdrawn, status.packages) == (2661, 10, 664)
    assert status.credits == {"PyPA advisory database (CC-BY 4.0)": 2661}
    assert status.newest is not None
    assert status.newest.isoformat() == "2024-10-10T17:22:00.587279+00:00"
    # The data is as old as its newest record, not as recent as its import.
    assert status.age_days(status.newest + dt.timedelta(days=3)) == pytest.approx(3)
    assert status.updated is not None
    assert status.updated > status.newest


def test_query_many_by_normalised_name_skips_withdrawn(pypa_store: Path) -> None:
    store = LocalStore(pypa_store)
    found = store.query_many(["flask", "jinja2", "redis", "no-such-package"])
    assert [a.id for a in found["flask"]] == ["PYSEC-2018-66", "PYSEC-2019-179", "PYSEC-2023-62"]
    assert len(found["jinja2"]) == 5
    # PYSEC-2023-73 (redis) is withdrawn: never returned.
    assert "PYSEC-2023-73" not in [a.id for a in found["redis"]]
    assert found["no-such-package"] == []
    assert [a.id for a in store.query("werkzeug")][:2] == ["PYSEC-2017-43", "PYSEC-2019-140"]
    store.close()


def test_merge_keeps_the_newer_record_and_replace_starts_over(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    first = [("a.json", _record("X-1", summary="old", modified="2024-02-01"))]
    import_records(store, first, origin="first", now=now)
    older = [("b.json", _record("X-1", summary="older", modified="2023-01-01"))]
    newer = [("c.json", _record("X-2", name="django"))]
    result = import_records(store, older + newer, origin="second", now=now)
    assert result.imported == 1
    found = LocalStore(store).query_many(["flask", "django"])
    assert [(a.id, a.summary) for a in found["flask"]] == [("X-1", "old")]
    assert [a.id for a in found["django"]] == ["X-2"]
    import_records(store, newer, origin="third", replace=True, now=now)
    status = LocalStore(store).status()
    assert (status.advisories, status.origin, status.updated) == (1, "third", now)


@pytest.mark.parametrize("replace", [False, True], ids=["merge", "replace"])
def test_a_source_with_no_record_leaves_the_store_as_it_was(tmp_path: Path, replace: bool) -> None:
    store = tmp_path / "store.sqlite3"
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    import_records(store, [("a.json", _record("X-1"))], origin="first", now=now)
    with pytest.raises(NothingToImport, match="empty: no readable OSV record, nothing imported"):
        import_records(store, [("b.json", ValueError("bad"))], origin="empty", replace=replace)
    status = LocalStore(store).status()
    assert (status.advisories, status.origin, status.updated) == (1, "first", now)
    assert [p.name for p in tmp_path.iterdir()] == ["store.sqlite3"]


def test_records_without_pypi_package_and_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "osv"
    folder.mkdir()
    (folder / "ok.json").write_text(json.dumps(_record("X-1")), encoding="utf-8")
    (folder / "npm.json").write_text(
        json.dumps({"id": "X-2", "affected": [{"package": {"name": "a", "ecosystem": "npm"}}]}),
        encoding="utf-8",
    )
    (folder / "bad.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (folder / "noid.json").write_text('{"summary": "x"}', encoding="utf-8")
    (folder / "README.md").write_text("not a record", encoding="utf-8")
    result = import_records(tmp_path / "s.sqlite3", read_records(folder), origin="x")
    assert (result.imported, result.skipped) == (1, 1)
    assert [e.split(":")[0] for e in result.errors] == ["bad.yaml", "noid.json"]
    assert "invalid YAML" in result.errors[0]


def test_zip_export_and_single_record(tmp_path: Path) -> None:
    archive = tmp_path / "all.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("PYSEC-1.json", json.dumps(_record("PYSEC-1")))
        bundle.writestr("GHSA-1.json", json.dumps(_record("GHSA-1", aliases=["PYSEC-1"])))
        bundle.writestr("folder/", "")
    result = import_records(tmp_path / "s.sqlite3", read_records(archive), origin="zip")
    assert result.imported == 2
    single = tmp_path / "one.yaml"
    single.write_text("id: Y-1\naffected:\n- package: {name: flask, ecosystem: PyPI}\n", "utf-8")
    assert [r[0] for r in read_records(single)] == ["one.yaml"]


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        pytest.param("all.zip", b"not a zip", "not a readable zip archive", id="bad-zip"),
        pytest.param("notes.txt", b"x", "expected a folder of OSV JSON/YAML files", id="other"),
    ],
)
def test_unusable_sources(tmp_path: Path, name: str, content: bytes, error: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AdvisoryServiceError, match=error):
        list(read_records(path))


def test_from_records_is_thrown_away_on_close(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(_record("X-1")), encoding="utf-8")
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    store = LocalStore.from_records(tmp_path)
    assert [a.id for a in store.query("flask")] == ["X-1"]
    folder = store.path.parent
    store.close()
    assert not folder.exists()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        pytest.param(b"this is not sqlite" * 10, "unreadable advisory store", id="garbage"),
        pytest.param(None, "advisory store of another version", id="other-schema"),
        pytest.param(b"", "advisory store of another version|unreadable", id="empty"),
    ],
)
def test_corrupt_store_is_reported_then_rebuilt_by_import(
    tmp_path: Path, content: bytes | None, error: str
) -> None:
    store = tmp_path / "store.sqlite3"
    if content is None:
        with sqlite3.connect(store) as connection:
            connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
            connection.execute("INSERT INTO meta VALUES ('schema', '0')")
        connection.close()
    else:
        store.write_bytes(content)
    with pytest.raises(AdvisoryStoreCorrupt, match=error):
        LocalStore(store).status()
    with pytest.raises(AdvisoryStoreCorrupt, match=error):
        LocalStore(store).query_many(["flask"])
    result = import_records(store, [("a.json", _record("X-1"))], origin="rebuild")
    assert result.imported == 1
    assert LocalStore(store).status().advisories == 1


def test_damaged_record_row(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    import_records(store, [("a.json", _record("X-1"))], origin="x")
    with sqlite3.connect(store) as connection:
        connection.execute("UPDATE advisories SET record = '{broken'")
    connection.close()
    with pytest.raises(AdvisoryStoreCorrupt, match="damaged record"):
        LocalStore(store).query_many(["flask"])


def test_missing_store(tmp_path: Path) -> None:
    with pytest.raises(AdvisoryStoreCorrupt, match="no advisory store here"):
        LocalStore(tmp_path / "none.sqlite3").status()
