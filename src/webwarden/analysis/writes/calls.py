"""What one call of a function's taint IR does to the application's state, by its names.

A call is a write (`Write`): ORM saves and deletes, SQLAlchemy session changes, SQL that
inserts, updates or deletes, mail, file changes, login and logout, web session changes,
jobs requeued or cancelled;
or nothing. Calls that may write but whose effect cannot be seen (SQL not known, a
signal's `send()`, a request to another server) are writes that are not `clear`. Calls
into the project are resolved and followed by `StateChanges`, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from webwarden.analysis.sql_statements import reads_only, writes
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.calls import storage_name
from webwarden.analysis.taint.render import PLAIN, Names, callee_text
from webwarden.analysis.writes.read_handles import OPENS

ROW_WRITES = frozenset({"save", "delete"})
"""A Django model's methods writing its row."""
_ORM_WRITES = ROW_WRITES | {"bulk_update", "save_m2m"}
_MANAGER_WRITES = frozenset(
    {"create", "get_or_create", "update_or_create", "bulk_create", "create_user"}
    | {"create_superuser"}
)
"""Writes of a Django manager or queryset (`Note.objects.create()`, `note.tags.create()`,
and the user manager's `User.objects.create_user()`); `create()` on anything else makes
an object (`SearchEngineFactory().create()`)."""
MANAGER_WRITES = _MANAGER_WRITES | _ORM_WRITES | {"update"}
"""The writes Django's managers and querysets define (a project manager overriding one
hands on to Django's with `super()`)."""
GET_OR_CREATE = "get_or_create"
_QUERY_WORDS = frozenset(
    {"objects", "filter", "exclude", "all", "select_for_update", "query", "filter_by",
     "where", "select_related", "prefetch_related", "only", "defer"}
)  # fmt: skip
"""Names of a Django manager or queryset, or a SQLAlchemy query: `.update()` on them writes
rows (on anything else it is `dict.update`)."""
_M2M = frozenset({"add", "remove", "set", "clear"})
_NOT_RELATIONS = frozenset(
    {"headers", "cookies", "GET", "POST", "FILES", "META", "args", "form", "files", "data",
     "values", "json", "environ", "fields", "errors", "cleaned_data", "initial", "kwargs",
     "context", "params", "query_params", "extra", "config", "options", "attrs", "meta",
     "_meta", "children", "classes", "flags", "tags_seen", "messages", "g"}
)  # fmt: skip
"""Attributes holding dicts, sets or lists (a response's headers, a form's fields), whose
`.add()`/`.set()`/`.clear()` change nothing stored."""
_DB_SESSION = frozenset(
    {"add", "add_all", "delete", "merge", "commit", "flush", "bulk_save_objects",
     "bulk_insert_mappings", "bulk_update_mappings"}
)  # fmt: skip
_WEB_SESSION = frozenset({"pop", "clear", "flush", "update", "setdefault", "cycle_key"})
_SQL_RUNS = frozenset({"execute", "executemany", "executescript", "raw", "exec_driver_sql"})
_MAIL = frozenset({"django.core.mail.send_mail", "django.core.mail.send_mass_mail"})
_OPERATOR_MAIL = frozenset({"django.core.mail.mail_admins", "django.core.mail.mail_managers"})
"""Django's mail to the site's own `ADMINS` or `MANAGERS`: a notice to the operators,
as its `AdminEmailHandler` sends for a logged error, with no recipient or record the
request chooses."""
_MAIL_METHODS = frozenset({"send_mail", "sendmail", "send_message", "send_messages"})
_FILE_CALLS = frozenset(
    {"os.remove", "os.unlink", "os.rename", "os.renames", "os.replace", "os.rmdir",
     "os.removedirs", "os.symlink", "os.link", "os.truncate", "shutil.rmtree",
     "shutil.move", "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree"}
)  # fmt: skip
_DIRECTORIES = frozenset({"os.mkdir", "os.makedirs"})
"""Making a directory (mostly a cache's, before it is written) changes no data."""
_MESSAGES = frozenset({"EmailMessage", "EmailMultiAlternatives", "Message"})
"""Django's and Flask-Mail's messages: `msg.send()` sends them."""
_OPENS = OPENS
_LOGINS = {
    "django.contrib.auth.login": "login",
    "django.contrib.auth.logout": "logout",
    "flask_login.login_user": "login",
    "flask_login.logout_user": "logout",
    "flask_login.utils.login_user": "login",
    "flask_login.utils.logout_user": "logout",
    "flask_security.login_user": "login",
    "flask_security.logout_user": "logout",
    "flask_security.utils.login_user": "login",
    "flask_security.utils.logout_user": "logout",
}
_JOB_QUEUE_CALLS = frozenset(
    {"rq.requeue_job", "rq.job.requeue_job", "rq.cancel_job", "rq.job.cancel_job",
     "rq.registry.requeue_job", "rq.command.send_kill_horse_command",
     "rq.command.send_shutdown_command", "rq.command.send_stop_job_command",
     "django_rq.utils.stop_jobs"}
)  # fmt: skip
"""RQ's functions that put jobs back in a queue, cancel them or stop workers, and
django-rq's `stop_jobs(queue, job_id)`: each changes what the job queue in Redis holds
or runs."""
_JOB_QUEUE_MAKERS = frozenset(
    {"rq.Queue", "rq.queue.Queue", "django_rq.get_queue", "django_rq.queues.get_queue",
     "django_rq.queues.get_queue_by_index", "django_rq.queues.get_queue_by_name"}
)  # fmt: skip
"""What makes an RQ queue object: RQ's `Queue(name, connection=...)`, django-rq's
`get_queue("default")`."""
_QUEUE_CHANGES = frozenset(
    {"enqueue", "enqueue_call", "enqueue_job", "_enqueue_job", "enqueue_at", "enqueue_in",
     "enqueue_many", "empty", "delete"}
)  # fmt: skip
"""An RQ queue's methods that add jobs to it, or empty or remove it (not `fetch_job`,
`get_job_ids`, `count`: reads)."""
_JOB_MAKERS = frozenset({"rq.job.Job.fetch", "rq.Job.fetch", "rq.job.Job.fetch_many"})
"""What loads an RQ job object from Redis: `Job.fetch(job_id, connection=...)`."""
_JOB_CHANGES = frozenset({"requeue", "cancel", "delete", "save", "perform", "set_status"})
"""An RQ job's methods that put it back in its queue, cancel, remove, store or run it."""
_ELSEWHERE = re.compile(r"^(requests|httpx)\.(post|put|patch|delete)$|^(subprocess\.|os\.system$)")
"""Calls that may change state outside the app (another server's, the machine's)."""
_RELAY = re.compile(r"(?:^|_)(?:proxy|relay)(?:$|_)", re.IGNORECASE)
"""Names of library functions that pass the request they are handed on to another
server (django-proxy's `proxy_view(request, url)`): its method and body, whatever they
ask of that server."""
_VERB = re.compile(
    r"^_*(save|delete|create|update|remove|insert|write|set|add|send|commit|put|post|destroy|"
    r"purge|drop|clear|reset|register|unregister|upload|approve|reject|publish|unpublish|"
    r"toggle|enable|disable|mark|change|edit|modify|move|rename|store|push|submit|"
    r"assign|import|sync|flush|revoke|grant|activate|deactivate|invite|"
    r"subscribe|unsubscribe|archive|restore|lock|unlock|pay|charge|refund|cancel|accept|"
    r"join|leave|follow|unfollow|like|unlike|vote|increment|decrement|incr|decr|trigger|"
    r"start|stop|kill|pause|unpause|resume|queue|enqueue|schedule|notify|"
    r"upsert|merge|persist|bump|transfer|abort|clean|reorder|rate|book|claim|"
    r"complete|finish|confirm|verify|mail|email)(?:$|_|[A-Z])"
)
"""Names of functions and methods that may change state, for those webwarden cannot see
into: `approve_request()`, `obj.markAsRead()`."""
_CONTAINER_METHODS = frozenset(
    {"update", "add", "remove", "clear", "set", "pop", "append", "extend", "insert",
     "discard", "setdefault", "write", "writelines", "send"}
)  # fmt: skip
"""Methods of dicts, sets, lists and streams: named for a change, but of an object on its
own unless its receiver says otherwise (a relation's `add()` is judged by `classify`)."""


