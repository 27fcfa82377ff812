"""Which functions change the application's state: the writes a request handler makes,
itself or through the project's functions it calls.

Read from the taint IR every module already has (`analysis.taint`): the project index
resolves a call to the project function it names (through imports and re-exports, a
module-level object's class, `self.method()` through the class's bases, an attribute
`self.repo` made from a project class, a model's custom manager, `Entry.objects.store()`,
and the receivers of a Django signal sent, `posted.send(...)`), which is judged in turn, callees first; other
calls are judged by their names (`calls.classify`). Writes under a test of the request's
method or of submitted data are marked `gated`: a GET request does not make them.

Unknown is not "no": a call of a project function that cannot be found, or of a method of
an object of unknown class named for a change (`obj.approve()`), is a write that is not
`clear`, so that rules dropping handlers that write nothing keep those.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir, kept_index, lowered_modules
from webwarden.analysis.taint.index import Located, ProjectIndex, expr_calls
from webwarden.analysis.taint.lookup_test import ANY_ROW
from webwarden.analysis.taint.render import callee_text
from webwarden.analysis.taint.specs import DJANGO_ORM_CLASSES, OBJECT_OR_404, REQUEST_OBJECTS
from webwarden.analysis.writes.account_checks import barred_when_true, session_users
from webwarden.analysis.writes.audit_logs import logs_through_manager, records_audit_entry
from webwarden.analysis.writes.calls import (
    GET_OR_CREATE,
    MANAGER_WRITES,
    NOTHING,
    ROW_WRITES,
    Locals,
    Write,
    classify,
    constant_text,
    may_write,
    names,
    requesting_user,
    runs_elsewhere,
    split,
    temporary_path,
    temporary_within,
    web_session,
    writes_file,
)
from webwarden.analysis.writes.counters import clock_read, counter_saves, normalising
from webwarden.analysis.writes.documents import (
    DOCUMENT_ROW_WRITES,
    MONGO_PACKAGES,
    is_document,
    mongo_globals,
    mongo_locals,
    mongo_members,
    mongo_write,
)
from webwarden.analysis.writes.filled import filled_when_unset
from webwarden.analysis.writes.flag_arms import flag_arms, given_flag
from webwarden.analysis.writes.kept import Frame, Judged, KeptWrites
from webwarden.analysis.writes.library_views import inherited_logout
from webwarden.analysis.writes.own_querysets import queryset_methods
from webwarden.analysis.writes.queried import is_query_validation, query_bound
from webwarden.analysis.writes.read_handles import read_only_opens
from webwarden.analysis.writes.reattached import merges_cached, reattaching_merges
from webwarden.analysis.writes.rollback import rolling_back_decorator, rolls_back
from webwarden.analysis.writes.rows import (
    counted_class,
    is_model,
    loads,
    manager_model,
    queryset_class,
    row_class,
    sets_attribute,
    test_bindings,
    view_member_class,
    view_row_class,
)
from webwarden.analysis.writes.scratch import cleaned_up, other_path
from webwarden.analysis.writes.serializers import save_hooks
from webwarden.analysis.writes.signed_in import signed_in_method, user_classes
from webwarden.analysis.writes.signed_tokens import Tokens, checked_parameter, read_tokens
from webwarden.analysis.writes.taken_keys import Key, takes_read_key
from webwarden.analysis.writes.touched import gets_or_creates, touched_saves
from webwarden.model.django.signal_receivers import SIGNAL_RECEIVER_FACTS
from webwarden.model.names import last_part
from webwarden.model.signed_in_user import is_signed_in_user

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel

__all__ = ["StateChanges", "Write", "state_changes"]

_MAX_DEPTH = 12
"""Project calls followed from a handler; deeper ones may write."""
_MAX_WRITES = 8
_GATES = frozenset(
    {"method", "POST", "FILES", "form", "files", "data", "json", "get_json", "is_valid",
     "validate", "validate_on_submit", "is_submitted", "body", "stream"}
)  # fmt: skip
"""Names whose test tells a submission from a GET: `request.method`, `request.POST`,
`request.form`, `form.is_valid()`, `form.validate_on_submit()`, `request.get_json()`."""
_GETTER = re.compile(r"_*(get|load|fetch|find|lookup|search)(_|[A-Z]|$)")
"""Names of project functions that say they read (`get_or_create_token`, `lookup_series`)."""
_HANDLER_NAMES = frozenset({"post", "put", "patch", "delete", "dispatch", "form_valid"})
_CONTAINER_CALLS = frozenset(
    {"dict", "list", "set", "tuple", "copy", "deepcopy", "defaultdict", "OrderedDict",
     "Counter", "deque", "copy.copy", "copy.deepcopy", "collections.defaultdict",
     "collections.OrderedDict", "collections.Counter", "collections.deque", "QueryDict", "django.http.QueryDict", "MultiValueDict", "sorted", "dict.fromkeys"}
)  # fmt: skip


_THREADS = frozenset({"threading.Thread", "multiprocessing.Process"})
"""Classes that run their `target=` function in another thread or process once started."""
_SENDS = frozenset({"send", "send_robust"})
"""A Django signal's methods running its receivers."""
_MAILERS = frozenset({("flask_mail.Mail", "send")})
"""(class, method) of a mail extension's object that sends a message: Flask-Mail's
`mail.send(msg)` (its `send_message()` is judged by name)."""


def _alike(write: Write) -> tuple[str, bool, bool, bool, bool]:
    """What tells writes apart for keeping: a row of the requesting user's is kept apart
    from others, which a rule dropping the first must still see; so is one made only
    for some value of a flag, which a caller may drop."""
    return write.kind, write.clear, write.gated, write.own_account, bool(write.flags)


def _thread_target(call: ir.Call) -> str | None:
    """The function a thread or process made by this call runs (`Thread(target=work)`)."""
    if call.callee not in _THREADS:
        return None
    for keyword, value in call.keywords:
        if keyword == "target" and isinstance(value, ir.Global):
            return value.name
    return None


_QUEUEING = frozenset({"delay", "apply_async"})
"""Celery's methods of a task that queue a run of it (`send_receipt.delay(order_id)`)."""


def _queued_task(call: ir.Call) -> str | None:
    """The function a Celery task queued by this call is (`mark_paid.delay(order_id)`,
    `mark_paid.apply_async(args=[order_id])`): a worker runs it for this request."""
    if call.callee is None:
        return None
    task, _, method = call.callee.rpartition(".")
    return task if task and method in _QUEUEING else None


