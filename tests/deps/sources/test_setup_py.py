from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.deps.sources import DependencySourceError, source_for
from webwarden.deps.sources.setup_py import SetupPySource

SETUP = """\
from setuptools import find_packages, setup

INSTALL_REQUIRES = [
    "Django==3.2.1",
    "requests>=2.31",
]

setup(
    name="legacyapp",
    packages=find_packages(),
    install_requires=INSTALL_REQUIRES + ["urllib3==1.24.1"],
    extras_require={"yaml": ["PyYAML==5.3"], "docs": DOCS},
)
"""


def test_literal_requirements_of_setup_are_read_without_running_it(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text(SETUP, encoding="utf-8")
    assert source_for("setup.py") is SetupPySource
    collected = SetupPySource(tmp_path / "setup.py", tmp_path).collect()
    assert [(d.name, d.spec_text, d.group, d.declared.line) for d in collected.dependencies] == [
        ("Django", "==3.2.1", "", 4),
        ("requests", ">=2.31", "", 5),
        ("urllib3", "==1.24.1", "", 11),
        ("PyYAML", "==5.3", "yaml", 12),
    ]
    # A list made when setup.py runs cannot be audited without running it: said so.
    assert [(p.line, p.reason) for p in collected.problems] == [
        (12, "`docs` extra is computed when setup.py runs; list the requirements literally")
    ]


def test_a_setup_py_that_does_not_parse_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text("setup(\n", encoding="utf-8")
    with pytest.raises(DependencySourceError, match="cannot parse"):
        SetupPySource(tmp_path / "setup.py", tmp_path).collect()


def test_a_text_block_split_into_lines_is_read(tmp_path: Path) -> None:
    # Mayan EDMS's way: a triple-quoted block, one requirement per line, `.split()`.
    (tmp_path / "setup.py").write_text(
        'from setuptools import setup\n\nREQUIRES = """\nDjango==3.2.1\n\nrequests>=2.31\n"""'
        ".split()\n\nsetup(install_requires=REQUIRES)\n",
        encoding="utf-8",
    )
    collected = SetupPySource(tmp_path / "setup.py", tmp_path).collect()
    assert [(d.name, d.declared.line) for d in collected.dependencies] == [
        ("Django", 4),
        ("requests", 6),
    ]


def test_a_computed_list_is_no_notice_beside_requirements_files(tmp_path: Path) -> None:
    # The list is read from requirements.txt when setup.py runs: that file is audited.
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\nsetup(install_requires=read('requirements.txt'))\n",
        encoding="utf-8",
    )
    (tmp_path / "requirements.txt").write_text("django==3.2.1\n", encoding="utf-8")
    collected = SetupPySource(tmp_path / "setup.py", tmp_path).collect()
    assert (collected.dependencies, collected.problems) == ([], [])


def test_a_literal_list_wrapped_in_a_collection_builtin_is_read(tmp_path: Path) -> None:
    # Timesketch's clients: `frozenset([...])` of literals, and a set display; the
    # builtin only removes duplicates or orders the same literals.
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\n\nsetup(\n"
        '    install_requires=frozenset(["pandas", "requests>=2.31"]),\n'
        '    extras_require={"docs": sorted({"sphinx"}), "dev": list(tuple(["pytest"]))},\n'
        ")\n",
        encoding="utf-8",
    )
    collected = SetupPySource(tmp_path / "setup.py", tmp_path).collect()
    assert [(d.name, d.group) for d in collected.dependencies] == [
        ("pandas", ""),
        ("requests", ""),
        ("sphinx", "docs"),
        ("pytest", "dev"),
    ]
    assert collected.problems == []


def test_a_collection_builtin_of_a_computed_list_is_still_computed(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\n\n"
        "setup(install_requires=frozenset(open('reqs').read().split()))\n",
        encoding="utf-8",
    )
    collected = SetupPySource(tmp_path / "setup.py", tmp_path).collect()
    assert [p.line for p in collected.problems] == [3]


def test_a_union_of_literal_sets_is_read_each_requirement_once(tmp_path: Path) -> None:
    # vulnpy's extras: each framework's set joined with a shared one by `|`, and an "all"
    # extra joining them again; a requirement reached twice is still one declaration.
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\n\n"
        'shared = {"lxml>=4.3.1"}\n'
        'web = {"Flask<4"} | shared\n'
        "setup(extras_require={'web': web, 'all': shared | web | shared})\n",
        encoding="utf-8",
    )
    collected = SetupPySource(tmp_path / "setup.py", tmp_path).collect()
    assert sorted((d.name, d.group) for d in collected.dependencies) == [
        ("Flask", "all"),
        ("Flask", "web"),
        ("lxml", "all"),
        ("lxml", "web"),
    ]
    assert collected.problems == []


def test_a_union_with_a_computed_set_is_still_computed(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text(
        "from setuptools import setup\n\n"
        "setup(extras_require={'web': {'Flask<4'} | set(read('reqs'))})\n",
        encoding="utf-8",
    )
    collected = SetupPySource(tmp_path / "setup.py", tmp_path).collect()
    assert [p.line for p in collected.problems] == [3]
