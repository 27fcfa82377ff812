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
import json
import logging
import pickle
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from webwarden.discover import FileKind, SourceFile
from webwarden.engine.files import FilePlan, FileResult, is_test_path
from webwarden.engine.store import cache_path, code_fingerprint, connect, content_digest
from webwarden.model.names import module_name
from webwarden.parse.cookiecutter import in_template, template_answers

__all__ = ["ResultCache", "cache_path", "code_fingerprint", "content_digest", "plan_part"]

logger = logging.getLogger(__name__)

_BATCH = 500


def plan_part(file: SourceFile, plan: FilePlan, shared: dict[str, bytes] | None = None) -> bytes:
    """What of the plan the result for `file` depends on (`shared`: the parts common to
    every file, pickled once per run by the caller)."""
    shared = shared if shared is not None else {}
    if "rules" not in shared:
        shared["rules"] = pickle.dumps((plan.rule_codes, plan.max_file_size), protocol=5)
    parts: list[object] = [file.kind.value, is_test_path(file.relpath, plan.test_paths)]
    if file.kind is FileKind.PYTHON:
        parts.append(module_name(file.relpath, plan.package_dirs))
    if in_template(file.relpath):
        # NOTE: a cookiecutter template's file is read as its default answers generate it.
        answers = template_answers(file.path)
        parts.append(json.dumps(answers, sort_keys=True, default=str) if answers else "")
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
        self._unread: dict[str, tuple[int, int]] = {}
        """Files `keys` did not read: relpath -> (size, mtime)."""
        self._shared: dict[str, bytes] = {}
        """The parts of the plan every key shares, pickled once (see `plan_part`)."""
        self._parts: dict[str, dict[str, str]] = {}
        """Name -> part -> token, of the parts `load_parts` read."""
        self.known_keys: dict[str, str] = {}
        """The key of every file keyed so far in this run (project-level entries use them)."""
        self._open()

    def _open(self) -> None:
        try:
            self._db = connect(self.path)
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
        """relpath -> cache key, reading only files whose size or mtime changed. A file
        the cache holds no result for at all is not read here: it is analysed anyway, and
        its key is made afterwards from the digest the analysis reports (`key_of`)."""
        stats = self._stats(files)
        stored = self._stored(files)
        keys: dict[str, str] = {}
        for file in files:
            stamp = _stamp(file)
            if stamp is None:
                continue
            known = stats.get(file.relpath)
            content: str | None
            if known is not None and known[:2] == stamp:
                content = known[2]
            elif file.relpath not in stored:
                self._unread[file.relpath] = stamp
                continue
            else:
                content = content_digest(file)
                if content is None:
                    continue
                self._digests[file.relpath] = (*stamp, content)
            keys[file.relpath] = self._key(file, plan, content)
        self.known_keys.update(keys)
        return keys

    def key_of(self, file: SourceFile, plan: FilePlan, content: str) -> str | None:
        """The key of a file `keys` did not read, from the digest of its content."""
        stamp = self._unread.pop(file.relpath, None)
        if stamp is None:
            return None
        self._digests[file.relpath] = (*stamp, content)
        key = self.known_keys[file.relpath] = self._key(file, plan, content)
        return key

    def _key(self, file: SourceFile, plan: FilePlan, content: str) -> str:
        key = hashlib.blake2b(digest_size=16)
        key.update(file.relpath.encode())
        key.update(content.encode())
        key.update(plan_part(file, plan, self._shared))
        return key.hexdigest()

    def _stored(self, files: Sequence[SourceFile]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks([f.relpath for f in files]):
            rows = self._query(
                "SELECT relpath FROM results "  # noqa: S608 - only "?" marks
                f"WHERE relpath IN ({_marks(chunk)})",
                chunk,
            )
            found.update(str(row[0]) for row in rows)
        return found

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

    def store(
        self,
        keys: dict[str, str],
        results: Iterable[FileResult],
        pickled: Mapping[str, bytes] | None = None,
    ) -> None:
        """Save fresh results (and the stats of every file read since the last `store`) in
        one transaction; `pickled` has the results already pickled (by the workers), by
        relpath."""
        digests, self._digests = self._digests, {}
        self._write_results(keys, results, pickled or {}, digests)

    def _write_results(
        self,
        keys: Mapping[str, str],
        results: Iterable[FileResult],
        pickled: Mapping[str, bytes],
        digests: Mapping[str, tuple[int, int, str]],
    ) -> None:
        if self._db is None:
            return
        code = code_fingerprint()
        rows = [
            (r.relpath, keys[r.relpath], code, pickled.get(r.relpath) or pickle.dumps(r, 5))
            for r in results
            if r.relpath in keys
        ]
        stats = [(relpath, *values) for relpath, values in digests.items()]
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

    def store_parts(self, name: str, parts: Iterable[tuple[str, object | None]]) -> None:
        """Keep one project-level result made of many parts, each pickled on its own and
        written before the next is made (one pickle of a large graph of objects costs
        memory for every object in it, all at once). A part given as None is the one
        `load_parts` read last under that name, and is left as it is."""
        if self._db is None:
            return
        known = self._parts.get(name, {})
        manifest: dict[str, str] = {}
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for part, value in parts:
                if value is None and part in known:
                    manifest[part] = known[part]
                    continue
                if value is None:  # nothing to keep: the whole result is not stored
                    self._db.execute("DELETE FROM blobs WHERE name = ?", (name,))
                    self._db.execute("COMMIT")
                    return
                manifest[part] = token = uuid.uuid4().hex
                self._db.execute(
                    "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?)",
                    (f"{name}.{part}", token, code_fingerprint(), pickle.dumps(value, protocol=5)),
                )
            for part in set(known) - set(manifest):
                self._db.execute("DELETE FROM blobs WHERE name = ?", (f"{name}.{part}",))
            self._db.execute(
                "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?)",
                (name, "", code_fingerprint(), pickle.dumps(manifest)),
            )
            self._db.execute("COMMIT")
            self._parts[name] = manifest
        except sqlite3.Error as exc:
            self._discard(exc)

    def load_parts(self, name: str) -> dict[str, object] | None:
        """The parts stored together by `store_parts`, or None."""
        manifest = self.load_blob(name, "")
        if not isinstance(manifest, dict):
            return None
        rows = self._query(
            "SELECT name, key, value FROM blobs WHERE name LIKE ? ESCAPE '!'",
            (name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + ".%",),
        )
        stored = {str(row[0])[len(name) + 1 :]: (row[1], row[2]) for row in rows}
        found: dict[str, object] = {}
        for part, token in manifest.items():
            key, value = stored.get(part, (None, None))
            if key != token:
                return None
            try:
                found[str(part)] = pickle.loads(value)  # noqa: S301 - our own cache
            except Exception:  # an unreadable entry is a miss, not a crash
                logger.debug("cache blob %s.%s unreadable", name, part, exc_info=True)
                return None
        self._parts[name] = {str(part): str(token) for part, token in manifest.items()}
        return found

    def recall(self, name: str) -> object | None:
        """An object `remember`ed in this process (a plain cache keeps none)."""
        return None

    def remember(self, name: str, value: object) -> None:
        """Keep `value` in memory for a later scan in this process (a plain cache does
        not: see `engine.resident`)."""

    def end_scan(self) -> None:
        """Forget what belongs to the scan that ends: stats read, plan parts, keys."""
        self._digests = {}
        self._unread = {}
        self._shared = {}
        self.known_keys = {}

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _stamp(file: SourceFile) -> tuple[int, int] | None:
    """(size, mtime) as discovery saw the file, or as it is now when discovery did not say."""
    if file.mtime_ns:
        return (file.size, file.mtime_ns)
    try:
        st = file.path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def _marks(chunk: Sequence[str]) -> str:
    return ",".join("?" * len(chunk))