@dataclass(frozen=True, slots=True)
class Write:
    """A change of state: where, what (for messages), and how sure."""

    kind: str
    """`orm`, `sqlalchemy`, `sql`, `mail`, `file`, `login`, `logout`, `session`,
    `generic` (a Django editing view), `queue` (a job queue's jobs), `elsewhere` or
    `unknown` (a call that may write)."""
    what: str
    relpath: str
    line: int
    clear: bool
    """Known to write (not a call that may)."""
    gated: bool = False
    """Made only when the request is a submission: under a test of `request.method`, of
    form data, or of a form's validation (`if form.is_valid():`); or only once a token
    the request carries checked out as one the server signed (`signed_tokens`)."""
    via: str = ""
    """The project function it is made in, when not the handler itself."""
    own_account: bool = False
    """A row write through the requesting user (`request.user.save()`,
    `self.request.user.profile.save()`): Django's anonymous user has no row and no
    relations, so only a logged-in visitor makes it."""
    per_item_of: str = ""
    """The parameter of the function it is made in over whose items a loop makes it
    (`for workflow_id in workflows:`): a caller passing submitted data there (empty on a
    GET) makes it only for a submission."""
    flags: tuple[tuple[str, bool], ...] = ()
    """The flag parameters of the function it is made in that it needs on or off (see
    `flag_arms`): a caller passing the other value makes none."""
    row_of: str = ""
    """The project model a manager's `create()` or `update_or_create()` makes (or
    refreshes) a row of (`Summary.objects.update_or_create(...)`), when known."""


