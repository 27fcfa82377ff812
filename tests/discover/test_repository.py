"""What git says about dotenv files, asked of real git repositories in temporary folders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from webwarden.config import load_config
from webwarden.discover import discover
from webwarden.discover.repository import EnvFileState, Repository, inspect_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
SECRET = "SECRET_KEY=mysecurekey123\n"  # noqa: S105 - the planted secret


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _repo(root: Path, files: dict[str, str], commit: tuple[str, ...] = ()) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _git(root, "init", "-q")
    if commit:
        _git(root, "add", "-f", *commit)
        _git(root, "commit", "-q", "-m", "initial")
    return root


def _inspect(root: Path, *paths: Path, use_git: bool = True, **overrides: object) -> Repository:
    config = load_config([root], isolated=True, root=root, overrides=overrides or None)
    scanned = list(paths) or [root]
    return inspect_repository(
        root, scanned, discover(scanned, config), use_git=use_git, max_size=1 << 20
    )


def _states(repository: Repository) -> dict[str, tuple[bool, bool]]:
    return {s.relpath: (s.tracked, s.ignored) for s in repository.env_files}


def test_committed_env_file(tmp_path: Path) -> None:
    _repo(tmp_path, {".env": SECRET, "app.py": ""}, commit=(".env",))
    repository = _inspect(tmp_path)
    assert repository.git
    assert repository.env_files == (EnvFileState(".env", SECRET, True, False),)


def test_committed_then_ignored_is_still_found(tmp_path: Path) -> None:
    # Discovery skips the gitignored file; git still has it in every clone.
    _repo(tmp_path, {".env": SECRET, ".gitignore": ".env\n"}, commit=(".env",))
    config = load_config([tmp_path], isolated=True, root=tmp_path)
    assert ".env" not in [f.relpath for f in discover([tmp_path], config).files]
    assert _states(_inspect(tmp_path)) == {".env": (True, False)}


def test_untracked_files(tmp_path: Path) -> None:
    _repo(
        tmp_path,
        {
            ".env": SECRET,
            "config/.env.production": SECRET,
            "local.env": SECRET,
            ".gitignore": "local.env\n",
            ".env.example": "SECRET_KEY=\n",
        },
    )
    # respect-gitignore off lets discovery list the ignored file; git says it is ignored.
    states = _states(_inspect(tmp_path, **{"respect-gitignore": False}))
    assert states == {
        ".env": (False, False),
        "config/.env.production": (False, False),
        "local.env": (False, True),
    }


def test_git_exclude_file_counts(tmp_path: Path) -> None:
    # .git/info/exclude is git's own knowledge: discovery lists the file, git ignores it.
    _repo(tmp_path, {".env": SECRET})
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text(".env\n")
    assert _states(_inspect(tmp_path)) == {".env": (False, True)}


def test_only_the_scanned_paths(tmp_path: Path) -> None:
    _repo(tmp_path, {".env": SECRET, "src/app.py": "", "src/.env": SECRET}, commit=(".env",))
    states = _states(_inspect(tmp_path, tmp_path / "src"))
    assert states == {"src/.env": (False, False)}


def test_without_git(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".env").write_text(SECRET)
    (tmp_path / "sub" / ".env").write_text(SECRET)
    (tmp_path / "sub" / ".gitignore").write_text(".env\n")
    repository = _inspect(tmp_path, **{"respect-gitignore": False})
    assert not repository.git
    assert _states(repository) == {".env": (False, False), "sub/.env": (False, True)}


def test_git_switched_off(tmp_path: Path) -> None:
    _repo(tmp_path, {".env": SECRET}, commit=(".env",))
    repository = _inspect(tmp_path, use_git=False)
    assert not repository.git
    assert _states(repository) == {".env": (False, False)}


def test_git_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _repo(tmp_path, {".env": SECRET}, commit=(".env",))
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert not _inspect(tmp_path).git


def test_repository_hooks_never_run(tmp_path: Path) -> None:
    # An untrusted checkout may name a program as its file-system monitor; webwarden
    # asks git with the monitor switched off, so the program never runs.
    marker = tmp_path / "ran"
    hook = tmp_path / "monitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    _repo(tmp_path, {".env": SECRET}, commit=(".env",))
    _git(tmp_path, "config", "core.fsmonitor", str(hook))
    assert _inspect(tmp_path).git
    assert not marker.exists()
