"""Saves that only count a visit: a row's counter raised by one and written.

`dataset.downloads = (dataset.downloads or 0) + 1` then
`dataset.save(update_fields=["downloads"])`, or `Page.objects.filter(pk=pk).update(
views=F("views") + 1)`: a download or a page view counted as it is served. HTTP lets a
safe method have such side effects (RFC 9110, 9.2.1: a hit counter is the example); a
forged GET only adds a visit anyone could make. So is a flag that records the row was
viewed (`message.unread = False`, `notice.seen = True`), or the time it was last read
(`secret.last_decrypted_date = now()`, `token.last_used_at = timezone.now()`): opening
the page does the same. A row made only to hold such a time, beside the reader and what
was read (`topicsread = TopicsRead()`, its `user` and `topic` set, `last_read =
time_utcnow()`), is the tracker of what the signed-in user has read: a second request
only moves the time on, as it would a `last_seen`. So is such a marker, loaded by a
query of a model named for the reading, pointed at the newest item of what was read
(`marker.reply = thread.last_reply`). So is a field a method of the row
brings to its current form as it is read (`view.query_filter = view.validate_filter()`
then `db.session.add(view)`): a second read changes nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from webwarden.analysis.taint import ir
from webwarden.analysis.writes.calls import names, split
from webwarden.analysis.writes.rows import loads
from webwarden.model.module import identifier_words

_F_EXPRESSIONS = frozenset({"django.db.models.F", "django.db.models.expressions.F"})
_VISIT_WORDS = frozenset(
    {"view", "views", "download", "downloads", "hit", "hits", "visit", "visits", "click",
     "clicks", "impression", "impressions", "read", "reads", "open", "opens"}
)  # fmt: skip
"""Words of a field counting how often something was served (`downloads`,
`view_count`), not what a user did (`likes`, `votes`: a forged GET acts for the user)."""


def counter_saves(
    statements: Iterable[ir.Stmt], clock_helper: Callable[[ir.Call], bool] = lambda _: False
) -> frozenset[ir.Pos]:
    """Where a function's statements (each, nested ones too) save a row whose only
    changed fields are counters of visits (see `_VISIT_WORDS`) raised by a number (`row.views += 1`, `row.views =
    row.views + 1`, `row.views = F("views") + 1`), by `save(update_fields=[...])` naming only those or a bare `save()`,
    or update a queryset's counters alone (`.update(views=F("views") + 1)`). Not a row
    the function binds to anything but what an ORM query loads, a function named for
    looking one up returns (`_fetched`), a rendered response's context holds
    (`_rendered`) or the request holds (`_request_held`; `row = Hit(page=page)`: its save
    makes a row), but for a row made bare
    (`row = TopicsRead()`) whose other fields only name the reader and what was read
    (`row.user = user`, `row.topic = self`) and which is saved with its time of reading
    (`_access_stamp`). `clock_helper` tells a project function that only reads the clock
    (`time_utcnow()`)."""
    statements = list(statements)
    clocks = _clock_locals(statements, clock_helper)
    markers = _read_markers(statements)
    counted: dict[str, set[str]] = {}
    changed: dict[str, set[str]] = {}
    made: set[str] = set()
    linked: dict[str, dict[str, str]] = {}
    calls: list[ir.Call] = []
    for statement in statements:
        match statement:
            case ir.Assign(targets=(ir.TName(name=row),), value=value) if _made_bare(value):
                made.add(row)
            case ir.Assign(targets=(ir.TName(name=row),), value=value) if not (
                loads(value, set())
                or _fetched(value)
                or _none(value)
                or _rendered(value)
                or _request_held(value)
            ):
                changed.setdefault(row, set()).add("")  # NOTE: a row made here is created
            case ir.Assign(targets=(ir.TAttr(value=ir.Local(name=row), attr=field),), value=value):
                visit = (
                    (_raised(value, row, field) and _visits(field))
                    or _viewed(field, value)
                    or (_access_stamp(field) and _clock(value, clocks, clock_helper))
                    or _normalised(value, row)
                    or (row in markers and _newest_item(value))
                )
                root = _reference(value)
                if visit or not root:
                    (counted if visit else changed).setdefault(row, set()).add(field)
                else:
                    linked.setdefault(row, {})[field] = root
            case ir.AugAssign(target=ir.TAttr(value=ir.Local(name=row), attr=field), value=value):
                kept = counted if _number(value) and _visits(field) else changed
                kept.setdefault(row, set()).add(field)
            case ir.Assign(targets=targets):
                for target in targets:
                    if isinstance(target, ir.TAttr | ir.TSub):
                        changed.setdefault(_owner(target), set()).add("")
            case ir.Eval(value=ir.Call() as call):
                calls.append(call)
    _settle_made(made, linked, counted, changed)
    return frozenset(
        call.pos
        for call in calls
        if _counts_only(call, counted, changed) or _updates_counters(call)
    )


def _settle_made(
    made: set[str],
    linked: dict[str, dict[str, str]],
    counted: dict[str, set[str]],
    changed: dict[str, set[str]],
) -> None:
    """Counts as changes the fields set to references (`linked`) of a row not made bare
    here, or of one whose reference is a local bound to a value made here (`url =
    request.args["url"]`: what the request chose, not who read what); and a new row
    with no time of reading."""
    bound = {name for name, fields in changed.items() if "" in fields}
    for row, links in linked.items():
        if row not in made or not bound.isdisjoint(links.values()):
            changed.setdefault(row, set()).update(links)
    for row in made:
        if not counted.get(row):
            changed.setdefault(row, set()).add("")  # NOTE: no time of reading: a new row


def _counts_only(call: ir.Call, counted: dict[str, set[str]], changed: dict[str, set[str]]) -> bool:
    """`row.save(update_fields=["views"])` (or `row.save()`), or SQLAlchemy's
    `session.add(row)`, of a row whose changed fields are all counters; or SQLAlchemy's
    `session.commit()` where the function changes nothing but counters."""
    func = call.func
    if _added(call):
        row = call.args[0].name if isinstance(call.args[0], ir.Local) else ""
        return bool(counted.get(row)) and row not in changed
    if session_commit(call):
        # NOTE: a commit writes every row the function changed: here only counters.
        return bool(counted) and not changed
    if not (isinstance(func, ir.Attr) and func.attr == "save" and not call.args):
        return False
    if not isinstance(func.value, ir.Local):
        return False
    row = func.value.name
    fields = counted.get(row, set())
    if not fields or row in changed:
        return False
    keywords = dict(call.keywords)
    if set(keywords) - {"update_fields"}:
        return False
    written = keywords.get("update_fields")
    if written is None:
        return True
    return (
        isinstance(written, ir.Seq)
        and bool(written.elts)
        and all(isinstance(e, ir.Const) and e.value in fields for e in written.elts)
    )


def session_commit(call: ir.Call) -> bool:
    """`db.session.commit()`, `Session.commit()`: SQLAlchemy's session writing every row
    changed since its last flush (a row loaded through it needs no `add()`)."""
    receivers, name = split(call)
    return (
        name == "commit"
        and not call.args
        and not call.keywords
        and bool(receivers)
        and receivers[-1].lower().endswith("session")
    )


def _added(call: ir.Call) -> bool:
    """`db.session.add(row)`: SQLAlchemy's way to save a row (of a local)."""
    return (
        split(call)[1] == "add"
        and len(call.args) == 1
        and not call.keywords
        and isinstance(call.args[0], ir.Local)
    )


