from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from tests.deps.fixtures import ASSETS
from tests.helpers import run_cli
from webwarden.config import load_config
from webwarden.deps.run import DependencyAudit, NoticeKind, ServiceNotice
from webwarden.discover import discover
from webwarden.engine.dependencies import (
    DependencyStep,
    judge,
    kept_dependency_step,
    run_dependency_step,
)
from webwarden.engine.resident import ResidentCache
from webwarden.rules.registry import all_rules, select_rules

APP = "import subprocess\n\ncommand = input()\nsubprocess.call(command, shell=True)\n"


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ASSETS / "requirements_project", root)
    (root / "app.py").write_text(APP, "utf-8")
    (root / "pyproject.toml").write_text(
        "[tool.webwarden.deps]\nstale-days = 100000\n", encoding="utf-8"
    )
    return root


def _run(*argv: str) -> dict[str, Any]:
    result = run_cli([*argv, "--format", "json"])
    assert result.stderr == ""
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _codes(document: dict[str, Any]) -> list[tuple[str, str, int]]:
    return [(f["code"], f["location"]["path"], f["location"]["line"]) for f in document["findings"]]


def test_check_includes_dependency_findings_unless_no_deps(
    tmp_path: Path, pypa_store: Path
) -> None:
    root = _project(tmp_path)
    with_deps = _run("check", str(root), "--db", str(pypa_store))
    assert _codes(with_deps) == [
        ("WW1101", "app.py", 4),
        ("WW101", "requirements.txt", 5),
        ("WW101", "requirements.txt", 7),
        ("WW102", "requirements.txt", 11),
        ("WW103", "requirements.txt", 12),
        ("WW103", "requirements.txt", 13),
        ("WW101", "requirements/base.txt", 1),
        ("WW101", "requirements/base.txt", 2),
    ]
    assert with_deps["notes"] == ["Advisory data: PyPA advisory database (CC-BY 4.0)"]
    assert with_deps["summary"]["dependencies"] == 10
    without = _run("check", str(root), "--db", str(pypa_store), "--no-deps")
    assert _codes(without) == [("WW1101", "app.py", 4)]
    assert without["notes"] == []
    only_code = _run("check", str(root), "--select", "WW11")
    assert _codes(only_code) == [("WW1101", "app.py", 4)]


def test_development_dependencies_are_capped_as_test_code(tmp_path: Path, pypa_store: Path) -> None:
    root = tmp_path / "project"
    (root / "requirements").mkdir(parents=True)
    (root / "requirements" / "base.txt").write_text("jinja2==2.10\n", "utf-8")
    (root / "requirements" / "local.txt").write_text("-r base.txt\nPyYAML==5.3\n", "utf-8")
    (root / "requirements-test.txt").write_text("PyYAML==5.3\n", "utf-8")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "shop"\nversion = "1"\ndependencies = []\n'
        '[project.optional-dependencies]\ndev = ["PyYAML==5.3"]\npostgres = ["jinja2==2.10"]\n'
        "[tool.webwarden.deps]\nstale-days = 100000\n",
        "utf-8",
    )
    found = {
        (f["location"]["path"], f["location"]["line"]): (f["severity"], f.get("context", ""))
        for f in _run("check", str(root), "--db", str(pypa_store), "--select", "WW101")["findings"]
    }
    assert found == {
        ("pyproject.toml", 6): ("low", "development dependency"),
        ("pyproject.toml", 7): ("high", "no CVSS score in the advisory data"),
        ("requirements/base.txt", 1): ("high", "no CVSS score in the advisory data"),
        ("requirements/local.txt", 2): ("low", "development dependency"),
        ("requirements-test.txt", 1): ("low", "test code"),
    }
    kept = _run(
        "check", str(root), "--db", str(pypa_store), "--select", "WW101", "--test-severity", "keep"
    )
    assert {f["severity"] for f in kept["findings"]} == {"high"}


