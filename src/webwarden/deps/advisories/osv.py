"""OSV records (JSON or YAML) reduced to `Advisory` objects, and CVSS v3 base scores."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from webwarden.deps.model import Advisory, Affected, Event, normalise_name

ECOSYSTEM = "PyPI"
CREDITS = {
    "PYSEC": "PyPA advisory database (CC-BY 4.0)",
    "GHSA": "GitHub Advisory Database (CC-BY 4.0)",
}
DEFAULT_CREDIT = "OSV.dev"
_EVENT_KINDS = ("introduced", "fixed", "last_affected", "limit")


def credit_for(advisory_id: str) -> str:
    """Whom to credit for a record, by the database its id comes from."""
    return CREDITS.get(advisory_id.split("-", 1)[0], DEFAULT_CREDIT)


class RecordError(ValueError):
    """An OSV document that is not a usable record."""


def _affected(entry: Mapping[str, Any]) -> Affected | None:
    package = entry.get("package")
    if not isinstance(package, Mapping) or package.get("ecosystem") != ECOSYSTEM:
        return None
    name = package.get("name")
    if not isinstance(name, str) or not name:
        return None
    ranges: list[tuple[Event, ...]] = []
    for range_ in entry.get("ranges") or ():
        # NOTE: GIT ranges name commits; only ECOSYSTEM ranges carry PEP 440 versions.
        if not isinstance(range_, Mapping) or range_.get("type") != "ECOSYSTEM":
            continue
        events = tuple(
            Event(kind, str(event[kind]))
            for event in range_.get("events") or ()
            if isinstance(event, Mapping)
            for kind in _EVENT_KINDS
            if kind in event
        )
        if events:
            ranges.append(events)
    versions = tuple(str(v) for v in entry.get("versions") or () if v is not None)
    return Affected(normalise_name(name), tuple(ranges), versions)


def _severity(record: Mapping[str, Any]) -> str:
    entries = list(record.get("severity") or ())
    for affected in record.get("affected") or ():
        if isinstance(affected, Mapping):
            entries += list(affected.get("severity") or ())
    vectors = [
        str(e.get("score", ""))
        for e in entries
        if isinstance(e, Mapping) and str(e.get("type", "")).startswith("CVSS_V3")
    ]
    if vectors:
        return max(vectors, key=lambda v: cvss3_score(v) or 0.0)
    specific = record.get("database_specific")
    if isinstance(specific, Mapping) and isinstance(specific.get("severity"), str):
        return str(specific["severity"]).upper()
    return ""


def parse_record(record: Any) -> Advisory:
    """An `Advisory` from one OSV document; raise `RecordError` when it has no id."""
    if not isinstance(record, Mapping) or not isinstance(record.get("id"), str):
        raise RecordError("not an OSV record (no `id`)")
    affected = tuple(
        a
        for entry in record.get("affected") or ()
        if isinstance(entry, Mapping) and (a := _affected(entry)) is not None
    )
    references = tuple(
        str(ref["url"])
        for ref in record.get("references") or ()
        if isinstance(ref, Mapping) and ref.get("url")
    )
    return Advisory(
        id=record["id"],
        aliases=tuple(str(a) for a in record.get("aliases") or ()),
        summary=str(record.get("summary") or ""),
        details=str(record.get("details") or ""),
        affected=affected,
        severity=_severity(record),
        modified=str(record.get("modified") or ""),
        withdrawn=str(record.get("withdrawn") or ""),
        references=references,
        credit=credit_for(record["id"]),
    )


_WEIGHTS: dict[str, dict[str, float]] = {
    "AV": {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
    "AC": {"L": 0.77, "H": 0.44},
    "UI": {"N": 0.85, "R": 0.62},
    "C": {"H": 0.56, "L": 0.22, "N": 0.0},
    "I": {"H": 0.56, "L": 0.22, "N": 0.0},
    "A": {"H": 0.56, "L": 0.22, "N": 0.0},
}
_PRIVILEGES = {"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}}


def _roundup(value: float) -> float:
    scaled = round(value * 100000)
    if scaled % 10000 == 0:
        return scaled / 100000.0
    return (math.floor(scaled / 10000) + 1) / 10.0


def cvss3_score(vector: str) -> float | None:
    """The CVSS 3.x base score of a vector (`CVSS:3.1/AV:N/...`), None if it is not one."""
    if not vector.startswith("CVSS:3"):
        return None
    metrics = dict(part.split(":", 1) for part in vector.split("/")[1:] if ":" in part)
    try:
        scope = metrics["S"]
        privileges = _PRIVILEGES[scope][metrics["PR"]]
        weights = {key: _WEIGHTS[key][metrics[key]] for key in _WEIGHTS}
    except KeyError:
        return None
    iss = 1 - (1 - weights["C"]) * (1 - weights["I"]) * (1 - weights["A"])
    changed = 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15
    impact = 6.42 * iss if scope == "U" else changed
    if impact <= 0:
        return 0.0
    exploitability = 8.22 * weights["AV"] * weights["AC"] * privileges * weights["UI"]
    total = impact + exploitability if scope == "U" else 1.08 * (impact + exploitability)
    return _roundup(min(total, 10.0))
