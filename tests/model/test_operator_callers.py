"""Which modules may call a function: shell commands only, or others too."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from webwarden.discover.files import FileKind, SourceFile
from webwarden.model.facts import Facts
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.operator_callers import (
    REFERENCE_FACTS,
    ImportedReferences,
    extract_references,
    may_use,
    only_commands_call,
)
from webwarden.model.project import ModuleSummary, ProjectModel

OPS = ("webapp.ops.log_change", "webapp.ops.target")

COMMANDS = """
    import click
    from webapp import ops

    @click.command()
    @click.argument("space")
    def log(space):
        ops.log_change("changed", space)
"""


def _context(source: str, module: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    path = module.replace(".", "/") + ".py"
    return FileContext(path, module, tuple(text.splitlines()), tree, NameResolver(tree, module))


def _project(tmp_path: Path, modules: dict[str, str]) -> ProjectModel:
    summaries = {}
    for module, source in modules.items():
        ctx = _context(source, module)
        summaries[ctx.relpath] = ModuleSummary(
            ctx.relpath,
            module,
            module.startswith("tests."),
            frozenset(),
            ctx.names.aliases,
            Facts({REFERENCE_FACTS: extract_references(ctx)}),
            ctx.names.stars,
        )
    return ProjectModel(root=tmp_path, files=[], modules=summaries)


def test_references_name_the_chains_read_through_imports() -> None:
    ctx = _context("import webapp.ops\nfrom webapp import db\nwebapp.ops.rotate(db.session.x)", "m")
    assert extract_references(ctx) == ImportedReferences(
        commands_only=False,
        chains=frozenset({"webapp.ops.rotate", "webapp.db.session.x"}),
    )


@pytest.mark.parametrize(
    ("others", "expected"),
    [
        pytest.param({}, True, id="only-a-command-module"),
        pytest.param(
            {"webapp.tasks": "from webapp import ops\nops.refresh()"},
            True,
            id="a-task-reading-another-function",
        ),
        pytest.param(
            {"tests.test_ops": "from webapp.ops import log_change\nlog_change('m', 's')"},
            True,
            id="test-code",
        ),
        pytest.param(
            {"webapp.views": "from webapp.ops import log_change"},
            False,
            id="a-view-module-importing-it",
        ),
        pytest.param(
            {"webapp.tasks": "import webapp.ops\nwebapp.ops.target.delay('s')"},
            False,
            id="read-through-the-package",
        ),
        pytest.param({"webapp.views": "from webapp.ops import *"}, False, id="star-import"),
        pytest.param(
            {
                "webapp.launch": "import argparse\nfrom webapp import ops\n"
                "def main():\n    from waitress import serve\n"
                "    serve(ops.target(argparse.ArgumentParser().parse_args()))\n"
                "if __name__ == '__main__':\n    main()"
            },
            False,
            id="a-launcher-serving-what-it-builds",
        ),
        pytest.param(
            {
                "webapp.launch": "import argparse\nfrom webapp import ops\n"
                "def main():\n    print(ops.target(argparse.ArgumentParser().parse_args()))\n"
                "if __name__ == '__main__':\n    main()"
            },
            True,
            id="a-script-serving-nothing",
        ),
        pytest.param(
            {
                "webapp.launch": "import argparse\nfrom webapp import ops\n"
                "def rotate():\n    ops.target(argparse.ArgumentParser().parse_args())\n"
                "def main():\n    from waitress import serve\n    serve(make_app())\n"
                "if __name__ == '__main__':\n    main()"
            },
            True,
            id="a-launcher-calling-it-apart-from-serving",
        ),
    ],
)
def test_only_commands_call(tmp_path: Path, others: dict[str, str], expected: bool) -> None:
    project = _project(tmp_path, {"webapp.ops": "", "webapp.cli": COMMANDS, **others})
    assert only_commands_call(project, OPS, here=False) is expected


def test_a_function_nothing_calls_is_not_only_commands(tmp_path: Path) -> None:
    project = _project(tmp_path, {"webapp.ops": "", "webapp.cli": "import click"})
    assert only_commands_call(project, OPS, here=False) is False
    assert only_commands_call(project, OPS, here=True) is True


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "from setuptools import setup\n"
            "setup(entry_points={'console_scripts': ['opsctl = webapp.ops:main [cli]']})",
            {"webapp.ops.main"},
            id="dict-of-lists",
        ),
        pytest.param(
            "import setuptools\n"
            "setuptools.setup(entry_points={'gui_scripts': 'opsgui=webapp.gui:run'})",
            {"webapp.gui.run"},
            id="gui-script-one-string",
        ),
        pytest.param(
            "from setuptools import setup\n"
            "setup(entry_points='''\n[console_scripts]\nopsctl = webapp.ops:main\n"
            "[flake8.extension]\nX = webapp.lint:Checker\n''')",
            {"webapp.ops.main"},
            id="ini-text",
        ),
        pytest.param(
            "from setuptools import setup\n"
            "setup(entry_points={'flake8.extension': ['X = webapp.lint:Checker']})",
            set(),
            id="plugin-entry-point-is-no-script",
        ),
    ],
)
def test_setup_scripts(source: str, expected: set[str]) -> None:
    assert extract_references(_context(source, "setup")).scripts == expected


def _installed_project(tmp_path: Path, pyproject: str) -> ProjectModel:
    project = _project(tmp_path, {"webapp.ops": ""})
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    stat = (tmp_path / "pyproject.toml").stat()
    project.files.append(
        SourceFile(str(tmp_path / "pyproject.toml"), "pyproject.toml", FileKind.TEXT, stat.st_size)
    )
    return project


@pytest.mark.parametrize(
    ("pyproject", "expected"),
    [
        pytest.param('[project.scripts]\nops = "webapp.ops:log_change"\n', True, id="project"),
        pytest.param('[tool.poetry.scripts]\nops = "webapp.ops:target"\n', True, id="poetry"),
        pytest.param('[project.scripts]\nops = "webapp.cli:main"\n', False, id="another-function"),
        pytest.param("[project\n", False, id="broken-toml"),
    ],
)
def test_a_console_script_is_a_command(tmp_path: Path, pyproject: str, expected: bool) -> None:
    project = _installed_project(tmp_path, pyproject)
    assert only_commands_call(project, OPS, here=False) is expected


def test_a_console_script_others_import_is_not_only_commands(tmp_path: Path) -> None:
    project = _installed_project(tmp_path, '[project.scripts]\nops = "webapp.ops:target"\n')
    project.modules["webapp/views.py"] = _project(
        tmp_path, {"webapp.views": "from webapp.ops import target"}
    ).modules["webapp/views.py"]
    assert only_commands_call(project, OPS, here=False) is False


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from webapp import ops\nops.refresh()", False, id="another-function"),
        pytest.param("from webapp import ops\nops.target('x')", True, id="the-function"),
        pytest.param("from webapp.ops import target", True, id="imported-by-name"),
        pytest.param("from webapp.ops import *", True, id="star-import"),
        pytest.param("import webapp\nwebapp.ops.target('x')", True, id="through-the-package"),
        pytest.param("import json", False, id="another-module"),
    ],
)
def test_may_use(tmp_path: Path, source: str, expected: bool) -> None:
    project = _project(tmp_path, {"webapp.views": source})
    (summary,) = project.modules.values()
    assert may_use(summary, "webapp.ops", ("webapp.ops.target",)) is expected
