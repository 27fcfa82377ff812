"""The local advisory store: OSV records in SQLite, indexed by normalised package name.

`import_records` builds or extends it from a folder of OSV JSON/YAML files (the PyPA
advisory-database layout) or from OSV's per-ecosystem bulk zip export. A fresh store is
written to a temporary file and moved into place, so a failed import never leaves a
half-written store behind. An audit of hundreds of packages is one query per 500 names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from webwarden.deps.advisories.interface import (
    AdvisoryService,
    AdvisoryServiceError,
    AdvisoryStoreCorrupt,
)
from webwarden.deps.advisories.osv import RecordError, parse_record
from webwarden.deps.model import Advisory

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE advisories (
    id TEXT PRIMARY KEY, modified TEXT NOT NULL, withdrawn TEXT NOT NULL,
    credit TEXT NOT NULL, record TEXT NOT NULL
);
CREATE TABLE affected (name TEXT NOT NULL, advisory_id TEXT NOT NULL);
CREATE INDEX affected_name ON affected (name);
CREATE INDEX affected_advisory ON affected (advisory_id);
"""
_CHUNK = 500
_BY_NAMES = (
    "SELECT f.name, a.record FROM affected f JOIN advisories a ON a.id = f.advisory_id "
    "WHERE f.name IN (MARKS) AND a.withdrawn = '' ORDER BY a.id"
)


@dataclass(slots=True)
class StoreStatus:
    """What `webwarden db status` prints."""

    path: Path
    advisories: int
    withdrawn: int
    packages: int
    updated: dt.datetime | None
    """When the store was last imported into."""
    newest: dt.datetime | None
    """The newest `modified` stamp of its records: how fresh the data itself is."""
    origin: str
    credits: dict[str, int] = field(default_factory=dict)
    """Credit line -> number of records it covers."""

    def age_days(self, now: dt.datetime | None = None) -> float | None:
        """Days since the newest record was modified (else since the import), or None.

        NOTE: importing an old copy of a database today does not make its data new.
        """
        stamp = self.newest or self.updated
        if stamp is None:
            return None
        now = now or dt.datetime.now(dt.UTC)
        return (now - stamp).total_seconds() / 86400


@dataclass(slots=True)
class ImportResult:
    """What an import did."""

    imported: int = 0
    skipped: int = 0
    """Records with no PyPI package (other ecosystems), left out."""
    errors: list[str] = field(default_factory=list)
    """Files that are not readable OSV records, with the reason."""
    unchanged: int = 0
    """Records the store already holds in the same or a newer version."""


class NothingToImport(AdvisoryServiceError):
    """The source held no readable OSV record; the store was left as it was."""

    def __init__(self, source: str, result: ImportResult) -> None:
        super().__init__(f"{source}: no readable OSV record, nothing imported")
        self.result = result


class LocalStore(AdvisoryService):
    """Reads the SQLite store at `path`."""

    def __init__(self, path: Path, *, temporary: Path | None = None, shown: str = "") -> None:
        self.path = path
        self.shown = shown or str(path)
        """How messages name the store (relative to the project when inside it)."""
        self.description = f"local advisory store at {self.shown}"
        self._temporary = temporary

    @classmethod
    def from_records(cls, source: Path, shown: str = "") -> LocalStore:
        """A throw-away store holding the OSV records of a folder, zip or file.

        Lets `--db` name advisory data directly (docs examples and rule fixtures carry
        their own records this way); the store is deleted on `close()`.
        """
        from webwarden.deps.advisories.bulk import read_records

        folder = Path(tempfile.mkdtemp(prefix="webwarden-advisories-"))
        store = cls(folder / "advisories.sqlite3", temporary=folder)
        try:
            result = import_records(store.path, read_records(source), origin=str(source))
        except BaseException:
            store.close()
            raise
        for error in result.errors:
            logger.warning("%s: %s", source, error)
        store.shown = shown or str(source)
        store.description = f"advisory records in {store.shown}"
        return store

    def _connect(self) -> sqlite3.Connection:
        """A read-only connection to a store of this schema version (the caller closes it).

        NOTE: one short connection per call: nothing stays open between calls, and a
        reader never blocks an import replacing the file.
        """
        if not self.path.is_file():
            raise AdvisoryStoreCorrupt(f"{self.shown}: no advisory store here")
        connection = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.Error as exc:
            connection.close()
            raise AdvisoryStoreCorrupt(f"{self.shown}: unreadable advisory store: {exc}") from None
        if version is None or version[0] != SCHEMA_VERSION:
            connection.close()
            raise AdvisoryStoreCorrupt(f"{self.shown}: advisory store of another version")
        return connection

    def query(self, name: str) -> list[Advisory]:
        """The advisories of one package."""
        return self.query_many([name]).get(name, [])

    def query_many(self, names: Iterable[str]) -> dict[str, list[Advisory]]:
        """The advisories of many packages, a few SQL queries in all."""
        wanted = list(dict.fromkeys(names))
        found: dict[str, list[Advisory]] = {name: [] for name in wanted}
        with contextlib.closing(self._connect()) as connection:
            self._fill(connection, wanted, found)
        return found

    def _fill(
        self, connection: sqlite3.Connection, wanted: list[str], found: dict[str, list[Advisory]]
    ) -> None:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            # NOTE: only "?" placeholders go into the text; the names are bound parameters.
            query = _BY_NAMES.replace("MARKS", ",".join("?" * len(chunk)))
            try:
                rows = connection.execute(query, chunk).fetchall()
            except sqlite3.Error as exc:
                raise AdvisoryStoreCorrupt(
                    f"{self.shown}: unreadable advisory store: {exc}"
                ) from None
            for name, record in rows:
                try:
                    found[name].append(parse_record(json.loads(record)))
                except (ValueError, RecordError) as exc:
                    raise AdvisoryStoreCorrupt(f"{self.shown}: damaged record: {exc}") from None

    def status(self) -> StoreStatus:
        """Counts and age of the store."""
        with contextlib.closing(self._connect()) as connection:
            return self._status(connection)

    def _status(self, connection: sqlite3.Connection) -> StoreStatus:
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            advisories, withdrawn = connection.execute(
                "SELECT COUNT(*), COALESCE(SUM(withdrawn != ''), 0) FROM advisories"
            ).fetchone()
            packages = connection.execute("SELECT COUNT(DISTINCT name) FROM affected").fetchone()
            newest = connection.execute("SELECT MAX(modified) FROM advisories").fetchone()[0]
            credits = dict(
                connection.execute("SELECT credit, COUNT(*) FROM advisories GROUP BY credit")
            )
        except sqlite3.Error as exc:
            raise AdvisoryStoreCorrupt(f"{self.shown}: unreadable advisory store: {exc}") from None
        updated = _timestamp(meta.get("updated", ""))
        return StoreStatus(
            self.path,
            advisories,
            withdrawn,
            packages[0],
            updated,
            _timestamp(newest or ""),
            meta.get("origin", ""),
            credits,
        )

    def close(self) -> None:
        """Delete a throw-away store (`from_records`); a plain store holds nothing open."""
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None