NOTHING = Write("none", "", "", 0, clear=False)
"""What `classify` answers for a call known to write nothing that matters (a cache's)."""


def names(expr: ir.Expr) -> list[str]:
    """The dotted names an expression is made of: `self.object.tags` -> self, object, tags;
    a call adds `()`, a subscript `[]`."""
    match expr:
        case ir.Global(name=name):
            return name.split(".")
        case ir.Local(name=name) | ir.Free(name=name):
            return [name]
        case ir.Attr(value=value, attr=attr):
            return [*names(value), attr]
        case ir.Call(func=func):
            return [*names(func), "()"]
        case ir.Sub(value=value):
            return [*names(value), "[]"]
    return []


def split(call: ir.Call) -> tuple[list[str], str]:
    """(receiver names, method or function name) of a call."""
    if call.callee is not None:
        parts = call.callee.split(".")
        return parts[:-1], parts[-1]
    if isinstance(call.func, ir.Attr):
        return names(call.func.value), call.func.attr
    return names(call.func), ""


def web_session(found: list[str]) -> bool:
    """Whether these names (`names()`) are the web session: Django's `request.session`,
    Flask's `session`."""
    return found[-2:] == ["request", "session"] or found[:2] == ["flask", "session"]


def requesting_user(found: list[str]) -> bool:
    """Whether these names (`names()`) start with the requesting user: `request.user`,
    `self.request.user` in a class-based view."""
    return found[:2] == ["request", "user"] or found[:3] == ["self", "request", "user"]


def runs_elsewhere(name: str) -> bool:
    """Whether a call of (or a class derived from) this qualified name may change state
    outside the app: another server's (`requests.post`), the machine's (`subprocess`)."""
    return bool(_ELSEWHERE.search(name))


