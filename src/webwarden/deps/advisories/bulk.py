"""Reading OSV records in bulk: a folder of JSON/YAML files or OSV's per-ecosystem zip.

Also downloads that zip for `webwarden db update`. Each record comes out as
`(where it came from, parsed document or the error that stopped it)`, so one bad file
is reported and the rest are imported.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from webwarden.deps.advisories.interface import AdvisoryServiceError

OSV_EXPORT_URL = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"
_SUFFIXES = (".json", ".yaml", ".yml")
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader (libyaml when available) keeping timestamps as written.

    NOTE: OSV's `modified`/`published` are compared as strings; YAML would turn
    unquoted ones into datetimes that JSON cannot hold.
    """


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)

Record = tuple[str, Any]


def _parse(name: str, data: bytes) -> Any:
    try:
        if name.endswith(".json"):
            return json.loads(data)
        return yaml.load(data, Loader=_Loader)  # noqa: S506 - a SafeLoader (C or Python)
    except (ValueError, yaml.YAMLError) as exc:
        reason = " ".join(str(exc).split())
        return ValueError(f"invalid {'JSON' if name.endswith('.json') else 'YAML'}: {reason}")


def read_folder(folder: Path) -> Iterator[Record]:
    """Every OSV file under `folder` (recursively), in path order."""
    for path in sorted(folder.rglob("*")):
        if path.suffix in _SUFFIXES and path.is_file():
            shown = path.relative_to(folder).as_posix()
            try:
                data = path.read_bytes()
            except OSError as exc:
                yield shown, ValueError(f"cannot read: {exc.strerror or exc}")
                continue
            yield shown, _parse(path.name, data)


def read_zip(archive: Path) -> Iterator[Record]:
    """Every OSV file inside a zip export."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            for info in sorted(bundle.infolist(), key=lambda i: i.filename):
                if info.is_dir() or not info.filename.endswith(_SUFFIXES):
                    continue
                yield info.filename, _parse(info.filename, bundle.read(info))
    except (zipfile.BadZipFile, OSError) as exc:
        raise AdvisoryServiceError(f"{archive}: not a readable zip archive: {exc}") from None


def read_records(path: Path) -> Iterator[Record]:
    """OSV records from a folder, a zip export, or one JSON/YAML file."""
    if path.is_dir():
        yield from read_folder(path)
    elif path.suffix == ".zip":
        yield from read_zip(path)
    elif path.suffix in _SUFFIXES and path.is_file():
        yield path.name, _parse(path.name, path.read_bytes())
    else:
        raise AdvisoryServiceError(
            f"{path}: expected a folder of OSV JSON/YAML files, an OSV .zip export or one record"
        )


def download(url: str, destination: Path, timeout: float) -> None:
    """Download `url` to `destination` (a zip export), bounded by `timeout` per read."""
    import httpx

    try:
        with (
            httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response,
            destination.open("wb") as out,
        ):
            if response.status_code != 200:
                raise AdvisoryServiceError(f"{url}: HTTP {response.status_code}")
            for chunk in response.iter_bytes():
                out.write(chunk)
    except httpx.TimeoutException:
        raise AdvisoryServiceError(f"{url}: no answer within {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise AdvisoryServiceError(f"{url}: download failed: {exc}") from None
