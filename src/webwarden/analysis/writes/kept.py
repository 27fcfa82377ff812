"""What the writes analysis keeps between the scans of one process (the daemon, `watch`):
the judgements no order of judging can change, each with the modules whose bodies it read.

`StateChanges` judges each function once per scan and cuts recursion and depth where it
meets them, so what it finds for a function in a cycle, or deep in a chain of calls,
depends on where the scan first reached it. A judgement made with no cut anywhere below it
does not: it follows from the bodies it read and the project index (the same object while
no module's outline or imports changed). Such judgements are kept with their height (how
many calls deep they went) and their children (the judgements they used). The next scan
takes one where a fresh judgement would have found the same:
- no module whose body it read has changed, and the index and the signal receivers are
  the ones it was made with;
- it is reached at a depth where the calls below it stay within the bound;
- each judgement below it that this scan has already made is the kept one.

Taking one makes every judgement below it as made, as judging it afresh would have.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webwarden.analysis.writes.calls import Write


@dataclass(frozen=True, slots=True)
class Judged:
    """The writes of one function, and how they were found."""

    writes: tuple[Write, ...]
    height: int
    """How many calls deep the judgement went: 0 when it followed none."""
    children: tuple[str, ...]
    """The functions whose judgements it used."""
    modules: frozenset[str]
    """The modules (relpaths) whose function bodies it read, itself or below."""
    settled: bool
    """Whether no recursion or depth was cut below it: whether its writes are the same
    wherever a scan reaches it."""


@dataclass(slots=True)
class Frame:
    """A judgement in the making."""

    settled: bool = True
    height: int = 0
    children: dict[str, None] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)

    def use(self, qualname: str, judged: Judged) -> None:
        """Take the judgement of a function this one calls."""
        self.children[qualname] = None
        self.modules |= judged.modules
        self.settled = self.settled and judged.settled
        self.height = max(self.height, judged.height + 1)

    def absorb(self, other: Frame) -> None:
        """Take what a judgement left unmade read and met."""
        self.modules |= other.modules
        self.settled = self.settled and other.settled

    def judged(self, writes: tuple[Write, ...]) -> Judged:
        """The judgement made."""
        return Judged(
            writes, self.height, tuple(self.children), frozenset(self.modules), self.settled
        )


@dataclass(slots=True)
class KeptWrites:
    """The settled judgements of the last scans and what they were made from."""

    index: object = None
    receivers: object = None
    bodies: dict[str, bytes] = field(default_factory=dict)
    """relpath -> the pickled bodies of the module, as the judgements read them."""
    judged: dict[str, Judged] = field(default_factory=dict)
    taken: int = 0
    """How many kept judgements scans have taken."""

    def refresh(self, index: object, receivers: object, bodies: Mapping[str, bytes]) -> None:
        """Drop the judgements this scan's project may judge otherwise."""
        if self.index is not index or self.receivers != receivers:
            self.judged = {}
        else:
            changed = {
                relpath
                for relpath in self.bodies.keys() | bodies.keys()
                if self.bodies.get(relpath) != bodies.get(relpath)
            }
            if changed:
                self.judged = {q: j for q, j in self.judged.items() if not j.modules & changed}
        self.index, self.receivers, self.bodies = index, receivers, dict(bodies)

    def reusable(
        self,
        qualname: str,
        depth: int,
        active: frozenset[str],
        made: Mapping[str, Judged],
        max_depth: int,
    ) -> dict[str, Judged] | None:
        """The kept judgement of `qualname` and of every function below it that this
        scan has not judged yet, when they are what judging it at `depth` now would make;
        else None."""
        top = self.judged.get(qualname)
        if top is None or depth + top.height > max_depth:
            return None
        taken: dict[str, Judged] = {}
        pending = [qualname]
        while pending:
            name = pending.pop()
            if name in taken:
                continue
            kept = self.judged.get(name)
            if kept is None or name in active:
                return None
            already = made.get(name)
            if already is not None:
                if already.writes != kept.writes:
                    return None
                continue
            taken[name] = kept
            pending.extend(kept.children)
        self.taken += len(taken)
        return taken