class StateChanges:
    """The writes of the project's functions, each judged once on first use."""

    def __init__(self, project: ProjectModel) -> None:
        self._lowered = lowered_modules(project)
        self.index = kept_index(project, self._lowered)
        self._bodies: dict[str, dict[str, ir.Function]] = {}
        self._made: dict[str, Judged] = {}
        self._frames: list[Frame] = []
        self._returned: dict[str, str | None] = {}
        self._by_name: dict[str, list[str]] | None = None
        self._project = project
        self._receivers: dict[str, tuple[str, ...]] | None = None
        self._users: tuple[str, ...] | None = None
        self._signal_pairs: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None = None
        tops = (project.modules[relpath].module.split(".")[0] for relpath in self._lowered)
        self._tops = frozenset(top for top in tops if top)
        self._kept = self._kept_writes(project)
        self._mongo: frozenset[str] | None = None
        self._mongo_modules: frozenset[str] = frozenset()
        self._mongo_locals: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def _kept_writes(self, project: ProjectModel) -> KeptWrites | None:
        """The judgements a process running many scans keeps (`kept`), what this scan's
        project may judge otherwise dropped; None when nothing is kept."""
        kept = project.taint_kept
        if kept is None:
            return None
        if not isinstance(kept.writes, KeptWrites):
            kept.writes = KeptWrites()
        bodies = {relpath: lowered.bodies.data for relpath, lowered in self._lowered.items()}
        kept.writes.refresh(self.index, self._receiver_facts(), bodies)
        return kept.writes

    def _receiver_facts(self) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
        """(relpath, the (signal, handler) pairs it connects) of each module connecting
        Django signals, in the project's order."""
        if self._signal_pairs is None:
            self._signal_pairs = tuple(
                (relpath, pairs)
                for relpath, summary in self._project.modules.items()
                if isinstance(pairs := summary.facts.get(SIGNAL_RECEIVER_FACTS), tuple) and pairs
            )
        return self._signal_pairs

    def function(self, qualname: str) -> Located | None:
        """The project function of that name (through re-exports), if any."""
        resolved = self.index.resolve(qualname)
        return self.index.functions.get(resolved) if resolved is not None else None

    def method(self, cls: str, name: str) -> Located | None:
        """The method a project class defines or inherits from a project base."""
        return self.index.method(cls, name)

    def writes(self, qualname: str) -> tuple[Write, ...]:
        """Every write the function makes, itself or through the project functions it calls
        (at most a few of each kind; clear ones first)."""
        located = self.function(qualname)
        if located is None:
            return ()
        return self._writes(located.function.qualname, 0, frozenset())

    def _writes(self, qualname: str, depth: int, active: frozenset[str]) -> tuple[Write, ...]:
        made = self._made.get(qualname) or self._reused(qualname, depth, active)
        if made is not None:
            if self._frames:
                self._frames[-1].use(qualname, made)
            return made.writes
        if qualname in active:
            if self._frames:
                self._frames[-1].settled = False
            return ()  # NOTE: recursion: the cycle's writes are found where it was entered
        frame = Frame()
        self._frames.append(frame)
        try:
            writes = self._judge(qualname, depth, active)
        finally:
            self._frames.pop()
        if writes is None:
            return self._unjudged(frame, qualname)
        judged = self._made[qualname] = frame.judged(writes)
        if judged.settled and self._kept is not None:
            self._kept.judged[qualname] = judged
        if self._frames:
            self._frames[-1].use(qualname, judged)
        return writes

    def _reused(self, qualname: str, depth: int, active: frozenset[str]) -> Judged | None:
        """The kept judgement of `qualname`, when it is what judging it now would make."""
        if self._kept is None or qualname in active:
            return None
        taken = self._kept.reusable(qualname, depth, active, self._made, _MAX_DEPTH)
        if taken is None:
            return None
        self._made.update(taken)
        return taken[qualname]

    def _judge(self, qualname: str, depth: int, active: frozenset[str]) -> tuple[Write, ...] | None:
        """The function's writes, judged now; None when it is not judged (not found, or
        too deep)."""
        located = self.index.functions.get(qualname)
        body = self._body(located) if located is not None else None
        if located is None or body is None:
            return None
        if self._rolled_back(body):
            return ()  # NOTE: a decorator runs it in a transaction it always undoes
        if depth > _MAX_DEPTH:
            return None
        found = list(self._scan(located, body, depth, active | {qualname}))
        found.sort(key=lambda w: (not w.clear, w.gated, bool(w.flags), bool(w.via)))
        kept: list[Write] = []
        for write in found:
            if sum(1 for k in kept if _alike(k) == _alike(write)) < 2:
                kept.append(write)
        return tuple(kept[:_MAX_WRITES])

    def _unjudged(self, frame: Frame, qualname: str) -> tuple[Write, ...]:
        """What a call of a function left unjudged makes: nothing when it is not found;
        a write that is not clear when it is too deep to follow (which the caller's
        judgement then depends on: it is not settled)."""
        located = self.index.functions.get(qualname)
        body = self._body(located) if located is not None else None
        found = located is not None and body is not None
        frame.settled = frame.settled and not found
        if self._frames:
            self._frames[-1].absorb(frame)
        if located is None or body is None:
            return ()
        return (Write("unknown", f"`{body.name}()`", located.relpath, body.pos[0], clear=False),)

    def _rolled_back(self, function: ir.Function) -> bool:
        """Whether a decorator of the project runs the function only inside a transaction
        it rolls back (`analysis.writes.rollback`)."""
        for name in function.decorators:
            located = self.function(name)
            decorator = self._body(located) if located is not None else None
            if decorator is not None and rolling_back_decorator(decorator, self._nested):
                return True
        return False

    def _nested(self, ref: str) -> ir.Function | None:
        located = self.index.functions.get(ref)
        return self._body(located) if located is not None else None

    def _body(self, located: Located) -> ir.Function | None:
        return self._bodies_of(located.relpath).get(located.function.qualname)

    def _bodies_of(self, relpath: str) -> dict[str, ir.Function]:
        if self._frames:
            self._frames[-1].modules.add(relpath)
        functions = self._bodies.get(relpath)
        if functions is None:
            lowered = self._lowered.get(relpath)
            functions = self._bodies[relpath] = lowered.functions() if lowered else {}
        return functions

    def _scan(
        self, located: Located, function: ir.Function, depth: int, active: frozenset[str]
    ) -> Iterator[Write]:
        facts = _prepass(
            function, self.index, lambda call: self._row_returned(function, call), self._body
        )
        removed = cleaned_up(function, lambda ref: self._bodies_of(located.relpath).get(ref))
        if removed:
            facts = replace(facts, made={**facts.made, **dict.fromkeys(removed, _SCRATCH)})
        for line in _session_stores(function.body):
            yield Write("session", "`session[...] = ...`", located.relpath, line, clear=False)
        getter = _returns_made(function.body)
        sent = _submitted_locals(function.body)
        posted = _posted_locals(function.body)
        missing = _made_when_missing(
            function.body, self.index, lambda call: self._row_returned(function, call)
        )
        missing |= touched_saves(_statements(function.body))
        missing |= _written_when_absent(function.body)
        missing |= filled_when_unset(function, _statements)
        missing |= counter_saves(_statements(function.body), self._reads_clock)
        enforced = _account_enforced(function.body)
        served: set[str] = set()
        taken: set[Key] = set()
        looped = _looped_params(function)
        reattached = reattaching_merges(_statements(function.body))
        made: list[tuple[ir.Call, bool, list[Write]]] = []
        queried = query_bound(
            _statements(function.body), lambda e: _reads_submission(e, set(), mixed=True)
        )
        submitted = _Submitted(sent, posted, queried, self._tokens(function, facts))
        for call, gated in _calls(function.body, submitted, gated=False):
            if getter and split(call)[1] == GET_OR_CREATE:
                continue
            if call.pos in reattached or merges_cached(call):
                continue  # NOTE: a detached object put back into the session: no write
            if _removes_served(call, served) or takes_read_key(call, taken):
                continue
            found = self._call(located, function, facts, call, depth, active)
            target = self._target(function, facts, call)
            passed = [self._passed(target, call, w, sent) for w in found]
            settled = (self._settled(target, call, w, function) for w in passed)
            made.append((call, gated, [w for w in settled if w is not None]))
        missing |= _dangling_removals(function.body, made)
        missing |= _made_when_not_found(function.body, made, self.index)
        repairs = _failed_removals(function.body, made)
        arms = flag_arms(function)
        for call, gated, writes in made:
            if call.pos in repairs:
                continue
            for write in writes:
                if call.pos in arms:
                    write = replace(write, flags=(*write.flags, *arms[call.pos]))
                if call.pos in missing or (call.pos in enforced and write.kind == "logout"):
                    write = replace(write, clear=False)
                if not write.gated and not write.per_item_of and call.pos in looped:
                    write = replace(write, per_item_of=looped[call.pos])
                yield replace(write, gated=True) if gated and not write.gated else write

    def _tokens(self, function: ir.Function, facts: Locals) -> Tokens:
        """The signed tokens the function is sent and checks (`signed_tokens.Tokens`),
        also through a project function handing back a token's payload or None."""

        def checked_by_helper(call: ir.Call) -> ir.Expr | None:
            target = self._target(function, facts, call)
            located = self.index.functions.get(target) if target is not None else None
            helper = self._body(located) if located is not None else None
            if helper is None:
                return None
            checked = checked_parameter(helper, self.index.instance_kind)
            bound = _binds_first(self.index, helper, call)
            return None if checked is None else _argument(helper, call, checked, bound)

        statements = list(_statements(function.body))
        return read_tokens(function, statements, self.index.instance_kind, checked_by_helper)

    def _passed(
        self, target: str | None, call: ir.Call, write: Write, sent: frozenset[str]
    ) -> Write:
        """A helper's write made per item of one of its parameters, as this call makes it:
        gated when the call passes submitted data there (`request.POST.getlist("id")`,
        empty on a GET), else made per item of the caller's own parameter it passes."""
        if not write.per_item_of:
            return write
        located = self.index.functions.get(target) if target is not None else None
        if located is None:
            return replace(write, per_item_of="")
        bound = _binds_first(self.index, located.function, call)
        given = _argument(located.function, call, write.per_item_of, bound)
        if given is not None and _reads_submission(given, set(sent)):
            return replace(write, gated=True, per_item_of="")
        return replace(write, per_item_of=given.name if isinstance(given, ir.Local) else "")

    def _settled(
        self, target: str | None, call: ir.Call, write: Write, caller: ir.Function
    ) -> Write | None:
        """A helper's write made only for some value of its flags, as this call makes it:
        none when the call gives a flag the other value (`run(url, dry=True)` for a save
        under `if not dry:`); needing the caller's own flag when the call hands that on
        (`run(url, dry=dry)`); else made, the flags it does not settle let go."""
        located = self.index.functions.get(target) if target is not None else None
        if not write.flags or located is None:
            return replace(write, flags=()) if write.flags else write
        callee = located.function
        bound = _binds_first(self.index, callee, call)
        spread = any(isinstance(a, ir.Star) for a in call.args) or any(
            key is None for key, _ in call.keywords
        )
        handed: list[tuple[str, bool]] = []
        for name, needed in write.flags:
            passed = _argument(callee, call, name, bound)
            given = given_flag(passed, spread, name in callee.on_flags)
            if given is not None and given != needed:
                return None
            if isinstance(passed, ir.Local) and (
                passed.name in caller.off_flags or passed.name in caller.on_flags
            ):
                handed.append((passed.name, needed))
        return replace(write, flags=tuple(handed))

    def _call(
        self,
        located: Located,
        function: ir.Function,
        facts: Locals,
        call: ir.Call,
        depth: int,
        active: frozenset[str],
    ) -> Iterator[Write]:
        target = self._target(function, facts, call)
        if target is not None and not self._saves_row(call, target):
            via = target.rpartition(".")[2]
            getter = _GETTER.match(via) is not None
            scratch = _handed_only_temporary(call, facts)
            for write in self._writes(target, depth + 1, active):
                if scratch and write.kind == "file":
                    continue  # NOTE: `_remove_dir(tmp_dir)`: the view's own scratch files
                if getter and write.clear:
                    # NOTE: a getter's writes are its bookkeeping: the row it makes when
                    # missing, the expired token it replaces, the lookup it caches
                    write = replace(write, clear=False)
                yield write if write.via else replace(write, via=via)
            handed_functions = self._handed_functions(function, call)
            signed = self._calls_signed(function, target, call) if handed_functions else set()
            for handed in handed_functions:
                # NOTE: `walk(path, callback)`: the project function handed the callback
                # calls it, with writes made as a call of it here would make them
                gated = handed in signed
                for write in self._writes(handed, depth + 1, active):
                    write = replace(write, gated=True) if gated and not write.gated else write
                    yield write if write.via else replace(write, via=last_part(handed))
            return
        started = _thread_target(call) or _queued_task(call)
        resolved = self.index.resolve(started) if started is not None else None
        if resolved is not None and resolved in self.index.functions:
            # NOTE: `Thread(target=_send_async_mail, args=[app, msg]).start()`: the thread
            # runs the project function as the request is answered, as a call would; so
            # does a Celery worker the task a view queues (`mark_paid.delay(order_id)`)
            via = resolved.rpartition(".")[2]
            for write in self._writes(resolved, depth + 1, active):
                yield write if write.via else replace(write, via=via)
            return
        for handler in self._receivers_of(call):
            # NOTE: `posted.send(sender=None, ...)`: Django runs the project's receivers of
            # the signal in the request, as calls; others may be connected where webwarden
            # cannot see, so the send stays a write it cannot follow too (below).
            for write in self._writes(handler, depth + 1, active):
                yield write if write.via else replace(write, via=last_part(handler))
        hooks = save_hooks(self.index, facts.classes, call)
        if hooks is not None:
            for qualname in hooks:
                for write in self._writes(qualname, depth + 1, active):
                    yield write if write.via else replace(write, via=last_part(qualname))
            return
        spelled = self.index.names(located.module)
        if self._library_sends(call):
            sent = f"`{callee_text(call, spelled)}()`"
            yield Write("mail", sent, located.relpath, call.pos[0], clear=True)
            return
        made = self.index.resolve(call.callee) if call.callee is not None else None
        if made in self.index.classes and any(map(runs_elsewhere, self.index.mro(made))):
            # NOTE: a project subclass of `subprocess.Popen` runs its command when made
            yield Write("elsewhere", f"`{made}()`", located.relpath, call.pos[0], clear=False)
            return
        document = self._document_write(function, call)
        if document is not None:
            if document:
                what = f"`{callee_text(call, spelled)}()`"
                yield Write("document", what, located.relpath, call.pos[0], clear=True)
            return
        if self._updates_document(function, facts, call):
            what = f"`{callee_text(call, spelled)}()`"
            yield Write("orm", what, located.relpath, call.pos[0], clear=True)
            return
        found = classify(call, located.relpath, facts, spelled)
        if found is not None and found.kind == "session" and _ends_session(function, call):
            what = f"`{callee_text(call, spelled)}()`"
            yield Write("logout", what, located.relpath, call.pos[0], clear=True)
            return
        if found is not None:
            if found.kind == "orm" and split(call)[1] in _ROW_MAKERS:
                found = replace(found, row_of=manager_model(call, self.index) or "")
            if found is not NOTHING:
                audited = records_audit_entry(call, facts, self.index) or logs_through_manager(
                    function, call, self.index
                )
                yield replace(found, clear=False) if audited else found
            return
        logout = inherited_logout(self.index, function.owner, call) if function.owner else None
        if logout is not None:
            what = f"the logout of `{last_part(logout)}.post()`"
            yield Write("logout", what, located.relpath, call.pos[0], clear=True)
            return
        receiver, method = split(call)
        # NOTE: a method of `self` the project defines, `_target` found; others are a library's.
        # One of an attribute of `self` whose class `_target` could not tell (set from a
        # parameter: `self.results.set_page(...)`) is any object's.
        own = receiver == ["self"] or receiver[:1] == ["super"]
        named = call.callee is None and receiver and not own and may_write(method)
        if named and self._library_instance(facts, receiver):
            named = False  # NOTE: `feed.add_item(...)` on `feed = Atom1Feed(...)`
        followed = self._project_methods(method) if named else []
        if followed:
            # NOTE: `event.create_single_ical()` on a row of a class webwarden cannot tell
            # (`Page.objects.get(pk=pk).specific`), named for a change: rather than its
            # name, what the project's methods of that name do
            for qualname in followed:
                for write in self._writes(qualname, depth + 1, active):
                    yield write if write.via else replace(write, via=method)
            return
        if self._unknown(function, facts, call, receiver, method):
            yield Write("unknown", f"`{method}()`", located.relpath, call.pos[0], clear=False)

    def _document_write(self, function: ir.Function, call: ir.Call) -> bool | None:
        """Whether a call writes through PyMongo (`documents.mongo_write`)."""
        if self._mongo is None:
            # NOTE: only the modules calling a PyMongo maker are read (`MongoClient()`);
            # a global taken from another module's is not followed.
            self._mongo_modules = frozenset(
                relpath
                for relpath, lowered in self._lowered.items()
                if any(name.startswith(MONGO_PACKAGES) for name in lowered.called)
            )
            modules = (
                (body.qualname.removesuffix(".<module>").removesuffix("<module>"), body)
                for relpath in sorted(self._mongo_modules)
                for body in self._bodies_of(relpath).values()
                if body.kind == "module"
            )
            self._mongo = mongo_globals(modules, self.index)
        if self._frames:
            # NOTE: a judgement kept between scans depends on the modules read here too
            self._frames[-1].modules.update(self._mongo_modules)
        held = self._mongo_locals.get(function.qualname)
        if held is None:
            local = mongo_locals(_statements(function.body), self._mongo, self.index)
            members: frozenset[str] = frozenset()
            if function.owner:
                init = self.method(function.owner, "__init__")
                body = self._body(init) if init is not None else None
                members = mongo_members(body, _statements, self._mongo, self.index)
            held = self._mongo_locals[function.qualname] = (local, members)
        return mongo_write(call, self._mongo, held[0], held[1], self.index)

    def _updates_document(self, function: ir.Function, facts: Locals, call: ir.Call) -> bool:
        """`note.update(set__title=t)`, `note.modify(...)` on a MongoEngine document a query
        loaded (`note = Note.objects.get(pk=pk)`), or `self.update(...)` in a method of one."""
        receiver, method = split(call)
        if method not in DOCUMENT_ROW_WRITES or call.callee is not None or len(receiver) != 1:
            return False
        cls = function.owner if receiver == ["self"] else facts.classes.get(receiver[0], "")
        return bool(cls) and is_document(self.index, cls)

    def _receivers_of(self, call: ir.Call) -> tuple[str, ...]:
        """The project's functions connected to the signal a call sends (`posted.send(...)`,
        `send_robust`), by `@receiver(posted)` or `posted.connect(handler)`."""
        if call.callee is None:
            return ()
        signal, _, method = call.callee.rpartition(".")
        if not signal or method not in _SENDS:
            return ()
        if self._receivers is None:
            found: dict[str, list[str]] = {}
            for _, pairs in self._receiver_facts():
                for sent, handler in pairs:
                    resolved = self.index.resolve(handler)
                    if resolved in self.index.functions:
                        found.setdefault(self.index.canonical(sent), []).append(resolved)
            self._receivers = {sent: tuple(handlers) for sent, handlers in found.items()}
        return self._receivers.get(self.index.canonical(signal), ())

    def _library_sends(self, call: ir.Call) -> bool:
        """`mail.send(msg)` on a module-level object of a mail extension's class
        (`mail = Mail(app)`, Flask-Mail's): the message is sent."""
        if call.callee is None:
            return False
        owner, _, method = call.callee.rpartition(".")
        return bool(owner) and (self.index.instance_kind(owner), method) in _MAILERS

    def _row_returned(self, function: ir.Function, call: ir.Call) -> str | None:
        """What the project helper a call runs returns when every value it returns is a row
        an ORM query loaded (`def get_package(self): return get_object_or_404(Package,
        slug=...)`): the row's model, "" when not known; None when it may return anything
        else (or the helper is not found)."""
        target = self._target(function, Locals(), call)
        if target is None:
            return None
        # NOTE: the body is asked for at each use, not only the first: asking records
        # its module among what the judgement in the making read (`kept`).
        located = self.index.functions[target]
        body = self._body(located)
        if target not in self._returned:
            self._returned[target] = _rows_returned(body, self.index) if body else None
        return self._returned[target]

    def _reads_clock(self, call: ir.Call) -> bool:
        """Whether the call runs a function of the project that only returns the time
        (`def time_utcnow(): return datetime.now(UTC)`): a reading of the clock."""
        resolved = self.index.resolve(call.callee) if call.callee is not None else None
        located = self.index.functions.get(resolved) if resolved is not None else None
        body = self._body(located) if located is not None else None
        if body is None:
            return False
        kept = [s for s in body.body if not (isinstance(s, ir.Eval) and _constant(s.value))]
        return (
            len(kept) == 1
            and isinstance(kept[0], ir.Return)
            and kept[0].value is not None
            and clock_read(kept[0].value)
        )

    def _calls_signed(self, function: ir.Function, target: str, call: ir.Call) -> set[str]:
        """The project functions the call hands `target` (`_handed_functions`) that it
        calls only for a token the server signed, past its check (`_handle_link(salt,
        callback=_confirm)`, which calls `callback(row_id)` once `verify_token(token)`
        handed back a payload)."""
        located = self.index.functions.get(target)
        helper = self._body(located) if located is not None else None
        if helper is None:
            return set()
        # NOTE: worked out at each call, not kept: the helpers it reads are recorded
        # among what the judgement in the making read (`kept`)
        held = self._params_called_signed(helper)
        bound = _binds_first(self.index, helper, call)
        given = (_argument(helper, call, name, bound) for name in held)
        defined = _defined(function)
        return {q for a in given if a is not None and (q := self._handed(defined, a))}

    def _params_called_signed(self, helper: ir.Function) -> frozenset[str]:
        """The parameters of a function it calls (`callback(row_id)`) and calls only past
        a check of a token the server signed."""
        tokens = self._tokens(helper, Locals())
        if not tokens.loads and not tokens.verified:
            return frozenset()
        params = {p.name for p in helper.params}
        body = helper.body
        submitted = _Submitted(_submitted_locals(body), _posted_locals(body), tokens=tokens)
        gated: dict[str, bool] = {}
        for call, signed in _calls(body, submitted, gated=False):
            if isinstance(call.func, ir.Local) and call.func.name in params:
                gated[call.func.name] = gated.get(call.func.name, True) and signed
        return frozenset(name for name, signed in gated.items() if signed)

    def _handed_functions(self, function: ir.Function, call: ir.Call) -> list[str]:
        """The project functions a call of another project function hands it as arguments:
        a function the caller defines inside itself (`def callback(item): ...`, then
        `walk(path, callback)`) or a module's (`walk(path, import_one)`), which the callee
        is given to call."""
        defined = _defined(function)
        found: list[str] = []
        for argument in (*call.args, *(value for _, value in call.keywords)):
            qualname = self._handed(defined, argument)
            if qualname and qualname not in found:
                found.append(qualname)
        return found

    def _handed(self, defined: dict[str, str], argument: ir.Expr) -> str | None:
        """The project function an argument names: one the caller defines (`defined`) or
        a module's."""
        qualname: str | None = None
        if isinstance(argument, ir.Local):
            qualname = defined.get(argument.name)
        elif isinstance(argument, ir.Global):
            qualname = self.index.resolve(argument.name)
        return qualname if qualname and qualname in self.index.functions else None

    def _saves_row(self, call: ir.Call, target: str) -> bool:
        """`note.save()` or `note.delete()` of a model overriding them: the call writes the
        row itself (the override calls Django's), whatever else the override does."""
        owner = self.index.functions[target].function.owner
        return split(call)[1] in ROW_WRITES and bool(owner) and is_model(self.index, owner)

    def _target(self, function: ir.Function, facts: Locals, call: ir.Call) -> str | None:
        """The project function a call runs, when the index can tell."""
        index = self.index
        if call.callee is not None:
            resolved = index.resolve(call.callee)
            if resolved in index.functions:
                return resolved
            if resolved in index.classes:
                return None  # NOTE: making an object writes nothing (`Note(...)` until save)
            owner, _, method = call.callee.rpartition(".")
            kind = index.instance_kind(owner) if owner else None
            made = kind[4:] if kind and kind.startswith("cls:") else index.resolve(owner)
            if made in index.classes:
                found = index.method(made, method)
                return found.function.qualname if found is not None else None
            return self._manager_method(owner, method) or self._signed_in_method(owner, method)
        if not isinstance(call.func, ir.Attr):
            return None
        method, value = call.func.attr, call.func.value
        cls: str | None = None
        if isinstance(value, ir.Local) and value.name == "self" and function.owner:
            cls = function.owner
        elif (
            isinstance(value, ir.Attr)
            and isinstance(value.value, ir.Local)
            and value.value.name == "self"
            and function.owner
        ):
            cls = index.member_class(function.owner, value.attr) or view_member_class(
                function.owner, value.attr, index
            )  # NOTE: `self.object = self.get_object()`, then `self.object.approve()`
        elif isinstance(value, ir.Local):
            cls = facts.classes.get(value.name)
        else:
            # NOTE: `Note.objects.get(pk=1).archive()`, `self.get_object().archive()`
            cls = row_class(value, index) or view_row_class(value, function.owner, index)
        if cls is None:
            return None
        found = index.method(cls, method)
        return found.function.qualname if found is not None else None

    def _signed_in_method(self, owner: str, method: str) -> str | None:
        """The project method `current_user.<method>()` runs (`signed_in.signed_in_method`),
        also on a project module's own name for the user (`from app import current_user`,
        bound there to Flask-Login's)."""
        if not is_signed_in_user(owner) and not is_signed_in_user(self.index.canonical(owner)):
            return None
        if self._users is None:
            self._users = user_classes(self.index)
        return signed_in_method(self.index, self._users, method)

    def _manager_method(self, owner: str, method: str) -> str | None:
        """The method of the project class a model keeps as a member that a call names
        (`Application.objects.create_from_submission(...)`, `objects = AppManager()`): a
        custom manager's own method. Not one of the manager's writes Django defines
        (`create`, `update`...), which an override hands on to with `super()`: those are
        judged by their names."""
        holder, _, attribute = owner.rpartition(".")
        cls = self.index.resolve(holder) if holder and method not in MANAGER_WRITES else None
        if cls is None or cls not in self.index.classes:
            return None
        member = self.index.member_class(cls, attribute) or self.index.manager_class(cls, attribute)
        found = self.index.method(member, method) if member is not None else None
        return found.function.qualname if found is not None else None

    def _unknown(
        self, function: ir.Function, facts: Locals, call: ir.Call, receiver: list[str], method: str
    ) -> bool:
        """Whether a call webwarden cannot follow may write: a project function not found,
        or a method named for a change on an object of unknown class."""
        if call.callee is not None:
            if call.callee.split(".")[0] not in self._tops:
                return False  # NOTE: a library's function: judged by `classify` alone
            return may_write(method)
        if not receiver or receiver[0] in facts.containers:
            return False
        if self._configures_library_object(facts, receiver, method):
            return False
        if receiver == ["self"] or (receiver[-1:] == ["()"] and receiver[:1] == ["super"]):
            return may_write(method) or method in _HANDLER_NAMES
        return may_write(method)

    def _configures_library_object(self, facts: Locals, receiver: list[str], method: str) -> bool:
        """`checker.set_reference(refs)` on `checker = getChecker(path)`: a setter of an
        object a library's function made in this function, not a row it loaded; what it
        configures is that object, and storing anything takes another call, judged itself."""
        if len(receiver) != 1 or receiver[0] in facts.loaded:
            return False
        maker = facts.made.get(receiver[0], "")
        if not maker or maker.split(".")[0] in self._tops:
            return False
        if _SETTER.match(method) is not None:
            return True
        # NOTE: `cal.add_component(event)` on `cal = Calendar()`: a library class's fresh
        # instance being filled in; a factory's (`boto3.client()`) may be a remote service
        return (
            _BUILDER.match(method) is not None and _CLASS_NAME.match(last_part(maker)) is not None
        )

    def _library_instance(self, facts: Locals, receiver: list[str]) -> bool:
        """Whether the receiver is a local holding an instance of a library's class that
        this function made (`feed = Atom1Feed(...)`, not a row it loaded): its methods are
        the library's, never a project method of the same name."""
        if len(receiver) != 1 or receiver[0] in facts.loaded or receiver[0] in facts.classes:
            return False
        maker = facts.made.get(receiver[0], "")
        return (
            bool(maker)
            and maker.split(".")[0] not in self._tops
            and _CLASS_NAME.match(last_part(maker)) is not None
        )

    def _project_methods(self, method: str) -> list[str]:
        """The project's methods of that compound name (`create_single_ical`), if any."""
        if self._by_name is None:
            by_name: dict[str, list[str]] = {}
            for qualname, located in self.index.functions.items():
                if located.function.owner:
                    by_name.setdefault(located.function.name, []).append(qualname)
            self._by_name = by_name
        return self._by_name.get(method, []) if _COMPOUND.match(method) else []


