from __future__ import annotations

from pathlib import Path

from webwarden.deps.model import Kind
from webwarden.deps.sources import source_for
from webwarden.deps.sources.pipfile import PipfileSource

PIPFILE = """\
[[source]]
url = "https://pypi.org/simple"
name = "pypi"

[packages]
django = "==3.2.1"
requests = "*"
pillow = {version = "==8.1.0", markers = "sys_platform == 'linux'"}
"Jinja2" = {version = ">=2.10", extras = ["i18n"]}
mylib = {editable = true, path = "."}
wheel = {file = "./wheels/wheel-1.0-py3-none-any.whl"}
remote = {file = "https://example.org/remote-1.0.tar.gz"}
fork = {git = "git@github.com:org/fork.git", ref = "main"}

[dev-packages]
werkzeug = "==0.15.2"
"""


def test_a_pipfile_without_its_lock_is_read(tmp_path: Path) -> None:
    (tmp_path / "Pipfile").write_text(PIPFILE, encoding="utf-8")
    assert source_for("Pipfile") is PipfileSource
    collected = PipfileSource(tmp_path / "Pipfile", tmp_path).collect()
    assert collected.problems == []
    assert [
        (d.name, d.kind, d.version, d.spec_text, d.marker, d.group, d.declared.line)
        for d in collected.dependencies
    ] == [
        ("django", Kind.PINNED, "3.2.1", "==3.2.1", "", "", 6),
        ("requests", Kind.RANGE, None, "", "", "", 7),
        ("pillow", Kind.PINNED, "8.1.0", "==8.1.0", 'sys_platform == "linux"', "", 8),
        ("Jinja2", Kind.RANGE, None, ">=2.10", "", "", 9),
        ("remote", Kind.UNAUDITABLE, None, "https://example.org/remote-1.0.tar.gz", "", "", 12),
        ("fork", Kind.UNAUDITABLE, None, "git@github.com:org/fork.git", "", "", 13),
        ("werkzeug", Kind.PINNED, "0.15.2", "==0.15.2", "", "dev-packages", 16),
    ]


def test_a_bad_entry_is_a_problem_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "Pipfile").write_text('[packages]\nok = "==1.0"\nbad = "=>1.0"\n', "utf-8")
    collected = PipfileSource(tmp_path / "Pipfile", tmp_path).collect()
    assert [d.name for d in collected.dependencies] == ["ok"]
    assert [p.line for p in collected.problems] == [3]


def test_marker_keys_are_markers(tmp_path: Path) -> None:
    text = (
        '[packages]\npywin32 = {version = "==227", sys_platform = "== \'win32\'"}\n'
        'uvloop = {version = "*", markers = "os_name != \'nt\'", python_version = ">= \'3.8\'"}\n'
    )
    (tmp_path / "Pipfile").write_text(text, "utf-8")
    collected = PipfileSource(tmp_path / "Pipfile", tmp_path).collect()
    assert [(d.name, d.marker) for d in collected.dependencies] == [
        ("pywin32", 'sys_platform == "win32"'),
        ("uvloop", 'os_name != "nt" and python_version >= "3.8"'),
    ]


def test_a_version_without_operator_is_a_problem_not_another_name(tmp_path: Path) -> None:
    (tmp_path / "Pipfile").write_text('[packages]\nMako = "1.0.7"\n', "utf-8")
    collected = PipfileSource(tmp_path / "Pipfile", tmp_path).collect()
    assert collected.dependencies == []
    assert [(p.line, p.reason) for p in collected.problems] == [
        (2, "`Mako`: version `1.0.7` has no operator (pipenv needs `==1.0.7`)")
    ]