_NORMALISING_WORDS = frozenset(
    {"validate", "validated", "normalize", "normalise", "normalized", "normalised"}
    | {"canonical", "canonicalize", "canonicalise", "migrate", "migrated", "upgrade"}
)


def normalising(statement: ir.Assign) -> bool:
    """`row.query_filter = row.validate_filter()` (see `_normalised`): a change a commit
    writes that a second read would not make again."""
    match statement.targets:
        case (ir.TAttr(value=ir.Local(name=row)),):
            return _normalised(statement.value, row)
    return False


def _normalised(value: ir.Expr, row: str) -> bool:
    """`row.query_filter = row.validate_filter()`: a field set to what a method of the
    row itself, given nothing, named for bringing a value to its valid or current form,
    makes of the row (filling in the keys a stored filter lacks): a second read changes
    nothing more and the request chooses nothing (not `row.generate_key()`, a new
    value, nor `row.validate_filter(request.args["filter"])`, one the request sends)."""
    return (
        isinstance(value, ir.Call)
        and not value.args
        and not value.keywords
        and isinstance(value.func, ir.Attr)
        and value.func.value == ir.Local(row)
        and not _NORMALISING_WORDS.isdisjoint(identifier_words(value.func.attr))
    )


def _updates_counters(call: ir.Call) -> bool:
    """`queryset.update(views=F("views") + 1)`: every field set to itself plus a number."""
    if split(call)[1] != "update" or call.args or not call.keywords:
        return False
    return all(field is not None and _f_raised(value, field) for field, value in call.keywords)


def _raised(value: ir.Expr, row: str, field: str) -> bool:
    """`row.field + 1`, `(row.field or 0) + 1`, or `F("field") + 1`: Django's way to
    raise the field in the database without a race (the `UPDATE` adds to the value the
    row holds then)."""
    if not (isinstance(value, ir.Fmt) and value.kind == "+" and len(value.parts) == 2):
        return False
    if _f_raised(value, field):
        return True
    current, step = value.parts
    if isinstance(current, ir.Union) and not current.joined:
        numbers = [v for v in current.values if _number(v)]
        others = [v for v in current.values if not _number(v)]
        current = others[0] if len(others) == 1 and numbers else current
    return (
        _number(step)
        and isinstance(current, ir.Attr)
        and current.attr == field
        and isinstance(current.value, ir.Local)
        and current.value.name == row
    )