_SETTER = re.compile(r"^_*set(?:_|[A-Z])")
"""A setter's name (`set_reference`, `setDefaults`), not `settle()` or `set()`."""
_BUILDER = re.compile(r"^_*(?:add|append|attach|insert)(?:_|[A-Z])")
"""A builder's name (`add_component`, `attachFile`), not a bare `add()` (`tar.add(path)`)."""
_CLASS_NAME = re.compile(r"^_*[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$")
"""A class's CapWords name (`Calendar`, `MIMEMultipart`), not a constant's (`CLIENT`)."""
_COMPOUND = re.compile(r"^_*[a-z][a-z0-9]*_[a-z0-9_]+$")
"""A method name of several words (`create_single_ical`): a project's own, not a bare verb
(`save`) that a library's object of the same unknown class may have."""


def _constant(value: ir.Expr) -> bool:
    """A docstring's value."""
    return isinstance(value, ir.Const)


def _rows_returned(function: ir.Function, index: ProjectIndex) -> str | None:
    """The model of the row every `return` of the function gives, loaded by an ORM query
    there ("" when not known), or None when some return may give anything else."""
    facts = _prepass(function, index)
    models: set[str | None] = set()
    for statement in _statements(function.body):
        if not isinstance(statement, ir.Return):
            continue
        value = statement.value
        if value is None or not loads(value, set(facts.loaded)):
            return None
        local = value.name if isinstance(value, ir.Local) else ""
        models.add(facts.classes.get(local) if local else _row_of(function, value, index))
    if not models:
        return None
    model = models.pop() if len(models) == 1 else None
    return model or ""


