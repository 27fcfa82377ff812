"""Rows of an audit log: the record that something was done, not a change of its own."""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.writes.calls import Locals, split
from webwarden.model.module import identifier_words

_LOG_WORDS = frozenset({"log", "logs", "logged"})
_RECORD_WORDS = frozenset(
    {"entry", "entries", "event", "events", "access", "activity", "action"} | {"search", "searches"}
)
"""Words that, beside `log` (or `logged`), name a log of what users did (`LogEntry`,
`event_log.Entry`, `AccessLog`, `ActivityLog`, a site search's `SearchLog` or
`LoggedSearch`); not `WorkLog` or `TimeLog`, records users keep as data, nor a
`SavedSearch`, which the user keeps."""


def audit_log_model(qualname: str) -> bool:
    """Whether a class's qualified name (module path and name) names an audit log:
    `audit` in it, or `log` beside a word for what is logged."""
    words = set(identifier_words(qualname))
    if "audit" in words or "auditlog" in words:
        return True
    return not words.isdisjoint(_LOG_WORDS) and not words.isdisjoint(_RECORD_WORDS)


def records_audit_entry(call: ir.Call, facts: Locals) -> bool:
    """`entry.save()` of a local made as a row of an audit-log model (`entry =
    Entry(**fields)` in an event log app), or the row its manager makes
    (`LoggedSearch.objects.create(term=q)`): the write records the request, as a log line
    would, and changes nothing the user acts on."""
    receiver, method = split(call)
    if method == "create" and call.callee is not None and receiver[-1:] == ["objects"]:
        return len(receiver) > 1 and audit_log_model(".".join(receiver[:-1]))
    if method != "save" or len(receiver) != 1:
        return False
    made = facts.classes.get(receiver[0])
    return made is not None and audit_log_model(made)
