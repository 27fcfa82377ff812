"""The result cache and worker processes: same findings, less work, never a crash."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from webwarden.config import load_config
from webwarden.engine import cache as cache_module
from webwarden.engine import files as files_module
from webwarden.engine import runner, scan
from webwarden.engine.cache import ResultCache, cache_path, content_digest

VULNERABLE = """\
import subprocess

def run(command):
    subprocess.run(command, shell=True)
"""


def _project(root: Path, count: int = 3) -> None:
    for index in range(count):
        (root / f"m{index}.py").write_text(VULNERABLE if index % 2 == 0 else "x = 1\n")


def _scan(root: Path, cache_dir: Path, **overrides: object) -> list[tuple[str, str, int]]:
    config = load_config(
        [root], isolated=True, overrides={"cache-dir": str(cache_dir), **overrides}
    )
    return [(f.code, f.location.path, f.location.line) for f in scan([root], config).findings]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    analysed: list[str] = []
    real = files_module.analyse_file

    def counting(
        file: files_module.SourceFile, plan: files_module.FilePlan
    ) -> files_module.FileResult:
        analysed.append(file.relpath)
        return real(file, plan)

    monkeypatch.setattr(runner, "analyse_file", counting)
    return analysed


def test_warm_scan_reads_nothing_and_finds_the_same(tmp_path: Path, counted: list[str]) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    _project(project)
    cold = _scan(project, cache)
    assert sorted(counted) == ["m0.py", "m1.py", "m2.py"]
    counted.clear()
    assert _scan(project, cache) == cold
    assert counted == []


def test_a_module_is_read_once_for_its_result_and_its_key(
    tmp_path: Path, counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    _project(project)
    read_again: list[str] = []

    def digest(file: files_module.SourceFile) -> str | None:
        read_again.append(file.relpath)
        return content_digest(file)

    monkeypatch.setattr(runner, "content_digest", digest)
    monkeypatch.setattr(cache_module, "content_digest", digest)
    cold = _scan(project, cache, jobs=1)
    assert read_again == []
    counted.clear()
    assert _scan(project, cache, jobs=1) == cold
    assert counted == []


def test_an_edit_reanalyses_only_that_file(tmp_path: Path, counted: list[str]) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    _project(project)
    _scan(project, cache)
    counted.clear()
    (project / "m1.py").write_text(VULNERABLE)
    warm = _scan(project, cache)
    assert counted == ["m1.py"]
    assert warm == _scan(project, tmp_path / "fresh-cache")
    assert ("WW1101", "m1.py", 4) in warm


def test_rule_selection_is_part_of_the_key(tmp_path: Path, counted: list[str]) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    _project(project, 1)
    assert _scan(project, cache, select=["WW1181"]) == []
    assert _scan(project, cache) == [("WW1101", "m0.py", 4)]
    assert counted == ["m0.py", "m0.py"]


def test_a_template_answer_is_part_of_the_key(tmp_path: Path, counted: list[str]) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    package = project / "{{cookiecutter.slug}}"
    package.mkdir(parents=True)
    (project / "cookiecutter.json").write_text('{"slug": "shop", "shell": "y"}')
    (package / "run.py").write_text(
        "import subprocess\n\n\ndef run(command):\n"
        "{% if cookiecutter.shell == 'y' %}\n    subprocess.run(command, shell=True)\n"
        "{% else %}\n    subprocess.run(command.split())\n{% endif %}\n"
    )
    assert _scan(project, cache) == [("WW1101", "{{cookiecutter.slug}}/run.py", 6)]
    (project / "cookiecutter.json").write_text('{"slug": "shop", "shell": "n"}')
    # NOTE: the module's bytes are unchanged; the answers generating it are not.
    assert _scan(project, cache) == []
    assert [p for p in counted if p.endswith(".py")] == ["{{cookiecutter.slug}}/run.py"] * 2


def test_corrupt_cache_is_discarded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    _project(project, 1)
    expected = _scan(project, cache)
    database = cache_path(cache, project)
    database.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    with caplog.at_level(logging.WARNING):
        assert _scan(project, cache) == expected
    assert "is unusable" in caplog.text
    assert _scan(project, cache) == expected


def test_no_cache(tmp_path: Path) -> None:
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    _project(project, 1)
    _scan(project, cache, cache=False)
    assert not cache.exists()


def test_unreadable_cache_location(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with caplog.at_level(logging.WARNING):
        store = ResultCache(blocker / "results.sqlite3")
    assert not store.usable
    assert store.load({"a.py": "k"}) == {}
    store.store({}, [])
    store.close()


def test_worker_processes_give_the_same_findings(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    _project(project, 2 * runner.MIN_FILES_PER_WORKER + 2)
    sequential = _scan(project, tmp_path / "c1", jobs=1, cache=False)
    parallel = _scan(project, tmp_path / "c2", jobs=2, cache=False)
    assert parallel == sequential
    assert len(parallel) == runner.MIN_FILES_PER_WORKER + 1


def test_jobs_configuration(tmp_path: Path) -> None:
    config = load_config([tmp_path], isolated=True, overrides={"jobs": 3})
    assert config.jobs == 3
    with pytest.raises(Exception, match="number of processes"):
        load_config([tmp_path], isolated=True, overrides={"jobs": -1})
    assert runner.default_jobs() >= 1


VIEWS = """\
import sqlite3

