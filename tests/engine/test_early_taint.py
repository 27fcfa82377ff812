"""The taint analysis started while the workers still analyse test code (`EarlyTaint`):
same findings as a scan that waits for every file, early result kept only when its inputs
were the whole project's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from webwarden.config import Config, load_config
from webwarden.discover import discover
from webwarden.engine import pipeline, scan
from webwarden.engine.early_taint import EarlyTaint
from webwarden.engine.resident import ResidentCache

VIEWS = """\
from django.db import connection


def item(request, name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM items WHERE name = '%s'" % name)
    return None
"""

# NOTE: only this test URLconf makes `name` request data (`<str:name>`): without it the
# parameter is a plain argument and there is no finding, so an early analysis that did not
# see it would report nothing.
TEST_URLS = """\
from django.urls import path

from myapp import views

urlpatterns = [path("items/<str:name>/", views.item)]
"""

EXPECTED = [("WW440", "myapp/views.py", 6)]


def _project(root: Path) -> Path:
    (root / "myapp").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "myapp" / "__init__.py").write_text("")
    (root / "myapp" / "views.py").write_text(VIEWS)
    (root / "tests" / "__init__.py").write_text("")
    (root / "tests" / "urls.py").write_text(TEST_URLS)
    # NOTE: enough test modules for two workers (see `runner.MIN_FILES_PER_WORKER`).
    for n in range(60):
        (root / "tests" / f"test_fill_{n}.py").write_text(f"def test_{n}():\n    assert {n}\n")
    return root


def _config(root: Path, jobs: int, cache_dir: Path | None) -> Config:
    config = load_config([root], isolated=True)
    return dataclasses.replace(
        config, jobs=jobs, cache=cache_dir is not None, cache_dir=cache_dir, select=("WW4",)
    )


def _found(
    root: Path, config: Config, cache: ResidentCache | None = None
) -> list[tuple[str, str, int]]:
    result = scan([root], config, cache=cache)
    return sorted((f.code, f.location.path, f.location.line) for f in result.findings)


class _Counted:
    """Counts the calls of one function of the pipeline (`prepare_taint`: analyses run
    after the per-file step; `run_files`: waves of the per-file step)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str = "prepare_taint") -> None:
        self.calls = 0
        real = getattr(pipeline, name)

        def counted(*args: object, **kwargs: object) -> object:
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(pipeline, name, counted)


@pytest.mark.parametrize("cached", [False, True])
def test_the_early_result_is_kept_and_equals_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    root = _project(tmp_path / "project")
    alone = _found(root, _config(root, 1, None))
    assert alone == EXPECTED
    counted = _Counted(monkeypatch)
    cache_dir = tmp_path / "cache" if cached else None
    assert _found(root, _config(root, 2, cache_dir)) == EXPECTED
    assert counted.calls == 0
    if cached:
        # NOTE: the early analysis stored its result under the whole project's inputs.
        (root / "myapp" / "views.py").touch()
        assert _found(root, _config(root, 2, cache_dir)) == EXPECTED


def test_an_early_result_that_missed_a_route_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "project")
    # NOTE: as if the word search had missed the test URLconf: the early analysis runs
    # without its route, finds nothing, and must not be the one reported.
    monkeypatch.setattr(
        EarlyTaint, "_needed", lambda self, file: not file.relpath.startswith("tests/")
    )
    counted = _Counted(monkeypatch)
    assert _found(root, _config(root, 2, tmp_path / "cache")) == EXPECTED
    assert counted.calls == 1


def test_test_code_and_migrations_that_add_no_route_are_left_for_later(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    config = _config(root, 2, None)
    (root / "myapp" / "migrations").mkdir()
    (root / "myapp" / "migrations" / "__init__.py").write_text("")
    (root / "myapp" / "migrations" / "0001_initial.py").write_text("operations = []\n")
    (root / "requirements.txt").write_text("django==5.2\n")
    discovery = discover([root], config)
    chosen = EarlyTaint(config, discovery, cache=None).select(discovery.files)
    assert chosen == {
        "myapp/__init__.py",
        "myapp/views.py",
        "myapp/migrations/__init__.py",
        "tests/urls.py",
    }


def test_a_resident_cache_after_many_edits(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    config = _config(root, 2, None)
    cache = ResidentCache(None)
    try:
        assert _found(root, config, cache) == EXPECTED
        # NOTE: enough changed files for the workers, and a changed route: `<int:name>`
        # carries no payload, so the early analysis must read the new URLconf.
        for n in range(60):
            (root / "tests" / f"test_fill_{n}.py").write_text(f"def test_{n}():\n    assert -{n}\n")
        urls = root / "tests" / "urls.py"
        urls.write_text(TEST_URLS.replace("<str:name>", "<int:name>"))
        cache.end_scan()
        assert _found(root, config, cache) == []
        urls.write_text(TEST_URLS)
        for n in range(60):
            (root / "tests" / f"test_fill_{n}.py").write_text(f"def test_{n}():\n    assert {n}\n")
        cache.end_scan()
        assert _found(root, config, cache) == EXPECTED
    finally:
        cache.shutdown()
    assert _found(root, _config(root, 1, None)) == EXPECTED


APP = """\
from flask import Flask, render_template, request

app = Flask(__name__, template_folder="pages")


@app.route("/hello")
def hello():
    return render_template("hello.html", name=request.args["name"])
"""


def _flask_project(root: Path) -> Path:
    _project(root)
    (root / "myapp" / "app.py").write_text(APP)
    (root / "myapp" / "pages").mkdir()
    (root / "myapp" / "pages" / "hello.html").write_text("<p>{{ name|safe }}</p>\n")
    (root / "myapp" / "pages" / "note.txt").write_text("<p>{{ name|safe }}</p>\n")
    return root


def _template_config(root: Path, jobs: int, cache_dir: Path | None) -> Config:
    return dataclasses.replace(_config(root, jobs, cache_dir), select=("WW4", "WW55"))


@pytest.mark.parametrize("cached", [False, True])
def test_templates_read_beside_the_early_analysis_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    root = _flask_project(tmp_path / "project")
    alone = _found(root, _template_config(root, 1, None))
    assert ("WW550", "myapp/pages/hello.html", 1) in alone
    waves = _Counted(monkeypatch, "run_files")
    cache_dir = tmp_path / "cache" if cached else None
    assert _found(root, _template_config(root, 2, cache_dir)) == alone
    assert waves.calls == 1
    if cached:
        assert _found(root, _template_config(root, 2, cache_dir)) == alone


def test_templates_read_with_a_plan_the_whole_project_changes_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _flask_project(tmp_path / "project")
    alone = _found(root, _template_config(root, 1, None))
    # NOTE: as if the app that names the template folder were analysed late: the early
    # plan does not know `pages/`, so its templates are read again with the whole plan.
    monkeypatch.setattr(EarlyTaint, "_needed", lambda self, file: file.relpath != "myapp/app.py")
    waves = _Counted(monkeypatch, "run_files")
    assert _found(root, _template_config(root, 2, tmp_path / "cache")) == alone
    assert waves.calls == 2