_CHANGING_SUBCOMMANDS = {
    **dict.fromkeys(
        ("git",),
        frozenset(
            {"pull", "push", "fetch", "clone", "checkout", "switch", "reset", "merge", "rebase",
             "commit", "clean", "apply", "am", "rm", "mv", "add", "tag", "init"}
        ),
    ),
    **dict.fromkeys(("hg", "svn"), frozenset({"pull", "push", "update", "up", "commit", "ci",
                                             "checkout", "co", "clone"})),
    **dict.fromkeys(("pip", "pip3", "npm", "yarn", "pnpm", "uv"),
                    frozenset({"install", "uninstall", "add", "remove", "update", "upgrade"})),
    "systemctl": frozenset({"start", "stop", "restart", "reload", "enable", "disable", "kill"}),
}  # fmt: skip
"""Programs whose subcommand says it changes the machine: a checkout updated, packages
installed, a service restarted (not `git log`, `pip list`, `systemctl status`)."""
_CHANGING_PROGRAMS = frozenset(
    {"rm", "rmdir", "mv", "cp", "mkdir", "touch", "chmod", "chown", "kill", "pkill", "killall",
     "reboot", "shutdown", "halt", "truncate", "dd"}
)  # fmt: skip
"""Programs that change the machine whatever their arguments."""


def changing_command(call: ir.Call) -> bool:
    """Whether a command a `subprocess` function or `os.system` runs is written in the code
    (a list of constant words, `["git", "pull"]`, or one constant string) and is one that
    changes the machine: a program of `_CHANGING_PROGRAMS`, or one of
    `_CHANGING_SUBCOMMANDS` with such a subcommand as its first word not an option."""
    first = call.args[0] if call.args else None
    if isinstance(first, ir.Const) and isinstance(first.value, str):
        words = first.value.split()
    elif isinstance(first, ir.Seq) and first.kind in {"list", "tuple"}:
        words = []
        for element in first.elts:
            if not (isinstance(element, ir.Const) and isinstance(element.value, str)):
                break
            words.append(element.value)
    else:
        return False
    if not words:
        return False
    program = words[0].rpartition("/")[2]
    if program in _CHANGING_PROGRAMS:
        return True
    subcommand = next((w for w in words[1:] if not w.startswith("-")), "")
    return subcommand in _CHANGING_SUBCOMMANDS.get(program, frozenset())


def relays_request(call: ir.Call) -> bool:
    """Whether a library call is handed the request being answered and named for passing
    it on (`proxy_view(request, remote_url)`): a reverse proxy sends the client's method
    and body to another server, which changes what a POST asks it to."""
    name = (call.callee or "").rpartition(".")[2]
    return bool(name) and _RELAY.search(name) is not None and _handed_request(call)


def may_write(name: str) -> bool:
    """Whether a function or method name says it may change state (a container's own
    methods, `update()` or `add()`, say nothing, nor does a bare `clean()`)."""
    if name in _CONTAINER_METHODS or name.strip("_") in _CHECKING_WORDS:
        return False
    return bool(_VERB.search(name))


_COOKIE_METHODS = frozenset({"set_cookie", "set_signed_cookie", "delete_cookie"})
"""A response's cookie set or removed (`response.set_cookie("toast_seen", 1)` on what a
library mixin's `render_json_response()` made): it changes only what the visitor's own
browser keeps, which any visitor can set for themselves, not the site's state."""
_CHECKING_WORDS = frozenset({"clean"})
"""Verbs that alone name a check or a cleaning of a value: Django's `clean()` of a form, a
field or a model validates and returns the value, bleach's `Cleaner.clean(html)` returns the
text sanitised. With more words (`clean_expired()`) they name removing things."""


