"""The cache's SQLite file: where it lives, opening it, and the fingerprint of the code
that wrote it.

Kept apart from the per-file cache so that a scan that can reuse its last report (see
`engine.unchanged`) opens the file without importing the analysis.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import webwarden
from webwarden.config.paths import cache_dir

if TYPE_CHECKING:
    from webwarden.config import Config
    from webwarden.discover import SourceFile

SCHEMA = """
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


@cache
def code_fingerprint() -> str:
    """A hash of webwarden's version and of the size and mtime of every file of its code."""
    digest = hashlib.blake2b(webwarden.__version__.encode(), digest_size=16)
    package = Path(webwarden.__file__).parent
    for directory, subdirectories, names in os.walk(package):
        subdirectories.sort()
        for name in sorted(names):
            if name.endswith((".py", ".json", ".html", ".js")):
                path = os.path.join(directory, name)
                stat = os.stat(path)
                relpath = os.path.relpath(path, package)
                digest.update(f"{relpath}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def digest_of(data: bytes) -> str:
    """The digest of a file's bytes that its cache key (and its `stats` row) holds."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def content_digest(file: SourceFile) -> str | None:
    """The digest of the file's bytes that its cache key holds (None: unreadable)."""
    try:
        return digest_of(file.path.read_bytes())
    except OSError:
        return None


def cache_path(folder: Path, root: Path) -> Path:
    """The database file for the project at `root` inside `folder`."""
    name = hashlib.blake2b(str(root).encode(), digest_size=8).hexdigest()
    return folder / f"results-{name}.sqlite3"


def project_cache_path(config: Config) -> Path:
    """The database file of `config`'s project, in its configured cache folder (else the
    user cache directory)."""
    return cache_path(config.cache_dir or cache_dir(), config.root)


def connect(path: Path) -> sqlite3.Connection:
    """The cache database at `path`, created if need be, without entries written by other
    code (raises `sqlite3.Error` or `OSError` when it is unusable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        db.execute("DELETE FROM results WHERE code != ?", (code_fingerprint(),))
        db.execute("DELETE FROM blobs WHERE code != ?", (code_fingerprint(),))
    except sqlite3.Error:
        db.close()
        raise
    return db
