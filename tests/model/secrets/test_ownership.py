"""The ownership policy: each literal secret is reported once, by the framework rule that
judges it when there is one, otherwise by a framework-neutral rule."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import audit

NEUTRAL = frozenset({"WW240", "WW241", "WW242", "WW340", "WW341"})
FRAMEWORK = frozenset({"WW201", "WW202", "WW203", "WW220", "WW221", "WW301", "WW302", "WW320"})
FIXTURES = REPO / "tests" / "rules" / "fixtures"
PROJECTS = [
    *sorted((REPO / "examples").iterdir()),
    FIXTURES / "WW241" / "safe_framework_owned",
    FIXTURES / "WW241" / "vulnerable_framework_project",
]


def _codes_by_line(root: Path) -> dict[tuple[str, int], set[str]]:
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for finding in audit([root], root, select=["WW2", "WW3"]):
        found[(finding.location.path, finding.location.line)].add(finding.code)
    return found


@pytest.mark.parametrize("project", [p for p in PROJECTS if p.is_dir()], ids=lambda p: p.name)
def test_no_line_is_reported_by_both(project: Path) -> None:
    for where, codes in _codes_by_line(project).items():
        assert not (codes & NEUTRAL and codes & FRAMEWORK), f"{where}: {sorted(codes)}"


SECRET_RULES = NEUTRAL | FRAMEWORK
WRITTEN_KEYS = [
    FIXTURES / "WW203" / "vulnerable_weak_key_written_in_source",
    FIXTURES / "WW203" / "vulnerable_weak_fallbacks_written_in_source",
]


@pytest.mark.parametrize(
    "project", [p for p in [*PROJECTS, *WRITTEN_KEYS] if p.is_dir()], ids=lambda p: p.name
)
def test_no_line_is_reported_by_two_secret_rules(project: Path) -> None:
    # NOTE: a key in the code is WW203's alone; its length (WW201, WW202) is not
    # reported again on the same line.
    for where, codes in _codes_by_line(project).items():
        assert len(codes & SECRET_RULES) <= 1, f"{where}: {sorted(codes)}"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")


def test_each_secret_once_in_a_mixed_project(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "shop/settings/base.py": """\
                INSTALLED_APPS = ["django.contrib.auth"]
                SECRET_KEY = "q8Zt3Lm9Xw2Kv7Np4Hd6Bs1Gf5Jc0Ry8Tu3Ei7Ow2Yv6Pb1Nm4Lk"
                DATABASES = {"default": {"PASSWORD": "Shop-DB-2024!"}}
                EMAIL_HOST_PASSWORD = "Smtp-Relay-2024!"
                """,
            "shop/settings/prod.py": """\
                from .base import *
                CACHES = {"default": {"LOCATION": "redis://:C4che-Pw-99@cache.example.com/0"}}
                """,
            "notes/app.py": """\
                from flask import Flask
                app = Flask(__name__)
                app.config["SECRET_KEY"] = "kq3Zt8vW2pLx9cR4mN7bY1sD6fG0hJ5e"
                app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://n:Notes-Pw-7@db.example.com/n"
                app.config["MAIL_PASSWORD"] = "M4il-Gun-Relay!"
                """,
            "tools/backup.py": """\
                SECRET_KEY = "Xq7Lm2Pz9Wv4Kt8Nd3Bs6Hf1"
                """,
        },
    )
    found = _codes_by_line(tmp_path)
    credential = {
        where: codes & (NEUTRAL | FRAMEWORK)
        for where, codes in found.items()
        if codes & (NEUTRAL | FRAMEWORK)
    }
    # WW201 (weak) and WW203 (hard-coded) are two Django findings about one value.
    assert {where: sorted(codes) for where, codes in credential.items()} == {
        ("shop/settings/base.py", 2): ["WW203"],
        ("shop/settings/base.py", 3): ["WW301"],
        ("shop/settings/base.py", 4): ["WW241"],
        ("shop/settings/prod.py", 2): ["WW341"],
        ("notes/app.py", 3): ["WW220"],
        ("notes/app.py", 4): ["WW320"],
        ("notes/app.py", 5): ["WW241"],
        ("tools/backup.py", 1): ["WW241"],
    }