def _row_of(function: ir.Function, value: ir.Expr, index: ProjectIndex) -> str | None:
    """`row_class`, or, in a classmethod of a model, the model itself for a lookup through
    `cls`: Flask-SQLAlchemy's `return cls.query.get((post.id, user.id))`, Django's `return
    cls.objects.get(user=user)`."""
    found = row_class(value, index)
    if found is not None or not isinstance(value, ir.Call):
        return found
    receiver, method = split(value)
    owner = function.owner
    if receiver[:1] != ["cls"] or method not in _LOOKUPS or owner not in index.classes:
        return None
    if receiver[1:2] == ["query"] or (receiver[1:2] == ["objects"] and is_model(index, owner)):
        return owner  # NOTE: the model's own manager or query, through the class itself
    return None


def _prepass(
    function: ir.Function,
    index: ProjectIndex,
    row_returned: Callable[[ir.Call], str | None] = lambda _: None,
    body: Callable[[Located], ir.Function | None] = lambda _: None,
) -> Locals:
    """What the function's locals hold; `row_returned` tells the row a call of a project
    helper returns (see `StateChanges._row_returned`), `body` a project function's
    lowered body."""
    constants: dict[str, str] = {}
    containers: set[str] = set()
    classes: dict[str, str] = {}
    made: dict[str, str] = {}
    loaded: set[str] = set()
    changes_rows = False
    class_names = _class_parameter(function)
    bound: Counter[str] = Counter()
    account: set[str] = set()
    for statement in _with_test_bindings(_statements(function.body)):
        if isinstance(statement, ir.Loop) and statement.target is not None:
            bound.update(_bound_names(statement.target))
        if isinstance(statement, ir.With):
            bound.update(n for _, t in statement.items if t is not None for n in _bound_names(t))
        if isinstance(statement, ir.Loop) and isinstance(statement.target, ir.TName):
            if loads(statement.iterable, loaded):
                loaded.add(statement.target.name)
            if _matches(statement.iterable):
                containers.add(statement.target.name)
        if isinstance(statement, ir.With):
            made.update(_temporary_contexts(statement))
        if not isinstance(statement, ir.Assign):
            continue
        value = statement.value
        returned = row_returned(value) if isinstance(value, ir.Call) else None
        if returned is not None or loads(value, loaded):
            loaded.update(t.name for t in statement.targets if isinstance(t, ir.TName))
        changes_rows = changes_rows or (
            any(sets_attribute(t, loaded) for t in statement.targets) and not normalising(statement)
        )
        for target in statement.targets:
            if isinstance(target, ir.TSeq) and isinstance(value, ir.Call) and value.callee:
                # NOTE: `handle, path = tempfile.mkstemp()`: each part is what the call made
                made.update((t.name, value.callee) for t in target.elts if isinstance(t, ir.TName))
            bound.update(_bound_names(target))
            if not isinstance(target, ir.TName):
                continue
            name = target.name
            if requesting_user(names(value)) and "()" not in names(value):
                account.add(name)
            text = constant_text(value, {})
            if text is not None:
                constants[name] = text
            if _scratch_path(value):
                made[name] = _SCRATCH
            if _container(value) or _matches(value):
                containers.add(name)
            # NOTE: `archive.extract(member, path=tmp_dir)` on a local archive
            if isinstance(value, ir.Call) and value.callee is None:
                made.update({name: w} if (w := temporary_within(value, made)) else {})
            if isinstance(value, ir.Call) and value.callee is not None:
                made[name] = temporary_within(value, made) or value.callee
                resolved = index.resolve(value.callee)
                if resolved in index.classes:
                    classes[name] = resolved
            elif (
                isinstance(value, ir.Call)
                and isinstance(value.func, ir.Local)
                and value.func.name in class_names
            ):
                classes[name] = class_names[value.func.name]  # NOTE: `entry = cls(...)`
            row = (
                row_class(value, index) or returned or view_row_class(value, function.owner, index)
            )
            if row:
                classes[name] = row
    model = bool(function.owner) and is_model(index, function.owner)
    query = bool(function.owner) and index.inherits(function.owner, DJANGO_ORM_CLASSES)
    return Locals(
        constants,
        frozenset(containers),
        classes,
        made,
        frozenset(loaded),
        changes_rows,
        model,
        query,
        class_names,
        read_only_opens(function.body),
        frozenset(name for name in account if bound[name] == 1),
        queryset_methods(function, index, body),
    )


def _bound_names(target: ir.Target) -> Iterator[str]:
    """The locals an assignment's target binds (`a`, each of `a, b`)."""
    if isinstance(target, ir.TName):
        yield target.name
    elif isinstance(target, ir.TSeq):
        for element in target.elts:
            yield from _bound_names(element)


def _class_parameter(function: ir.Function) -> dict[str, str]:
    """A class method's first parameter (`cls`), naming the class it is defined in."""
    if function.kind != "classmethod" or not function.owner or not function.params:
        return {}
    return {function.params[0].name: function.owner}


_SCRATCH = "tempfile.gettempdir"
"""What a path in the system's temporary folder is taken to be made by (`temporary_path`
tells such paths by their `tempfile.` maker)."""
_TEMPORARY_FOLDERS = ("/tmp/", "/var/tmp/")  # noqa: S108 - names recognised, not used


def _scratch_path(value: ir.Expr) -> bool:
    """`folder = "/tmp/{0}/".format(uuid4())`, `f"/tmp/export-{token}.zip"`: a path in the
    system's temporary folder named afresh for the request (a part of it not constant),
    the function's own scratch space as what `tempfile.mkdtemp()` makes is; files there
    are no state of the application."""
    match value:
        case ir.Fmt(prefix=prefix, parts=parts):
            return prefix.startswith(_TEMPORARY_FOLDERS) and any(
                not isinstance(part, ir.Const) for part in parts
            )
        case ir.Call(func=ir.Attr(value=ir.Const(value=str() as template), attr="format")):
            return template.startswith(_TEMPORARY_FOLDERS) and bool(value.args or value.keywords)
    return False


def _with_test_bindings(statements: Iterator[ir.Stmt]) -> Iterator[ir.Stmt]:
    """Each statement, after the assignments its test makes with `:=`."""
    for statement in statements:
        yield from test_bindings(statement)
        yield statement


def _temporary_contexts(statement: ir.With) -> dict[str, str]:
    """`with tempfile.NamedTemporaryFile(delete=False) as tmp:`: the names bound to what a
    `tempfile` call made (its `.name` the view's own scratch file, after the block too)."""
    return {
        target.name: callee
        for value, target in statement.items
        if isinstance(target, ir.TName)
        and isinstance(value, ir.Call)
        and (callee := value.callee or "").startswith("tempfile.")
    }


def _handed_only_temporary(call: ir.Call, facts: Locals) -> bool:
    """`_remove_dir(tmp_dir)` with `tmp_dir = tempfile.mkdtemp()`, `export_rows(report_id,
    tmp_dir)`: the call is handed a temporary path the function made and no other path
    (only ids and objects besides), so the files the helper writes or removes are the
    function's own scratch files."""
    given = [*call.args, *(value for _, value in call.keywords)]
    scratch = [temporary_path(e, facts.made) for e in given]
    return any(scratch) and not any(
        other_path(e, facts.made, facts.constants)
        for e, temporary in zip(given, scratch, strict=True)
        if not temporary
    )


