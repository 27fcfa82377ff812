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
from webwarden.discover import Discovery, SourceFile
from webwarden.discover.walk import git_top
from webwarden.engine.store import (
    code_fingerprint,
    connect,
    content_digest,
    digest_of,
    project_cache_path,
)

logger = logging.getLogger(__name__)
_NAME = "report"
_CONTENT = "report-by-content"


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
    digest = _settings_digest(paths, config)
    for file in discovery.files:
        stamp = file.stats if file.mtime_ns else _stat(file.path)
        digest.update(f"{file.relpath}\0{file.kind}\0{stamp}\n".encode())
    _add_problems(digest, discovery)
    for path in [*(outside or []), *_read_outside(config)]:
        digest.update(f"{path}\0{_stat(path)}\n".encode())
    return digest.hexdigest(), whole


_MAX_REHASHED = 64
"""Files whose stats changed since they were recorded that `ContentKey` reads, at most: a
touch, an editor's save of an unchanged file, a checkout and its way back change a few;
past this many, the content most likely changed too and the scan runs anyway. (A file
never recorded, one the per-file step does not read, is hashed once and recorded.)"""
_MAX_OUTSIDE_BYTES = 16_000_000


_LINES: dict[tuple[str, str], tuple[tuple[int, int, int], str]] = {}
"""(path, relpath) -> the file's stats and its line of the content key: a process scanning
one tree again (the daemon, `watch`) hashes no line of a file whose stats stayed."""
_MAX_LINES = 200_000


class ContentKey:
    """`unchanged_key` with each file taken by the digest of its bytes instead of its
    stats: the key of a tree whose files were touched but hold what they held (the
    digest of a file whose stats the per-file cache recorded is read from there, the
    others' bytes are hashed, a few at most)."""

    def __init__(self, paths: Sequence[Path], config: Config, discovery: Discovery) -> None:
        self.paths, self.config, self.discovery = paths, config, discovery
        self.fresh: list[tuple[str, int, int, str]] = []
        """(relpath, size, mtime, digest) of each file hashed here, for the stats table."""
        self._changed = 0
        self._recorded: dict[str, tuple[int, int, str]] | None = None
        """The stats table as first read: a second key (after the scan) reads it no more,
        hashing again the few files the scan changed it for."""

    def digest(self, db: sqlite3.Connection) -> str | None:
        """The key (None: unknown, or too many files to read)."""
        self._changed = 0
        outside = offline_dependencies(self.config, self.discovery)
        if outside is None:
            return None
        if self._recorded is None:
            self._recorded = {
                row[0]: (row[1], row[2], row[3])
                for row in db.execute("SELECT relpath, size, mtime_ns, digest FROM stats")
            }
        recorded = self._recorded
        digest = _settings_digest(self.paths, self.config)
        if len(_LINES) > _MAX_LINES:
            _LINES.clear()
        lines = []
        for file in self.discovery.files:
            line = _LINES.get((file.abspath, file.relpath))
            if line is None or not file.mtime_ns or line[0] != file.stats:
                content = self._content(file, recorded.get(file.relpath))
                if content is None:
                    return None
                line = (file.stats, f"{file.relpath}\0{file.kind.value}\0{content}\n")
                if file.mtime_ns:
                    _LINES[file.abspath, file.relpath] = line
            lines.append(line[1])
        digest.update("".join(lines).encode())
        _add_problems(digest, self.discovery)
        for path in outside:
            digest.update(f"{path}\0{_stat(path)}\n".encode())
        for path in _read_outside(self.config):
            digest.update(f"{path}\0{_file_digest(path)}\n".encode())
        return digest.hexdigest()

    def _content(self, file: SourceFile, recorded: tuple[int, int, str] | None) -> str | None:
        stamp = (file.size, file.mtime_ns) if file.mtime_ns else _stat(file.path)
        if stamp is None:
            return "missing"
        if recorded is not None and recorded[:2] == stamp[:2]:
            return str(recorded[2])
        if recorded is not None:
            self._changed += 1
            if self._changed > _MAX_REHASHED:
                return None
        content = content_digest(file)
        if content is None:
            return "unreadable"
        self.fresh.append((file.relpath, stamp[0], stamp[1], content))
        if self._recorded is not None:
            self._recorded[file.relpath] = (stamp[0], stamp[1], content)
        return content