def _timestamp(text: str) -> dt.datetime | None:
    """An OSV/ISO timestamp as an aware datetime (UTC when it names no zone), or None."""
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _create(connection: sqlite3.Connection) -> None:
    connection.executescript(_SCHEMA)
    connection.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))


def _usable(path: Path) -> bool:
    try:
        LocalStore(path).status()
    except AdvisoryStoreCorrupt:
        return False
    return True


def _write(
    connection: sqlite3.Connection, records: Iterable[tuple[str, Any]], result: ImportResult
) -> None:
    for origin, document in records:
        try:
            if isinstance(document, Exception):
                raise RecordError(str(document))
            advisory = parse_record(document)
        except RecordError as exc:
            result.errors.append(f"{origin}: {exc}")
            continue
        if not advisory.affected:
            result.skipped += 1
            continue
        row = connection.execute(
            "SELECT modified FROM advisories WHERE id = ?", (advisory.id,)
        ).fetchone()
        if row is not None and row[0] > advisory.modified:
            result.unchanged += 1  # NOTE: a newer copy of the record is already stored.
            continue
        connection.execute("DELETE FROM affected WHERE advisory_id = ?", (advisory.id,))
        connection.execute(
            "INSERT OR REPLACE INTO advisories VALUES (?, ?, ?, ?, ?)",
            (
                advisory.id,
                advisory.modified,
                advisory.withdrawn,
                advisory.credit,
                json.dumps(document, separators=(",", ":"), default=str),
            ),
        )
        connection.executemany(
            "INSERT INTO affected VALUES (?, ?)",
            [(name, advisory.id) for name in sorted({a.name for a in advisory.affected})],
        )
        result.imported += 1


def import_records(
    path: Path,
    records: Iterable[tuple[str, Any]],
    *,
    origin: str,
    replace: bool = False,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Store OSV documents (`(where from, parsed document)` pairs) in the store at `path`.

    With `replace`, or when the store is missing or unusable (corrupt), a new store is
    built beside it and moved into place; otherwise the records are merged into it in
    one transaction (a newer `modified` wins). Raises `NothingToImport`, leaving the
    store untouched, when `records` hold no readable OSV record.
    """
    result = ImportResult()
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = replace or not path.exists() or not _usable(path)
    if fresh:
        handle, temporary = tempfile.mkstemp(prefix=".advisories-", dir=path.parent)
        os.close(handle)
        target = Path(temporary)
        target.unlink()
    else:
        target = path
    try:
        with contextlib.closing(sqlite3.connect(target)) as connection:
            if fresh:
                connection.execute("PRAGMA journal_mode = OFF")
                connection.execute("PRAGMA synchronous = OFF")
                _create(connection)
            with connection:
                _write(connection, records, result)
                if not (result.imported or result.skipped or result.unchanged):
                    # NOTE: a wrong folder must not empty (with --replace) or re-stamp the store.
                    raise NothingToImport(origin, result)
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('updated', ?)", (stamp,))
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('origin', ?)", (origin,))
        if fresh:
            os.replace(target, path)
    finally:
        if fresh and target.exists():
            target.unlink()
    return result