def _returns_made(block: ir.Block) -> bool:
    """Whether the function returns what a `get_or_create()` got: a getter that makes the
    row it gets when missing (a default profile), which a second call leaves as it is."""
    made: set[str] = set()
    for statement in _statements(block):
        match statement:
            case ir.Assign(targets=targets, value=value) if gets_or_creates(value):
                for target in targets:
                    elements = target.elts if isinstance(target, ir.TSeq) else (target,)
                    made.update(t.name for t in elements if isinstance(t, ir.TName))
            case ir.Return(value=value) if value is not None:
                if gets_or_creates(value) or (isinstance(value, ir.Local) and value.name in made):
                    return True
    return False


_LOOKUPS = frozenset({"first", "last", "get", "earliest", "latest"})


def _made_when_missing(
    block: ir.Block,
    index: ProjectIndex,
    row_returned: Callable[[ir.Call], str | None] = lambda _: None,
) -> frozenset[ir.Pos]:
    """Where a row is made only when a lookup found none: `row =
    M.objects.filter(...).first()`, then `if not row:` (or `if row is None:`) `row =
    M.objects.create(...)`, or the lookup `M.objects.get(...)` in a `try` whose handler
    makes the row, `get_or_create()` written out (a default dashboard, a profile), also
    with returns (`try: return M.objects.get(...)`, `except M.DoesNotExist: return
    M.objects.create(...)`, each in any branch); or,
    with SQLAlchemy, `if M.query.filter_by(...).first() is None: db.session.add(M(...))`
    (a record that a user opened a page, made once), the lookup's row held in a local or
    not, also one a helper of the project looks up (`row = View.get(post, user)`, a
    model's classmethod returning `cls.query.get(...)`: `row_returned`). Either way a
    second request leaves it as it is."""
    looked_up: dict[str, str | None] = {}
    querysets: dict[str, str] = {}
    found: set[ir.Pos] = set()
    for statement in _statements(block):
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),), value=ir.Call() as value):
                if split(value)[1] in _LOOKUPS:
                    looked_up[name] = _row_model(value, index, row_returned) or None
                if (queried := queryset_class(value, index)) is not None:
                    querysets[name] = queried
                else:
                    querysets.pop(name, None)
            case ir.Assign(targets=(ir.TName(name=name),)):
                querysets.pop(name, None)  # NOTE: bound anew to what is no query
            case ir.If(
                test=test, body=body, orelse=orelse, then_guards=then, else_guards=otherwise
            ):
                for guards, arm in ((then, body), (otherwise, orelse)):
                    absent = {g.name for g in guards if g.how == "falsy"} & looked_up.keys()
                    found.update(_creates(arm, absent))
                models = _looked_up_models(test, looked_up, index)
                if models:
                    # NOTE: whichever arm makes a row of the model just looked up is the
                    # one where none was found (the test may be `is None` or `is not None`).
                    found.update(_adds_new(body, models, index))
                    found.update(_adds_new(orelse, models, index))
                if statement.missing_branch:
                    arm = body if statement.missing_branch == "then" else orelse
                    counted = statement.counted_test
                    found.update(_creates_counted(counted or test, arm, index))
                local, empty = statement.counted
                if local in querysets and empty:
                    # NOTE: `channels = Channel.objects.filter(...)`, then `if not
                    # channels.count():` making the model's row.
                    arm = body if empty == "then" else orelse
                    found.update(_adds_counted(arm, {querysets[local]}, index))
            case ir.Try(body=body, handlers=handlers, catches=catches):
                # NOTE: `try: row = M.objects.get(...)` then `except M.DoesNotExist: row =
                # M.objects.create(...)`: the handler makes the row the lookup missed.
                lookups = list(_lookups(body))
                tried = {local for local, _ in lookups if local is not None}
                returned = set(_returned_lookups(body))
                for _, handler in handlers:
                    found.update(_creates(handler, tried))
                    found.update(_returns_created(handler, returned))
                    if any(_assigns_get_or_create(s) for s in body):
                        found.update(_deletes(handler))
                for caught, (_, handler) in zip(catches, handlers, strict=False):
                    missing = _missing_models(caught, index)
                    if _ANY_MISSING.intersection(caught or ()):
                        # NOTE: resolving a helper's row (`row_returned`) lowers its body:
                        # done only for a handler that catches every model's miss.
                        missing |= {
                            model
                            for _, call in lookups
                            if (model := _row_model(call, index, row_returned))
                        }
                    found.update(_creates_of(handler, missing, index))
                    found.update(_adds_new(handler, missing, index))
    for test, rest in _fall_throughs(block):
        models = _looked_up_models(test, looked_up, index)
        if models:
            found.update(_adds_new(rest, models, index))
    return frozenset(found)


_EXISTENCE_CHECKS = frozenset({"os.path.exists", "os.path.isfile", "os.path.lexists"})
_OPENERS = frozenset({"open", "io.open", "codecs.open"})


def _written_when_absent(block: ir.Block) -> frozenset[ir.Pos]:
    """Where a file is opened only when its path does not exist yet (`if not
    os.path.exists(path):` then `open(path, "wb")`, or the `else` of `if
    os.path.exists(path):`): a cache the first request fills (a PDF rendered once),
    which a second request leaves as it is; also after `if os.path.exists(marker):
    return`, whatever follows running only while the file is missing (a staged copy's
    marker written once it is complete)."""
    found: set[ir.Pos] = set()
    for present, arm in _absent_arms(block):
        paths = {g.name for g in present if g.how == "call" and g.callee in _EXISTENCE_CHECKS}
        if paths:
            found.update(
                call.pos
                for call, _ in _calls(arm, _NOTHING_SENT, gated=False)
                if call.callee in _OPENERS
                and call.args
                and isinstance(call.args[0], ir.Local)
                and call.args[0].name in paths
            )
    return frozenset(found)


def _absent_arms(block: ir.Block) -> Iterator[tuple[tuple[ir.Guard, ...], ir.Block]]:
    """Each `if`'s arms with the guards that hold where the other arm runs (the `else`
    with the test's, the body with the `else`'s), and the statements after an `if`
    without `else` whose body leaves (`return`, `raise`), with the test's guards."""
    for position, statement in enumerate(block):
        if isinstance(statement, ir.If):
            yield statement.then_guards, statement.orelse
            yield statement.else_guards, statement.body
            match statement:
                case ir.If(body=(*_, ir.Return() | ir.Exit(kind="raise")), orelse=()):
                    yield statement.then_guards, block[position + 1 :]
        for inner in _inner_blocks(statement):
            yield from _absent_arms(inner)


def _account_enforced(block: ir.Block) -> frozenset[ir.Pos]:
    """Where a call runs only once a test found the logged-in user's account barred
    (`if user == current_user and not user.active: logout_user()`, the `else` of `if
    current_user.is_active:` or what follows it when it returns): a logout there ends
    the session of an account that may no longer sign in, which no request can bring
    about; a logout view's `if current_user.is_authenticated:` is no such test."""
    arms: list[ir.Block] = []
    bound = session_users(_statements(block))
    for statement in _statements(block):
        if isinstance(statement, ir.If):
            guards = statement.then_guards + statement.else_guards
            barred = barred_when_true(statement.test, guards, bound)
            if barred is not None:
                arms.append(statement.body if barred else statement.orelse)
    for test, rest in _fall_throughs(block):
        if barred_when_true(test, ()) is False:
            arms.append(rest)
    return frozenset(
        call.pos for arm in arms for call, _ in _calls(arm, _NOTHING_SENT, gated=False)
    )


_REMOVALS = ("delete()`", "remove()`", "unlink()`")
"""How the message of a write that removes a row or a file ends."""
_COMMITS = ("commit()`",)


def _dangling_removals(
    block: ir.Block, made: list[tuple[ir.Call, bool, list[Write]]]
) -> frozenset[ir.Pos]:
    """The calls of each arm where a lookup found no row (`book = ...first()`, then the
    `else` of `if book:`, or `if book is None:`) whose writes are only removals and
    commits: a row, or a file, kept for one that is gone (a download of a book deleted
    outside the app) dropped on the way. A second request finds nothing more to drop,
    and the request chooses nothing of what is dropped."""
    writes = {call.pos: found for call, _, found in made}
    found: set[ir.Pos] = set()
    for arm in _missing_arms(block):
        calls = [c.pos for c, _ in _calls(arm, _NOTHING_SENT, gated=False) if c.pos in writes]
        kinds = [w.what for pos in calls for w in writes[pos]]
        if any(w.endswith(_REMOVALS) for w in kinds) and all(
            w.endswith(_REMOVALS + _COMMITS) for w in kinds
        ):
            found.update(calls)
    return frozenset(found)


def _failed_removals(
    block: ir.Block, made: list[tuple[ir.Call, bool, list[Write]]]
) -> frozenset[ir.Pos]:
    """The calls of an exception handler whose writes are only removals (and commits), each
    of what the `try` body failed to handle: `try: get_thumbnail(game.icon, ...)` then
    `except AttributeError: game.icon.delete()`, `os.remove(path)` of a file the body
    could not read, `session.delete(row)` of a row it could not parse. Stored data found
    broken is dropped on the way: the request chooses nothing of what is removed (only
    what cannot be handled is), and a second request finds nothing more to drop."""
    writes = {call.pos: found for call, _, found in made}
    found: set[ir.Pos] = set()
    if not any(w.what.endswith(_REMOVALS) for ws in writes.values() for w in ws):
        return frozenset()
    for statement in _statements(block):
        if not isinstance(statement, ir.Try):
            continue
        handled = {
            e for c, _ in _calls(statement.body, _NOTHING_SENT, gated=False) for e in _given(c)
        }
        for _, handler in statement.handlers:
            calls = [c for c, _ in _calls(handler, _NOTHING_SENT, gated=False) if c.pos in writes]
            kinds = [w.what for c in calls for w in writes[c.pos]]
            removals = [c for c in calls if any(w.what.endswith(_REMOVALS) for w in writes[c.pos])]
            if (
                removals
                and all(w.endswith(_REMOVALS + _COMMITS) for w in kinds)
                and all(_removed(c) & handled for c in removals)
            ):
                found.update(c.pos for c in calls)
    return frozenset(found)


def _given(call: ir.Call) -> Iterator[ir.Expr]:
    """What a call is handed: its arguments and the object whose method it is."""
    yield from call.args
    yield from (value for _, value in call.keywords)
    if isinstance(call.func, ir.Attr):
        yield call.func.value


def _removed(call: ir.Call) -> set[ir.Expr]:
    """What a removal removes: its arguments (`os.remove(path)`, `session.delete(row)`),
    or the object whose method it is (`row.delete()`, `game.icon.delete()`)."""
    if call.args:
        return set(call.args)
    return {call.func.value} if isinstance(call.func, ir.Attr) else set()


_ROW_MAKERS = frozenset({"create", "update_or_create"})
"""A manager's methods making a row (`update_or_create()` too: where none is found)."""


