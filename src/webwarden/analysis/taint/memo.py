"""Incremental taint analysis: replay what an unchanged part of the call graph did.

The engine summarises the call graph one strongly connected component at a time. While
it does, a `Recorder` notes everything a component's analysis read from outside itself:

- the questions it asked the project index (what `x.y` resolves to, a class's ancestors,
  a method's definition ...) with the answers; a function is answered as what a caller
  reads of it (name, owner, kind, parameters), since its body only matters through its
  summary;
- the digests of the summaries of other functions it used, as they were when it read
  them, and the files whose function bodies it interpreted;

and everything it did: the summaries it wrote and the flows it reported, in order. The
next scan replays a component instead of interpreting it when those files did not
change, every question still gets the same answer from the new index, and every summary
it read is still the same; otherwise it interprets the component and records it anew.
Components are taken in the same order as in a full run and replaying repeats their
effects exactly, so the results are those of a full analysis (tests/analysis/taint/
test_memo.py compares them after each of many edits)."""

from __future__ import annotations

import contextlib
import pickle
import zlib
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from webwarden.analysis.taint.index import Located, ProjectIndex
from webwarden.analysis.taint.recording import Query, ask
from webwarden.analysis.taint.state import Summary

if TYPE_CHECKING:
    from webwarden.analysis.taint.engine import Flow

_K = TypeVar("_K")
Event = tuple[str, object, object]
"""("summary", qualname, pickled Summary) or ("flow", key, Flow)."""


@dataclass(slots=True)
class ComponentRecord:
    """What analysing one component read and did."""

    files: tuple[tuple[str, str], ...]
    """(relpath, cache key) of the files its functions are in."""
    queries: array[int]
    """Ids of the index questions it asked (`Memo.queries`); an array, not a set: it is
    read back on every scan and only searched when an interface changed."""
    reads: tuple[tuple[str, bytes | None], ...]
    """Summaries of functions outside it that it used: digests of them as they were."""
    events: tuple[Event, ...]
    analysed: int
    digests: tuple[bytes, ...] = ()
    """The digest of each summary in `events`, in order (a replay need not hash them)."""


@dataclass(slots=True)
class Memo:
    """The records of a whole run, kept in the cache for the next one."""

    context: str
    """A digest of the entry points and options: when they change, nothing is replayed."""
    interfaces: Mapping[str, str] = field(default_factory=dict)
    """relpath -> `Lowered.interface` of every module: when none changed, every index
    question has its earlier answer."""
    queries: list[tuple[Query, object]] = field(default_factory=list)
    components: dict[tuple[str, ...], ComponentRecord] = field(default_factory=dict)
    callees: dict[str, CalleeRecord] = field(default_factory=dict)
    """relpath -> the call graph edges of its functions."""
    aliases: dict[bytes, bytes] = field(default_factory=dict)
    """Digest of a summary a kept record read -> the digest of one pickled differently
    that shows callers the same (see `Recorder.replayable`)."""

    base: Memo | None = field(default=None, repr=False, compare=False)
    """The stored memo this one was made from (not stored itself)."""
    stored_queries: int = field(default=0, repr=False, compare=False)
    """How many of `queries` are stored already with these answers."""
    placed: dict[object, int] = field(default_factory=dict, repr=False, compare=False)
    """Record key -> the bucket it was read from (saves hashing every key again)."""
    ids: dict[Query, int] | None = field(default=None, repr=False, compare=False)
    """Question -> its number in `queries`, as the run that made this memo left it (not
    stored): the next run in this process takes it instead of making it again."""

    def parts(self, size: int = 2000) -> Iterator[tuple[str, object | None]]:
        """The pieces to store, by name: the queries in runs of `size`, the records in
        buckets by name. A piece equal to what `base` stored is given as None, so a scan
        after an edit rewrites only what the edit changed."""
        base = self.base
        context = (self.context, self.interfaces)
        unchanged = base is not None and context == (base.context, base.interfaces)
        yield "context", None if unchanged else context
        # NOTE: after an interface changed, every answer was asked again into a new list
        # (see `Recorder`); a run of them that came out as stored is not written again.
        fresh = base is not None and base.queries is not self.queries
        for start in range(0, len(self.queries), size):
            run = self.queries[start : start + size]
            stored = start + size <= self.stored_queries or (
                fresh and base is not None and run == base.queries[start : start + size]
            )
            yield f"queries.{start // size}", None if stored else run
        placed = base.placed if base else {}
        yield from _buckets(
            "components",
            self.components,
            base.components if base else None,
            placed,
            self.placed,
        )
        yield from _buckets(
            "callees", self.callees, base.callees if base else None, placed, self.placed
        )
        same_aliases = base is not None and self.aliases == base.aliases
        yield "aliases.0", None if same_aliases else list(self.aliases.items())

    def stored(self) -> None:
        """Say that `parts` were stored: the memo is now what the cache holds, and its
        base is not needed any more (kept in memory, it is the next scan's base)."""
        self.base = None
        self.stored_queries = len(self.queries)

    @classmethod
    def from_parts(cls, parts: Mapping[str, object]) -> Memo | None:
        """A memo from its stored parts (None when one is not what it should be)."""
        context = parts.get("context")
        if not (isinstance(context, tuple) and len(context) == 2):
            return None
        memo = cls(*context)
        try:
            pieces = sorted(
                (name.split(".")[0], int(name.split(".")[1]), value)
                for name, value in parts.items()
                if name != "context"
            )
        except (IndexError, ValueError):
            return None
        for field_name, number, value in pieces:
            if not isinstance(value, list):
                return None
            if field_name == "queries":
                memo.queries += value
            elif field_name == "aliases":
                memo.aliases.update(value)
            else:
                getattr(memo, field_name).update(value)
                memo.placed.update((key, number) for key, _ in value)
        return memo


