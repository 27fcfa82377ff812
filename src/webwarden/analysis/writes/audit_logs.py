"""Rows of an audit log: the record that something was done, not a change of its own."""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.specs import DJANGO_ORM_CLASSES
from webwarden.analysis.writes.caches import cache_model
from webwarden.analysis.writes.calls import Locals, split
from webwarden.model.module import identifier_words

_LOG_WORDS = frozenset({"log", "logs", "logged", "analytics"})
_RECORD_WORDS = frozenset(
    {"entry", "entries", "event", "events", "access", "activity", "action"}
    | {"search", "searches", "debug", "error", "errors"}
)
"""Words that, beside `log` (or `logged`, or `analytics`), name a log of what users did
(`LogEntry`, `event_log.Entry`, `AccessLog`, `ActivityLog`, a site search's `SearchLog`
or `LoggedSearch`, an `analytics.Event` recording a page viewed) or of what the
application met (`DebugLog`, `ErrorLog`: the log lines it keeps in the database); not
`WorkLog` or `TimeLog`, records users keep as data, nor a `SavedSearch`, which the user
keeps."""
_ACCESS_WORDS = frozenset({"download", "downloads"})
"""Last words of a model's name for the record of one access to what the site serves
(`Download`, `FileDownload`: who was sent which file, when), the row a counter of the
same word would count; not `DownloadRequest`, a job the user asks for. Not a bare `Hit`
or `Visit` either, which name rows a user's actions make as often as accesses."""
_SERVED_WORDS = frozenset({"page", "pages", "dashboard", "dashboards", "screen", "screens"})
_SEEN_WORDS = frozenset({"view", "views", "visit", "visits"})
"""`PageView`, `DashboardVisit`: the record of one view of a page (or a dashboard, a
screen) the site serves. Not a bare `Visit`, nor one of another thing (`HomeVisit`, a
visit someone makes in person)."""
_EVENT_WORDS = frozenset({"event", "events"})
"""`GrantViewEvent`, `PostViewEvent`: an analytics event recording that something was
viewed, the word `event` saying it is the record of the view, not the visit itself; not
`VisitEventRegistration`, whose last word is what the user did."""


_TRAIL_WORDS = frozenset({"trail", "trails"})
_ACTION_FIELDS = frozenset({"action", "action_flag", "action_type", "verb"})
_OBJECT_TYPE_FIELDS = frozenset({"object_type", "content_type"})
_OBJECT_ID_FIELDS = frozenset({"object_id", "object_pk"})
"""The columns of an activity log's row: what was done (`action`, Django admin's
`action_flag`) to which object, named by a generic reference (its type and its id:
`object_type` and `object_id`, or a `content_type` beside them). A row keeping a generic
reference and no action (a `Favorite`, a permission granted on any object) is data a
user acts on."""


def audit_log_model(qualname: str) -> bool:
    """Whether a class's qualified name (module path and name) names an audit log:
    `audit` in it, or `log` beside a word for what is logged."""
    words = set(identifier_words(qualname))
    if "audit" in words or "auditlog" in words:
        return True
    return not words.isdisjoint(_LOG_WORDS) and not words.isdisjoint(_RECORD_WORDS)


def access_record_model(qualname: str) -> bool:
    """Whether a class's name (the last part of its qualified name) names the record of
    an access: a download or a view of a page (`Download`, `PageView`, `DashboardVisit`),
    or the analytics event of a view (`GrantViewEvent`)."""
    words = identifier_words(qualname.rpartition(".")[2])
    if not words:
        return False
    if words[-1] in _ACCESS_WORDS:
        return True
    if len(words) > 1 and words[-1] in _EVENT_WORDS and words[-2] in _SEEN_WORDS:
        return True
    return len(words) > 1 and words[-1] in _SEEN_WORDS and words[-2] in _SERVED_WORDS


def activity_log_shaped(index: IndexView, qualname: str) -> bool:
    """Whether a project model's columns (its own or a project base's) are an activity
    log's: an action beside a generic reference to the object it was done to (redash's
    `Event`: `action`, `object_type`, `object_id`; Django admin's `LogEntry`:
    `action_flag`, `content_type`, `object_id`), whatever the model is called."""
    columns = _columns(index, qualname)
    return not (
        columns.isdisjoint(_ACTION_FIELDS)
        or columns.isdisjoint(_OBJECT_TYPE_FIELDS)
        or columns.isdisjoint(_OBJECT_ID_FIELDS)
    )