def _made_when_not_found(
    block: ir.Block, made: list[tuple[ir.Call, bool, list[Write]]], index: ProjectIndex
) -> frozenset[ir.Pos]:
    """The calls that run only once a lookup found no row of a model (after `row =
    M.objects.filter(...).first()` then `if row: return ...`, or in the arm of `if not
    row:`) and whose writes all make a row of that model through its manager, themselves
    or in a helper of the project (`M.objects.update_or_create(...)` in
    `generate_summary(keyword)`): a value worked out the first time it is asked for and
    kept, which a second request finds and returns, making nothing."""
    writes = {call.pos: found for call, _, found in made}
    looked_up: dict[str, str | None] = {}
    arms: list[tuple[set[str], ir.Block]] = []
    for statement in _statements(block):
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),), value=ir.Call() as value):
                if split(value)[1] in _LOOKUPS:
                    looked_up[name] = row_class(value, index)
            case ir.If(body=body, orelse=orelse, then_guards=then, else_guards=otherwise):
                for guards, arm in ((then, body), (otherwise, orelse)):
                    absent = {g.name for g in guards if g.how == "falsy"}
                    models = {m for n in absent if (m := looked_up.get(n)) is not None}
                    if models:
                        arms.append((models, arm))
    for guards, rest in _guarded_fall_throughs(block):
        absent = {g.name for g in guards if g.how == "falsy"}
        models = {m for n in absent if (m := looked_up.get(n)) is not None}
        if models:
            arms.append((models, rest))
    found: set[ir.Pos] = set()
    for models, arm in arms:
        for call, _ in _calls(arm, _NOTHING_SENT, gated=False):
            kept = writes.get(call.pos)
            if kept and all(w.kind == "orm" and w.row_of in models for w in kept):
                found.add(call.pos)
    return frozenset(found)


def _guarded_fall_throughs(block: ir.Block) -> Iterator[tuple[tuple[ir.Guard, ...], ir.Block]]:
    """As `_fall_throughs`, with the guards its test's failing establishes (`if row:
    return row`: `row` is falsy in what follows)."""
    for position, statement in enumerate(block):
        match statement:
            case ir.If(body=(*_, ir.Return() | ir.Exit(kind="raise")), orelse=()):
                yield statement.else_guards, block[position + 1 :]
        for inner in _inner_blocks(statement):
            yield from _guarded_fall_throughs(inner)


def _missing_arms(block: ir.Block) -> Iterator[ir.Block]:
    """The arms of `if` statements taken when a row a lookup returned is missing, tested
    in a local (`if not book:`) or as the lookup itself (`if not M.query...first():`)."""
    looked_up: set[str] = set()
    for statement in _statements(block):
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),), value=ir.Call() as value):
                if split(value)[1] in _LOOKUPS:
                    looked_up.add(name)
            case ir.If(
                body=body,
                orelse=orelse,
                then_guards=then,
                else_guards=otherwise,
                missing_branch=missing,
            ):
                for guards, arm, name in ((then, body, "then"), (otherwise, orelse, "else")):
                    if missing == name or any(
                        g.how == "falsy" and g.name in looked_up for g in guards
                    ):
                        yield arm


def _fall_throughs(block: ir.Block) -> Iterator[tuple[ir.Expr, ir.Block]]:
    """Each `if` without `else` whose body leaves (`return`, `raise`), with the statements
    after it, which run only when its test fails: `if row := M.objects.filter(...).first():
    return row`, then the code that makes the row."""
    for position, statement in enumerate(block):
        match statement:
            case ir.If(test=test, body=(*_, ir.Return() | ir.Exit(kind="raise")), orelse=()):
                yield test, block[position + 1 :]
        for inner in _inner_blocks(statement):
            yield from _fall_throughs(inner)


def _inner_blocks(statement: ir.Stmt) -> Iterator[ir.Block]:
    """The blocks nested in a statement, in the order they are written."""
    match statement:
        case ir.If(body=body, orelse=orelse) | ir.Loop(body=body, orelse=orelse):
            yield from (body, orelse)
        case ir.Try(body=body, handlers=handlers, orelse=orelse, final=final):
            yield from (body, *(handler for _, handler in handlers), orelse, final)
        case ir.With(body=body):
            yield body


def _looked_up_models(
    test: ir.Expr, looked_up: dict[str, str | None], index: ProjectIndex
) -> set[str]:
    """The project models whose one row a branch test looks up, itself
    (`M.query.filter_by(...).first() is None`) or through a local holding it."""
    models = {row_class(call, index) for call in expr_calls(test)}
    stack = [test]
    while stack:
        match stack.pop():
            case ir.Local(name=name) if name in looked_up:
                models.add(looked_up[name])
            case ir.Clean(parts=parts) | ir.Union(values=parts):
                stack.extend(parts)
            case ir.Attr(value=value):
                stack.append(value)
    return {m for m in models if m is not None}


def _adds_new(block: ir.Block, models: set[str], index: ProjectIndex) -> Iterator[ir.Pos]:
    """Where the block adds to a SQLAlchemy session a new object of one of `models`
    (`track = Tracking(...)`, `db.session.add(track)`), or saves a new Django row of one
    (`thumb = Thumbnail(...)`, `thumb.save()`, `thumb.image.save(name, file)`); and, when
    it adds one, where it commits the session (the commit writes that row)."""
    added = list(_added_new(block, models, index))
    yield from added
    if added:
        for call, _ in _calls(block, _NOTHING_SENT, gated=False):
            receiver, method = split(call)
            if method == "commit" and receiver[-1:] and receiver[-1].endswith("session"):
                yield call.pos


def _added_new(block: ir.Block, models: set[str], index: ProjectIndex) -> Iterator[ir.Pos]:
    """The adds and saves of `_adds_new`."""
    made: set[str] = set()
    for statement in _statements(block):
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),), value=ir.Call(callee=str() as callee)):
                if index.resolve(callee) in models:
                    made.add(name)
            case ir.Eval(value=ir.Call() as call) if split(call)[1] == "save":
                if split(call)[0][:1] and split(call)[0][0] in made:
                    yield call.pos
            case ir.Eval(value=ir.Call(args=(added, *_)) as call) if split(call)[1] == "add":
                new = isinstance(added, ir.Local) and added.name in made
                if new or (
                    isinstance(added, ir.Call)
                    and added.callee is not None
                    and index.resolve(added.callee) in models
                ):
                    yield call.pos


def _missing_models(caught: tuple[str, ...] | None, index: ProjectIndex) -> set[str]:
    """The project models whose `DoesNotExist` a handler catches (`except
    Profile.DoesNotExist:`): Django raises it only when a lookup of that model found no
    row (`M.objects.get(...)`, or a one-to-one relation read from the other side,
    `request.user.profile`). Each by the class it names, through the package that
    re-exports it (`from .base import *` in `models/__init__.py`), as the calls making
    its rows name it."""
    models: set[str] = set()
    for name in caught or ():
        model, _, exception = name.rpartition(".")
        if exception == "DoesNotExist" and is_model(index, model):
            models.add(index.resolve(model) or model)
    return models


_ANY_MISSING = frozenset(
    {"django.core.exceptions.ObjectDoesNotExist", "django.db.models.ObjectDoesNotExist"}
)
"""The base of every model's `DoesNotExist`: a handler catching it catches the lookups of
its `try` that found no row."""


def _row_model(
    call: ir.Call, index: ProjectIndex, row_returned: Callable[[ir.Call], str | None]
) -> str | None:
    """The project model whose one row the call looks up (`M.objects.get(...)`), or that a
    project helper it runs returns (a model's classmethod `return
    cls.objects.get(user=user)`: `row_returned`)."""
    return row_class(call, index) or row_returned(call)


def _lookups(block: ir.Block) -> Iterator[tuple[str | None, ir.Call]]:
    """Each call the block's statements assign, return or evaluate: the local it assigns
    when the call is a lookup (`row = M.objects.get(...)`: `row`), and the call (whose
    row's model `_row_model` tells)."""
    for statement in block:
        if not (
            isinstance(statement, ir.Assign | ir.Eval | ir.Return)
            and isinstance(statement.value, ir.Call)
        ):
            continue
        value = statement.value
        local = None
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),)) if split(value)[1] in _LOOKUPS:
                local = name
        yield local, value


def _creates_of(block: ir.Block, models: set[str], index: ProjectIndex) -> Iterator[ir.Pos]:
    """Where the block makes a row of one of `models` through its manager
    (`Profile.objects.create(user=request.user)`, assigned, returned or not): in the handler
    of that model's `DoesNotExist`, the row the lookup missed, `get_or_create()` written
    out, which a second request finds and leaves as it is."""
    if not models:
        return
    for call, _ in _calls(block, _NOTHING_SENT, gated=False):
        if split(call)[1] == "create" and row_class(call, index) in models:
            yield call.pos


def _returned_lookups(block: ir.Block) -> Iterator[tuple[str, ...]]:
    """The managers whose one row the block returns, in any branch (`return
    M.objects.get(...)`: `("M", "objects")`), by the lookup raising when none is found."""
    for statement in _statements(block):
        match statement:
            case ir.Return(value=ir.Call() as value) if split(value)[1] == "get":
                yield tuple(split(value)[0])


def _returns_created(block: ir.Block, managers: set[tuple[str, ...]]) -> Iterator[ir.Pos]:
    """Where the block, in any branch, returns a row it makes through one of `managers`
    (`return M.objects.create(...)`): in the handler of a `try` returning that manager's
    lookup, `get_or_create()` written out with returns, made only when none was found."""
    for statement in _statements(block):
        match statement:
            case ir.Return(value=ir.Call() as value) if split(value)[1] == "create":
                if tuple(split(value)[0]) in managers:
                    yield value.pos


def _creates_counted(test: ir.Expr, arm: ir.Block, index: ProjectIndex) -> Iterator[ir.Pos]:
    """Where the arm taken when no row matched the test (`if Team.objects.count() == 0:`,
    `if not Team.objects.filter(...).exists():`) makes a row of that model
    (`Team.objects.create(...)`): the default row the first request makes, which a
    second request finds and leaves."""
    models = {m for call in expr_calls(test) if (m := counted_class(call, index)) is not None}
    yield from _adds_counted(arm, models, index)
    yield from _adds_library_counted(test, arm)


def _adds_counted(arm: ir.Block, models: set[str], index: ProjectIndex) -> Iterator[ir.Pos]:
    """Where the arm makes a row of one of `models` (`Team.objects.create(...)`), or rows
    (`Team.objects.bulk_create([...])`, the defaults a missing key stands for)."""
    if not models:
        return
    for statement in _statements(arm):
        if isinstance(statement, ir.Assign | ir.Eval | ir.Return) and statement.value is not None:
            for call in expr_calls(statement.value):
                if (split(call)[1] == "create" and row_class(call, index) in models) or (
                    split(call)[1] == "bulk_create" and manager_model(call, index) in models
                ):
                    yield call.pos


_LIBRARY_CREATIONS = frozenset({"create", "bulk_create", "create_user", "create_superuser"})
"""Manager methods making rows of a library's model (Django's `User.objects.create_user()`,
`create_superuser()`: `UserManager`'s own)."""


def _adds_library_counted(test: ir.Expr, arm: ir.Block) -> Iterator[ir.Pos]:
    """Where the arm makes a row of a library's model the test found none of (`if
    User.objects.filter(is_superuser=True).count() == 0:` then
    `User.objects.create_superuser(...)`: the first visit's administrator account),
    the model told by the name its manager is reached through (it is no project class)."""
    counted = {
        model
        for call in expr_calls(test)
        if split(call)[1] in ANY_ROW and (model := _objects_owner(split(call)[0]))
    }
    if not counted:
        return
    for statement in _statements(arm):
        if isinstance(statement, ir.Assign | ir.Eval | ir.Return) and statement.value is not None:
            for call in expr_calls(statement.value):
                receiver, method = split(call)
                if method in _LIBRARY_CREATIONS and _objects_owner(receiver) in counted:
                    yield call.pos