def _f_raised(value: ir.Expr, field: str) -> bool:
    """`F("field") + 1`."""
    if not (isinstance(value, ir.Fmt) and value.kind == "+" and len(value.parts) == 2):
        return False
    current, step = value.parts
    return (
        _number(step)
        and isinstance(current, ir.Call)
        and current.callee in _F_EXPRESSIONS
        and len(current.args) == 1
        and isinstance(current.args[0], ir.Const)
        and current.args[0].value == field
    )


_FETCH_WORDS = frozenset({"get", "find", "fetch", "load", "lookup"})


def _fetched(value: ir.Expr) -> bool:
    """A call of a function (not of a class: `Hit(page=page)` makes a row) whose name
    says it looks a row up (`find_dataset(pk, user)`, `get_page(slug)`): a helper of the
    project wrapping `get_object_or_404()` with a permission check."""
    if not isinstance(value, ir.Call):
        return False
    name = split(value)[1]
    words = identifier_words(name)
    return name[:1].islower() and bool(words) and words[0] in _FETCH_WORDS


_MANAGER_NAMES = frozenset({"objects", "query"})
_MARKER_WORDS = frozenset({"read", "reads"})
_NEWEST_WORDS = frozenset({"last", "latest", "newest"})


def _read_markers(statements: list[ir.Stmt]) -> set[str]:
    """The locals bound only to a row an ORM query loads of a model named for a reading
    (`ThreadRead.objects.filter(user=user, thread=thread).first()`): the marker of how far
    the signed-in user has read."""
    bound: dict[str, bool] = {}
    for statement in statements:
        if isinstance(statement, ir.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ir.TName):
                marker = loads(statement.value, set()) and _marker_model(statement.value)
                bound[target.name] = bound.get(target.name, True) and marker
    return {name for name, marker in bound.items() if marker}


def _marker_model(value: ir.Expr) -> bool:
    found = names(value)
    models = [found[i - 1] for i in range(1, len(found)) if found[i] in _MANAGER_NAMES]
    return len(models) == 1 and not _MARKER_WORDS.isdisjoint(identifier_words(models[0])[-1:])


def _newest_item(value: ir.Expr) -> bool:
    """`thread.last_reply`, `self.object.last_note`: the newest item of what is read, to
    which opening the page moves the reader's marker (not what the request names)."""
    if not isinstance(value, ir.Attr):
        return False
    words = identifier_words(value.attr)
    return len(words) >= 2 and words[0] in _NEWEST_WORDS and "request" not in names(value)


_VIEWED_WORDS = frozenset({"read", "seen", "viewed", "opened"})
_UNVIEWED_WORDS = frozenset({"unread", "unseen", "unviewed", "unopened"})
_FLAG_PREFIXES = frozenset({"is", "has", "been", "was"})


def _viewed(field: str, value: ir.Expr) -> bool:
    """`row.unread = False`, `row.is_read = True`, `row.seen = True`: a flag set to what
    viewing the row makes it (not `row.unread = True`, which a user asks for)."""
    if not (isinstance(value, ir.Const) and isinstance(value.value, bool)):
        return False
    words = [word for word in identifier_words(field) if word not in _FLAG_PREFIXES]
    if len(words) != 1:
        return False  # NOTE: `read_only`, `seen_by_staff`: more than a viewing
    if words[0] in _UNVIEWED_WORDS:
        return value.value is False
    return words[0] in _VIEWED_WORDS and value.value is True


_ACCESS_WORDS = frozenset(
    {"seen", "accessed", "access", "used", "viewed", "visited", "read", "opened", "fetched"}
    | {"retrieved", "decrypted", "active", "activity"}
)
"""What a row's reader does to it: `last_seen`, `last_used_at`, `last_decrypted_date`
(a secret shown in plain text is a secret read)."""
_TIME_WORDS = frozenset({"at", "on", "date", "time", "datetime", "timestamp", "ts", "when"})
_CLOCK_CALLS = frozenset({"now", "utcnow", "today"})
"""Last names of calls reading the clock (`datetime.now()`, `timezone.now()`, a project's
`utils.utcnow()`); also `time.time()`."""


_STAMPED_READS = frozenset({"seen", "accessed", "viewed", "visited", "read", "opened"})
"""What a reader did to a row, said without `last` (`visited_at`, `seen_on`): only words
that cannot mean the row was used up (`used_at` marks a one-time token spent)."""


