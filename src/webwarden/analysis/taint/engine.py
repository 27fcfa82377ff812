"""The project step of the taint analysis: summarise each function request data may pass
through once (see `relevance`), callees first, and collect the flows from request data
to sinks.

Each function is interpreted once with its parameters as symbols; its summary says which
parameters (and attributes of them) reach which sinks, the return value and the
parameters it changes. A call instantiates the callee's summary with the caller's
arguments, so a flow through helpers in other modules is found where the request data
meets the parameter. Recursive groups are iterated until their summaries stop changing
(at most `MAX_ROUNDS` times); a callee not summarised yet is summarised on demand, up to
`MAX_DEMAND` levels deep, and otherwise treated as doing nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.entries import Entries
from webwarden.analysis.taint.factory_params import factory_params
from webwarden.analysis.taint.index import (
    CallSite,
    Located,
    ProjectIndex,
    callees,
    components,
)
from webwarden.analysis.taint.interpret import Interpreter
from webwarden.analysis.taint.kept_callers import KeptCallers, Lowering
from webwarden.analysis.taint.markdown import closure_renderers
from webwarden.analysis.taint.memo import ComponentRecord, Memo, Recorder, unpack_summary
from webwarden.analysis.taint.objects import ObjectModel, is_request, request_name, serialises
from webwarden.analysis.taint.recording import RecordingIndex
from webwarden.analysis.taint.relevance import Callers, closure, entered, leaks
from webwarden.analysis.taint.sinks import FEED
from webwarden.analysis.taint.sole_methods import STEPWISE
from webwarden.analysis.taint.specs import GUARDS, SANITISERS, named_check_kinds
from webwarden.analysis.taint.state import EMPTY_SUMMARY, Summary, symbol
from webwarden.analysis.taint.stored import SESSION_GLOBALS
from webwarden.analysis.taint.values import Label, Step, Trace, Value, stated_kinds
from webwarden.config.taint import TaintOptions
from webwarden.deep_stack import with_room

_SESSION_NAMES = tuple(SESSION_GLOBALS)
"""Flask's session and what is read of it (`flask.session.pop`): request data where
the project keeps some there (see `stored`)."""
logger = logging.getLogger(__name__)
_CLASS_HANDLERS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "dispatch_request"}
)
"""The methods of a routed view class whose return is the response (its helpers' is not)."""
MAX_ROUNDS = 3
MAX_DEMAND = 12


@dataclass(frozen=True, slots=True)
class Flow:
    """Request data reaching a sink: what the taint rules report."""

    rule: str
    relpath: str
    line: int
    column: int
    sink: str
    """How the sink call is written (`cursor.execute`)."""
    source: str
    """What was read (`request.args.get('q')`)."""
    steps: tuple[Step, ...]
    approx: bool
    safe_for: frozenset[str] = frozenset()
    """For a template feed: the sink kinds every label of the data fed was made safe for."""

    @property
    def source_step(self) -> Step:
        """Where the data was read."""
        return self.steps[0]


def _rank(flow: Flow) -> tuple[bool, int, str, int]:
    first = flow.source_step
    return (flow.approx, len(flow.steps), first.relpath, first.line)


class Engine(ObjectModel):
    """Summaries, flows and the hooks the interpreter calls."""

    def __init__(
        self,
        index: ProjectIndex,
        entries: Entries,
        options: TaintOptions,
        *,
        bodies: Callable[[str], Mapping[str, ir.Function]],
        sites: Callable[[str], Mapping[str, tuple[CallSite, ...]]],
        mentions: Callable[[str], Mapping[str, tuple[str, ...]]],
        file_keys: Mapping[str, str] | None = None,
        memo: Memo | None = None,
        context: tuple[str, Mapping[str, str]] = ("", {}),
        earlier: tuple[Mapping[str, list[str]], list[tuple[str, ...]]] | None = None,
        kept_callers: tuple[KeptCallers, Mapping[str, Lowering]] | None = None,
    ) -> None:
        """`bodies(relpath)`: the whole functions of a file (the index has outlines);
        `sites(relpath)`: the call sites of its functions; `mentions(relpath)`: the names
        its functions mention (see `relevance.references`).
        With `file_keys` (relpath -> cache key) the run is recorded for the next scan
        (`self.recorder.memo`), replaying what it can of `memo`, the previous record.
        `earlier`: the call graph and component order of an earlier run in this process
        (the order is taken as it is when the graph is the same). `kept_callers`: the
        callers index an earlier run in this process kept, and each file's lowered facts
        (see `kept_callers`)."""
        super().__init__(index, entries)
        self.project_index = index
        self._bodies = bodies
        self._sites = sites
        self._mentions = mentions
        self._named: dict[str, Mapping[str, tuple[str, ...]]] = {}
        self._whole: dict[str, Mapping[str, ir.Function]] = {}
        self.graph: dict[str, list[str]] = {}
        """The call graph: function -> the project functions it calls."""
        self.order: list[tuple[str, ...]] = []
        """Its strongly connected components, callees first."""
        self.roots: list[str] = []
        """The functions request data enters (see `relevance`)."""
        self.needed: set[str] = set()
        """The functions request data may pass through: the others are not summarised
        unless a call the interpreter reaches needs them."""
        self.leaking: set[str] = set()
        """The functions whose summary hands request data back to their callers."""
        self._earlier = earlier
        self._kept_callers = kept_callers
        if file_keys is not None:
            self.recorder = Recorder(index, file_keys, memo, context)
            self.index = RecordingIndex(index, self.recorder)
        self.options = options
        self.summaries: dict[str, Summary] = {}
        self._packed: dict[str, bytes] = {}
        """When recording: every summary written, pickled (how records keep them; a
        replayed summary stays pickled until a function analysed anew reads it)."""
        self._digests: dict[str, bytes] = {}
        """When recording: a digest of each summary in `_packed`."""
        self.flows: dict[tuple[str, str, int, int], Flow] = {}
        self._running: list[str] = []
        self.analysed = 0
        self.replayed = 0
        """Components replayed from the previous run's record."""
        self.interpreted = 0
        """Components interpreted."""
        self.flows_found: list[Flow] = []
        self.feeds: dict[tuple[str, ir.Pos, str], Flow] = {}
        """(file, render call, context name) -> the flow of request data into it."""

    # -- driving -------------------------------------------------------------------------

    def run(self) -> list[Flow]:
        """Summarise the functions request data may pass through (see `relevance`);
        return the flows found, in file order."""
        self.graph = self._call_graph()
        earlier = self._earlier
        if earlier is not None and earlier[0] == self.graph:
            self.order = earlier[1]
        else:
            self.order = [tuple(members) for members in components(self.graph)]
        self._summarise_needed()
        return sorted(self.flows.values(), key=lambda f: (f.relpath, f.line, f.column, f.rule))

    def _summarise_needed(self) -> None:
        """Summarise the roots and what they call, then the callers of every summary that
        leaks and what those call, until no new summary leaks (see `relevance`)."""
        self.needed = closure(self.roots, self.graph)
        pending = self.order
        followed: set[str] = set()
        callers: Callers | None = None
        while True:
            waiting = []
            for component in pending:
                if component[0] in self.needed:
                    self._run_component(component)
                else:
                    waiting.append(component)
            pending = waiting
            leaking = self.leaking - followed
            if not leaking:
                break
            followed |= leaking
            if callers is None:
                callers = self._callers()
            functions = self.project_index.functions
            added = set().union(*(callers.of(functions[q]) for q in leaking)) - self.needed
            self.needed |= closure(added, self.graph)

    def _run_component(self, component: tuple[str, ...]) -> None:
        recorder = self.recorder
        if recorder is None:
            self.interpreted += 1
            self._summarise(component)
            return
        record = recorder.replayable(component, self._digests, self._packed)
        if record is not None:
            self._replay(record)
            self.analysed += record.analysed
            self.replayed += 1
            return
        self.interpreted += 1
        recorder.begin()
        self._summarise(component)
        recorder.end(component)

    def _callers(self) -> Callers:
        files: dict[str, list[str]] = {}
        for qualname, located in self.project_index.functions.items():
            files.setdefault(located.relpath, []).append(qualname)
        kept = self._kept_callers
        if kept is not None and all(relpath in kept[1] for relpath in files):
            return kept[0].callers(self.project_index, self.graph, files, kept[1], self._names_of)
        named = ((relpath, self._names_of(relpath)) for relpath in sorted(files))
        return Callers(self.project_index, self.graph, named)

    def _summarise(self, component: tuple[str, ...]) -> None:
        functions = self.project_index.functions
        rounds = MAX_ROUNDS if len(component) > 1 or self._self_recursive(component[0]) else 1
        for _ in range(rounds):
            changed = False
            for qualname in component:
                before = self._summary(qualname)
                after = self._analyse(functions[qualname])
                changed |= before is None or before.signature() != after.signature()
            if not changed:
                break

    def _replay(self, record: ComponentRecord) -> None:
        digests = iter(record.digests)
        for kind, key, value in record.events:
            if kind == "summary":
                qualname = str(key)
                self._packed[qualname] = value  # type: ignore[assignment]
                self._digests[qualname] = next(digests)
                self.summaries.pop(qualname, None)
            elif kind == "leak":
                self.leaking.add(str(key))
            else:
                self._keep(key, value)  # type: ignore[arg-type]

    def _self_recursive(self, qualname: str) -> bool:
        return qualname in self.graph.get(qualname, ())

    def _call_graph(self) -> dict[str, list[str]]:
        by_file: dict[str, list[str]] = {}
        for qualname, located in self.project_index.functions.items():
            by_file.setdefault(located.relpath, []).append(qualname)
        graph: dict[str, list[str]] = {}
        self.roots = []
        for relpath, qualnames in by_file.items():
            known = self.recorder.callees(relpath, qualnames) if self.recorder else None
            edges, roots = known if known is not None else self._callees_of(relpath, qualnames)
            graph.update(edges)
            self.roots += roots
        return graph

    def _callees_of(
        self, relpath: str, qualnames: list[str]
    ) -> tuple[dict[str, list[str]], tuple[str, ...]]:
        sites = self._sites(relpath)
        functions = self.project_index.functions

        def edges() -> tuple[dict[str, list[str]], tuple[str, ...]]:
            outlines = {q: functions[q].function for q in qualnames}
            found = {
                q: sorted(set(callees(self.index, sites[q], outline.owner)))
                for q, outline in outlines.items()
            }
            roots = entered(
                self.index,
                outlines,
                self._names_of(relpath),
                self._is_source,
                lambda function: self.initial_env(function, relpath),
            )
            return found, roots

        if self.recorder is None:
            return edges()
        with self.recorder.capture() as asked:
            found, roots = edges()
        self.recorder.keep_callees(relpath, found, roots, asked)
        return found, roots

    def _names_of(self, relpath: str) -> Mapping[str, tuple[str, ...]]:
        """What the functions of a file mention (see `relevance`)."""
        found = self._named.get(relpath)
        if found is None:
            found = self._named[relpath] = self._mentions(relpath)
        return found

    def _functions_of(self, relpath: str) -> Mapping[str, ir.Function]:
        found = self._whole.get(relpath)
        if found is None:
            found = self._whole[relpath] = self._bodies(relpath)
        return found

    def summary_of(self, located: Located) -> Summary:
        """The callee's summary, summarising it now if it has none yet."""
        qualname = located.function.qualname
        found = self._summary(qualname)
        if found is not None:
            return found
        if qualname in self._running or len(self._running) >= MAX_DEMAND:
            return EMPTY_SUMMARY
        return self._analyse(located)

    def factory_params(self, function: ir.Function, relpath: str) -> frozenset[str]:
        """The closure variables of `function` that a factory enclosing it was given
        (see `factory_params`)."""
        if "." not in function.qualname:
            return frozenset()
        return factory_params(
            self._functions_of(relpath), function, lambda name: bool(self.entries.framework(name))
        )

    def _closure_renderers(self, function: ir.Function, relpath: str) -> dict[str, Value]:
        """The closure variables of a nested function that name an escaping Markdown
        renderer its enclosing function made: their kind, kept beside their symbol."""
        enclosing = self._functions_of(relpath).get(function.qualname.rpartition(".")[0])
        if enclosing is None or enclosing.kind == "module":
            return {}
        return {
            name: Value(symbol("free", name).taint, kind=kind)
            for name, kind in closure_renderers(enclosing).items()
        }

    def _analyse(self, located: Located) -> Summary:
        function = self._functions_of(located.relpath)[located.function.qualname]
        if self.recorder is not None:
            self.recorder.analysing(located.relpath)
        self._running.append(function.qualname)
        try:
            target = function.qualname
            if not self.entries.framework(target) and function.owner:
                target = function.owner
            framework = self.entries.framework(target)

            def interpret() -> Summary:
                return Interpreter(
                    self,
                    function,
                    located.relpath,
                    self.initial_env(function, located.relpath)
                    | self._closure_renderers(function, located.relpath),
                    entry_route=self.entries.route(function.qualname),
                    flask_view=framework == "flask"
                    and (target == function.qualname or function.name in _CLASS_HANDLERS)
                    and not self.entries.serialised(target)
                    and not serialises(function.decorators),
                    names=self.project_index.names(located.module),
                ).run()

            summary = with_room(interpret)
        except RecursionError:
            logger.debug("taint: %s is too deeply nested to analyse", function.qualname)
            summary = EMPTY_SUMMARY
        finally:
            self._running.pop()
        self.summaries[function.qualname] = summary
        if leaks(summary):
            self.leaking.add(function.qualname)
            if self.recorder is not None:
                self.recorder.leaked(function.qualname)
        if self.recorder is not None:
            data = pickle.dumps(summary, protocol=5)
            self._keep_packed(function.qualname, data)
            self.recorder.wrote(function.qualname, data, self._digests[function.qualname])
        self.analysed += 1
        return summary

    def _keep_packed(self, qualname: str, data: bytes) -> None:
        self._packed[qualname] = data
        self._digests[qualname] = hashlib.blake2b(data, digest_size=16).digest()

    def _summary(self, qualname: str) -> Summary | None:
        """The summary written so far (recorded as read when recording)."""
        found = self.summaries.get(qualname)
        if self.recorder is None:
            return found
        data = self._packed.get(qualname)
        self.recorder.read(qualname, self._digests.get(qualname))
        if found is None and data is not None:
            found = self.summaries[qualname] = unpack_summary(data)
        return found

    # -- policy --------------------------------------------------------------------------

    def _is_source(self, name: str) -> bool:
        """Whether reading or calling `name` gives request data."""
        return (
            is_request(request_name(self.index, name))
            or self.is_source_call(name)
            or (bool(self.options.session_keys) and name.startswith(_SESSION_NAMES))
        )

    def is_source_call(self, name: str) -> bool:
        """Whether calling `name` returns request data (configured sources)."""
        return name in self.options.sources

    def sanitiser_kinds(self, name: str) -> frozenset[str] | None:
        """The sink kinds a function's result is safe for (None: not a sanitiser)."""
        return stated_kinds(self.options.sanitisers.get(name)) or SANITISERS.get(name)

    def checks_by_bare_prefix(self, callee: ir.Expr | None) -> bool:
        """Whether `callee` is a function of the project whose code checks a path against
        a folder by a prefix not ended by a separator (`os.path.commonprefix([root,
        path]) != root`, `path.startswith(root)`: `/srv/media2` passes for `/srv/media`)."""
        if not isinstance(callee, ir.Global):
            return False
        located = self.index.functions.get(self.index.resolve(callee.name) or callee.name)
        if located is None:
            return False
        function = self._functions_of(located.relpath).get(located.function.qualname)
        if function is None:
            return False
        return any(
            guard.how == "contained" and guard.bare
            for statement in ir.statements(function.body)
            if isinstance(statement, ir.If)
            for guard in (*statement.then_guards, *statement.else_guards)
        )

    def guard_kinds(self, callee: str) -> frozenset[str]:
        """The sink kinds a validating function makes its argument safe for in an `if`."""
        last = callee.rsplit(".", 1)[-1]
        found = stated_kinds(self.options.guards.get(callee)) or GUARDS.get(callee)
        found = found or GUARDS.get(last)
        if found is None:
            found = named_check_kinds(last.lower())
        return found or frozenset()

    # -- reporting -----------------------------------------------------------------------

    def report(
        self, rule: str, relpath: str, pos: ir.Pos, text: str, label: Label, trace: Trace
    ) -> None:
        """Keep the best flow per sink call and rule (template feeds apart)."""
        flow = Flow(
            rule, relpath, pos[0], pos[1], text, label.origin.text, trace.steps, trace.approx
        )
        key = (rule, relpath, pos, "")
        if rule.startswith(FEED):
            key = ("", relpath, pos, rule[len(FEED) :])
            # NOTE: `STEPWISE` is the engine's own mark, not a kind the data is safe for.
            flow = dataclasses.replace(flow, safe_for=label.cleansed - {STEPWISE})
        if self.recorder is not None:
            self.recorder.reported(key, flow)
        self._keep(key, flow)

    def _keep(self, key: tuple[str, str, ir.Pos, str], flow: Flow) -> None:
        rule, relpath, pos, fed = key
        if not rule:
            known = self.feeds.get((relpath, pos, fed))
            if known is None:
                self.feeds[(relpath, pos, fed)] = flow
            elif known.approx and not flow.approx:
                # NOTE: a flow known step by step is shown before one through a call
                # webwarden does not model; the data fed is only as safe as its least
                # safe part.
                self.feeds[(relpath, pos, fed)] = dataclasses.replace(
                    flow, safe_for=known.safe_for & flow.safe_for
                )
            elif not known.safe_for <= flow.safe_for:
                self.feeds[(relpath, pos, fed)] = dataclasses.replace(
                    known, safe_for=known.safe_for & flow.safe_for
                )
            return
        flow_key = (rule, relpath, pos[0], pos[1])
        known = self.flows.get(flow_key)
        if known is None or _rank(flow) < _rank(known):
            self.flows[flow_key] = flow


__all__ = ["Engine", "Flow"]