_BUCKETS = 64


def _buckets(
    name: str,
    records: Mapping[_K, object],
    stored: Mapping[_K, object] | None,
    placed: Mapping[object, int],
    into: dict[object, int],
) -> Iterator[tuple[str, object | None]]:
    """The records in buckets by key; `placed`: known buckets of keys, `into`: where to
    note the bucket of every key."""
    pieces: list[list[tuple[_K, object]]] = [[] for _ in range(_BUCKETS)]
    for key, record in records.items():
        number = placed.get(key)
        if number is None:
            number = _bucket(key)
        into[key] = number
        pieces[number].append((key, record))
    counts = [0] * _BUCKETS
    for key in stored or ():
        number = placed.get(key)
        counts[_bucket(key) if number is None else number] += 1
    for number, piece in enumerate(pieces):
        same = (
            stored is not None
            and len(piece) == counts[number]
            and all(stored.get(key) is record for key, record in piece)
        )
        yield f"{name}.{number}", None if same else piece


def _bucket(key: object) -> int:
    text = key if isinstance(key, str) else "\0".join(map(str, key))  # type: ignore[call-overload]
    return zlib.crc32(text.encode()) % _BUCKETS


@dataclass(slots=True)
class CalleeRecord:
    """The functions each function of one file calls, and what finding them asked."""

    key: str
    """The file's cache key."""
    edges: dict[str, list[str]]
    roots: tuple[str, ...]
    """Those of them request data enters (see `relevance`)."""
    queries: frozenset[int]


def _written(record: ComponentRecord) -> Iterator[bytes]:
    """The pickled summaries a component wrote, in order."""
    for kind, _, value in record.events:
        if kind == "summary" and isinstance(value, bytes):
            yield value


def unpack_summary(data: bytes) -> Summary:
    """A summary as the engine pickled it."""
    summary = pickle.loads(data)  # noqa: S301 - pickled by this engine, kept in our cache
    if not isinstance(summary, Summary):
        raise TypeError(f"not a summary: {type(summary).__name__}")
    return summary


