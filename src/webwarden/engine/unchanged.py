"""Reuse the last report when nothing a scan reads has changed, and the last walk of the
tree when no folder it listed changed (`remembered_walk`), and the last dependency step
(`remembered_dependencies`).

A scan's findings are a function of the files it discovers, the configuration, the date
(accepted risks expire), webwarden's own code and a few files outside the project tree
it may read: the baseline, git's index (which `.env` files are committed), the local
advisory store. `unchanged_key` hashes all of them, taking each file by its size, mtime
and inode as the per-file cache does; when the key equals the last scan's, the last
report is shown again without parsing, modelling or judging anything. When the
dependency audit would ask a network service (whose answers change on their own), there
is no key and the scan runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import pickle
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from webwarden.config import Config
from webwarden.config.paths import cache_dir
from webwarden.discover import Discovery
from webwarden.discover.walk import git_top
from webwarden.engine.store import code_fingerprint, connect, project_cache_path

logger = logging.getLogger(__name__)
_NAME = "report"


def _stat(path: Path | str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _git_files(root: Path) -> list[Path]:
    """Git's index, exclude file and HEAD of the repository holding `root`, if any."""
    top = git_top(root)
    if top is None:
        return []
    dot_git = top / ".git"
    if dot_git.is_file():  # a worktree: `.git` names the real git directory
        with contextlib.suppress(OSError, ValueError):
            line = dot_git.read_text(encoding="utf-8").strip()
            dot_git = top / line.removeprefix("gitdir:").strip()
    return [dot_git / "index", dot_git / "info" / "exclude", dot_git / "HEAD"]


def offline_dependencies(config: Config, discovery: Discovery) -> list[Path] | None:
    """The local files the dependency audit reads besides the project's (the advisory
    store), or None when it may ask a network service or read an installed environment."""
    from webwarden.deps.options import default_store_path, deps_options

    options = deps_options(config)
    if not options.enabled:
        return []
    if options.python is not None:
        return None
    store = options.db or default_store_path(options.cache_dir or cache_dir())
    local = options.db is not None or store.exists()
    if options.offline or (local and not options.outdated):
        return [store]
    from webwarden.engine.dependencies import dependency_files

    return [store] if not dependency_files(discovery) else None


def unchanged_key(paths: Sequence[Path], config: Config, discovery: Discovery) -> str | None:
    """A digest of everything a scan of `paths` reads, or None when it cannot be known."""
    digest, whole = local_key(paths, config, discovery)
    return digest if whole else None


def local_key(paths: Sequence[Path], config: Config, discovery: Discovery) -> tuple[str, bool]:
    """A digest of what a scan of `paths` reads on this machine, and whether that is all
    it reads (False when the dependency audit may also ask a network service: then the
    digest tells whether anything here changed, for the watcher, but no report may be
    reused under it)."""
    outside = offline_dependencies(config, discovery)
    whole = outside is not None
    outside = outside or []
    if config.baseline is not None:
        outside.append(config.baseline)
    outside += _git_files(config.root)
    digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=16)
    # NOTE: where and how the report is written does not change the findings.
    settings = dataclasses.replace(config, format="", output=None, jobs=0)
    digest.update(repr(settings).encode())
    digest.update(repr([os.path.normpath(Path.cwd() / path) for path in paths]).encode())
    for file in discovery.files:
        stamp = (file.size, file.mtime_ns, file.inode) if file.mtime_ns else _stat(file.path)
        digest.update(f"{file.relpath}\0{file.kind}\0{stamp}\n".encode())
    for problem in discovery.problems:
        digest.update(f"{problem.relpath}\0{problem.reason}\n".encode())
    for path in outside:
        digest.update(f"{path}\0{_stat(path)}\n".encode())
    return digest.hexdigest(), whole


class RememberedReport:
    """The report of the last scan of a project, kept under its `unchanged_key`."""

    def __init__(self, config: Config, key: str) -> None:
        self.key = key
        self.path = project_cache_path(config)

    def load(self) -> object | None:
        """The report kept under this key, if any."""
        return _read_blob(self.path, _NAME, self.key)

    def keep(self, report: object) -> None:
        """Keep `report` for the next scan with the same key."""
        _write_blob(self.path, _NAME, self.key, report)


_WALK = "walk"


def remembered_walk(paths: Sequence[Path], config: Config) -> Discovery:
    """The files under `paths`: by the last check's walk of the project, when no folder
    it listed changed since (see `discover.again`), else by a new walk, kept for the
    next check in the project's cache."""
    from webwarden.discover.again import Walk, walk

    path = project_cache_path(config)
    found = _read_blob(path, _WALK, "")
    last = found if isinstance(found, Walk) else None
    done = walk(paths, config, last)
    if last is None or done.stamps is not last.stamps:
        _write_blob(path, _WALK, "", done)
    return done.discovery


_DEPENDENCIES = "dependencies"


def remembered_dependencies(config: Config) -> object | None:
    """What `remember_dependencies` kept in the project's cache, if readable (the
    caller checks that it still holds: `engine.dependencies.kept_dependency_step`)."""
    return _read_blob(project_cache_path(config), _DEPENDENCIES, "")


def remember_dependencies(config: Config, kept: object) -> None:
    """Keep a dependency step for the next one-shot check of the project."""
    _write_blob(project_cache_path(config), _DEPENDENCIES, "", kept)


def _read_blob(path: Path, name: str, key: str) -> object | None:
    """What `_write_blob` kept under `name` and `key` by this webwarden, if readable."""
    try:
        db = connect(path)
        try:
            row = db.execute(
                "SELECT value FROM blobs WHERE name = ? AND key = ? AND code = ?",
                (name, key, code_fingerprint()),
            ).fetchone()
        finally:
            db.close()
        return None if row is None else pickle.loads(row[0])  # noqa: S301 - our own cache
    except Exception:  # an unreadable blob is a miss: the work is done again
        logger.debug("remembered %s unreadable", name, exc_info=True)
        return None


def _write_blob(path: Path, name: str, key: str, value: object) -> None:
    try:
        db = connect(path)
        try:
            db.execute(
                "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?)",
                (name, key, code_fingerprint(), pickle.dumps(value, protocol=5)),
            )
        finally:
            db.close()
    except (sqlite3.Error, OSError, pickle.PicklingError):
        logger.debug("%s not kept", name, exc_info=True)