def _access_stamp(field: str) -> bool:
    """`last_seen`, `last_accessed_at`, `last_decrypted_date`, `visited_at`: when the row
    was last read (not `last_rotation_date`, `last_login`, `last_modified`, `used_at`:
    what a user did to it)."""
    words = identifier_words(field)
    if len(words) >= 2 and words[0] in _STAMPED_READS and words[1] in _TIME_WORDS:
        return _TIME_WORDS.issuperset(words[2:])
    return (
        len(words) >= 2
        and words[0] == "last"
        and words[1] in _ACCESS_WORDS
        and _TIME_WORDS.issuperset(words[2:])
    )


def clock_read(value: ir.Expr) -> bool:
    """A call reading the clock: `datetime.now(tz)`, `timezone.now()`, `time.time()`, or
    a function named for it (a project's `utils.utcnow()`)."""
    if not isinstance(value, ir.Call):
        return False
    receivers, name = split(value)
    return name in _CLOCK_CALLS or (receivers == ["time"] and name == "time")


def _clock(
    value: ir.Expr, clocks: set[str], clock_helper: Callable[[ir.Call], bool] = lambda _: False
) -> bool:
    """A reading of the clock (also through a project helper that only reads it), or a
    local holding one."""
    if isinstance(value, ir.Local):
        return value.name in clocks
    return clock_read(value) or (isinstance(value, ir.Call) and clock_helper(value))


def _clock_locals(statements: list[ir.Stmt], clock_helper: Callable[[ir.Call], bool]) -> set[str]:
    """The locals bound to a reading of the clock (`now = timezone.now()`), and to
    nothing else."""
    bound: dict[str, bool] = {}
    for statement in statements:
        if isinstance(statement, ir.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ir.TName):
                read = _clock(statement.value, set(), clock_helper)
                bound[target.name] = bound.get(target.name, True) and read
    return {name for name, read in bound.items() if read}


_REQUEST_DATA = frozenset({"GET", "POST", "FILES", "COOKIES", "META", "headers", "session"})


def _request_held(value: ir.Expr) -> bool:
    """`request.user`, `self.request.user`, `request.profile`: a row Django's
    authentication (or a middleware of the project, such as one loading the signed-in
    user's profile) put on the request before the view ran, not one the view makes; not
    what the client sent (`request.GET`) nor the session."""
    if not isinstance(value, ir.Attr) or value.attr in _REQUEST_DATA:
        return False
    return value.value in (ir.Local("request"), ir.Attr(ir.Local("self"), "request"))


def _rendered(value: ir.Expr) -> bool:
    """`response.context_data["object"]`: a value of the context a Django template
    response was rendered with (`super().get()` of a `DetailView`, whose context holds
    the row `get_object()` loaded): a row the view read, not one it makes."""
    return (
        isinstance(value, ir.Sub)
        and isinstance(value.value, ir.Attr)
        and value.value.attr == "context_data"
    )


def _made_bare(value: ir.Expr) -> bool:
    """`TopicsRead()`: a class (named so) called with nothing, a row its fields fill."""
    return (
        isinstance(value, ir.Call)
        and not value.args
        and not value.keywords
        and split(value)[1][:1].isupper()
    )


def _reference(value: ir.Expr) -> str:
    """The local whose value or attribute `value` is (`user`, `self`, `self.forum`),
    naming who read or what was read; "" for a call or a constant."""
    while isinstance(value, ir.Attr):
        value = value.value
    return value.name if isinstance(value, ir.Local) else ""


def _none(value: ir.Expr) -> bool:
    """`archived = None` (a lookup that found nothing): no row made, none saved."""
    return isinstance(value, ir.Const) and value.value is None


_REQUEST_WORDS = frozenset({"request", "requests"})
_COUNT_WORDS = frozenset({"count", "counter", "num", "number", "total"})
_REQUEST_COUNT_WORDS = _REQUEST_WORDS | _COUNT_WORDS


def _visits(field: str) -> bool:
    """A field counting visits: a word of `_VISIT_WORDS` in its name, or a count of
    requests and nothing else (`request_count`, `num_requests`: how often a share link
    was requested; not `friend_request_count`, requests users made of one another)."""
    words = identifier_words(field)
    if not _VISIT_WORDS.isdisjoint(words):
        return True
    return not _REQUEST_WORDS.isdisjoint(words) and set(words) <= _REQUEST_COUNT_WORDS


def _number(value: ir.Expr) -> bool:
    return (
        isinstance(value, ir.Const)
        and isinstance(value.value, int | float)
        and not isinstance(value.value, bool)
    )


def _owner(target: ir.TAttr | ir.TSub) -> str:
    """The local whose attribute or item a target sets, "" for another."""
    base = target.value
    while isinstance(base, ir.Attr | ir.Sub):
        base = base.value
    return base.name if isinstance(base, ir.Local) else ""
