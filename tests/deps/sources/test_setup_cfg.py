from __future__ import annotations

from pathlib import Path

from tests.deps.fixtures import ASSETS
from webwarden.deps.sources.setup_cfg import SetupCfgSource


def test_install_requires_and_extras() -> None:
    root = ASSETS / "setup_cfg_project"
    collected = SetupCfgSource(root / "setup.cfg", root).collect()
    assert collected.problems == []
    assert [
        (d.declared.line, d.name, d.kind.value, d.version or d.spec_text, d.group)
        for d in collected.dependencies
    ] == [
        (7, "Django", "pinned", "3.2.4", ""),
        (8, "flask", "range", ">=2.0", ""),
        (9, "requests", "range", "", ""),
        (13, "Jinja2", "pinned", "2.11.2", "templates"),
    ]


def test_one_line_values_markers_and_bad_lines(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text(
        "[options]\ninstall_requires = flask==2.0.1; python_version < '3.9'\n"
        "python_requires = >=3.8\n\n[options.extras_require]\n; a comment\n"
        "dev = pytest==6.0; black==22.1; isort==5\nbad =\n    not valid ===\n",
        encoding="utf-8",
    )
    collected = SetupCfgSource(tmp_path / "setup.cfg", tmp_path).collect()
    # One semicolon is a marker; several separate requirements (setuptools' list-semi).
    assert [(d.declared.line, d.name, d.marker, d.group) for d in collected.dependencies] == [
        (2, "flask", 'python_version < "3.9"', ""),
        (7, "pytest", "", "dev"),
        (7, "black", "", "dev"),
        (7, "isort", "", "dev"),
    ]
    assert [(p.line, p.reason.split(":")[0]) for p in collected.problems] == [
        (9, "not a valid requirement `not valid ===`")
    ]


def test_file_directives_read_the_files_they_name(tmp_path: Path) -> None:
    # `install_requires = file: ...` (setuptools 62.6): the requirements live elsewhere.
    (tmp_path / "req").mkdir()
    (tmp_path / "setup.cfg").write_text(
        "[metadata]\nname = x\n\n[options]\ninstall_requires = file: req/base.in\n\n"
        "[options.extras_require]\ndev = file: req/dev.in, req/missing.in\n",
        encoding="utf-8",
    )
    (tmp_path / "req" / "base.in").write_text("django==3.2.1\n", encoding="utf-8")
    (tmp_path / "req" / "dev.in").write_text("werkzeug==0.15.2\n", encoding="utf-8")
    collected = SetupCfgSource(tmp_path / "setup.cfg", tmp_path).collect()
    assert [(d.name, d.group, d.declared.path) for d in collected.dependencies] == [
        ("django", "", "req/base.in"),
        ("werkzeug", "dev", "req/dev.in"),
    ]
    assert [(p.line, p.reason) for p in collected.problems] == [
        (8, "`file: req/missing.in` not found")
    ]
