"""MongoDB filters whose field conditions a JSON body may turn into query operators."""

from __future__ import annotations

import re

from webwarden.analysis.taint.values import Label, Taint, Trace, Value

_JSON_READ = re.compile(r"\bget_json\(|\.json\b")
"""Reads of a request's parsed JSON body (`request.get_json()`, `request.json[...]`):
what they give may be an object, not only a string."""


def json_conditions(value: Value) -> Value | None:
    """The JSON body data a filter display (`{"username": name}`) uses, as read, as the
    value of a field condition: a JSON object there (`{"$ne": null}`) is taken by MongoDB
    for operators. A value converted first (`str(name)`, `int(...)`), nested under an
    operator (`{"$eq": name}`) or data of another source (a form field is a string) is
    not."""
    if value.kind != "<dict>" or not value.parts:
        return None
    found: dict[Label, Trace] = {}
    for key, part in value.parts.items():
        if not key.startswith("[") or key.startswith("[$") or part.kind:
            continue
        found.update(_json_labels(part.whole()))
    return Value(found) if found else None


def _json_labels(taint: Taint) -> Taint:
    return {
        label: trace
        for label, trace in taint.items()
        if label.origin.kind == "source" and _JSON_READ.search(label.origin.text)
    }
