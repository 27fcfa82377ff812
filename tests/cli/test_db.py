from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.deps.osv_server import OsvServer
from tests.helpers import run_cli


def test_import_then_status(tmp_path: Path, pypa_folder: Path) -> None:
    store = tmp_path / "store.sqlite3"
    result = run_cli(["db", "import", str(pypa_folder / "vulns"), "--db", str(store)])
    assert result.status == 0
    assert result.stdout.startswith(f"imported 2661 advisories into {store} in ")
    assert "advisory data: PyPA advisory database (CC-BY 4.0)" in result.stdout
    status = run_cli(["db", "status", "--db", str(store)])
    assert status.status == 0
    assert "advisories: 2661 (10 withdrawn, not used)" in status.stdout
    assert "packages:   664" in status.stdout
    assert "newest:     2024-10-10T17:22:00.587279+00:00" in status.stdout
    assert "credit:     PyPA advisory database (CC-BY 4.0): 2661 records" in status.stdout
    document = json.loads(run_cli(["db", "status", "--db", str(store), "--format", "json"]).stdout)
    assert (document["advisories"], document["packages"]) == (2661, 664)


def test_default_store_lives_in_the_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBWARDEN_CACHE_DIR", str(tmp_path))
    record = tmp_path / "X-1.json"
    record.write_text(
        '{"id": "X-1", "affected": [{"package": {"name": "a", "ecosystem": "PyPI"}}]}', "utf-8"
    )
    assert run_cli(["db", "import", str(record)]).status == 0
    assert (tmp_path / "advisories.sqlite3").is_file()
    assert "advisories: 1 " in run_cli(["db", "status"]).stdout


def test_import_reports_bad_files_and_fails_when_nothing_is_readable(tmp_path: Path) -> None:
    folder = tmp_path / "osv"
    folder.mkdir()
    for index in range(12):
        (folder / f"bad{index:02}.json").write_text("{", encoding="utf-8")
    result = run_cli(["db", "import", str(folder), "--db", str(tmp_path / "s.sqlite3")])
    assert result.status == 2
    assert "webwarden: skipped bad00.json: invalid JSON" in result.stderr
    assert "... and 2 more unreadable files" in result.stderr
    assert "no readable OSV record" in result.stderr


def test_import_of_a_folder_without_records_keeps_the_store(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    record = tmp_path / "X-1.json"
    record.write_text(
        '{"id": "X-1", "affected": [{"package": {"name": "a", "ecosystem": "PyPI"}}]}', "utf-8"
    )
    assert run_cli(["db", "import", str(record), "--db", str(store)]).status == 0
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "base.txt").write_text("flask==2.0\n", "utf-8")
    args = ["db", "import", str(tmp_path / "requirements"), "--db", str(store), "--replace"]
    result = run_cli(args)
    assert result.status == 2
    assert "requirements: no readable OSV record, nothing imported" in result.stderr
    assert "advisories: 1 " in run_cli(["db", "status", "--db", str(store)]).stdout


def test_status_of_missing_and_corrupt_stores(tmp_path: Path) -> None:
    missing = run_cli(["db", "status", "--db", str(tmp_path / "none.sqlite3")])
    assert missing.status == 1
    assert "no usable advisory store" in missing.stdout
    assert "webwarden db update" in missing.stdout
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_text("garbage" * 100, encoding="utf-8")
    assert "unreadable advisory store" in run_cli(["db", "status", "--db", str(corrupt)]).stdout
    # An import rebuilds a corrupt store instead of failing.
    record = tmp_path / "X-1.json"
    record.write_text(
        '{"id": "X-1", "affected": [{"package": {"name": "a", "ecosystem": "PyPI"}}]}', "utf-8"
    )
    assert run_cli(["db", "import", str(record), "--db", str(corrupt)]).status == 0
    assert run_cli(["db", "status", "--db", str(corrupt)]).status == 0


@pytest.mark.live
def test_update_downloads_the_export(osv_server: OsvServer, tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    url = f"{osv_server.url}/PyPI/all.zip"
    result = run_cli(["db", "update", "--db", str(store), "--url", url])
    assert result.status == 0, result.stderr
    assert f"imported 2661 advisories into {store}" in result.stdout
    assert run_cli(["db", "status", "--db", str(store), "--format", "json"]).status == 0


@pytest.mark.live
@pytest.mark.parametrize(
    ("mode", "error"),
    [
        pytest.param("hang", "no answer within 0.3 s", id="hang"),
        pytest.param("error", "HTTP 500", id="error"),
    ],
)
def test_update_failures(osv_server: OsvServer, tmp_path: Path, mode: str, error: str) -> None:
    osv_server.mode = mode
    url = f"{osv_server.url}/PyPI/all.zip"
    result = run_cli(
        ["db", "update", "--db", str(tmp_path / "s.sqlite3"), "--url", url, "--timeout", "0.3"]
    )
    assert result.status == 2
    assert error in result.stderr
    assert not (tmp_path / "s.sqlite3").exists()


def test_update_offline_and_unreachable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    offline = run_cli(["db", "update", "--db", str(tmp_path / "s.sqlite3")])
    assert offline.status == 2
    assert "offline" in offline.stderr
    monkeypatch.delenv("WEBWARDEN_OFFLINE")
    result = run_cli(
        ["db", "update", "--db", str(tmp_path / "s.sqlite3"), "--url", "http://127.0.0.1:9/x.zip"]
    )
    assert result.status == 2
    assert "download failed" in result.stderr
