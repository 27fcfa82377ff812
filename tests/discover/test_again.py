"""Walking again (`discover.again`): the last walk's files are kept, with new stats, only
while a new walk would find the same files; every other change walks the tree again."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from webwarden.config import load_config
from webwarden.discover import discover
from webwarden.discover.again import RACY_NS, Walk, walk

HOUR_AGO = time.time() - 3600


def _project(root: Path) -> Path:
    """A git work tree whose folders and files were last changed an hour ago."""
    files = {
        ".gitignore": "build/\n",
        "app/views.py": "def index():\n    return 'hi'\n",
        "app/templates/index.html": "<p>hi</p>\n",
        "settings.py": "DEBUG = False\n",
        "build/gen.py": "",
    }
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _age(root)
    return root


def _age(root: Path) -> None:
    for folder, _, names in os.walk(root):
        for path in [folder, *(os.path.join(folder, n) for n in names)]:
            os.utime(path, (HOUR_AGO, HOUR_AGO), follow_symlinks=False)


def _walk(root: Path, last: Walk | None = None, **overrides: object) -> Walk:
    config = load_config([root], isolated=True, root=root, overrides=overrides or None)
    return walk([root], config, last)


def _listing(done: Walk) -> list[tuple[str, int]]:
    return [(f.relpath, f.size) for f in done.discovery.files]


def _fresh(root: Path) -> list[tuple[str, int]]:
    config = load_config([root], isolated=True, root=root)
    return [(f.relpath, f.size) for f in discover([root], config).files]


def test_an_edit_keeps_the_files_with_their_new_stats(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    first = _walk(root)
    assert first.trusted
    assert [f for f, _ in _listing(first)] == [
        ".gitignore",
        "app/templates/index.html",
        "app/views.py",
        "settings.py",
    ]
    (root / "app/views.py").write_text("def index():\n    return 'hello'\n", encoding="utf-8")
    again = _walk(root, first)
    assert again.stamps is first.stamps  # NOTE: no new walk
    assert _listing(again) == _fresh(root)
    edited = next(f for f in again.discovery.files if f.relpath == "app/views.py")
    assert edited.mtime_ns == (root / "app/views.py").stat().st_mtime_ns
    assert edited != next(f for f in first.discovery.files if f.relpath == "app/views.py")


def _add(root: Path) -> None:
    (root / "app/forms.py").write_text("", encoding="utf-8")


def _remove(root: Path) -> None:
    (root / "settings.py").unlink()


def _rename(root: Path) -> None:
    (root / "settings.py").rename(root / "app/settings.py")


def _new_folder(root: Path) -> None:
    (root / "app/api").mkdir()
    (root / "app/api/views.py").write_text("", encoding="utf-8")


def _ignore_more(root: Path) -> None:
    # NOTE: an edit in place: the folder's time stays, the ignore file's changes.
    with open(root / ".gitignore", "a", encoding="utf-8") as ignore:
        ignore.write("settings.py\n")


def _nested_ignore(root: Path) -> None:
    (root / "app/.gitignore").write_text("templates/\n", encoding="utf-8")


def _virtualenv(root: Path) -> None:
    (root / "app/templates/pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        _add,
        _remove,
        _rename,
        _new_folder,
        _ignore_more,
        _nested_ignore,
        _virtualenv,
    ],
)
def test_a_change_to_what_a_walk_finds_walks_again(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    root = _project(tmp_path / "app")
    first = _walk(root)
    before = _listing(first)
    change(root)
    again = _walk(root, first)
    assert again.stamps is not first.stamps
    assert _listing(again) == _fresh(root) != before


def test_other_options_or_paths_walk_again(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    first = _walk(root)
    other = _walk(root, first, **{"extend-exclude": ["settings.py"]})
    assert other.stamps is not first.stamps
    assert "settings.py" not in [f for f, _ in _listing(other)]
    config = load_config([root], isolated=True, root=root)
    only_app = walk([root / "app"], config, first)
    assert [f.relpath for f in only_app.discovery.files] == [
        "app/templates/index.html",
        "app/views.py",
    ]


def test_a_folder_changed_just_before_the_walk_is_not_trusted(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    recent = time.time_ns() - RACY_NS // 2
    os.utime(root / "app", ns=(recent, recent))
    first = _walk(root)
    assert not first.trusted
    assert _walk(root, first).stamps is not first.stamps


def test_a_walk_with_problems_is_not_trusted(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    (root / "app/old.py").symlink_to(tmp_path / "elsewhere.py")
    _age(root)
    first = _walk(root)
    assert [p.relpath for p in first.discovery.problems] == ["app/old.py"]
    assert not first.trusted
    # NOTE: nothing in the tree changes, the link now leads somewhere.
    (tmp_path / "elsewhere.py").write_text("", encoding="utf-8")
    again = _walk(root, first)
    assert "app/old.py" in [f for f, _ in _listing(again)]
    assert not again.discovery.problems


def test_a_work_tree_above_made_or_unmade_walks_again(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    root = _project(repository / "app")
    (root / ".git").rmdir()
    (repository / ".git").mkdir()
    (repository / ".gitignore").write_text("settings.py\n", encoding="utf-8")
    _age(repository)
    first = _walk(root)
    assert first.trusted
    assert "settings.py" not in [f for f, _ in _listing(first)]
    (repository / ".git").rmdir()  # NOTE: the repository's .gitignore no longer applies
    _age(repository)
    again = _walk(root, first)
    assert again.stamps is not first.stamps
    assert "settings.py" in [f for f, _ in _listing(again)]
    assert _listing(again) == _fresh(root)


def test_a_file_that_became_something_else_walks_again(tmp_path: Path) -> None:
    root = _project(tmp_path / "app")
    first = _walk(root)
    # NOTE: the folder's time put back: only the file itself tells.
    (root / "settings.py").unlink()
    (root / "settings.py").mkdir()
    _age(root)
    again = _walk(root, first)
    assert again.stamps is not first.stamps
    assert _listing(again) == _fresh(root)
