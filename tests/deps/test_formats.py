"""Every input format audited against the real PyPA advisory database (exact advisory ids).

The ids for Django 3.2.4 were cross-checked independently of webwarden's range
evaluation: they are exactly the non-withdrawn records whose explicit `versions` list
names 3.2.4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deps.fixtures import ASSETS
from webwarden.deps.options import DepsOptions
from webwarden.deps.run import audit_project
from webwarden.deps.sources import source_for

DJANGO_3_2_4 = [
    "PYSEC-2021-109", "PYSEC-2021-439", "PYSEC-2022-1", "PYSEC-2022-19", "PYSEC-2022-190",
    "PYSEC-2022-191", "PYSEC-2022-2", "PYSEC-2022-20", "PYSEC-2022-213", "PYSEC-2022-245",
    "PYSEC-2022-3", "PYSEC-2022-304", "PYSEC-2023-100", "PYSEC-2023-12", "PYSEC-2023-13",
    "PYSEC-2023-222", "PYSEC-2023-225", "PYSEC-2023-226", "PYSEC-2023-61", "PYSEC-2024-28",
    "PYSEC-2024-47",
]  # fmt: skip
FLASK_2_0_1 = ["PYSEC-2023-62"]
JINJA2_2_11_2 = ["PYSEC-2021-66"]
WERKZEUG_2_0_1 = ["PYSEC-2022-203", "PYSEC-2023-221", "PYSEC-2023-57", "PYSEC-2023-58"]


def _audit(project: str, store: Path, **options: object) -> list[tuple[object, ...]]:
    root = ASSETS / project
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and source_for(p.name, p.parent.parts[-1:])
    )
    # NOTE: the snapshot is from 2024-10; its age is not what these tests are about.
    options = {"stale_days": 100_000, **options}
    audit = audit_project(root, files, DepsOptions(db=store, **options))  # type: ignore[arg-type]
    assert audit.notices == []
    assert audit.credits == ["PyPA advisory database (CC-BY 4.0)"]
    return [
        (
            d.dependency.declared.path,
            d.dependency.declared.line,
            d.dependency.key,
            [g.primary.id for g in d.vulnerable],
            d.smallest_fix,
        )
        for d in audit.dependencies
        if d.applies and d.vulnerable
    ]


@pytest.mark.parametrize(
    ("project", "expected"),
    [
        pytest.param(
            "requirements_project",
            [
                ("requirements/base.txt", 1, "jinja2", JINJA2_2_11_2, "2.11.3"),
                ("requirements/base.txt", 2, "flask", FLASK_2_0_1, "2.2.5"),
                ("requirements.txt", 5, "django", DJANGO_3_2_4, "3.2.25"),
                ("requirements.txt", 7, "werkzeug", WERKZEUG_2_0_1, "2.3.8"),
                ("requirements.txt", 11, "celery", ["PYSEC-2021-858"], "5.2.2"),
            ],
            id="requirements",
        ),
        pytest.param(
            "pyproject_pep621",
            [
                ("pyproject.toml", 5, "django", DJANGO_3_2_4, "3.2.25"),
                ("pyproject.toml", 6, "flask", FLASK_2_0_1, "2.2.5"),
                (
                    "pyproject.toml",
                    7,
                    "requests",
                    [
                        "PYSEC-2014-13",
                        "PYSEC-2014-14",
                        "PYSEC-2015-17",
                        "PYSEC-2018-28",
                        "PYSEC-2023-74",
                    ],
                    "2.31.0",
                ),
                ("pyproject.toml", 11, "jinja2", JINJA2_2_11_2, "2.11.3"),
                ("pyproject.toml", 14, "werkzeug", WERKZEUG_2_0_1, "2.3.8"),
            ],
            id="pyproject",
        ),
        pytest.param(
            "poetry_project",
            [
                ("poetry.lock", 4, "django", DJANGO_3_2_4, "3.2.25"),
                ("poetry.lock", 12, "flask", FLASK_2_0_1, "2.2.5"),
                ("pyproject.toml", 7, "django", DJANGO_3_2_4, "3.2.25"),
                ("pyproject.toml", 8, "flask", FLASK_2_0_1, "2.3.2"),
                (
                    "pyproject.toml",
                    9,
                    "pillow",
                    [
                        "PYSEC-2021-137",
                        "PYSEC-2021-138",
                        "PYSEC-2021-139",
                        "PYSEC-2021-317",
                        "PYSEC-2021-331",
                        "PYSEC-2021-35",
                        "PYSEC-2021-36",
                        "PYSEC-2021-37",
                        "PYSEC-2021-38",
                        "PYSEC-2021-39",
                        "PYSEC-2021-40",
                        "PYSEC-2021-41",
                        "PYSEC-2021-42",
                        "PYSEC-2021-92",
                        "PYSEC-2021-93",
                        "PYSEC-2021-94",
                        "PYSEC-2022-10",
                        "PYSEC-2022-168",
                        "PYSEC-2022-42979",
                        "PYSEC-2022-8",
                        "PYSEC-2022-9",
                        "PYSEC-2023-175",
                        "PYSEC-2023-227",
                    ],
                    "10.0.1",
                ),
                ("pyproject.toml", 14, "jinja2", JINJA2_2_11_2, "2.11.3"),
            ],
            id="poetry",
        ),
        pytest.param(
            "pipenv_project",
            [
                ("Pipfile.lock", 9, "django", DJANGO_3_2_4, "3.2.25"),
                ("Pipfile.lock", 14, "jinja2", JINJA2_2_11_2, "2.11.3"),
                ("Pipfile.lock", 25, "werkzeug", WERKZEUG_2_0_1, "2.3.8"),
            ],
            id="pipfile-lock",
        ),
        pytest.param(
            "uv_project",
            [
                ("uv.lock", 5, "flask", FLASK_2_0_1, "2.2.5"),
                ("uv.lock", 14, "jinja2", JINJA2_2_11_2, "2.11.3"),
            ],
            id="uv-lock",
        ),
        pytest.param(
            "pdm_project",
            [
                ("pdm.lock", 11, "django", DJANGO_3_2_4, "3.2.25"),
                ("pdm.lock", 18, "werkzeug", WERKZEUG_2_0_1, "2.3.8"),
            ],
            id="pdm-lock",
        ),
        pytest.param(
            "setup_cfg_project",
            [
                ("setup.cfg", 7, "django", DJANGO_3_2_4, "3.2.25"),
                ("setup.cfg", 8, "flask", FLASK_2_0_1, "2.3.2"),
                (
                    "setup.cfg",
                    9,
                    "requests",
                    [
                        "PYSEC-2014-13",
                        "PYSEC-2014-14",
                        "PYSEC-2015-17",
                        "PYSEC-2018-28",
                        "PYSEC-2023-74",
                    ],
                    "2.31.0",
                ),
                ("setup.cfg", 13, "jinja2", JINJA2_2_11_2, "2.11.3"),
            ],
            id="setup-cfg",
        ),
        pytest.param("current", [], id="current-releases-are-clean"),
    ],
)
def test_known_vulnerable_pins_in_every_format(
    pypa_store: Path, project: str, expected: list[tuple[object, ...]]
) -> None:
    assert _audit(project, pypa_store) == expected


def test_installed_environment(pypa_store: Path) -> None:
    site = "lib/python3.11/site-packages"
    assert _audit("environment", pypa_store, python=ASSETS / "environment") == [
        (f"{site}/Django-3.2.4.dist-info/METADATA", 1, "django", DJANGO_3_2_4, "3.2.25"),
        (f"{site}/Jinja2-2.11.2.dist-info/METADATA", 1, "jinja2", JINJA2_2_11_2, "2.11.3"),
    ]


def test_markers_exclude_pins_for_another_python(pypa_store: Path) -> None:
    root = ASSETS / "requirements_project"
    audit = audit_project(
        root, [root / "requirements.txt"], DepsOptions(db=pypa_store, python_version="3.7")
    )
    by_name = {d.dependency.key: d for d in audit.dependencies}
    assert by_name["importlib-metadata"].applies
    assert not by_name["pywin32"].applies
    windows = audit_project(
        root, [root / "requirements.txt"], DepsOptions(db=pypa_store, platform="win32")
    )
    assert {d.dependency.key: d.applies for d in windows.dependencies}["pywin32"]


def test_the_names_alone_pick_the_files_each_source_reads() -> None:
    """`is_dependency_file` (which imports no parser) picks what `source_for` does."""
    from webwarden.deps.sources import FILE_SOURCES
    from webwarden.deps.sources.names import ALL, is_dependency_file

    assert sorted(ALL) == sorted(p for source in FILE_SOURCES for p in source.patterns)
    names = [
        "requirements.txt", "requirements-dev.txt", "dev-requirements.txt", "base.txt",
        "pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "Pipfile.lock", "poetry.lock",
        "uv.lock", "pdm.lock", "constraints.txt", "README.txt", "package.json", "tox.ini",
    ]  # fmt: skip
    for name in names:
        for parents in ((), ("requirements",), ("docs",)):
            assert is_dependency_file(name, parents) == (source_for(name, parents) is not None)
    assert is_dependency_file("base.txt", ("requirements",))
    assert not is_dependency_file("base.txt", ("docs",))
