from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from tests.deps.fixtures import ASSETS
from tests.deps.osv_server import OsvServer
from webwarden.deps.advisories.local_store import import_records
from webwarden.deps.advisories.osv_api import OsvApi
from webwarden.deps.options import DepsOptions
from webwarden.deps.run import NoticeKind, audit_project, choose_service, collect

FLASK = ASSETS / "requirements_project" / "requirements" / "base.txt"


def _notices(options: DepsOptions, files: list[Path] | None = None) -> list[tuple[str, str]]:
    audit = audit_project(ASSETS, files or [FLASK], options)
    return [(n.kind.value, n.reason) for n in audit.notices]


def test_offline_without_store_is_one_notice_and_the_rest_runs(tmp_path: Path) -> None:
    options = DepsOptions(offline=True, cache_dir=tmp_path)
    audit = audit_project(ASSETS, [FLASK, ASSETS / "broken" / "poetry.lock"], options)
    assert [(n.kind, n.reason) for n in audit.notices] == [
        (
            NoticeKind.UNAVAILABLE,
            f"offline and no usable local advisory store at {tmp_path / 'advisories.sqlite3'}",
        )
    ]
    assert [d.dependency.name for d in audit.dependencies] == ["Jinja2", "flask"]
    assert [p.path for p in audit.problems] == ["broken/poetry.lock"]
    assert audit.service == ""
    assert audit.credits == []


def test_default_store_in_the_cache_dir(tmp_path: Path, pypa_store: Path) -> None:
    (tmp_path / "advisories.sqlite3").write_bytes(pypa_store.read_bytes())
    options = DepsOptions(offline=True, cache_dir=tmp_path, stale_days=100_000)
    audit = audit_project(ASSETS, [FLASK], options)
    assert audit.notices == []
    assert audit.service.startswith("local advisory store at")
    assert [len(d.vulnerable) for d in audit.dependencies] == [1, 1]


def test_corrupt_store_is_reported_and_offline_has_no_fallback(tmp_path: Path) -> None:
    (tmp_path / "advisories.sqlite3").write_text("garbage" * 100, encoding="utf-8")
    notices = _notices(DepsOptions(offline=True, cache_dir=tmp_path))
    assert [kind for kind, _ in notices] == ["corrupt", "unavailable"]
    assert "unreadable advisory store" in notices[0][1]


def test_corrupt_db_given_explicitly_is_not_replaced_by_the_api(tmp_path: Path) -> None:
    store = tmp_path / "mine.sqlite3"
    store.write_text("garbage" * 100, encoding="utf-8")
    service, notices = choose_service(DepsOptions(db=store))
    assert service is None
    assert [n.kind for n in notices] == [NoticeKind.CORRUPT]


def test_missing_db_and_unreadable_record_folder(tmp_path: Path) -> None:
    assert _notices(DepsOptions(db=tmp_path / "none.sqlite3")) == [
        ("unavailable", f"no advisory store or OSV records at {tmp_path / 'none.sqlite3'}")
    ]
    bad_zip = tmp_path / "all.zip"
    bad_zip.write_bytes(b"not a zip")
    [(kind, reason)] = _notices(DepsOptions(db=bad_zip))
    assert (kind, "not a readable zip archive" in reason) == ("unavailable", True)


def test_stale_store_is_used_with_a_notice(tmp_path: Path) -> None:
    store = tmp_path / "old.sqlite3"
    record = {
        "id": "X-1",
        "affected": [{"package": {"name": "flask", "ecosystem": "PyPI"}, "versions": ["2.0.1"]}],
    }
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=90)
    import_records(store, [("x.json", record)], origin="x", now=long_ago)
    audit = audit_project(ASSETS, [FLASK], DepsOptions(db=store, stale_days=30))
    assert [(n.kind, n.reason) for n in audit.notices] == [
        (
            NoticeKind.STALE,
            f"local advisory store at {store}: newest record from {long_ago.date()}, "
            "more than 30 days ago",
        )
    ]
    assert [g.primary.id for d in audit.dependencies for g in d.vulnerable] == ["X-1"]
    assert audit.credits == ["OSV.dev"]