def action_trail_model(index: IndexView, qualname: str) -> bool:
    """Whether a project model is named a trail (`UserTrail`, `ActivityTrail`) and keeps
    what was done in a column of its own or a project base's (`action`, `verb`): an audit
    trail, each row the record of one request; not a hiking app's `Trail`, whose rows keep
    no action."""
    words = identifier_words(qualname.rpartition(".")[2])
    if _TRAIL_WORDS.isdisjoint(words):
        return False
    columns = _columns(index, qualname)
    return not columns.isdisjoint(_ACTION_FIELDS)


def _columns(index: IndexView, qualname: str) -> set[str]:
    """The columns a project model declares itself or through a project base."""
    columns: set[str] = set()
    for ancestor in index.mro(qualname):
        definition = index.classes.get(ancestor)
        if definition is not None:
            columns.update(name for name, _ in definition.fields)
    return columns


def _records(qualname: str, index: IndexView) -> bool:
    """Whether rows of the model record requests or keep what reading makes: an audit
    or activity log, the record of an access, or a cache (`cache_model`)."""
    return (
        audit_log_model(qualname)
        or cache_model(qualname)
        or access_record_model(qualname)
        or activity_log_shaped(index, qualname)
        or action_trail_model(index, qualname)
    )


def _added_row_class(call: ir.Call, facts: Locals, index: IndexView) -> str | None:
    """The project class of the one row a SQLAlchemy session's `add()` is handed: a local
    made from it (`event = cls(...)`, `event = Event(...)`) or one made in place."""
    if len(call.args) != 1 or call.keywords:
        return None
    row = call.args[0]
    if isinstance(row, ir.Local):
        return facts.classes.get(row.name)
    if not isinstance(row, ir.Call):
        return None
    if isinstance(row.func, ir.Local):
        return facts.class_names.get(row.func.name)
    made = index.resolve(row.callee) if row.callee is not None else None
    return made if made in index.classes else None


def records_audit_entry(call: ir.Call, facts: Locals, index: IndexView) -> bool:
    """`entry.save()` of a local made as a row of an audit-log model (`entry =
    Entry(**fields)` in an event log app, `entry = cls(...)` in a class method of one), or
    the row its manager makes (`LoggedSearch.objects.create(term=q)`, `cls.objects.create()`
    in a class method of the model), or the one row a SQLAlchemy session adds
    (`db.session.add(event)`), also of a model named for the record of an
    access (`Download.objects.create(creator=request.user, image=image)`) or shaped as an
    activity log (`activity_log_shaped`): the write records the request, as a log line
    would, and changes nothing the user acts on. So is a row of a cache (`cache_entry =
    MarkdownToHTMLCacheEntry(markdown=text, html=html)`, then `db.session.add(cache_entry)`):
    what reading worked out, which any visitor's request keeps alike."""
    receiver, method = split(call)
    if method == "create" and receiver[-1:] == ["objects"]:
        named = facts.class_names.get(receiver[0]) if len(receiver) == 2 else None
        if named is not None:
            return _records(named, index)  # NOTE: `cls.objects.create(...)` in a class method
        return (
            call.callee is not None
            and len(receiver) > 1
            and _records(".".join(receiver[:-1]), index)
        )
    if method == "add" and receiver and receiver[-1].lower().endswith("session"):
        added = _added_row_class(call, facts, index)
        return added is not None and _records(added, index)
    if method != "save" or len(receiver) != 1:
        return False
    made = facts.classes.get(receiver[0])
    return made is not None and _records(made, index)


_LEVEL_METHODS = frozenset(
    {"log", "debug", "info", "warning", "warn", "error", "critical", "exception"}
)
"""Names of a logger's methods: one level each, or `log` given the level."""
_LEVEL_FIELDS = frozenset({"level", "log_level", "levelname", "severity"})
"""A log line's column for its level."""


def logs_through_manager(function: ir.Function, call: ir.Call, index: IndexView) -> bool:
    """`Note.objects.create(level=..., text=...)` in a method of a Django manager (or
    queryset) named for a logger's (`log`, `info`, `error`...), of a model with a column
    for the level (`level`, `severity`): a manager standing in for a logger, each call a
    line of the application's log kept in the database, not data users act on."""
    if function.name not in _LEVEL_METHODS or not function.owner:
        return False
    receiver, method = split(call)
    if method != "create" or receiver[-1:] != ["objects"] or len(receiver) < 2:
        return False
    if not index.inherits(function.owner, DJANGO_ORM_CLASSES):
        return False
    model = index.resolve(".".join(receiver[:-1]))
    if model is None:
        return False
    for ancestor in index.mro(model):
        definition = index.classes.get(ancestor)
        if definition is not None and any(name in _LEVEL_FIELDS for name, _ in definition.fields):
            return True
    return False