def test_check_offline_without_data_still_audits_everything_else(tmp_path: Path) -> None:
    root = _project(tmp_path)
    document = _run("check", str(root), "--offline")
    assert _codes(document) == [
        ("WW010", ".", 1),
        ("WW1101", "app.py", 4),
        ("WW103", "requirements.txt", 12),
        ("WW103", "requirements.txt", 13),
    ]


def test_broken_dependency_files_are_ww000(tmp_path: Path, pypa_store: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(ASSETS / "broken", root)
    document = _run("check", str(root), "--db", str(pypa_store), "--isolated")
    notices = [f for f in document["findings"] if f["code"] == "WW000"]
    assert [(f["code"], f["location"]["path"], f["message"]) for f in notices] == [
        (
            "WW000",
            "Pipfile.lock",
            "file could not be analysed: invalid JSON: Expecting property name enclosed in "
            "double quotes (line 1)",
        ),
        (
            "WW000",
            "poetry.lock",
            "file could not be analysed: invalid TOML: Expected ']]' at the end of an array "
            "declaration (at line 1, column 10)",
        ),
        (
            # NOTE: read as pip reads it (Latin-1 when not UTF-8): the garbled line only.
            "WW000",
            "requirements.txt",
            "requirement skipped (the rest of the file was read): not a valid requirement "
            "`\xff\xfeflask`: Expected "
            "package name at the start of dependency specifier",
        ),
        ("WW000", "uv.lock", "file could not be analysed: no [[package]] tables: not a lock file"),
    ]
    assert "WW101" in {f["code"] for f in document["findings"]}, "Django==3.2.4 is still read"


def test_inline_suppression_in_a_requirements_file(tmp_path: Path, pypa_store: Path) -> None:
    root = _project(tmp_path)
    requirements = root / "requirements.txt"
    text = requirements.read_text("utf-8").replace(
        "Django==3.2.4  #", "Django==3.2.4  # webwarden: ignore[WW101] upgrade planned;"
    )
    requirements.write_text(text, "utf-8")
    document = _run("deps", str(root), "--db", str(pypa_store))
    assert ("WW101", "requirements.txt", 5) not in _codes(document)
    assert ("WW101", "requirements.txt", 7) in _codes(document)
    assert document["summary"]["suppressed"] == 1


def test_notice_only_when_its_rule_is_selected() -> None:
    audit_result = DependencyAudit(notices=[ServiceNotice(NoticeKind.STALE, "old")])
    assert judge(audit_result, []) == []
    [notice] = judge(audit_result, list(all_rules()))
    assert (notice.code, notice.message) == ("WW012", "advisory data may be out of date: old")


def test_a_failing_dependency_rule_is_ww003(monkeypatch: pytest.MonkeyPatch) -> None:
    from webwarden.deps.model import AuditedDependency, Declaration, Dependency, Kind
    from webwarden.rules.dependencies.vulnerable_dependency import VulnerableDependency

    def broken(self: object, audited: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(VulnerableDependency, "check_dependency", broken)
    dependency = Dependency("a", Kind.PINNED, Declaration("r.txt", 2), "x", version="1")
    result = DependencyAudit(dependencies=[AuditedDependency(dependency)] * 2)
    [failure] = judge(result, [VulnerableDependency])
    assert (failure.code, failure.location.line) == ("WW003", 2)
    assert "RuntimeError: boom" in failure.message


def _aged(path: Path, text: str, hours: float) -> None:
    """Write `text`, as if `hours` ago (a file changed just before a scan is not kept)."""
    path.write_text(text, "utf-8")
    past = time.time() - hours * 3600
    os.utime(path, (past, past))


def test_a_process_that_scans_again_keeps_the_audit_while_its_files_stay(
    tmp_path: Path, pypa_store: Path
) -> None:
    """`check --watch` and a daemon audit the dependencies again only when a file the
    audit read changed: a requirements file, or one it includes from outside the tree."""
    root = tmp_path / "project"
    root.mkdir()
    store = tmp_path / "advisories.sqlite3"
    shutil.copyfile(pypa_store, store)
    os.utime(store, (time.time() - 7200, time.time() - 7200))
    _aged(root / "requirements.txt", "-r ../shared.txt\nDjango==3.2.4\n", 2)
    shared = tmp_path / "shared.txt"
    _aged(shared, "flask==2.0.1\n", 2)
    deps = {"db": str(store), "stale-days": 100_000}
    config = load_config([root], isolated=True, root=root, overrides={"deps": deps})
    rules = all_rules()
    cache = ResidentCache(None)

    def audited() -> DependencyStep:
        return kept_dependency_step(config, discover([root], config), rules, cache)

    def names(step: DependencyStep) -> list[str]:
        return sorted({f.snippet.split("==")[0] for f in step.findings if f.code == "WW101"})

    first = audited()
    assert names(first) == ["Django", "flask"]
    assert audited() is first
    _aged(shared, "flask==3.1.1\n", 1)
    second = audited()
    assert second is not first
    assert names(second) == ["Django"]
    assert audited() is second
    _aged(root / "requirements.txt", "-r ../shared.txt\n-r ../more.txt\nDjango==5.2.8\n", 1)
    third = audited()
    assert names(third) == names(run_dependency_step(config, discover([root], config), rules))
    assert names(third) == []
    assert audited() is third
    _aged(tmp_path / "more.txt", "flask==2.0.1\n", 0.5)  # NOTE: named before, missing then
    assert names(audited()) == ["flask"]
    # NOTE: just changed: audited again until it has settled.
    (root / "requirements.txt").write_text("Django==3.2.4\n", "utf-8")
    fresh = audited()
    assert names(fresh) == ["Django"]
    assert audited() is not fresh
    assert kept_dependency_step(config, discover([root], config), rules, None) is not fresh


def test_a_one_shot_check_keeps_the_audit_in_the_project_cache(
    tmp_path: Path, pypa_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each one-shot check opens the project cache anew: the audit is taken from it while
    the files it read stay, and made again (and kept again) when one changes."""
    from webwarden.engine import dependencies as dependencies_module
    from webwarden.engine.cache import ResultCache
    from webwarden.engine.store import project_cache_path

    root = tmp_path / "project"
    root.mkdir()
    store = tmp_path / "advisories.sqlite3"
    shutil.copyfile(pypa_store, store)
    os.utime(store, (time.time() - 7200, time.time() - 7200))
    _aged(root / "requirements.txt", "Django==3.2.4\nflask==2.0.1\n", 2)
    deps = {"db": str(store), "stale-days": 100_000}
    overrides = {"deps": deps, "cache-dir": str(tmp_path / "cache")}
    config = load_config([root], isolated=True, root=root, overrides=overrides)
    rules = all_rules()
    audits: list[int] = []
    real = dependencies_module.run_dependency_step

    def counted(*args: Any) -> DependencyStep:
        audits.append(1)
        return real(*args)

    monkeypatch.setattr(dependencies_module, "run_dependency_step", counted)

    def one_shot() -> list[str]:
        cache = ResultCache(project_cache_path(config))
        try:
            step = kept_dependency_step(config, discover([root], config), rules, cache)
        finally:
            cache.close()
        return sorted({f.snippet.split("==")[0] for f in step.findings if f.code == "WW101"})

    assert one_shot() == ["Django", "flask"]
    assert one_shot() == ["Django", "flask"]
    assert len(audits) == 1
    _aged(root / "requirements.txt", "Django==3.2.4\n", 1)
    assert one_shot() == ["Django"]
    assert one_shot() == ["Django"]
    assert len(audits) == 2
    other = load_config(
        [root], isolated=True, root=root, overrides={**overrides, "ignore": ["WW101"]}
    )
    cache = ResultCache(project_cache_path(other))
    chosen = select_rules(other.select, other.extend_select, other.ignore)
    step = kept_dependency_step(other, discover([root], other), chosen, cache)
    cache.close()
    assert [f for f in step.findings if f.code == "WW101"] == []
    assert len(audits) == 3