from flask import Flask, request

from helpers import build_query

app = Flask(__name__)


@app.route("/search")
def search():
    query = build_query(request.args["q"])
    return str(sqlite3.connect("db").execute(query).fetchall())
"""
HELPERS_UNSAFE = """\
def build_query(term):
    return "SELECT * FROM notes WHERE title = '" + term + "'"
"""
HELPERS_SAFE = """\
def build_query(term):
    return "SELECT * FROM notes WHERE id = " + str(int(term))
"""


def _codes(root: Path, cache_dir: Path, **overrides: object) -> list[tuple[str, str, int]]:
    return [f for f in _scan(root, cache_dir, **overrides) if f[0].startswith("WW44")]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(HELPERS_UNSAFE, HELPERS_SAFE, id="edit-removes-the-flow"),
        pytest.param(HELPERS_SAFE, HELPERS_UNSAFE, id="edit-adds-the-flow"),
    ],
)
def test_an_edit_to_a_helper_changes_taint_in_another_module(
    tmp_path: Path, before: str, after: str
) -> None:
    files = {"views.py": VIEWS, "helpers.py": before}
    _assert_edit_scans_as_cold(tmp_path, files, ("helpers.py", after), "WW44")


def _assert_edit_scans_as_cold(
    tmp_path: Path, files: dict[str, str], edit: tuple[str, str], codes: str
) -> None:
    """A warm scan after `edit` (file name, new text) finds what a cold scan of the edited
    project does, and the edit changes whether findings of `codes` (a prefix) appear."""
    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    for name, text in files.items():
        (project / name).write_text(text)

    def findings(cache_dir: Path) -> list[tuple[str, str, int]]:
        return [f for f in _scan(project, cache_dir) if f[0].startswith(codes)]

    first = findings(cache)
    assert first == findings(tmp_path / "cold-1")
    name, text = edit
    (project / name).write_text(text)
    warm = findings(cache)
    assert warm == findings(tmp_path / "cold-2")
    assert (warm == []) != (first == [])


def test_unchanged_inputs_reuse_the_taint_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from webwarden.analysis import taint

    project, cache = tmp_path / "p", tmp_path / "cache"
    project.mkdir()
    (project / "views.py").write_text(VIEWS)
    (project / "helpers.py").write_text(HELPERS_UNSAFE)
    cold = _codes(project, cache)
    assert cold
    calls: list[int] = []
    real = taint.compute

    def counting(project_model: object, **options: object) -> object:
        calls.append(1)
        return real(project_model, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(taint, "compute", counting)
    assert _codes(project, cache) == cold
    assert calls == []
    (project / "views.py").write_text(VIEWS + "\n# an edit\n")
    assert _codes(project, cache) == cold
    assert calls == [1]


SETTINGS = """\
from envhelpers import get_env_bool

INSTALLED_APPS = ["django.contrib.auth"]
DEBUG = get_env_bool("DEBUG", True)
"""
ENV_HELPER_KEEPS_DEFAULT = """\
import os

def get_env_bool(name, default=False):
    if name not in os.environ:
        return default
    return os.environ[name].lower() in ("1", "true")
"""
ENV_HELPER_IGNORES_DEFAULT = """\
import os

def get_env_bool(name, default=False):
    if name not in os.environ:
        return False
    return os.environ[name].lower() in ("1", "true")
"""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            ENV_HELPER_KEEPS_DEFAULT, ENV_HELPER_IGNORES_DEFAULT, id="edit-turns-debug-off"
        ),
        pytest.param(
            ENV_HELPER_IGNORES_DEFAULT, ENV_HELPER_KEEPS_DEFAULT, id="edit-turns-debug-on"
        ),
    ],
)
def test_an_edit_to_an_imported_env_helper_changes_the_settings(
    tmp_path: Path, before: str, after: str
) -> None:
    files = {"settings.py": SETTINGS, "envhelpers.py": before}
    _assert_edit_scans_as_cold(tmp_path, files, ("envhelpers.py", after), "WW1160")


SESSION_CALLBACK = """\
from flask import Flask, redirect, session

app = Flask(__name__)


@app.route("/callback")
def callback():
    return redirect(session.pop("next", "/"))
"""
SESSION_LOGIN = """\
from flask import redirect, request, session

from callback import app


@app.route("/login")
def login():
    session["next"] = {value}
    return redirect("https://idp.example.com/authorize")
"""


def test_an_edit_keeping_request_data_in_the_session_changes_another_module(
    tmp_path: Path,
) -> None:
    # NOTE: the callback's module is unchanged; what it reads back from the session is
    # request data only once another module keeps request data under that key.
    files = {"callback.py": SESSION_CALLBACK, "login.py": SESSION_LOGIN.format(value='"/"')}
    edit = ("login.py", SESSION_LOGIN.format(value='request.args.get("next")'))
    _assert_edit_scans_as_cold(tmp_path, files, edit, "WW1109")
