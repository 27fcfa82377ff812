"""An incident as a finding: message fields, location, sample lines as flow steps."""

from __future__ import annotations

from webwarden.findings import Finding, FlowStep, Location
from webwarden.logs.aggregate import Incident
from webwarden.logs.decode import mask_client, mask_line, printable
from webwarden.logs.settings import RuleOptions
from webwarden.logs.timeparse import format_span, format_time
from webwarden.rules.base import LogRule

UNKNOWN_CLIENT = "an unknown client"


def show_client(client: str | None, show_ips: bool) -> str:
    """The client as reports show it: masked unless `show_ips`."""
    if not client:
        return UNKNOWN_CLIENT
    return client if show_ips else mask_client(client)


def _routes(incident: Incident) -> str:
    if not incident.routes:
        return "the app"
    shown = ", ".join(f"`{printable(route)}`" for route in incident.routes)
    if incident.more_routes:
        return f"{shown} and other paths"
    return shown


def _details(incident: Incident) -> tuple[str, str]:
    """(the commonest detail in backticks with how many others, the commonest as is)."""
    if not incident.details:
        return "", ""
    strongest = incident.strongest.detail if incident.strongest else ""
    ranked = sorted(
        incident.details.items(),
        key=lambda item: (item[0] != strongest, -item[1], item[0]),
    )
    shown = f"`{ranked[0][0]}`"
    if len(ranked) > 1:
        shown += f" and {len(ranked) - 1} other kind{'s' if len(ranked) > 2 else ''}"
    return shown, ranked[0][0]


def duration_text(seconds: float) -> str:
    """`90` -> `90 s`, `300` -> `5 min`, `3600` -> `1 h`."""
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)} {unit}"
    return f"{seconds:g} s"


def _line(text: str, client: str | None, show_ips: bool) -> str:
    return text if show_ips else mask_line(text, client)


def build_finding(
    rule: type[LogRule], key: str, incident: Incident, options: RuleOptions, show_ips: bool
) -> Finding:
    """The finding for one incident of `rule` (aggregated by `key`)."""
    first = incident.samples[0]
    strongest = incident.strongest
    distinct = len(incident.distinct)
    detail, detail_text = _details(incident)
    # NOTE: the fingerprint hashes `key`; a raw IPv4 address is cheap to brute-force
    # back out of a hash, so the client goes in masked.
    shown_key = show_client(key, False) if key == incident.client else printable(key)
    steps = [
        FlowStep(
            Location(sample.source, sample.line),
            _line(sample.text, incident.client, show_ips),
        )
        for sample in incident.samples
    ]
    return rule.make_finding(
        Location(first.source, first.line),
        snippet=_line(first.text, incident.client, show_ips),
        severity=strongest.severity if strongest else None,
        confidence=strongest.confidence if strongest else None,
        key=f"{shown_key} {format_time(incident.first)}",
        flow=steps,
        client=show_client(incident.client, show_ips),
        subject=f"`{printable(key)}`",
        count=incident.count,
        s="" if incident.count == 1 else "s",
        window=format_span(incident.first, incident.last),
        route=_routes(incident),
        detail=detail,
        detail_text=detail_text,
        threshold=options.threshold,
        per=duration_text(options.window),
        distinct=f"{distinct}+" if distinct >= 1000 else str(distinct),
    )
