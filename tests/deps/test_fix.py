from __future__ import annotations

import shutil
from pathlib import Path

from tests.deps.fixtures import ASSETS
from webwarden.deps.fix import apply_fixes
from webwarden.deps.options import DepsOptions
from webwarden.deps.run import audit_project


def _fix(root: Path, store: Path, files: list[str]) -> tuple[list[str], list[str]]:
    audit = audit_project(root, [root / f for f in files], DepsOptions(db=store))
    result = apply_fixes(root, audit.dependencies)
    changed = [f"{c.path}:{c.line} {c.before} -> {c.after}" for c in result.changed]
    skipped = [f"{path}:{line} {name}: {why}" for path, line, name, why in result.skipped]
    return changed, skipped


def test_fix_rewrites_pins_and_keeps_layout(tmp_path: Path, pypa_store: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(ASSETS / "requirements_project", root)
    before = (root / "requirements.txt").read_text(encoding="utf-8")
    changed, skipped = _fix(root, pypa_store, ["requirements.txt"])
    assert changed == [
        "requirements.txt:5 Django==3.2.4  # the LTS we have not upgraded yet -> "
        "Django==3.2.25  # the LTS we have not upgraded yet",
        "requirements.txt:11 celery[redis]>=5.0 -> celery[redis]>=5.2.2",
        "requirements/base.txt:1 Jinja2==2.11.2 -> Jinja2==2.11.3",
        "requirements/base.txt:2 flask==2.0.1 -> flask==2.2.5",
    ]
    assert skipped == [
        "requirements.txt:7 Werkzeug: the line pins hashes: regenerate the file "
        "(pip-compile --generate-hashes)"
    ]
    after = (root / "requirements.txt").read_text(encoding="utf-8")
    expected = before.replace("Django==3.2.4", "Django==3.2.25").replace(
        "celery[redis]>=5.0", "celery[redis]>=5.2.2"
    )
    assert after == expected
    # Fixed again: nothing left to do but the hashed pin.
    changed, skipped = _fix(root, pypa_store, ["requirements.txt"])
    assert changed == []
    assert len(skipped) == 1


def test_fix_adds_a_lower_bound_and_keeps_crlf(tmp_path: Path, pypa_store: Path) -> None:
    (tmp_path / "requirements.txt").write_bytes(
        b"requests ; python_version >= '3'\r\nflask == 2.0.1\r\n"
    )
    changed, _ = _fix(tmp_path, pypa_store, ["requirements.txt"])
    assert changed == [
        "requirements.txt:1 requests ; python_version >= '3' -> requests>=2.31.0 ; python_version >= '3'",
        "requirements.txt:2 flask == 2.0.1 -> flask == 2.2.5",
    ]
    assert (tmp_path / "requirements.txt").read_bytes() == (
        b"requests>=2.31.0 ; python_version >= '3'\r\nflask == 2.2.5\r\n"
    )


def test_other_formats_and_odd_lines_are_left_alone(tmp_path: Path, pypa_store: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(ASSETS / "poetry_project", root)
    (root / "requirements.txt").write_text("flask<2.3,>=2.0\nrequests~=2.20\n", encoding="utf-8")
    changed, skipped = _fix(root, pypa_store, ["poetry.lock", "requirements.txt"])
    assert changed == ["requirements.txt:1 flask<2.3,>=2.0 -> flask<2.3,>=2.2.5"]
    assert skipped == [
        "poetry.lock:4 django: declared in a poetry.lock file: update it with its own tool",
        "poetry.lock:12 flask: declared in a poetry.lock file: update it with its own tool",
        "requirements.txt:2 requests: the line has an unusual form",
    ]


def test_fix_rewrites_every_line_of_a_repeated_pin(tmp_path: Path, pypa_store: Path) -> None:
    # One package pinned on two lines with different extras is one dependency: both move.
    (tmp_path / "requirements.txt").write_text(
        "flask[async]==2.0.1\nflask[dotenv]==2.0.1\n", encoding="utf-8"
    )
    changed, _ = _fix(tmp_path, pypa_store, ["requirements.txt"])
    assert changed == [
        "requirements.txt:1 flask[async]==2.0.1 -> flask[async]==2.2.5",
        "requirements.txt:2 flask[dotenv]==2.0.1 -> flask[dotenv]==2.2.5",
    ]
