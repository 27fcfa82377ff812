"""What git knows about the project's dotenv files: committed, ignored, or neither.

Discovery skips gitignored files, but a `.env` that was committed before it was ignored
is still in every clone; `git ls-files` finds it. Git runs read-only (`ls-files`,
`check-ignore`), with the repository's file-system monitor hook switched off so that
auditing an untrusted checkout never runs a program named in its `.git/config`. Without
git (not installed, not a checkout, a repository owned by another user, or
`[tool.webwarden.secrets] git = false`) the `.gitignore` files are read instead.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from webwarden.analysis.secrets.envfiles import is_env_file
from webwarden.discover.walk import Discovery, relative
from webwarden.parse import Unreadable, read_text

logger = logging.getLogger(__name__)
_TIMEOUT = 30
_SAFE_CONFIG = ("-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false")


@dataclass(frozen=True, slots=True)
class EnvFileState:
    """A dotenv file of the project and what git (or `.gitignore`) says of it."""

    relpath: str
    text: str
    tracked: bool
    """Committed to the repository (always False without git)."""
    ignored: bool
    """Covered by `.gitignore` (or git's other exclude files)."""


@dataclass(frozen=True, slots=True)
class Repository:
    """The dotenv files of the project and whether git was asked about them."""

    git: bool
    """True when `git` answered for a checkout holding the root."""
    env_files: tuple[EnvFileState, ...] = ()


def _git(root: Path, *args: str, stdin: str | None = None) -> str | None:
    executable = shutil.which("git")
    if executable is None:
        return None
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    try:
        # NOTE: a fixed argument list, no shell; the only input is the project's paths.
        done = subprocess.run(  # noqa: S603
            [executable, *_SAFE_CONFIG, "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            env=environment,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        logger.debug("git %s failed: %s", args[0], exc)
        return None
    if done.returncode not in (0, 1):
        logger.debug("git %s: %s", args[0], done.stderr.strip())
        return None
    return done.stdout


def _gitignore_chain(root: Path, relpath: str) -> bool:
    """Whether the `.gitignore` files from `root` down to the file's folder ignore it."""
    parts = relpath.split("/")
    for depth in range(len(parts)):
        directory = root.joinpath(*parts[:depth])
        try:
            lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        spec = pathspec.GitIgnoreSpec.from_lines(lines.splitlines())
        if spec.match_file("/".join(parts[depth:])):
            return True
    return False


def _read(root: Path, relpath: str, max_size: int) -> str | None:
    text = read_text(root / relpath, max_size, lenient=True)
    return None if isinstance(text, Unreadable) else text


def _states(
    root: Path, candidates: Sequence[str], tracked: set[str], ignored: set[str], max_size: int
) -> tuple[EnvFileState, ...]:
    states = []
    for relpath in sorted(set(candidates) | tracked):
        text = _read(root, relpath, max_size)
        if text is not None:
            states.append(EnvFileState(relpath, text, relpath in tracked, relpath in ignored))
    return tuple(states)


def _under(relpath: str, scopes: Sequence[str]) -> bool:
    return any(
        scope in {"", "."} or relpath == scope or relpath.startswith(scope + "/")
        for scope in scopes
    )


def inspect_repository(
    root: Path, paths: Sequence[Path], discovery: Discovery, *, use_git: bool, max_size: int
) -> Repository:
    """The dotenv files under `paths` (discovered, or committed and then ignored) with
    their git status; `root` is the base of relative paths."""
    found = [f.relpath for f in discovery.files if is_env_file(f.name)]
    found = [relpath for relpath in found if not relpath.startswith("..")]
    listing = _git(root, "ls-files", "-z", "--cached") if use_git else None
    if listing is None:
        ignored = {relpath for relpath in found if _gitignore_chain(root, relpath)}
        return Repository(False, _states(root, found, set(), ignored, max_size))
    scopes = [relative(path.resolve(), root.resolve()) for path in paths] or [""]
    tracked = {
        p
        for p in listing.split("\0")
        if p and is_env_file(p.rsplit("/", 1)[-1]) and _under(p, scopes)
    }
    untracked = [relpath for relpath in found if relpath not in tracked]
    answer = _git(root, "check-ignore", "-z", "--stdin", stdin="\0".join(untracked))
    if answer is None:
        ignored = {relpath for relpath in untracked if _gitignore_chain(root, relpath)}
    else:
        ignored = {p for p in answer.split("\0") if p}
    return Repository(True, _states(root, found, tracked, ignored, max_size))
