"""The callers index kept between analyses of one project in one process.

A daemon or `check --watch` analyses a project again after each edit. Who may call a
function (`relevance.Callers`) is worked out from every file's call edges and the names
its functions mention, each resolved against the project index: most of that is the same
after an edit of one function body. `KeptCallers` keeps the index's answer as counts of
(callee, caller) pairs and, while the project index is the same object (no module's
interface changed), takes out and puts back the pairs of the files whose lowered facts
are other objects than last time; a new index starts it over.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.relevance import Callers, caller_pairs

Mentions = Mapping[str, tuple[str, ...]]


class Lowering(Protocol):
    """A file's lowered facts, as far as the callers index reads them (`outline.Lowered`)."""

    def mentions(self) -> Mentions:
        """Qualified name -> the names the function mentions."""
        ...


class KeptCallers:
    """Counts of (callee, caller) pairs over the files of the last analysis."""

    def __init__(self) -> None:
        self._index: IndexView | None = None
        self._files: dict[str, tuple[Lowering, dict[str, list[str]]]] = {}
        """relpath -> the file's lowered facts and its functions' call edges when counted."""
        self._by_target: dict[str, dict[str, int]] = {}

    def callers(
        self,
        index: IndexView,
        graph: Mapping[str, list[str]],
        files: Mapping[str, list[str]],
        tokens: Mapping[str, Lowering],
        mentions: Callable[[str], Mentions],
    ) -> Callers:
        """`Callers` over `files` (relpath -> its functions' qualified names): what
        `Callers(index, graph, ...)` would find. `tokens`: relpath -> the file's lowered
        facts (the same object when the file did not change), for every file of `files`;
        `mentions(relpath)`: what the functions of the file mention now (a file counted
        before with other facts is taken out by what those facts said)."""
        if index is not self._index:
            self._index, self._files, self._by_target = index, {}, {}
        for relpath, (counted, counted_edges) in list(self._files.items()):
            if relpath not in files or tokens.get(relpath) is not counted:
                self._count(counted.mentions(), counted_edges, -1)
                del self._files[relpath]
        for relpath, qualnames in files.items():
            if relpath in self._files:
                continue
            token = tokens[relpath]
            edges = {q: graph.get(q, []) for q in qualnames}
            self._count(mentions(relpath), edges, 1)
            self._files[relpath] = (token, edges)
        return Callers.over(self._by_target)

    def _count(self, mentioned: Mentions, edges: Mapping[str, list[str]], step: int) -> None:
        assert self._index is not None  # noqa: S101 - set before counting
        for target, caller in caller_pairs(self._index, edges, mentioned):
            self._add(target, caller, step)

    def _add(self, target: str, caller: str, step: int) -> None:
        counts = self._by_target.setdefault(target, {})
        count = counts.get(caller, 0) + step
        if count > 0:
            counts[caller] = count
        else:
            counts.pop(caller, None)
            if not counts:
                del self._by_target[target]