def _settings_digest(paths: Sequence[Path], config: Config) -> hashlib.blake2b:
    digest = hashlib.blake2b(code_fingerprint().encode(), digest_size=16)
    # NOTE: where and how the report is written does not change the findings.
    settings = dataclasses.replace(config, format="", output=None, jobs=0)
    digest.update(repr(settings).encode())
    digest.update(repr([os.path.normpath(Path.cwd() / path) for path in paths]).encode())
    return digest


def _add_problems(digest: hashlib.blake2b, discovery: Discovery) -> None:
    for problem in discovery.problems:
        digest.update(f"{problem.relpath}\0{problem.reason}\n".encode())


def _read_outside(config: Config) -> list[Path]:
    """The project's files outside its tree a scan reads: the baseline, git's index."""
    found = [config.baseline] if config.baseline is not None else []
    return found + _git_files(config.root)


def _file_digest(path: Path) -> str | None:
    try:
        if path.stat().st_size > _MAX_OUTSIDE_BYTES:
            return str(_stat(path))
        return digest_of(path.read_bytes())
    except OSError:
        return None


class RememberedReport:
    """The report of the last scan of a project, kept under its `unchanged_key` and,
    with `content`, under its `ContentKey` too: a scan whose files' stats changed but
    not their bytes (a touch, a checkout and back) shows it again."""

    def __init__(self, config: Config, key: str, content: ContentKey | None = None) -> None:
        self.key = key
        self.path = project_cache_path(config)
        self.content = content

    def load(self) -> object | None:
        """The report kept under this key (or, failing that, the content key), if any."""
        found = _read_blob(self.path, _NAME, self.key)
        if found is not None or self.content is None:
            return found
        try:
            db = connect(self.path)
            try:
                content = self._content_key(db)
                data = _blob_in(db, _CONTENT, content) if content is not None else None
                if data is not None:
                    # NOTE: the next scan finds it by its stats.
                    _keep_in(db, _NAME, self.key, data)
                return None if data is None else pickle.loads(data)  # noqa: S301 - our own cache
            finally:
                db.close()
        except Exception:  # an unreadable blob is a miss: the work is done again
            logger.debug("remembered report unreadable", exc_info=True)
            return None

    def keep(self, report: object) -> None:
        """Keep `report` for the next scan with the same key."""
        try:
            data = pickle.dumps(report, protocol=5)
            db = connect(self.path)
            try:
                _keep_in(db, _NAME, self.key, data)
                content = self._content_key(db)
                if content is not None:
                    _keep_in(db, _CONTENT, content, data)
            finally:
                db.close()
        except (sqlite3.Error, OSError, pickle.PicklingError):
            logger.debug("report not kept", exc_info=True)

    def _content_key(self, db: sqlite3.Connection) -> str | None:
        """The content key, its newly hashed files' stats recorded for the next time."""
        if self.content is None:
            return None
        key = self.content.digest(db)
        if self.content.fresh:
            db.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?)", self.content.fresh)
            self.content.fresh = []
        return key


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
            data = _blob_in(db, name, key)
        finally:
            db.close()
        return None if data is None else pickle.loads(data)  # noqa: S301 - our own cache
    except Exception:  # an unreadable blob is a miss: the work is done again
        logger.debug("remembered %s unreadable", name, exc_info=True)
        return None


def _write_blob(path: Path, name: str, key: str, value: object) -> None:
    try:
        db = connect(path)
        try:
            _keep_in(db, name, key, pickle.dumps(value, protocol=5))
        finally:
            db.close()
    except (sqlite3.Error, OSError, pickle.PicklingError):
        logger.debug("%s not kept", name, exc_info=True)


def _blob_in(db: sqlite3.Connection, name: str, key: str) -> bytes | None:
    row = db.execute(
        "SELECT value FROM blobs WHERE name = ? AND key = ? AND code = ?",
        (name, key, code_fingerprint()),
    ).fetchone()
    return None if row is None else bytes(row[0])


def _keep_in(db: sqlite3.Connection, name: str, key: str, data: bytes) -> None:
    db.execute(
        "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?)", (name, key, code_fingerprint(), data)
    )