class Recorder:
    """Notes what the component being analysed reads and does."""

    def __init__(
        self,
        index: ProjectIndex,
        file_keys: Mapping[str, str],
        previous: Memo | None,
        context: tuple[str, Mapping[str, str]],
    ) -> None:
        """`context`: the digest of entry points and options, and the module interfaces."""
        self.index = index
        self.file_keys = file_keys
        self._current = set(file_keys.items())
        """(relpath, key) of every file now, as records list the files they read."""
        self.memo = Memo(*context)
        self._ids: dict[Query, int] = {}
        self.stale: set[int] = set()
        """Ids of earlier questions whose answer differs now."""
        self.previous: dict[tuple[str, ...], ComponentRecord] = {}
        self.previous_callees: dict[str, CalleeRecord] = {}
        if previous is not None and previous.context == self.memo.context:
            self.memo.base = previous
            if previous.interfaces == self.memo.interfaces:
                self._ids = _numbered(previous)
                self.memo.queries = previous.queries
                self.memo.stored_queries = len(previous.queries)
            else:
                self._revalidate(previous)
            self.previous = previous.components
            self.previous_callees = previous.callees
        self.memo.ids = self._ids
        self._queries: set[int] | None = None
        self._reads: list[tuple[str, bytes | None]] = []
        self._written: set[str] = set()
        self._events: list[Event] = []
        self._digests: list[bytes] = []
        self._files: set[str] = set()
        self._captures: list[set[int]] = []
        self._earlier: dict[bytes, bytes] | None = None
        """Digest -> pickled summary, of the previous run's summaries (made on demand)."""

    def _revalidate(self, previous: Memo) -> None:
        for number, (query, answer) in enumerate(previous.queries):
            now = self.token(ask(self.index, query))
            if now != answer:
                self.stale.add(number)
            self._ids[query] = number
            self.memo.queries.append((query, now))

    def token(self, answer: object) -> object:
        """An answer as it is compared between runs. A function by what a caller reads of
        it (its body matters through its summary, recorded apart); a class by value."""
        if isinstance(answer, Located):
            function = answer.function
            return (
                "def",
                function.qualname,
                answer.relpath,
                function.name,
                function.owner,
                function.kind,
                function.params,
                function.raises_unless,
            )
        if isinstance(answer, list):
            return tuple(answer)
        return answer

    # -- replaying -----------------------------------------------------------------------

    def replayable(
        self,
        component: tuple[str, ...],
        digests: dict[str, bytes],
        packed: Mapping[str, bytes],
    ) -> ComponentRecord | None:
        """The record of `component` if analysing it again would do the same."""
        record = self.previous.get(component)
        if record is None or len(record.digests) != record.analysed:
            return None
        if self.stale and not self.stale.isdisjoint(record.queries):
            return None
        if not self._current.issuperset(record.files):
            return None
        # NOTE: nearly every summary read is still the same: test that in one pass of C
        # code; only when one is not, look at each (a different pickle of a summary may
        # still show callers the same, and a summary absent then must be absent now).
        if not all(map(digests.items().__contains__, record.reads)):
            for qualname, then in record.reads:
                now = digests.get(qualname)
                if now != then and not self._shows_the_same(then, now, packed.get(qualname)):
                    return None
        self.memo.components[component] = record
        return record

    def callees(
        self, relpath: str, qualnames: list[str]
    ) -> tuple[dict[str, list[str]], tuple[str, ...]] | None:
        """The call graph edges of the file's functions and its roots, if finding
        them again would give the same (the file unchanged, every name resolving as
        before)."""
        record = self.previous_callees.get(relpath)
        key = self.file_keys.get(relpath)
        if (
            record is None
            or not key
            or record.key != key
            or record.edges.keys() != set(qualnames)
            or (self.stale and not self.stale.isdisjoint(record.queries))
        ):
            return None
        self.memo.callees[relpath] = record
        return record.edges, record.roots

    def keep_callees(
        self, relpath: str, edges: dict[str, list[str]], roots: tuple[str, ...], asked: set[int]
    ) -> None:
        """Record the call graph edges and the roots of a file's functions."""
        key = self.file_keys.get(relpath, "")
        self.memo.callees[relpath] = CalleeRecord(key, edges, roots, frozenset(asked))

    def _shows_the_same(self, then: bytes | None, now: bytes | None, data: bytes | None) -> bool:
        """Whether the summary with digest `now` (pickled: `data`) shows callers the same
        as the one a record read with digest `then`. Pickles of equal summaries can differ
        (objects shared or copied); the alias kept for `then` says so without unpickling,
        and keeps `then` comparable after the record that wrote it is made anew (a
        record replayed is kept as it was: rewriting it would rewrite its bucket)."""
        if then is None or now is None or data is None:
            return False
        previous = self.memo.base.aliases if self.memo.base is not None else {}
        known = self.memo.aliases.get(then) or previous.get(then)
        if (
            known == now
            or self._same_signature(data, then)
            or (known is not None and self._same_signature(data, known))
        ):
            self.memo.aliases[then] = now
            return True
        return False

    def _same_signature(self, now: bytes, then: bytes) -> bool:
        """Whether a pickled summary shows callers the same as the one with digest
        `then` written by a record of the previous run (False when none did)."""
        if self._earlier is None:
            self._earlier = {
                digest: data
                for record in self.previous.values()
                for digest, data in zip(record.digests, _written(record), strict=False)
            }
        old = self._earlier.get(then)
        return old is not None and unpack_summary(now).signature() == (
            unpack_summary(old).signature()
        )

    # -- recording -----------------------------------------------------------------------

    def begin(self) -> None:
        """Start recording a component."""
        self._queries = set()
        self._reads = []
        self._written = set()
        self._events = []
        self._digests = []
        self._files = set()

    def end(self, component: tuple[str, ...]) -> None:
        """Keep the record of the component just analysed."""
        assert self._queries is not None  # noqa: S101 - begin() comes first
        self.memo.components[component] = ComponentRecord(
            tuple((relpath, self.file_keys.get(relpath, "")) for relpath in sorted(self._files)),
            array("i", self._queries),
            tuple(self._reads),
            tuple(self._events),
            len(self._digests),
            tuple(self._digests),
        )
        self._queries = None

    def asked(self, query: Query, answer: object) -> int:
        """An index question and its answer; the question's id."""
        number = self._ids.get(query)
        if number is None:
            number = self._ids[query] = len(self.memo.queries)
            self.memo.queries.append((query, self.token(answer)))
        self.asked_again(number)
        return number

    def asked_again(self, number: int) -> None:
        """The question with id `number` asked again (its answer known already)."""
        if self._queries is not None:
            self._queries.add(number)
        for capture in self._captures:
            capture.add(number)

    def read(self, qualname: str, summary: bytes | None) -> None:
        """A summary read (of a function the component has not written itself)."""
        if self._queries is not None and qualname not in self._written:
            self._reads.append((qualname, summary))

    def analysing(self, relpath: str) -> None:
        """A function of `relpath` is being interpreted (its body is read)."""
        if self._queries is not None:
            self._files.add(relpath)

    def wrote(self, qualname: str, summary: bytes, digest: bytes) -> None:
        """A summary written (pickled, and the digest of that)."""
        if self._queries is not None:
            self._written.add(qualname)
            self._events.append(("summary", qualname, summary))
            self._digests.append(digest)

    def leaked(self, qualname: str) -> None:
        """The summary just written hands request data back (see `relevance`)."""
        if self._queries is not None:
            self._events.append(("leak", qualname, None))

    def reported(self, key: object, flow: Flow) -> None:
        """A flow (or template feed) reported."""
        if self._queries is not None:
            self._events.append(("flow", key, flow))

    @contextlib.contextmanager
    def capture(self) -> Iterator[set[int]]:
        """Collect the questions asked until the generator resumes (for memoised answers
        derived from them: a later hit must count them as asked again)."""
        captured: set[int] = set()
        self._captures.append(captured)
        try:
            yield captured
        finally:
            # NOTE: by identity: `remove` compares sets by value, and would take an outer
            # capture that happens to hold the same numbers, which then misses the rest.
            del self._captures[next(i for i, c in enumerate(self._captures) if c is captured)]

    def repeat(self, numbers: frozenset[int]) -> None:
        """Count earlier questions as asked by the current component."""
        if self._queries is not None:
            self._queries |= numbers
            for capture in self._captures:
                capture |= numbers


def _numbered(memo: Memo) -> dict[Query, int]:
    """Each question of `memo` -> its number: the numbers the run that made it kept
    when they are all there (its questions and numbers grow together), else made."""
    if memo.ids is not None and len(memo.ids) == len(memo.queries):
        return memo.ids
    return {query: number for number, (query, _) in enumerate(memo.queries)}