def constant_text(expr: ir.Expr, constants: dict[str, str]) -> str | None:
    """The constant start of a string argument: a literal, an f-string's or `%` format's
    constant prefix, `text("...")`, or a local assigned one of those."""
    match expr:
        case ir.Const(value=str() as text):
            return text
        case ir.Fmt(prefix=prefix) if prefix.strip():
            return prefix
        case ir.Local(name=name):
            return constants.get(name)
        case ir.Call(args=(first, *_)) if split(expr)[1] == "text":
            return constant_text(first, constants)
    return None


@dataclass(frozen=True, slots=True)
class Locals:
    """What a pre-pass learns of a function's local variables."""

    constants: dict[str, str] = field(default_factory=dict)
    """Locals assigned a string (SQL held before `cursor.execute(sql)`)."""
    containers: frozenset[str] = frozenset()
    """Locals holding a dict, list or set made here (`params = request.GET.copy()`)."""
    classes: dict[str, str] = field(default_factory=dict)
    """Locals holding an object of a project class (`repo = Repository()`)."""
    made: dict[str, str] = field(default_factory=dict)
    """Locals holding what a call of a qualified name returned (`msg = EmailMessage()`), or
    a part of it unpacked (`handle, path = tempfile.mkstemp()`)."""
    loaded: frozenset[str] = frozenset()
    """Locals holding rows an ORM query loaded (`note = Note.objects.get(pk=1)`)."""
    changes_rows: bool = False
    """The function sets an attribute of such a row (`dag.is_paused = True`)."""
    model: bool = False
    """The function is a method of a Django model: its `self.save()` writes the row."""
    query: bool = False
    """The function is a method of a project manager or queryset class: its `self` is a
    query (`self.filter(...).update(...)`, `self.stale().delete()`)."""
    class_names: dict[str, str] = field(default_factory=dict)
    """Locals naming a project class itself: a class method's first parameter (`cls`)
    names the class the method is defined in."""
    read_only_opens: frozenset[ir.Pos] = frozenset()
    """Where `open()` in an update mode binds a handle the function only reads (see
    `read_handles.read_only_opens`)."""
    account: frozenset[str] = frozenset()
    """Locals bound once, to the requesting user or a part of it (`details =
    request.user.extra_details`): a row saved through one is the visitor's own."""
    query_methods: frozenset[str] = frozenset()
    """Methods of the function's class returning a queryset whose rows it updates through
    them (`self.pending_holds().update(...)`: see `own_querysets`)."""


_DOCUMENT_SAVES = frozenset({"save", "close"})
_DOCUMENT_LIBRARIES = frozenset(
    {"pandas", "openpyxl", "xlsxwriter", "xlwt", "docx", "pptx", "odf", "reportlab", "fpdf"}
)
"""Libraries whose writer objects' `save()` (or `close()`) writes a spreadsheet, document
or PDF to the path or buffer they were made with."""


def _document_writer(receiver: list[str], local: Locals) -> bool:
    """`receiver` is a local made by a document library (`pandas.ExcelWriter(output)`,
    `openpyxl.Workbook()`, `xlsxwriter.Workbook(buffer)`)."""
    if len(receiver) != 1:
        return False
    maker = local.made.get(receiver[0], "")
    return maker.partition(".")[0] in _DOCUMENT_LIBRARIES


