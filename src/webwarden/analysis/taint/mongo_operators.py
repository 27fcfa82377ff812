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


_DECODED = frozenset({"json.loads", "flask.json.loads", "simplejson.loads", "ujson.loads"})
"""What decodes JSON text: request text decoded so may be an object of any shape."""
_WHOLE_MAPPING = re.compile(
    r"^`request\.(args|form|values|GET|POST|query_params)(\.to_dict\(\))?`$|\bget_json\(|\.json\b"
)
"""Reads of a request's whole mapping (`request.args`, Django's `request.GET`), whose
keys the client chooses (`$where`), or of its JSON body or a part of it, which may be an
object."""


def whole_filter(value: Value) -> Value | None:
    """The request data a MongoDB filter (or pipeline) is as a whole: a JSON body or a
    part of it (`request.get_json()`, `request.json["filter"]`), request text decoded
    as JSON (`json.loads(request.args["q"])`), or the query string or form as a mapping
    (`request.args.to_dict()`). Not a display the code builds (`{"name": name}`, whose
    keys are the code's: `json_conditions` and `$where` judge its values), nor a string
    read alone (`request.args["q"]`, which PyMongo refuses as a filter)."""
    if value.kind in {"<dict>", "<list>"} and value.parts:
        return None
    decoded = value.kind in _DECODED
    found: dict[Label, Trace] = {
        label: trace
        for label, trace in value.whole().items()
        if label.origin.kind == "source"
        and (decoded or _WHOLE_MAPPING.search(label.origin.text) is not None)
    }
    return Value(found) if found else None
