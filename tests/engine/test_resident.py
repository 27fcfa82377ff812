"""The resident cache (`check --watch`): scans that reuse what an earlier scan of the same
process kept in memory find exactly what a fresh scan of the edited tree finds, and read
nothing back from the database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.analysis.taint.corpus_cases import CORPUS
from tests.analysis.taint.test_memo import _edits, _scan
from webwarden.analysis.taint.memo import Memo
from webwarden.config import load_config
from webwarden.engine import scan
from webwarden.engine.cache import ResultCache, cache_path
from webwarden.engine.resident import ResidentCache

Finding = tuple[str, str, int, int, str]


def _resident(root: Path, cache: ResidentCache, cache_dir: Path) -> list[Finding]:
    config = load_config([root], root=root, overrides={"cache-dir": str(cache_dir)})
    cache.end_scan()
    return sorted(
        (f.code, f.location.path, f.location.line, f.location.column, f.message)
        for f in scan([root], config, cache=cache).findings
    )


@pytest.mark.parametrize("name", ["flask_app", "django_app"])
def test_each_edit_scanned_in_memory_equals_a_fresh_scan(tmp_path: Path, name: str) -> None:
    app = tmp_path / name
    shutil.copytree(CORPUS / name, app)
    cache_dir = tmp_path / "cache"
    cache = ResidentCache(cache_path(cache_dir, app))
    try:
        first = _resident(app, cache, cache_dir)
        assert first == _scan(app, None)
        edits = list(_edits(app))[::2]
        assert len(edits) >= 4
        for what, path, content in edits:
            before = path.read_text(encoding="utf-8")
            path.write_text(content, encoding="utf-8")
            assert _resident(app, cache, cache_dir) == _scan(app, None), what
            path.write_text(before, encoding="utf-8")
            assert _resident(app, cache, cache_dir) == first, what
        # NOTE: the record kept in memory no longer holds the one it was made from (a
        # process scanning for hours must not keep every earlier record alive).
        memo = cache.recall("taint-memo")
        assert isinstance(memo, Memo)
        assert memo.base is None
    finally:
        cache.shutdown()


def test_a_rescan_reads_nothing_back_from_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tmp_path / "app"
    shutil.copytree(CORPUS / "flask_app", app)
    cache_dir = tmp_path / "cache"
    cache = ResidentCache(cache_path(cache_dir, app))
    reads: list[tuple[str, object]] = []
    for method in ("load", "load_parts", "_stats"):
        real = getattr(ResultCache, method)

        def counting(
            self: ResultCache, asked: object, _real: object = real, _name: str = method
        ) -> object:
            named = [asked] if isinstance(asked, str) else asked
            reads.append((_name, sorted(getattr(a, "relpath", a) for a in named)))  # type: ignore[attr-defined]
            return _real(self, asked)  # type: ignore[operator]

        monkeypatch.setattr(ResultCache, method, counting)
    try:
        cold = _resident(app, cache, cache_dir)
        reads.clear()
        helpers = app / "helpers.py"
        helpers.write_text(helpers.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
        assert _resident(app, cache, cache_dir) == cold
        # NOTE: only the edited file is looked up (its new content may have been scanned
        # before, e.g. when an edit is undone); the rest comes from memory.
        assert reads == [("load", ["helpers.py"])]
    finally:
        cache.shutdown()
    # NOTE: what the resident cache stored is in the database too: a plain scan of the
    # edited tree reuses it.
    assert _scan(app, cache_dir) == cold


def test_without_a_database_everything_is_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webwarden.engine.runner as runner

    app = tmp_path / "app"
    shutil.copytree(CORPUS / "flask_app", app)
    analysed: list[str] = []
    real = runner.analyse_file

    def counting(file: object, plan: object) -> object:
        analysed.append(file.relpath)  # type: ignore[attr-defined]
        return real(file, plan)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "analyse_file", counting)

    def no_database(*args: object) -> None:
        raise AssertionError("a memory-only cache opened a database")

    monkeypatch.setattr("webwarden.engine.cache.connect", no_database)
    cache = ResidentCache(None)
    config = load_config([app], root=app, overrides={"cache": False})
    try:
        first = scan([app], config, cache=cache).findings
        helpers = app / "helpers.py"
        helpers.write_text(helpers.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
        analysed.clear()
        cache.end_scan()
        again = scan([app], config, cache=cache).findings
        cache.flush()
    finally:
        cache.shutdown()
    assert analysed == ["helpers.py"]
    assert [(f.code, f.location) for f in again] == [(f.code, f.location) for f in first]
    assert _scan(app, None) == sorted(
        (f.code, f.location.path, f.location.line, f.location.column, f.message) for f in again
    )