def classify(call: ir.Call, relpath: str, local: Locals, spelled: Names = PLAIN) -> Write | None:
    """The write a call makes by its names alone (`NOTHING`: known to make none; None:
    not known by its names)."""
    receiver, method = split(call)
    callee = call.callee or ""
    line = call.pos[0]

    def write(kind: str, *, clear: bool = True) -> Write:
        text = f"`{callee_text(call, spelled)}()`"
        held = bool(receiver) and receiver[0] in local.account
        own = kind == "orm" and (requesting_user(receiver) or held)
        return Write(kind, text, relpath, line, clear, own_account=own)

    if any("cache" in part.lower() for part in receiver):
        return NOTHING  # NOTE: a cache is not the application's state
    if method in _COOKIE_METHODS and receiver:
        return NOTHING  # NOTE: a cookie of the response: the visitor's own browser's state
    if callee in _LOGINS:
        return write(_LOGINS[callee])
    if callee in _OPERATOR_MAIL:
        return NOTHING
    if callee in _MAIL or method in _MAIL_METHODS:
        return write("mail")
    if method == "send" and receiver:
        maker = local.made.get(receiver[0], "") if len(receiver) == 1 else ".".join(receiver)
        if maker.removesuffix(".()").rpartition(".")[2] in _MESSAGES:
            return write("mail")
    if callee in _COPIES and callee != "shutil.move" and temporary_within(call, local.made):
        return NOTHING  # NOTE: a copy into the view's own temporary folder
    if callee in _FILE_CALLS:
        held = names(call.args[0]) if call.args else []
        if held and local.made.get(held[0], "").startswith("tempfile."):
            return NOTHING  # NOTE: removing the view's own temporary file
        return write("file")
    if callee in _DIRECTORIES:
        return write("file", clear=False)
    if callee in _OPENS:
        if call.args and temporary_path(call.args[0], local.made):
            return NOTHING  # NOTE: writing the view's own temporary file
        if call.args and call.args[0] == ir.Global("os.devnull"):
            # NOTE: `open(os.devnull, "w")` is the null device (a subprocess's discarded
            # output): what is written there is thrown away, so it changes nothing
            return NOTHING
        if call.pos in local.read_only_opens:
            return NOTHING  # NOTE: `open(path, "r+b")` whose handle is only read
        return write("file") if writes_file(call) else None
    if callee in _JOB_QUEUE_CALLS or _changes_job_queue(receiver, method, local):
        return write("queue")
    if runs_elsewhere(callee) and changing_command(call):
        return write("elsewhere")
    if runs_elsewhere(callee) or relays_request(call):
        return write("elsewhere", clear=False)
    if web_session(receiver):
        return write("session", clear=False) if method in _WEB_SESSION else None
    if receiver and receiver[0] in local.containers:
        return None
    last = receiver[-1] if receiver else ""
    if method in {"commit", "flush"} and receiver:
        # NOTE: a commit writes what was changed before it: objects added or merged (each
        # a write of its own) or attributes set on loaded objects (`dag.is_paused = True`)
        return write("sqlalchemy", clear=local.changes_rows)
    if last.lower().endswith("session") and method in _DB_SESSION:
        return write("sqlalchemy")
    if method in _SQL_RUNS:
        sql = constant_text(call.args[0], local.constants) if call.args else None
        if sql is not None and reads_only(sql):
            return None
        if method == "raw" and _manager(receiver, local) and not (sql and writes(sql)):
            # NOTE: Django's `Manager.raw()` maps the rows its statement returns to model
            # instances: a query, as its docs say (writes go through `connection.cursor()`)
            return None
        return write("sql", clear=sql is not None and writes(sql))
    if method == "save" and _uncommitted(call):
        # NOTE: a ModelForm's (or formset's) `save(commit=False)` builds the instance
        # without saving it (a preview, fields set before saving): a later `save()` is a
        # write of its own
        return NOTHING
    if method in ROW_WRITES and _storage(receiver):
        # NOTE: Django's file storage (`default_storage.save(name, content)`,
        # `staticfiles_storage.delete(name)`, a FileField's `.storage`) writes the file
        # or removes it, by the methods a model writes its row with
        return write("file")
    if method in _DOCUMENT_SAVES and _document_writer(receiver, local):
        # NOTE: `writer = pandas.ExcelWriter(buffer)` then `writer.save()`: a spreadsheet or
        # document library writing its file, often an in-memory buffer for the response,
        # as Pillow's `img.save(buffer, "PNG")`; no row of the application
        return write("file", clear=False)
    if method == "save" and call.args and not (receiver == ["self"] and local.model):
        # NOTE: a model's save() takes keywords; `img.save(buffer, "PNG")` (Pillow) and
        # `upload.save(path)` write a file, which may be a response or a cache. A model's
        # own method saving itself (`self.save(*args, **kwargs)`) writes its row.
        return write("file", clear=False)
    if receiver[-1:] == ["message_set"]:
        return NOTHING  # NOTE: old Django's per-user messages: what `messages.info()` became
    if method in _MANAGER_WRITES:
        # NOTE: get_or_create() makes only what is missing, and again changes nothing
        if _manager(receiver, local) or _own_query(receiver, local):
            return write("orm", clear=method != GET_OR_CREATE)
        return None
    if method in _ORM_WRITES and receiver and (receiver != ["self"] or local.model or local.query):
        if _handed_request(call):
            return None  # NOTE: `delete(request, pk)`: a view named for its verb, not a row's
        return write("orm")
    if method == "update" and (
        _queries(receiver)
        or _own_query(receiver, local)
        or (receiver[::2] == ["self", "()"] and receiver[1] in local.query_methods)
    ):
        return write("orm")
    if (
        method in _M2M
        and call.callee is None
        and len(receiver) >= 2
        and receiver[-1] not in _NOT_RELATIONS
        and receiver[-1].isidentifier()
        and (
            receiver[0] in local.loaded
            or receiver[:2] == ["request", "user"]
            or (receiver[-1].endswith("_set") and receiver[0] != "self")
            or (receiver[0] != "self" and _given_loaded_row(call, local))
        )
    ):
        # NOTE: `group.user_set.remove(user)`: `<model>_set` is Django's name for a
        # reverse relation's manager, whoever holds it; `self.seen_set` is more often
        # a set the object keeps. `event.team.remove(user)` on an object of unknown class
        # (a helper's pick from a queryset) handed a row an ORM query loaded (`user =
        # User.objects.get(...)`): a relation of rows, which the call changes.
        return write("orm")
    if method == "send" and receiver:
        return write("unknown", clear=False)  # NOTE: a signal's receivers, a message
    return None