def test_data_age_is_the_newest_record(pypa_store: Path) -> None:
    [(kind, reason)] = _notices(DepsOptions(db=pypa_store))
    assert kind == "stale"
    assert reason == (
        f"local advisory store at {pypa_store}: newest record from 2024-10-10, "
        "more than 30 days ago"
    )


def test_no_dependencies_means_no_query(tmp_path: Path) -> None:
    audit = audit_project(tmp_path, [], DepsOptions(offline=True, cache_dir=tmp_path))
    assert (audit.dependencies, audit.notices) == ([], [])


@pytest.mark.live
def test_online_audit_uses_the_osv_api(osv_server: OsvServer, tmp_path: Path) -> None:
    options = DepsOptions(osv_url=osv_server.url, cache_dir=tmp_path)
    service, notices = choose_service(options)
    assert isinstance(service, OsvApi)
    assert notices == []
    audit = audit_project(ASSETS, [FLASK], options)
    assert audit.service == f"OSV API at {osv_server.url}"
    assert [[g.primary.id for g in d.vulnerable] for d in audit.dependencies] == [
        ["PYSEC-2021-66"],
        ["PYSEC-2023-62"],
    ]
    assert audit.credits == ["PyPA advisory database (CC-BY 4.0)"]


@pytest.mark.live
def test_hanging_osv_api_becomes_a_notice_within_the_timeout(
    osv_server: OsvServer, tmp_path: Path
) -> None:
    osv_server.mode = "hang"
    started = time.monotonic()
    notices = _notices(DepsOptions(osv_url=osv_server.url, cache_dir=tmp_path, timeout=0.3))
    assert time.monotonic() - started < 3
    assert notices == [("unavailable", f"OSV API at {osv_server.url} did not answer within 0.3 s")]


@pytest.mark.live
def test_outdated_reads_the_package_index(osv_server: OsvServer, tmp_path: Path) -> None:
    options = DepsOptions(
        outdated=True, index_url=osv_server.url, osv_url=osv_server.url, cache_dir=tmp_path
    )
    audit = audit_project(ASSETS, [FLASK], options)
    assert [(d.dependency.key, d.latest) for d in audit.dependencies] == [
        ("jinja2", "3.1.4"),
        ("flask", "3.0.3"),
    ]
    assert json.loads((tmp_path / "index" / "flask.json").read_text()) == "3.0.3"


def test_alternatives_declared_on_one_line_are_each_kept(tmp_path: Path) -> None:
    # Poetry's list of constraints by marker, and a PEP 621 line with two markers.
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\n'
        "dependencies = [\"urllib3==2.2.3; python_version<'3.9'\", "
        "\"urllib3==1.24.1; python_version>='3.9'\"]\n",
        encoding="utf-8",
    )
    dependencies, problems, _ = collect(tmp_path, [tmp_path / "pyproject.toml"], DepsOptions())
    assert problems == []
    assert [(d.version, d.declared.line) for d in dependencies] == [("2.2.3", 4), ("1.24.1", 4)]


def test_a_repeated_declaration_is_kept_where_it_is_not_for_development() -> None:
    from webwarden.deps.model import Declaration, Dependency, Kind
    from webwarden.deps.run import merge_repeated

    def declared(line: int, group: str, extra: str) -> Dependency:
        where = Declaration("pyproject.toml", line)
        return Dependency("flask", Kind.RANGE, where, "pyproject", spec_text=">=2.0",
                          group=group, extras=(extra,))  # fmt: skip

    merged = merge_repeated([declared(3, "test", "async"), declared(9, "", "dotenv")])
    assert [(d.declared.line, d.group, d.extras, d.also_lines) for d in merged] == [
        (9, "", ("async", "dotenv"), (3,))
    ]
