"""The project step of the taint analysis: summarise every function once, callees first,
and collect the flows from request data to sinks.

Each function is interpreted once with its parameters as symbols; its summary says which
parameters (and attributes of them) reach which sinks, the return value and the
parameters it changes. A call instantiates the callee's summary with the caller's
arguments, so a flow through helpers in other modules is found where the request data
meets the parameter. Recursive groups are iterated until their summaries stop changing
(at most `MAX_ROUNDS` times); a callee not summarised yet is summarised on demand, up to
`MAX_DEMAND` levels deep, and otherwise treated as doing nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.entries import Entries
from webwarden.analysis.taint.index import Located, ProjectIndex
from webwarden.analysis.taint.interpret import Interpreter
from webwarden.analysis.taint.objects import ObjectModel
from webwarden.analysis.taint.sinks import FEED
from webwarden.analysis.taint.specs import GUARDS, SANITISERS
from webwarden.analysis.taint.state import EMPTY_SUMMARY, Summary
from webwarden.analysis.taint.values import Label, Step, Trace
from webwarden.config.taint import TaintOptions

logger = logging.getLogger(__name__)
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

    @property
    def source_step(self) -> Step:
        """Where the data was read."""
        return self.steps[0]


def _rank(flow: Flow) -> tuple[bool, int, str, int]:
    first = flow.source_step
    return (flow.approx, len(flow.steps), first.relpath, first.line)


class Engine(ObjectModel):
    """Summaries, flows and the hooks the interpreter calls."""

    def __init__(self, index: ProjectIndex, entries: Entries, options: TaintOptions) -> None:
        super().__init__(index, entries)
        self.options = options
        self.summaries: dict[str, Summary] = {}
        self.flows: dict[tuple[str, str, int, int], Flow] = {}
        self._running: list[str] = []
        self.analysed = 0
        self.flows_found: list[Flow] = []
        self.feeds: dict[tuple[str, ir.Pos, str], Flow] = {}
        """(file, render call, context name) -> the flow of request data into it."""

    # -- driving -------------------------------------------------------------------------

    def run(self) -> list[Flow]:
        """Summarise every function; return the flows found, in file order."""
        for component in self.index.order():
            rounds = MAX_ROUNDS if len(component) > 1 or self._self_recursive(component[0]) else 1
            for _ in range(rounds):
                changed = False
                for qualname in component:
                    before = self.summaries.get(qualname)
                    after = self._analyse(self.index.functions[qualname])
                    changed |= before is None or before.signature() != after.signature()
                if not changed:
                    break
        return sorted(self.flows.values(), key=lambda f: (f.relpath, f.line, f.column, f.rule))

    def _self_recursive(self, qualname: str) -> bool:
        located = self.index.functions[qualname]
        return qualname in set(self.index.callees(located))

    def summary_of(self, located: Located) -> Summary:
        """The callee's summary, summarising it now if it has none yet."""
        qualname = located.function.qualname
        found = self.summaries.get(qualname)
        if found is not None:
            return found
        if qualname in self._running or len(self._running) >= MAX_DEMAND:
            return EMPTY_SUMMARY
        return self._analyse(located)

    def _analyse(self, located: Located) -> Summary:
        function = located.function
        self._running.append(function.qualname)
        try:
            framework = self.entries.framework(function.qualname) or (
                self.entries.framework(function.owner) if function.owner else ""
            )
            interpreter = Interpreter(
                self,
                function,
                located.relpath,
                self.initial_env(function, located.relpath),
                entry_route=self.entries.route(function.qualname),
                flask_view=framework == "flask",
                names=self.index.names(located.module),
            )
            summary = interpreter.run()
        except RecursionError:
            logger.debug("taint: %s is too deeply nested to analyse", function.qualname)
            summary = EMPTY_SUMMARY
        finally:
            self._running.pop()
        self.summaries[function.qualname] = summary
        self.analysed += 1
        return summary

    # -- policy --------------------------------------------------------------------------

    def is_source_call(self, name: str) -> bool:
        """Whether calling `name` returns request data (configured sources)."""
        return name in self.options.sources

    def sanitiser_kinds(self, name: str) -> frozenset[str] | None:
        """The sink kinds a function's result is safe for (None: not a sanitiser)."""
        return self.options.sanitisers.get(name) or SANITISERS.get(name)

    def guard_kinds(self, callee: str) -> frozenset[str]:
        """The sink kinds a validating function makes its argument safe for in an `if`."""
        return (
            self.options.guards.get(callee)
            or GUARDS.get(callee)
            or GUARDS.get(callee.rsplit(".", 1)[-1], frozenset())
        )

    # -- reporting -----------------------------------------------------------------------

    def report(
        self, rule: str, relpath: str, pos: ir.Pos, text: str, label: Label, trace: Trace
    ) -> None:
        """Keep the best flow per sink call and rule (template feeds apart)."""
        flow = Flow(
            rule, relpath, pos[0], pos[1], text, label.origin.text, trace.steps, trace.approx
        )
        if rule.startswith(FEED):
            self.feeds.setdefault((relpath, pos, rule[len(FEED) :]), flow)
            return
        key = (rule, relpath, pos[0], pos[1])
        known = self.flows.get(key)
        if known is None or _rank(flow) < _rank(known):
            self.flows[key] = flow


__all__ = ["Engine", "Flow"]