def _changes_job_queue(receiver: list[str], method: str, local: Locals) -> bool:
    """Whether a method call changes an RQ queue or job held in a local the function made
    (`queue = django_rq.get_queue(name)` then `queue.enqueue_job(job)`, `job =
    Job.fetch(job_id)` then `job.requeue()`), or one made in place (`Queue(name).empty()`)."""
    if len(receiver) == 1:
        maker = local.made.get(receiver[0], "")
    elif receiver[-1:] == ["()"]:
        maker = ".".join(receiver[:-1])
    else:
        return False
    if maker in _JOB_QUEUE_MAKERS:
        return method in _QUEUE_CHANGES
    return maker in _JOB_MAKERS and method in _JOB_CHANGES


def _given_loaded_row(call: ir.Call, local: Locals) -> bool:
    """Whether a call's positional arguments are all rows an ORM query loaded (`user`
    after `user = User.objects.get(pk=pk)`), held in locals."""
    return bool(call.args) and all(
        isinstance(a, ir.Local) and a.name in local.loaded for a in call.args
    )


def _uncommitted(call: ir.Call) -> bool:
    """Whether a `save()` is given `commit=False`."""
    return any(
        name == "commit" and isinstance(value, ir.Const) and value.value is False
        for name, value in call.keywords
    )


def _handed_request(call: ir.Call) -> bool:
    """Whether a call's first argument is the request being answered (`request`,
    `self.request`): Django's own `save()` and `delete()` of a row take none, a view
    does (Wagtail's page `delete(request, page_id)`, which asks before it deletes)."""
    first = call.args[0] if call.args else None
    match first:
        case ir.Local(name="request"):
            return True
        case ir.Attr(value=ir.Local(name="self"), attr="request"):
            return True
    return False


def _queries(receiver: list[str]) -> bool:
    """Whether the receiver names a manager or query. Django's manager is always an
    attribute (`Note.objects`): a variable called `objects` is the project's own (a list
    of results whose item's `update()` is a dict's)."""
    words = set(receiver[1:])
    if receiver and receiver[0] != "objects":
        words.add(receiver[0])
    return bool(_QUERY_WORDS & words)


