"""The per-file result cache: SQLite in WAL mode, keyed by content and everything else
the per-file step depends on.

A key hashes the file's bytes, its path and module name, the part of the run's plan the
file depends on, and a fingerprint of webwarden's own code (so an upgrade, or an edit
while developing webwarden, never reuses an old verdict). File stats (size, mtime) let
an unchanged file skip re-reading. Any database error discards the cache with one
warning: a cache can make a scan slower, never wrong, never crash it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import webwarden
from webwarden.discover import FileKind, SourceFile
from webwarden.engine.files import FilePlan, FileResult, is_test_path
from webwarden.model.names import module_name

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    relpath TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    code TEXT NOT NULL,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS blobs (
    name TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    code TEXT NOT NULL,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS stats (
    relpath TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL
);
"""
_BATCH = 500


@cache
def code_fingerprint() -> str:
    """A hash of webwarden's version and of the size and mtime of every file of its code."""
    digest = hashlib.blake2b(webwarden.__version__.encode(), digest_size=16)
    package = Path(webwarden.__file__).parent
    for directory, subdirectories, names in os.walk(package):
        subdirectories.sort()
        for name in sorted(names):
            if name.endswith((".py", ".json", ".html", ".js")):
                path = Path(directory, name)
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
                )
    return digest.hexdigest()


def plan_part(file: SourceFile, plan: FilePlan, shared: dict[str, bytes] | None = None) -> bytes:
    """What of the plan the result for `file` depends on (`shared`: the parts common to
    every file, pickled once per run by the caller)."""
    shared = shared if shared is not None else {}
    if "rules" not in shared:
        shared["rules"] = pickle.dumps((plan.rule_codes, plan.max_file_size), protocol=5)
    parts: list[object] = [file.kind.value, is_test_path(file.relpath, plan.test_paths)]
    if file.kind is FileKind.PYTHON:
        parts.append(module_name(file.relpath, plan.package_dirs))
    tail = b""
    if plan.templates is not None and plan.templates.is_template(file):
        if "templates" not in shared:
            shared["templates"] = pickle.dumps(plan.templates, protocol=5)
        tail = shared["templates"]
    return shared["rules"] + pickle.dumps(parts, protocol=5) + tail


class ResultCache:
    """Cached `FileResult`s of one project root."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._digests: dict[str, tuple[int, int, str]] = {}
        self.known_keys: dict[str, str] = {}
        """The key of every file keyed so far in this run (project-level entries use them)."""
        self._open()

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            db.execute("DELETE FROM results WHERE code != ?", (code_fingerprint(),))
            db.execute("DELETE FROM blobs WHERE code != ?", (code_fingerprint(),))
            self._db = db
        except (sqlite3.Error, OSError) as exc:
            self._discard(exc)

    def _discard(self, exc: Exception) -> None:
        logger.warning("webwarden: cache %s is unusable (%s); it is discarded", self.path, exc)
        if self._db is not None:
            self._db.close()
        self._db = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    @property
    def usable(self) -> bool:
        """Whether the cache is open (a broken one is discarded for the run)."""
        return self._db is not None

    def keys(self, files: Sequence[SourceFile], plan: FilePlan) -> dict[str, str]:
        """relpath -> cache key, reading only files whose size or mtime changed."""
        stats = self._stats(files)
        keys: dict[str, str] = {}
        shared: dict[str, bytes] = {}
        for file in files:
            try:
                st = file.path.stat()
            except OSError:
                continue
            known = stats.get(file.relpath)
            if known is not None and known[:2] == (st.st_size, st.st_mtime_ns):
                content = known[2]
            else:
                try:
                    content = hashlib.blake2b(file.path.read_bytes(), digest_size=16).hexdigest()
                except OSError:
                    continue
                self._digests[file.relpath] = (st.st_size, st.st_mtime_ns, content)
            key = hashlib.blake2b(digest_size=16)
            key.update(file.relpath.encode())
            key.update(content.encode())
            key.update(plan_part(file, plan, shared))
            keys[file.relpath] = key.hexdigest()
        self.known_keys.update(keys)
        return keys

    def _stats(self, files: Sequence[SourceFile]) -> dict[str, tuple[int, int, str]]:
        found: dict[str, tuple[int, int, str]] = {}
        for chunk in _chunks([f.relpath for f in files]):
            rows = self._query(
                "SELECT relpath, size, mtime_ns, digest FROM stats "  # noqa: S608 - only "?" marks
                f"WHERE relpath IN ({_marks(chunk)})",
                chunk,
            )
            found.update({row[0]: (row[1], row[2], row[3]) for row in rows})
        return found

    def _query(self, sql: str, args: Sequence[object]) -> list[tuple[Any, ...]]:
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            self._discard(exc)
            return []

    def load(self, keys: dict[str, str]) -> dict[str, FileResult]:
        """The cached results whose key still matches."""
        hits: dict[str, FileResult] = {}
        relpaths = list(keys)
        for chunk in _chunks(relpaths):
            rows = self._query(
                "SELECT relpath, key, value FROM results "  # noqa: S608 - only "?" marks
                f"WHERE relpath IN ({_marks(chunk)})",
                chunk,
            )
            for relpath, key, value in rows:
                if keys.get(str(relpath)) != key or not isinstance(value, bytes):
                    continue
                try:
                    result = pickle.loads(value)  # noqa: S301 - our own cache, keyed by our code
                except Exception:  # an unreadable entry is a miss, not a crash
                    logger.debug("cache entry for %s unreadable", relpath, exc_info=True)
                    continue
                if isinstance(result, FileResult):
                    hits[str(relpath)] = result
        return hits

    def store(self, keys: dict[str, str], results: Iterable[FileResult]) -> None:
        """Save fresh results (and the stats of every file read) in one transaction."""
        if self._db is None:
            return
        code = code_fingerprint()
        rows = [
            (r.relpath, keys[r.relpath], code, pickle.dumps(r, protocol=5))
            for r in results
            if r.relpath in keys
        ]
        stats = [(relpath, *values) for relpath, values in self._digests.items()]
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", rows)
            self._db.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?)", stats)
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._discard(exc)

    def load_blob(self, name: str, key: str) -> object | None:
        """A project-level result stored under `name`, if it was stored with `key`."""
        rows = self._query("SELECT key, value FROM blobs WHERE name = ?", (name,))
        if not rows or rows[0][0] != key:
            return None
        try:
            value: object = pickle.loads(rows[0][1])  # noqa: S301 - our own cache, keyed by our code
            return value
        except Exception:  # an unreadable entry is a miss, not a crash
            logger.debug("cache blob %s unreadable", name, exc_info=True)
            return None

    def store_blob(self, name: str, key: str, value: object) -> None:
        """Keep one project-level result (replacing the previous one of that name)."""
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?)",
                (name, key, code_fingerprint(), pickle.dumps(value, protocol=5)),
            )
        except sqlite3.Error as exc:
            self._discard(exc)

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def _marks(chunk: Sequence[str]) -> str:
    return ",".join("?" * len(chunk))


def cache_path(cache_dir: Path, root: Path) -> Path:
    """The database file for the project at `root` inside `cache_dir`."""
    name = hashlib.blake2b(str(root).encode(), digest_size=8).hexdigest()
    return cache_dir / f"results-{name}.sqlite3"
