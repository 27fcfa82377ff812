from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import REPO
from tests.deps.fixtures import ASSETS
from tests.deps.osv_server import OsvServer
from tests.helpers import run_cli

SCHEMA = json.loads(
    (REPO / "src" / "webwarden" / "report" / "schema" / "findings-v1.json").read_text("utf-8")
)
CREDIT = "Advisory data: PyPA advisory database (CC-BY 4.0)"


def _project(tmp_path: Path, name: str = "requirements_project") -> Path:
    root = tmp_path / "project"
    shutil.copytree(ASSETS / name, root)
    return root


def _json(root: Path, store: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run_cli(
        ["deps", str(root), "--db", str(store), "--format", "json", "--isolated", *extra]
    )
    assert result.stderr == ""
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    return result.status, document


def test_deps_json_inventory_findings_and_credit(tmp_path: Path, pypa_store: Path) -> None:
    root = _project(tmp_path)
    status, document = _json(root, pypa_store)
    assert status == 1
    assert document["command"] == "deps"
    assert document["notes"] == [CREDIT]
    assert document["summary"]["dependencies"] == 10
    codes = [
        (f["code"], f["location"]["path"], f["location"]["line"]) for f in document["findings"]
    ]
    assert codes == [
        # The snapshot is from 2024-10: stale by the default 30 days.
        ("WW012", ".", 1),
        ("WW101", "requirements.txt", 5),
        ("WW101", "requirements.txt", 7),
        ("WW102", "requirements.txt", 11),
        ("WW103", "requirements.txt", 12),
        ("WW103", "requirements.txt", 13),
        ("WW101", "requirements/base.txt", 1),
        ("WW101", "requirements/base.txt", 2),
    ]
    inventory = {(e["name"], e["version"]): e for e in document["inventory"]}
    django = inventory[("Django", "3.2.4")]
    assert (django["path"], django["line"], django["smallest_fix"]) == (
        "requirements.txt",
        5,
        "3.2.25",
    )
    assert len(django["advisories"]) == 21
    assert django["advisories"][0]["id"] == "PYSEC-2021-109"
    assert django["advisories"][0]["aliases"] == ["CVE-2021-35042", "GHSA-xpfp-f569-q3p2"]
    assert inventory[("pywin32", "306")]["applies"] is False
    werkzeug = next(f for f in document["findings"] if f["location"]["line"] == 7)
    assert (werkzeug["severity"], werkzeug["context"]) == ("high", "CVSS 7.5")
    assert werkzeug["fix"] == (
        "upgrade `Werkzeug` to 2.3.8, the smallest version that fixes all of them"
    )


def test_deps_text_table(tmp_path: Path, pypa_store: Path) -> None:
    root = _project(tmp_path, "current")
    result = run_cli(["deps", str(root), "--db", str(pypa_store), "--isolated", "--no-color"])
    assert result.status == 0
    assert "Dependencies" in result.stdout
    assert "Django" in result.stdout
    assert "requirements.txt:2" in result.stdout
    assert CREDIT in result.stdout
    assert "4 dependencies in 1 file audited in" in result.stdout


def test_deps_sarif_is_valid(tmp_path: Path, pypa_store: Path, sarif_validator: Any) -> None:
    root = _project(tmp_path, "uv_project")
    result = run_cli(
        ["deps", str(root), "--db", str(pypa_store), "--format", "sarif", "--isolated"]
    )
    document = json.loads(result.stdout)
    sarif_validator.validate(document)
    run = document["runs"][0]
    assert run["properties"]["notes"] == [CREDIT]
    assert {r["ruleId"] for r in run["results"]} == {"WW101", "WW012"}


def test_deps_cyclonedx_sbom(tmp_path: Path, pypa_store: Path) -> None:
    root = _project(tmp_path, "requirements_project")
    output = tmp_path / "sbom.json"
    result = run_cli(
        [
            "deps", str(root), "--db", str(pypa_store), "--format", "cyclonedx",
            "--isolated", "-o", str(output),
        ]
    )  # fmt: skip
    assert result.status == 1
    sbom = json.loads(output.read_text("utf-8"))
    assert sbom["bomFormat"] == "CycloneDX"
    assert sbom["specVersion"] == "1.5"
    purls = {c.get("purl") for c in sbom["components"]}
    assert "pkg:pypi/django@3.2.4" in purls
    django_vulns = [
        v for v in sbom["vulnerabilities"] if v["affects"][0]["ref"] == "pkg:pypi/django@3.2.4"
    ]
    assert len(django_vulns) == 21
    ids = {v["id"] for v in sbom["vulnerabilities"]}
    assert {"PYSEC-2021-66", "PYSEC-2023-62", "PYSEC-2021-858"} <= ids
    notes = [p["value"] for p in sbom["metadata"]["properties"]]
    assert notes == [CREDIT]


def test_deps_fix_then_report_what_is_left(tmp_path: Path, pypa_store: Path) -> None:
    root = _project(tmp_path)
    result = run_cli(["deps", str(root), "--db", str(pypa_store), "--fix", "--isolated"])
    assert "webwarden: fixed requirements.txt:5: Django==3.2.4" in result.stderr
    assert (
        "webwarden: not fixed requirements.txt:7 (Werkzeug): the line pins hashes" in result.stderr
    )
    assert "Django==3.2.25  # the LTS" in (root / "requirements.txt").read_text("utf-8")
    _, document = _json(root, pypa_store)
    assert [f["location"]["line"] for f in document["findings"] if f["code"] == "WW101"] == [7]


def test_exit_codes(tmp_path: Path, pypa_store: Path) -> None:
    root = _project(tmp_path)
    base = ["deps", str(root), "--db", str(pypa_store), "--isolated", "--format", "json"]
    assert run_cli(base).status == 1
    assert run_cli([*base, "--exit-zero"]).status == 0
    assert run_cli([*base, "--fail-on", "critical"]).status == 0


def test_offline_without_store_is_one_notice(tmp_path: Path) -> None:
    root = _project(tmp_path, "current")
    result = run_cli(["deps", str(root), "--offline", "--isolated", "--format", "json"])
    document = json.loads(result.stdout)
    assert [f["code"] for f in document["findings"]] == ["WW010"]
    assert "webwarden db update" in document["findings"][0]["fix"]
    assert result.status == 1


def test_unreadable_dependency_file_is_a_notice(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "requirements.txt").symlink_to(tmp_path / "gone.txt")
    (root / "notes.txt").symlink_to(tmp_path / "gone-too.txt")  # not a dependency file
    result = run_cli(["deps", str(root), "--offline", "--isolated", "--format", "json"])
    document = json.loads(result.stdout)
    found = [(f["code"], f["location"]["path"]) for f in document["findings"]]
    assert found == [("WW000", "requirements.txt")]
    assert "broken symlink" in document["findings"][0]["message"]


def test_environment_option(pypa_store: Path) -> None:
    _, document = _json(ASSETS, pypa_store, "--python", str(ASSETS / "environment"))
    assert [e["name"] for e in document["inventory"]] == ["Django", "Jinja2", "flask"]
    assert {f["code"] for f in document["findings"]} >= {"WW101", "WW000"}


@pytest.mark.live
def test_online_audit_and_outdated(osv_server: OsvServer, tmp_path: Path) -> None:
    root = _project(tmp_path, "current")
    (root / "requirements.txt").write_text("flask==2.0.1\nDjango==5.1.2\n", encoding="utf-8")
    result = run_cli(
        [
            "deps", str(root), "--isolated", "--format", "json", "--outdated",
            "--osv-url", osv_server.url, "--index-url", osv_server.url, "--timeout", "5",
        ]
    )  # fmt: skip
    document = json.loads(result.stdout)
    assert [(f["code"], f["location"]["line"]) for f in document["findings"]] == [
        ("WW101", 1),
        ("WW104", 1),
    ]
    assert document["notes"] == [CREDIT]


def test_invalid_deps_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.webwarden.deps]\ntimeout = -1\n", encoding="utf-8"
    )
    result = run_cli(["deps", str(tmp_path)])
    assert result.status == 2
    assert "`deps.timeout` must be a positive number" in result.stderr
