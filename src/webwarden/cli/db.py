"""`webwarden db import|update|status`: the local advisory store."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import click

from webwarden.deps.advisories.bulk import OSV_EXPORT_URL, download, read_records
from webwarden.deps.advisories.interface import AdvisoryServiceError, AdvisoryStoreCorrupt
from webwarden.deps.advisories.local_store import (
    ImportResult,
    LocalStore,
    NothingToImport,
    import_records,
)
from webwarden.deps.options import default_store_path

_DB_OPTION = click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The store file [default: advisories.sqlite3 in the user cache dir].",
)


def _report(result: ImportResult, store: Path, seconds: float) -> None:
    click.echo(
        f"imported {result.imported} advisories into {store} in {seconds:.1f} s"
        + (f" ({result.skipped} without a PyPI package skipped)" if result.skipped else "")
    )
    _report_errors(result)
    credits = LocalStore(store).status().credits
    for credit in sorted(credits):
        click.echo(f"advisory data: {credit}")


def _report_errors(result: ImportResult) -> None:
    for error in result.errors[:10]:
        click.echo(f"webwarden: skipped {error}", err=True)
    if len(result.errors) > 10:
        click.echo(f"webwarden: ... and {len(result.errors) - 10} more unreadable files", err=True)


@click.group("db")
def db_group() -> None:
    """Manage the local advisory store used by `deps` and `check`."""


@db_group.command("import")
@click.argument("source", type=click.Path(path_type=Path, exists=True))
@_DB_OPTION
@click.option("--replace", is_flag=True, help="Start from an empty store instead of merging.")
def import_command(source: Path, db: Path | None, replace: bool) -> int:
    """Load OSV records from SOURCE: a folder of OSV JSON/YAML files (the PyPA
    advisory-database layout), OSV's per-ecosystem zip export, or one record."""
    store = db or default_store_path()
    started = time.perf_counter()
    try:
        result = import_records(
            store, read_records(source), origin=str(source.resolve()), replace=replace
        )
    except NothingToImport as exc:
        _report_errors(exc.result)
        raise
    _report(result, store, time.perf_counter() - started)
    return 0


@db_group.command("update")
@_DB_OPTION
@click.option(
    "--url", default=OSV_EXPORT_URL, show_default=True, help="The OSV PyPI export to download."
)
@click.option(
    "--timeout",
    type=float,
    default=60.0,
    show_default=True,
    help="Seconds without data before giving up.",
)
def update_command(db: Path | None, url: str, timeout: float) -> int:
    """Download OSV's PyPI export and rebuild the store from it."""
    if os.environ.get("WEBWARDEN_OFFLINE") == "1":
        raise AdvisoryServiceError("offline (WEBWARDEN_OFFLINE=1): use `webwarden db import PATH`")
    store = db or default_store_path()
    store.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=store.parent, prefix=".download-") as tmp:
        archive = Path(tmp) / "all.zip"
        download(url, archive, timeout)
        result = import_records(store, read_records(archive), origin=url, replace=True)
    _report(result, store, time.perf_counter() - started)
    return 0


@db_group.command("status")
@_DB_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def status_command(db: Path | None, output_format: str) -> int:
    """Print the store's age and counts; exit 1 when there is no usable store."""
    store = db or default_store_path()
    try:
        status = LocalStore(store).status()
    except AdvisoryStoreCorrupt as exc:
        click.echo(f"no usable advisory store: {exc}")
        click.echo("get one with `webwarden db update` (online) or `webwarden db import PATH`")
        return 1
    age = status.age_days()
    if output_format == "json":
        document = {
            "path": str(status.path),
            "updated": status.updated.isoformat() if status.updated else None,
            "newest": status.newest.isoformat() if status.newest else None,
            "age_days": round(age, 2) if age is not None else None,
            "advisories": status.advisories,
            "withdrawn": status.withdrawn,
            "packages": status.packages,
            "origin": status.origin,
            "credits": status.credits,
        }
        click.echo(json.dumps(document, indent=2))
        return 0
    click.echo(f"store:      {status.path}")
    updated = status.updated.isoformat() if status.updated else "unknown"
    newest = status.newest.isoformat() if status.newest else "unknown"
    click.echo(f"imported:   {updated}")
    click.echo(f"newest:     {newest}" + (f" ({age:.1f} days old)" if age is not None else ""))
    click.echo(f"advisories: {status.advisories} ({status.withdrawn} withdrawn, not used)")
    click.echo(f"packages:   {status.packages}")
    click.echo(f"origin:     {status.origin}")
    for credit, count in sorted(status.credits.items()):
        click.echo(f"credit:     {credit}: {count} records")
    return 0