def _objects_owner(receiver: list[str]) -> str:
    """`django.contrib.auth.models.User` of `User.objects` (`.filter(...)`): the dotted
    name a manager named `objects` is read on, when that name is qualified (imported from
    a package); "" for another receiver."""
    dotted = receiver[: receiver.index("()")] if "()" in receiver else receiver
    if "objects" not in dotted:
        return ""
    owner = dotted[: dotted.index("objects")]
    return ".".join(owner) if len(owner) > 1 else ""


def _creates(block: ir.Block, names: set[str]) -> Iterator[ir.Pos]:
    """Where the block assigns one of `names` a `create()` (`row = M.objects.create()`)."""
    for statement in block:
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),), value=ir.Call() as made):
                if name in names and split(made)[1] == "create":
                    yield made.pos


def _assigns_get_or_create(statement: ir.Stmt) -> bool:
    return isinstance(statement, ir.Assign) and gets_or_creates(statement.value)


def _deletes(block: ir.Block) -> Iterator[ir.Pos]:
    """Where the handler of a failed `get_or_create()` deletes: it fails when it finds
    several rows (`MultipleObjectsReturned`, two racing first requests each made one),
    and the handler removes the duplicates; a second request finds one and removes
    nothing."""
    for statement in _statements(block):
        if isinstance(statement, ir.Assign | ir.Eval):
            yield from (c.pos for c in expr_calls(statement.value) if split(c)[1] == "delete")


def _session_stores(block: ir.Block) -> Iterator[int]:
    """Lines storing into the web session: `request.session["cart"] = ...`, `del
    session["user"]` (lowered as a `pop`, a call)."""
    for statement in _statements(block):
        if isinstance(statement, ir.Assign | ir.AugAssign):
            targets = statement.targets if isinstance(statement, ir.Assign) else (statement.target,)
            for target in targets:
                if isinstance(target, ir.TSub | ir.TAttr) and web_session(names(target.value)):
                    yield statement.pos[0]


_MATCHING = frozenset({"match", "search", "fullmatch", "finditer"})


def _matches(value: ir.Expr) -> bool:
    """A regular expression's matches (`re.search(...)`, `PATTERN.finditer(text)`):
    objects of their own, whose `start()` starts nothing. Only `finditer` tells a
    pattern's by its name alone (a search backend has a `search()` too)."""
    if not isinstance(value, ir.Call) or not isinstance(value.func, ir.Attr | ir.Global):
        return False
    module, _, name = (value.callee or "").rpartition(".")
    method = value.func.attr if isinstance(value.func, ir.Attr) else name
    return method == "finditer" or (module == "re" and name in _MATCHING)


def _container(value: ir.Expr) -> bool:
    match value:
        case ir.Seq() | ir.DictE() | ir.Comp():
            return True
        case ir.Call(callee=str() as callee) if callee in _CONTAINER_CALLS:
            return True
        case ir.Call(func=ir.Attr(attr="copy" | "dict" | "to_dict" | "fromkeys")):
            return True
    return False


_SENDS_FILE = frozenset({"flask.send_file", "flask.helpers.send_file"})
_REMOVES = frozenset({"os.remove", "os.unlink"})
_CREATES = frozenset({"open", "io.open", "zipfile.ZipFile", "tarfile.open"})
"""Calls making a file at the path given first when their mode (second, or `mode=`) writes."""


def _removes_served(call: ir.Call, served: set[str]) -> bool:
    """Whether `call` removes a file the view sent before (`return send_file(path)`, then
    `os.remove(path)` in a `finally:`): the response's own file, made for this request;
    or one the view made itself before (`with ZipFile(path, "w") as archive:`, later
    `os.remove(path)`): its own scratch file, which it leaves as it found it, the making
    being judged on its own. Records such locals in `served`."""
    first = names(call.args[0]) if call.args else []
    if len(first) != 1:
        return False
    if call.callee in _SENDS_FILE or (call.callee in _CREATES and writes_file(call)):
        served.add(first[0])
    return call.callee in _REMOVES and first[0] in served


def _statements(block: ir.Block) -> Iterator[ir.Stmt]:
    for statement in block:
        yield statement
        for inner in _inner_blocks(statement):
            yield from _statements(inner)


def _gate(
    test: ir.Expr, sent: frozenset[str] = frozenset(), queried: frozenset[str] = frozenset()
) -> bool:
    """Whether a branch test tells a submission from a GET: it reads the method, the
    submitted data, a form's validation, or a local holding submitted data (empty on a
    GET: `if not title: return`, `for t in Ticket.objects.filter(id__in=ids)`). Not the
    validation of a form bound to the query string (`queried`), which a GET passes."""
    stack = [test]
    while stack:
        expr = stack.pop()
        if is_query_validation(expr, queried):
            continue
        match expr:
            case ir.Attr(value=value, attr=attr):
                if attr in _GATES:
                    return True
                stack.append(value)
            case ir.Call(func=func, args=args, keywords=keywords):
                stack.append(func)
                stack.extend(args)
                stack.extend(v for _, v in keywords)
            case ir.Global(name=name):
                if name.rpartition(".")[2] in _GATES or _submitted_read(name):
                    return True
            case ir.Clean(parts=parts) | ir.Fmt(parts=parts):
                stack.extend(parts)
            case ir.Union(values=values) | ir.Seq(elts=values):
                stack.extend(values)
            case ir.Sub(value=value, index=index):
                stack += [value, index]
            case ir.Comp(elt=elt):
                # NOTE: `all(form.is_valid() for form in forms)`: each form's validation.
                stack.append(elt)
            case ir.Local(name=name):
                if name in {"is_post", "submitted"} or name in sent:
                    return True
    return False


_SUBMITTED = frozenset({"POST", "FILES", "form", "files", "json", "data", "body"})


def _submitted_read(name: str) -> bool:
    """`flask.request.form.get` (the callee of `request.form.get("confirm")`): a method
    of the submitted data of Flask's request, which a GET does not carry, as
    `request.form["confirm"]` reads it."""
    owner = next((o for o in REQUEST_OBJECTS if name.startswith(o + ".")), None)
    return owner is not None and any(
        part in _SUBMITTED for part in name[len(owner) + 1 :].split(".")[:-1]
    )


def _requires_submission(expr: ir.Expr) -> bool:
    """Whether an expression fails on a GET: it indexes submitted data
    (`request.POST["state"]`, `request.form["name"]`, `request.json["id"]`), which raises
    (Django's `MultiValueDictKeyError`, Flask's 400) when the request sent none; what
    follows it runs only for a submission."""
    stack = [expr]
    while stack:
        current = stack.pop()
        match current:
            case ir.Sub(value=ir.Attr(attr=attr) | ir.Global(name=attr) as value, index=index):
                if attr.rpartition(".")[2] in _SUBMITTED:
                    return True
                stack += [value, index]
            case ir.Call(func=func, args=args, keywords=keywords):
                stack.append(func)
                stack.extend(args)
                stack.extend(v for _, v in keywords)
            case ir.Attr(value=value) | ir.Sub(value=value) | ir.Star(value=value):
                stack.append(value)
            case ir.Fmt(parts=parts) | ir.Clean(parts=parts):
                stack.extend(parts)
            case ir.Seq(elts=elts) | ir.Union(values=elts, dispatch=True):
                # NOTE: a dispatch's lookup always runs, and so do the arguments its calls share
                stack.extend(elts)
            case ir.DictE(values=values):
                stack.extend(values)
    return False


def _submitted_locals(block: ir.Block) -> frozenset[str]:
    """Locals assigned from submitted data (`title = request.POST.get("title")`), or from
    other such locals: empty on a GET."""
    sent: set[str] = set()
    for statement in _statements(block):
        if isinstance(statement, ir.Assign) and _reads_submission(statement.value, sent):
            sent.update(t.name for t in statement.targets if isinstance(t, ir.TName))
    return frozenset(sent)


def _reads_submission(expr: ir.Expr, sent: set[str], *, mixed: bool = False) -> bool:
    """Whether an expression reads the submitted body (or a local in `sent`). A value
    that is the query string or the body (`request.args if ... else request.form`) is
    not, as a GET fills it; with `mixed` it is (a form bound to `request.POST or
    request.GET` is judged as one bound to the body, see `query_bound`)."""
    stack = [expr]
    while stack:
        current = stack.pop()
        match current:
            case ir.Local(name=name) if name in sent:
                return True
            case ir.Attr(value=value, attr=attr):
                if attr in _SUBMITTED or attr == "get_json":
                    return True
                stack.append(value)
            case ir.Global(name=name) if name.rpartition(".")[2] in _SUBMITTED:
                return True
            case ir.Call(func=func, args=args, keywords=keywords):
                stack.append(func)
                stack.extend(args)
                stack.extend(v for _, v in keywords)
            case ir.Sub(value=value) | ir.Star(value=value):
                stack.append(value)
            case ir.Union(values=values, dispatch=True):
                stack.extend(values)  # NOTE: the lookup, then the one call it picks
            case ir.Union(values=values, joined=joined) if not joined:
                # NOTE: `(request.args if request.method == "GET" else request.form)`,
                # `request.form.get("x") or request.args.get("x")`: one of them is the
                # query string, which a GET carries, so the value need not be empty there.
                if mixed or not any(map(_reads_query, values)):
                    stack.extend(values)
            case ir.Union(values=values) | ir.Seq(elts=values) | ir.Clean(parts=values):
                stack.extend(values)
    return False


_QUERY = frozenset({"GET", "args", "query_params"})
"""Where a request's query string is read: Django's `GET`, Flask's `args`, REST
framework's `query_params`."""


def _reads_query(expr: ir.Expr) -> bool:
    """Whether an expression reads the request's query string (`request.args`, Django's
    `request.GET`, `request.query_params`)."""
    stack = [expr]
    while stack:
        current = stack.pop()
        match current:
            case ir.Global(name=name):
                owner = next((o for o in REQUEST_OBJECTS if name.startswith(o + ".")), None)
                if owner is not None and _QUERY & set(name[len(owner) + 1 :].split(".")):
                    return True
            case ir.Attr(value=value, attr=attr):
                if attr in ("GET", "query_params"):
                    return True
                stack.append(value)
            case ir.Call(func=func):
                stack.append(func)
            case ir.Sub(value=value):
                stack.append(value)
    return False


_BODY_PARTS = frozenset({"POST", "FILES", "form", "files"})
"""Where a request's submitted body is read: empty on a GET."""
_ROW_SHORTCUTS = OBJECT_OR_404


@dataclass(frozen=True, slots=True)
class _Submitted:
    """The locals of a function that hold submitted data (`sent`), those holding one
    value of the body with no fallback (`posted`: None on a GET), and those bound to a
    form or serializer of the query string (`queried`: valid on a GET)."""

    sent: frozenset[str]
    posted: frozenset[str]
    queried: frozenset[str] = frozenset()
    tokens: Tokens = field(default_factory=Tokens)
    """The signed tokens the request carries and how the function checks them."""