def _own_query(receiver: list[str], local: Locals) -> bool:
    """Whether the receiver is the query a manager's or queryset's method runs on, or one
    its methods make (`self`, `self.filter(...)`, `self.stale()`)."""
    return local.query and receiver[:1] == ["self"]


def _manager(receiver: list[str], local: Locals) -> bool:
    """Whether the receiver is a Django manager or queryset: `objects` (or a query) in
    it, a reverse relation (`user.note_set`), or a relation of a loaded row
    (`note.tags`), also of the row a model's own method runs on (`self.votes`)."""
    if _queries(receiver) or (receiver and receiver[-1].endswith("_set")):
        return True
    if local.model and len(receiver) == 2 and receiver[0] == "self":
        # NOTE: `self.votes.update_or_create(...)` in a model's method: an attribute of a
        # row that has these methods is a related manager (`Vote.proposal`'s `related_name`)
        return receiver[1] not in _NOT_RELATIONS
    return len(receiver) >= 2 and (
        receiver[0] in local.loaded or receiver[:2] == ["request", "user"]
    )


_JOINS = frozenset({"os.path.join", "posixpath.join"})


_COPIES = frozenset({"shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.move"})
"""Calls returning the path they wrote, in the folder (or at the path) given second."""


def temporary_within(call: ir.Call, made: dict[str, str]) -> str | None:
    """`os.path.join(tmp_dir, "export.csv")` with `tmp_dir = tempfile.mkdtemp()`: a path
    in the temporary folder the function made, which takes the folder's maker; so is what
    an archive's `extract(member, path=tmp_dir)` or `shutil.copy(source, tmp_dir)` returns,
    the path of the file it wrote there."""
    if call.callee in _COPIES or (
        call.callee is None and isinstance(call.func, ir.Attr) and call.func.attr == "extract"
    ):
        keyword = "dst" if call.callee else "path"
        given = {k: v for k, v in call.keywords if k}
        first = given.get(keyword) or (call.args[1] if len(call.args) > 1 else None)
        maker = made.get(first.name, "") if isinstance(first, ir.Local) else ""
        return maker if maker.startswith("tempfile.") else None
    if call.callee not in _JOINS or not call.args:
        return None
    first = call.args[0]
    maker = made.get(first.name, "") if isinstance(first, ir.Local) else ""
    return maker if maker.startswith("tempfile.") else None


def temporary_path(expr: ir.Expr, made: dict[str, str]) -> bool:
    """Whether the expression is a temporary path the function made: a local `tempfile`
    gave (or a path joined in its folder), or such a join written in place; also the
    `.name` of a file or folder object `tempfile` made (`NamedTemporaryFile()`,
    `TemporaryDirectory()`), the path it stands for."""
    if isinstance(expr, ir.Attr) and expr.attr == "name":
        expr = expr.value
    if isinstance(expr, ir.Local):
        return made.get(expr.name, "").startswith("tempfile.")
    return isinstance(expr, ir.Call) and temporary_within(expr, made) is not None


def writes_file(call: ir.Call) -> bool:
    """Whether the opening call's mode (second, or `mode=`) writes (`"w"`, `"ab"`, `"x"`)."""
    mode: ir.Expr | None = call.args[1] if len(call.args) > 1 else None
    for key, value in call.keywords:
        if key == "mode":
            mode = value
    return (
        isinstance(mode, ir.Const)
        and isinstance(mode.value, str)
        and any(c in mode.value for c in "wax+")
    )


def _storage(receiver: list[str]) -> bool:
    """Whether these names end in a Django file storage: `default_storage`,
    `staticfiles_storage`, `self.storage`, `storages["media"]`."""
    last = receiver[-1] if receiver else ""
    if last == "[]" and len(receiver) >= 2:
        last = receiver[-2]
    return storage_name(last)