_NOTHING_SENT = _Submitted(frozenset(), frozenset())


def _posted_locals(block: ir.Block) -> frozenset[str]:
    """Locals given one field of the submitted body and nothing else (`prefix =
    request.POST.get("prefix")`, Flask's `request.form.get("id")`): None on a GET, which
    sends no body. Not one with a fallback (`request.POST.get("id", request.GET.get("id"))`),
    which the query string may fill."""
    posted: set[str] = set()
    for statement in _statements(block):
        match statement:
            case ir.Assign(targets=(ir.TName(name=name),), value=value) if _body_field(value):
                posted.add(name)
    return frozenset(posted)


def _body_field(expr: ir.Expr) -> bool:
    match expr:
        case ir.Call(func=ir.Attr(value=part, attr="get"), args=(ir.Const(),), keywords=()):
            return names(part)[-1:] in ([p] for p in _BODY_PARTS)
    return False


def _finds_posted_row(expr: ir.Expr, posted: frozenset[str]) -> bool:
    """Whether an expression looks up one row by a field of the submitted body
    (`Key.objects.get(user=user, prefix=prefix)` with `prefix` posted,
    `get_object_or_404(Note, pk=request.POST.get("id"))`): on a GET the field is None,
    no row matches, and the lookup raises; also when a field of the row is read at once
    (`Group.objects.get(name=name).group_id`)."""
    while isinstance(expr, ir.Attr):
        expr = expr.value
    if not isinstance(expr, ir.Call):
        return False
    if expr.callee not in _ROW_SHORTCUTS and split(expr)[1] != "get":
        return False
    return any(
        (isinstance(value, ir.Local) and value.name in posted) or _body_field(value)
        for _, value in expr.keywords
    )


def _exits(block: ir.Block) -> bool:
    return bool(block) and isinstance(block[-1], ir.Return | ir.Exit)


def _exits_on_get(block: ir.Block) -> bool:
    """Whether a GET leaves in `block`: it ends by leaving, or in an `if` whose arms a GET
    may take all leave (`if request.method == "POST": ... elif request.method == "PUT":
    ... else: raise MethodNotAllowed()`: a GET takes the last `else`)."""
    if _exits(block):
        return True
    last = block[-1] if block else None
    if not isinstance(last, ir.If):
        return False
    if last.get_branch == "else":
        return _exits_on_get(last.orelse)
    return _exits_on_get(last.body) and _exits_on_get(last.orelse)


def _fails_forged(statement: ir.Stmt, submitted: _Submitted) -> bool:
    """Whether a statement fails on a GET (`_fails_on_get`) or unless the request carries
    a token the server signed (`serializer.loads(request.args["token"])`)."""
    return _fails_on_get(statement, submitted.posted) or submitted.tokens.loaded_by(statement)


def _fails_on_get(statement: ir.Stmt, posted: frozenset[str]) -> bool:
    match statement:
        case ir.Assign(value=value) | ir.AugAssign(value=value) | ir.Eval(value=value):
            return _requires_submission(value) or _finds_posted_row(value, posted)
        case ir.Return(value=value) if value is not None:
            return _requires_submission(value) or _finds_posted_row(value, posted)
    return False


def _calls(
    block: ir.Block, submitted: _Submitted, *, gated: bool
) -> Iterator[tuple[ir.Call, bool]]:
    """Every call of a block, with whether a submission test gates it. A test comparing
    the method says which arm a GET takes (`if request.method == "GET":`): the other is
    gated, and so is what follows when the GET's arm returns. Another branch that tests
    submitted data and returns gates what follows it too (`if not form.is_valid():
    return`): the IR does not keep which way such a test went. So does a refusal of a
    request whose parameter does not match a value kept in its session (an OAuth-like
    callback's `state`, `If.unmatched_exit`), wherever it stands. So does a statement that
    fails on a GET (indexing submitted data, looking a row up by a posted field), also
    as the body of a `try` whose handlers all leave. What follows a `return` or `raise`
    in the same block never runs and is left out."""
    sent = submitted.sent
    for statement in block:
        match statement:
            case ir.If(test=test, body=body, orelse=orelse, get_branch="then" | "else" as arm):
                yield from _expr_calls(test, gated)
                on_get, other = (body, orelse) if arm == "then" else (orelse, body)
                yield from _calls(on_get, submitted, gated=gated)
                yield from _calls(other, submitted, gated=True)
                if _exits_on_get(on_get):
                    gated = True
            case ir.If(test=test, body=body, orelse=orelse, unmatched_exit=True):
                yield from _expr_calls(test, gated)
                yield from _calls(body, submitted, gated=gated)
                yield from _calls(orelse, submitted, gated=True)
                gated = True  # NOTE: another site's link cannot know the session's value
            case ir.If(test=test, body=body, orelse=orelse):
                yield from _expr_calls(test, gated)
                here = gated or _gate(test, sent, submitted.queried)
                signed = submitted.tokens.signed_arm(statement)
                yield from _calls(body, submitted, gated=here or signed == "then")
                yield from _calls(orelse, submitted, gated=here or signed == "else")
                if here and (_exits(body) or _exits(orelse)):
                    gated = True
                elif signed and _exits(orelse if signed == "then" else body):
                    gated = True  # NOTE: past a refusal of a token the server did not sign
            case ir.Loop(iterable=iterable, body=body, orelse=orelse):
                yield from _expr_calls(iterable, gated)
                here = gated or _gate(iterable, sent, submitted.queried)
                yield from _calls(body, submitted, gated=here)
                yield from _calls(orelse, submitted, gated=here)
            case ir.Try(body=body, handlers=handlers, orelse=orelse, final=final):
                fails = any(_fails_forged(s, submitted) for s in body)
                yield from _calls(body, submitted, gated=gated)
                for _, handler in handlers:
                    yield from _calls(handler, submitted, gated=gated)
                yield from _calls(orelse, submitted, gated=gated or fails)
                yield from _calls(final, submitted, gated=gated)
                if fails and all(_exits(handler) for _, handler in handlers):
                    gated = True
            case ir.With(items=items, body=body):
                for context, _ in items:
                    yield from _expr_calls(context, gated)
                if not rolls_back(statement):
                    yield from _calls(body, submitted, gated=gated)
            case ir.Assign(value=value) | ir.AugAssign(value=value) | ir.Eval(value=value):
                gated = gated or _fails_forged(statement, submitted)
                yield from _expr_calls(value, gated)
            case ir.Return(value=value):
                if value is not None:
                    # NOTE: `return ACTIONS[request.POST["cmd"]](request)`: the lookup
                    # raises on a GET before the call
                    failing = _fails_forged(statement, submitted)
                    yield from _expr_calls(value, gated or failing)
                return  # NOTE: what follows never runs (a stub answering before old code)
            case ir.Exit():
                return


def _defined(function: ir.Function) -> dict[str, str]:
    """The functions a function defines inside itself, by name ("" for a name defined
    twice)."""
    defined: dict[str, str] = {}
    for statement in _statements(function.body):
        if isinstance(statement, ir.Define):
            defined[statement.name] = "" if statement.name in defined else statement.ref
    return defined


def _looped_params(function: ir.Function) -> dict[ir.Pos, str]:
    """The calls a function makes in a loop over the items of one of its parameters as
    given (`for workflow_id in workflows:`), by position, with that parameter."""
    params = {p.name for p in function.params if p.kind in {"pos", "kwonly"}}
    found: dict[ir.Pos, str] = {}
    for statement in _statements(function.body):
        if not isinstance(statement, ir.Loop) or statement.target is None:
            continue
        iterable = statement.iterable
        if isinstance(iterable, ir.Local) and iterable.name in params:
            for call, _ in _calls(statement.body, _NOTHING_SENT, gated=False):
                found.setdefault(call.pos, iterable.name)
    return found


def _binds_first(index: ProjectIndex, function: ir.Function, call: ir.Call) -> bool:
    """Whether Python binds the first parameter of the method `call` runs itself: a
    class method's, or a method's called on an object (not on its class, as
    `Workflow.apply(ids, case)` calls a method written without `self`)."""
    if function.kind == "classmethod":
        return True
    if function.kind != "method":
        return False
    if isinstance(call.func, ir.Global):
        return False  # NOTE: a dotted name through the class: `Workflow.apply`
    receiver = call.func.value if isinstance(call.func, ir.Attr) else None
    return not (isinstance(receiver, ir.Global) and index.resolve(receiver.name) in index.classes)


def _argument(function: ir.Function, call: ir.Call, param: str, bound: bool) -> ir.Expr | None:
    """What `call` passes as the parameter `param` of the project function it runs."""
    for keyword, value in call.keywords:
        if keyword == param:
            return value
    positional = [p.name for p in function.params if p.kind == "pos"][bound:]
    at = positional.index(param) if param in positional else -1
    return call.args[at] if 0 <= at < len(call.args) else None


def _expr_calls(expr: ir.Expr, gated: bool) -> Iterator[tuple[ir.Call, bool]]:
    for call in expr_calls(expr):
        yield call, gated


def state_changes(project: ProjectModel) -> StateChanges:
    """The project's `StateChanges`, made on first use and kept on the project."""
    if project.state_changes is None:
        project.state_changes = StateChanges(project)
    return project.state_changes


_LOGOUT = re.compile(
    r"(?<![a-z])log[-_]?(?:out|off)(?![a-z])|(?<![a-z])sign[-_]?out(?![a-z])|logout|signout",
    re.IGNORECASE,
)
"""A logout however spelled (`logout`, `log_out`, `SignOutView`, `logoff`); not a
`sign_off`, which approves."""
_SESSION_ENDS = frozenset({"clear", "flush"})
_LOGIN_KEY = re.compile(r"user|log(?:ged)?_?in|account|auth|token|member|uid|identity|customer")
"""A session key holding who is logged in (`user_id`, `_user_id`, `logged_in`,
`auth_token`), not one of a flow's own (a password reset's, the next page)."""


def _ends_session(function: ir.Function, call: ir.Call) -> bool:
    """Whether the call empties the web session or removes the login from it
    (`session.clear()`, Django's `request.session.flush()`, what `logout()` does,
    `session.pop("user_id")`, also a key an extension builds under its own prefix,
    `session.pop(cfg.prefix + "_logged_in")`) in a function or class named for a logout:
    the user is signed out as surely as by `logout_user()`."""
    method = split(call)[1]
    if method == "pop":
        key = _key_text(call.args[0]) if call.args else None
        if key is None or not _LOGIN_KEY.search(key.lower()):
            return False
    elif method not in _SESSION_ENDS:
        return False
    return bool(_LOGOUT.search(function.name) or _LOGOUT.search(last_part(function.owner)))


def _key_text(key: ir.Expr) -> str | None:
    """The constant text of a session key: a literal, or the literal parts of one built
    with `+`, `%` or an f-string around a prefix the code works out
    (`cfg.prefix + "_user_id"`, `f"{ns}_logged_in"`); None for a key with no such text."""
    if isinstance(key, ir.Const):
        return key.value if isinstance(key.value, str) else None
    if isinstance(key, ir.Fmt):
        texts = [_key_text(part) for part in key.parts]
        return " ".join(t for t in texts if t) or None
    return None
