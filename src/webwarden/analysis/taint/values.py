"""The abstract values of the taint analysis: which data a value may carry, and how it got there.

A `Taint` maps labels to traces. A label names an origin (a source read, or a parameter
or closure variable of the function being summarised, with an optional attribute or key)
and the sink kinds a sanitiser has already made it safe for. A trace is the list of steps
the data took (file, line, column, what happened) and whether an approximation was used.
A `Value` is a taint plus what is known of its parts (attributes, dict keys, positions)
and of its kind (a request object, an instance of a project class, a list display...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from webwarden.config.taint import SINK_KINDS

MAX_LABELS = 24
"""Labels kept per value: enough for real views, bounded for generated code."""
MAX_STEPS = 24
MAX_DEPTH = 4
"""How deep parts of parts are tracked (`a.b["c"]`): four, so that a render's context
dict keeps what a view's object holds in a list of objects (`{"page": page}`, where
`page.items[*].url` is another attribute than `page.items[*].back`)."""
MAX_PARTS = 12
"""Parts kept per value by name; beyond, new parts go to its `OTHERS` part."""
OTHERS = "<others>"
"""The part that holds what a value keeps under names it has no room for or does not
know: the parts beyond `MAX_PARTS` (by name, up to `MAX_PARTS` more; past those, in its
own taint) and a dict's values under keys that are not constants (its own taint). Reading
a name not kept reads its own taint, not the parts kept under other names: `book.id`
does not read what `book.data.append(...)` added once `book` has twelve parts; nor, while
it knows the names its own taint was written under (`Spilled`), any other name."""
MAX_SPILLED = 64
"""Names an `OTHERS` part remembers folding into its own taint; past those, its taint is
read by any name not kept."""
VALUES = "<values>"
"""The part of a dict that keeps the shape of the dict displays the code stored under
keys that are not constants (`plots[f"{host}_{ctx}"] = {"url": url_for(...), "case":
case}`), their items joined: what a template's loop over its `.items()` or `.values()`
reads of each value (`plot.url`). Its data is in the dict's `OTHERS` part as well, which
every other reader reads."""
DICTS = "<dicts>"
"""The kind of a list each element of which is a dict display with keys of the code's
own (`[{f"{name}__icontains": query} for name in FIELDS]`): its data is the dicts'
values, which choose no key. Also of a list its code appends tuple displays to
(`results.append((path, row, ok))`): its element keeps what each position holds."""

LOOKUPS = "lookups"
"""The kind of WW443's sinks, the field lookups of a query: a project states it as
`fields`, which covers it (see `stated_kinds`). A name found among a model's own fields
is safe for it (the query compares that field and follows no relation), not for `fields`
(WW1114: a client choosing among the model's fields still chooses which is set)."""

ALL_KINDS = frozenset((*SINK_KINDS, LOOKUPS))
"""The sink kinds sanitisers are stated for."""


def stated_kinds(kinds: frozenset[str] | None) -> frozenset[str] | None:
    """The kinds a project's sanitiser or guard is stated for, `fields` covering
    `LOOKUPS` (one family in the configuration)."""
    if kinds is not None and "fields" in kinds:
        return kinds | {LOOKUPS}
    return kinds


ONE_SEGMENT = "<one-segment>"
"""Marks data that holds no `/`: a URL path segment the router matched (Flask's default
and `string` converters, Django's `str`), which a server has already decoded."""
IN_SEGMENT = "<in-segment>"
"""Marks data a string places beside fixed text of a path segment (`f"report-{x}.pdf"`):
with no `/` of its own, that segment can be neither `..` nor a path from the root."""
AT_END = "<at-end>"
"""Marks a URL parameter the router matched as one path segment (`ONE_SEGMENT`) that
nothing has been written after yet: a string, a `/` join or `os.path.join` putting
anything after it drops the mark."""
UNDER_FOLDER = "<under-folder>"
"""Marks data written right after a folder: the right side of a `pathlib` `/`, an
argument of `os.path.join` after the first, a part of a string after fixed text ending in
`/`."""
NAMES_FILE = "<names-file>"
"""Marks data a call uses as the name of a file to open, write or remove (`open()`,
`os.remove`, `Path.unlink()`, an upload's `save()`): on a folder it fails. One segment
that is the last of its path, after a folder (`root / name`), names a file in that
folder or, being `.` or `..`, a folder, which such a call refuses."""
SINGLE_SLASH = "<single-slash>"
"""Marks data checked to start with one `/` and not two (`url.startswith("/") and not
url.startswith("//")`): a path of this site, unless a browser reads it as another host
(`/\\evil.example`, `/<tab>/evil.example`)."""
NO_BACKSLASH = "<no-backslash>"
"""Marks data that holds no `\\` (replaced away, or percent-encoded by the sink: Django's
redirects)."""
NO_CONTROL = "<no-control>"
"""Marks data that holds no tab, CR or LF, which browsers drop from URLs (`urlsplit()`
removes them; Django's redirects percent-encode them)."""
AFTER_ROOT = "<after-root>"
"""Marks data a string writes right after the lone `/` it starts with (`f"/{username}"`):
holding no `/` of its own (`ONE_SEGMENT`), it makes the string start with one `/` and
not two, a path of this site as `SINGLE_SLASH` does."""
PERCENT_ENCODED = "<percent-encoded>"
"""Marks data Django percent-encodes (`request.get_full_path()`, `build_absolute_uri()`):
it holds no white space, `"`, `<`, `>` or backtick, so written as an attribute's value
without quotes it can neither end the value nor start another attribute."""
CHARACTER_MARKS = frozenset({ONE_SEGMENT, SINGLE_SLASH, NO_BACKSLASH, NO_CONTROL, PERCENT_ENCODED})
"""Marks that say which characters data holds or starts with: a decoding undoes them."""
UNROUTED_PATH = "<unrouted-path>"
"""Marks the request's own path read in a Django middleware's hook, where it may be
`//evil.example/` (see `unrouted`): unsafe as the start of a URL, safe for a redirect or a
link once anything comes before it (`"https://%s%s" % (host, path)`): it starts with `/`,
so it can neither end the text before it nor begin a host."""
SCHEME_START = "<scheme-start>"
"""Marks the request's own absolute URL (Werkzeug's `request.url`, `base_url`,
`url_root`, `host_url`, Django's `build_absolute_uri()`): it starts with the letters of
`http` or `https`, so stripping characters that are no letters (`strip("/")`, which
takes the trailing `/` off `host_url`) leaves its start as it was."""
START_MARKS = frozenset({"redirect", "url", SINGLE_SLASH, AFTER_ROOT, UNROUTED_PATH, SCHEME_START})
"""What data is safe for because of how it starts: the request's own path or URL (which
start with `/` or the site's scheme and host), a target checked to start with one `/`.
Cutting the start off (`path[6:]`, `path.removeprefix("/en-US")`, `lstrip("/")`) leaves
text that may start with `//evil.example` or `https:`: an open redirect."""
TEXT_SPLITTERS = frozenset({"split", "rsplit", "partition", "rpartition"})
"""String methods that cut a text into pieces: only the first starts where the text did."""
HOST_MATCHED = "<host-matched>"
"""Marks a URL whose host a project's check named for matching hosts found among allowed
ones (`client.host_matches(redirect_uri)`, an OAuth server's check against the hosts the
client registered): as a redirect's target it leads to one of them. Its scheme is
unchecked (`javascript://allowed.example/%0a...` has that host), so it is no safe link
URL."""
WEB_SCHEME = "<web-scheme>"
"""Marks data known to be a URL of a web scheme (`http`, `https`, `ftp`, `ftps`): a Django
`forms.URLField`'s cleaned value, which its `URLValidator` checked. Written as a link's
whole URL it runs no script; it may still name any host."""
CLOSED_URL = "<closed-url>"
"""The kind of a string nothing appended to can change the scheme or host of, as a URL:
it starts with a fixed scheme and host or a local path (`"/items/" + name`, a constant
`"/docs/"`), or holds a constant `?` or `#` (`f"{path}?q={query}"`)."""
EMPTY_TEXT = "<empty-text>"
"""The kind of the empty string: what is added to it with `+=` is the whole string."""
AFTER_PREFIX = "<after-prefix>"
"""Marks data a string writes after fixed text (`"do_" + action`): as a name looked up,
it picks only among the names that start so."""
BEFORE_SUFFIX = "<before-suffix>"
"""Marks data a string writes before fixed text (`action + "_env_value"`): as a name
looked up, it picks only among the names that end so."""
SERVED_DOCUMENT = "<served-document>"
"""Marks data a server-side GraphQL parser or executor was handed (graphql-core's
`parse`, a schema's `execute`): written beside no fixed text, it is the whole document a
client sends a GraphQL endpoint, which the schema parses and validates, not text written
into a document of the server's (see `reaching`)."""
CLEAN_IF = "<clean-if>"
"""Prefix of a mark a check against a container the function was given puts on the data
it checks (`if field not in allowed: raise`, `allowed` a parameter): safe for every kind
when the caller passes a container holding no request data (`CLEAN_IF + "allowed"`), a
list of its own; binding the call resolves it, so no mark outlives its function."""


CLOSED_IF = "<closed-if>"
"""Prefix of a mark a string that starts with a parameter puts on the symbols written
after it (`f"{base_url}?{query}"`, `base_url` a parameter): safe for a URL's scheme and
host when the caller passes a `CLOSED_URL` there (`f"/embed?m={token}"`); binding the
call resolves it, as it does `CLEAN_IF`."""


ANSWERED = "<answered>"
"""Marks the symbols of a server's answer that the URL requested carried (a helper's
`requests.get(endpoint).json()`): the caller's data is in the answer only where it could
choose the server, not where the caller made it safe for URLs (`ITEM.format(id=...)` of
a fixed host); binding the call resolves it, as it does `CLOSED_IF`."""
CLIENT_HOST = "<client-host>"
"""Marks the host Django's `get_host()` checked against an `ALLOWED_HOSTS` that may admit
any (`"*"`; `get_host()`, `build_absolute_uri()`): the client that sent the `Host` header
chose it, and no page of another site can make a browser send a forged one, so the
answer of a server a URL on it names goes back to that client alone (`CHOOSER_ONLY`)."""
CHOOSER_ONLY = frozenset({"html", "header", "redirect"})
"""What a server's answer chosen by `CLIENT_HOST` data is safe for: sent back in the
response, it reaches the client that chose the server and no victim (self-XSS). Not
for what the server does with it (a query, a command, a stored row shown to others)."""


def answered_to_chooser(taint: Taint) -> Taint:
    """`taint`, a server's answer, with the labels of `CLIENT_HOST` data made safe for
    `CHOOSER_ONLY`."""
    if all(CLIENT_HOST not in label.cleansed for label in taint):
        return taint
    return {
        Label(label.origin, label.cleansed | CHOOSER_ONLY)
        if CLIENT_HOST in label.cleansed
        else label: trace
        for label, trace in taint.items()
    }


def closed_if(start: Value) -> frozenset[str]:
    """The mark for what follows `start` in a string: one when `start` is a parameter as
    the function was given it, nothing made of it; none otherwise."""
    if start.parts or start.kind or len(start.taint) != 1:
        return frozenset()
    ((label, trace),) = start.taint.items()
    origin = label.origin
    if origin.kind != "param" or origin.path or label.cleansed or trace.steps:
        return frozenset()
    return frozenset({CLOSED_IF + origin.name})


def marked_symbols(taint: Taint, marks: frozenset[str]) -> Taint:
    """`taint` with `marks` added to the labels of parameters and closure variables only:
    binding a call resolves marks on those; request data read here keeps no mark."""
    if not marks or all(label.origin.kind == "source" for label in taint):
        return taint
    return {
        label
        if label.origin.kind == "source"
        else Label(label.origin, label.cleansed | marks): trace
        for label, trace in taint.items()
    }


def clean_if(container: Taint) -> frozenset[str]:
    """The marks of a check against `container` when its data is only of parameters (the
    function's own symbols): one per parameter; none otherwise."""
    origins = [label.origin for label in container]
    if not origins or any(o.kind != "param" for o in origins):
        return frozenset()
    return frozenset(CLEAN_IF + o.name for o in origins)


_SAFE_WITH = {
    "path": (
        frozenset({ONE_SEGMENT, IN_SEGMENT}),
        frozenset({ONE_SEGMENT, AT_END, UNDER_FOLDER, NAMES_FILE}),
    ),
    "dispatch": (frozenset({AFTER_PREFIX}), frozenset({BEFORE_SUFFIX})),
    # NOTE: written after fixed text (`f"refs/heads/{branch}"`), data starts no option.
    "option": (frozenset({AFTER_PREFIX}),),
    "redirect": (
        frozenset({SINGLE_SLASH, NO_BACKSLASH, NO_CONTROL}),
        frozenset({AFTER_ROOT, ONE_SEGMENT, NO_BACKSLASH, NO_CONTROL}),
        frozenset({HOST_MATCHED}),
    ),
}
"""Sink kinds a label is also safe for once it carries all the marks of one of these
sets."""


class Step(NamedTuple):
    """One step of a flow."""

    relpath: str
    line: int
    column: int
    note: str

    # NOTE: the four tuples below pickle as a call with their fields: the default path of
    # a tuple subclass (through `__getnewargs__`) pickles summaries, which hold hundreds of
    # thousands of steps, a third slower.
    def __reduce__(self) -> tuple[type[Step], tuple[object, ...]]:
        return Step, tuple(self)


MAX_PATH = 2
"""How many attributes/keys of a parameter a summary tells apart (`self.form.data`)."""


class Origin(NamedTuple):
    """Where data comes from: `source` (id = where it was read, text = what was read),
    `param` or `free` (name, and the attribute/key path read from it)."""

    kind: str
    name: str
    path: tuple[str, ...] = ()
    text: str = ""

    def __reduce__(self) -> tuple[type[Origin], tuple[object, ...]]:
        return Origin, tuple(self)


class Label(NamedTuple):
    """An origin, and the sink kinds the data has been made safe for on the way."""

    origin: Origin
    cleansed: frozenset[str] = frozenset()

    def __reduce__(self) -> tuple[type[Label], tuple[object, ...]]:
        return Label, tuple(self)


class Trace(NamedTuple):
    """The steps data took and whether the engine approximated anywhere."""

    steps: tuple[Step, ...]
    approx: bool = False

    def __reduce__(self) -> tuple[type[Trace], tuple[object, ...]]:
        return Trace, tuple(self)


Taint = Mapping[Label, Trace]
EMPTY: Taint = {}


def _better(first: Trace, second: Trace) -> Trace:
    if first.approx != second.approx:
        return second if first.approx else first
    return first if len(first.steps) <= len(second.steps) else second


def union(*taints: Taint) -> Taint:
    """Every label of every taint; a label met twice keeps its better trace."""
    result: Taint = EMPTY
    for taint in taints:
        if taint:
            result = _union2(result, taint) if result else taint
    return result


def given_taint(
    args: Iterable[tuple[object, Value]], keywords: Iterable[tuple[object, object, Value]]
) -> Taint:
    """Every label a call's arguments carry, positional ones first (`union` in order)."""
    return union(*(v.whole() for _, v in args), *(v.whole() for _, _, v in keywords))


def _union2(first: Taint, second: Taint) -> Taint:
    if first is second:
        return first
    # NOTE: `first` is copied only once a label is added or a trace replaced (a label
    # met twice often has two equal traces); `_better` is inlined for the same reason.
    merged: dict[Label, Trace] | None = None
    for label, trace in second.items():
        known = first.get(label)
        if known is trace:
            continue
        if known is None:
            if merged is None:
                if len(first) >= MAX_LABELS:
                    continue
                merged = dict(first)
            if len(merged) < MAX_LABELS:
                merged[label] = trace
        elif known.approx if known.approx != trace.approx else len(trace.steps) < len(known.steps):
            if merged is None:
                merged = dict(first)
            merged[label] = trace
    return first if merged is None else merged


def cap_steps(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """At most `MAX_STEPS` steps: the first four and the last ones (where the data came
    from and where it went)."""
    if len(steps) <= MAX_STEPS:
        return steps
    return steps[:4] + steps[-(MAX_STEPS - 4) :]


def extend(taint: Taint, step: Step, *, approx: bool = False) -> Taint:
    """Add a step to every trace (and mark them approximate if `approx`); a step equal
    to the last one (`a + b + c` on one line) is not repeated."""
    if not taint:
        return EMPTY
    return {
        label: Trace(
            trace.steps
            if trace.steps and trace.steps[-1] == step
            else cap_steps((*trace.steps, step)),
            trace.approx or approx,
        )
        for label, trace in taint.items()
    }


def approximate(taint: Taint) -> Taint:
    """The same taint, every trace marked approximate."""
    return {label: Trace(trace.steps, True) for label, trace in taint.items()}


def cleanse(taint: Taint, kinds: frozenset[str], origin: Origin | None = None) -> Taint:
    """The taint after a sanitiser that makes data safe for `kinds`; with `origin`, after a
    guard of the data read there: only its labels are made safe."""
    if not taint or not kinds:
        return taint
    if origin is None and kinds >= ALL_KINDS:
        return EMPTY
    if origin is not None and all(label.origin != origin for label in taint):
        return taint
    merged: dict[Label, Trace] = {}
    for label, trace in taint.items():
        if origin is None or label.origin == origin:
            label = Label(label.origin, label.cleansed | kinds)
            if label.cleansed >= ALL_KINDS:
                continue
        known = merged.get(label)
        merged[label] = trace if known is None else _better(known, trace)
    return merged


def reaching(taint: Taint, kind: str) -> Taint:
    """The labels not made safe for sinks of `kind`: for file paths, neither a path
    segment pinned beside fixed text (see `IN_SEGMENT`); for names of functions looked
    up, neither a name written after fixed text (`AFTER_PREFIX`); for redirects, neither
    a target checked to start with one `/` nor one segment after the `/` a string starts
    with (`AFTER_ROOT`), once the sink encodes backslashes and tabs."""
    if kind == "graphql":
        return {
            label: trace
            for label, trace in taint.items()
            if kind not in label.cleansed and not _served_whole(label)
        }
    alternatives = _SAFE_WITH.get(kind)
    if alternatives is not None:
        return {
            label: trace
            for label, trace in taint.items()
            if kind not in label.cleansed
            and not any(label.cleansed >= marks for marks in alternatives)
        }
    return {label: trace for label, trace in taint.items() if kind not in label.cleansed}


def _served_whole(label: Label) -> bool:
    """Whether request data is the whole document a server-side GraphQL call was handed
    (the client's query to an endpoint), not written beside a document's fixed text; a
    parameter's may yet be written into one by a caller."""
    cleansed = label.cleansed
    return (
        label.origin.kind == "source"
        and SERVED_DOCUMENT in cleansed
        and AFTER_PREFIX not in cleansed
        and BEFORE_SUFFIX not in cleansed
    )


def placed_after_start(taint: Taint) -> Taint:
    """The taint of data a string writes after something else: the request's own path
    read in a middleware's hook (`UNROUTED_PATH`) is then safe for a redirect and a link,
    as it is in a view."""
    if not any(UNROUTED_PATH in label.cleansed for label in taint):
        return taint
    return {
        Label(label.origin, label.cleansed | _PLACED)
        if UNROUTED_PATH in label.cleansed
        else label: trace
        for label, trace in taint.items()
    }


_PLACED = frozenset({"redirect", "url"})


def reopened(taint: Taint, marks: frozenset[str] = CHARACTER_MARKS) -> Taint:
    """The taint after a decoding that may write any character (`unquote`, `b64decode`):
    no label keeps a mark of the characters it holds (`CHARACTER_MARKS`), or `marks`."""
    if not any(label.cleansed & marks for label in taint):
        return taint
    merged: dict[Label, Trace] = {}
    for label, trace in taint.items():
        opened = Label(label.origin, label.cleansed - marks)
        known = merged.get(opened)
        merged[opened] = trace if known is None else _better(known, trace)
    return merged


def cut_start(taint: Taint, *, scheme_only: bool) -> Taint:
    """The taint of text with its start cut off (`path[6:]`): `reopened` for `START_MARKS`;
    but when at most a scheme and its `//` is cut (`scheme_only`, `url[7:]`), the request's
    own absolute URL (`SCHEME_START`) still starts with its own host, and keeps its other
    marks (`"https://" + request.url[7:]`, the HTTP-to-HTTPS redirect, goes where the
    browser already is)."""
    if not scheme_only:
        return reopened(taint, START_MARKS)
    kept = {label: trace for label, trace in taint.items() if SCHEME_START in label.cleansed}
    if not kept:
        return reopened(taint, START_MARKS)
    merged = dict(reopened({k: v for k, v in taint.items() if k not in kept}, START_MARKS))
    for label, trace in kept.items():
        hosted = Label(label.origin, label.cleansed - {SCHEME_START})
        known = merged.get(hosted)
        merged[hosted] = trace if known is None else _better(known, trace)
    return merged


def concrete(taint: Taint) -> Taint:
    """The labels that are real sources (not parameters of the function summarised)."""
    return {label: trace for label, trace in taint.items() if label.origin.kind == "source"}


def has_source(taint: Taint) -> bool:
    """Whether `concrete(taint)` has any label (without building it)."""
    return any(label.origin.kind == "source" for label in taint)


def symbolic(taint: Taint) -> Taint:
    """The labels that stand for parameters or closure variables."""
    return {label: trace for label, trace in taint.items() if label.origin.kind != "source"}


class Value:
    """What an expression may hold: a taint, known parts, and a kind.

    `kind` is "" (nothing known), `<request>`, `<orm>`, `<dict>`/`<list>`/`<tuple>`/`<set>`
    for displays, `cls:<qualname>` for instances of project classes, `ref:<qualname>` for
    functions and classes themselves, or the qualified name of the external call that
    made the value (`requests.Session`). `fresh` marks a value read straight from a source,
    whose step note may still be widened to the whole expression.
    """

    __slots__ = ("_whole", "depth", "fresh", "kind", "parts", "taint")

    def __init__(
        self,
        taint: Taint = EMPTY,
        parts: Mapping[str, Value] | None = None,
        kind: str = "",
        *,
        fresh: bool = False,
    ) -> None:
        self.kind = kind
        self.fresh = fresh
        self._whole: Taint | None = None
        self.depth = 0
        self.parts: Mapping[str, Value] | None = None
        if parts:
            # NOTE: parts are bounded in number and depth here, where every value is made,
            # so nothing built later can grow without bound.
            kept: dict[str, Value] = {}
            extra: dict[str, Value] = {}
            deepest = 0
            for key, part in parts.items():
                if key == OTHERS:
                    continue
                if len(kept) >= MAX_PARTS:
                    extra[key] = part
                elif part.depth >= MAX_DEPTH:
                    kept[key] = part.flattened()
                    deepest = max(deepest, 1)
                else:
                    kept[key] = part
                    deepest = max(deepest, part.depth)
            others = parts.get(OTHERS)
            if extra:
                others = _spilled(others, extra)
            if others is not None:
                kept[OTHERS] = _one_level(others)
                # NOTE: the parts it holds are the value's own, one level down as those kept.
                deepest = max(deepest, others.depth - 1)
            self.parts = kept
            self.depth = 1 + deepest
        self.taint = taint

    def __repr__(self) -> str:
        labels = ", ".join(
            sorted(
                f"{o.kind}:{o.name}{''.join(o.path)}" for o in (lab.origin for lab in self.taint)
            )
        )
        parts = f" parts={dict(self.parts)!r}" if self.parts else ""
        return f"Value({labels}{parts} kind={self.kind!r})"

    def __reduce__(self) -> tuple[Callable[..., Value], tuple[object, ...]]:
        # NOTE: as its fields, without the `whole()` it may have cached: smaller, and
        # equal values pickle alike (a summary's pickle is its digest, see `memo`).
        return _rebuilt, (self.taint, self.parts, self.kind, self.fresh, self.depth)

    def whole(self) -> Taint:
        """Everything the value carries, its parts included."""
        if not self.parts:
            return self.taint
        if self._whole is None:
            self._whole = union(self.taint, *(part.whole() for part in self.parts.values()))
        return self._whole

    @property
    def tainted(self) -> bool:
        """Whether the value carries any data at all."""
        return bool(self.whole())

    def part(self, key: str) -> Value | None:
        """The known part `key` (`.attr`, `[key]`, `#index`), kept or among `OTHERS`."""
        if self.parts is None:
            return None
        known = self.parts.get(key)
        if known is None and key != OTHERS:
            others = self.parts.get(OTHERS)
            if others is not None and others.parts is not None:
                known = others.parts.get(key)
        return known

    def unnamed(self, key: str | None = None) -> Taint:
        """What reading a name the value does not keep (`key`, or any) gives besides its
        own taint: what its `OTHERS` part holds under names it does not keep either, none
        when that part knows `key` is not among them (`self.fields` of a model the view
        set thirty other attributes of from the request)."""
        others = None if self.parts is None else self.parts.get(OTHERS)
        if others is None:
            return EMPTY
        if key is not None and isinstance(others, Spilled) and key not in others.names:
            return EMPTY
        return others.taint

    def with_part(self, key: str, value: Value) -> Value:
        """A copy with part `key` replaced (beyond the bounds, in its `OTHERS` part)."""
        parts = dict(self.parts or {})
        if key in parts or len(parts) - (OTHERS in parts) < MAX_PARTS:
            parts[key] = value
        else:
            parts[OTHERS] = _spilled(parts.get(OTHERS), {key: value})
        return Value(self.taint, parts, self.kind)

    def flattened(self) -> Value:
        """The value one level deep: each part holding all its own parts hold. An object
        too deep to track whole (`return book, authors` with `book.data[0].book`) keeps
        its attributes apart (`book.id` is not `book.title`)."""
        if not self.parts or self.depth <= 1:
            return self
        parts = {
            key: part.flattened() if key == OTHERS else part.folded()
            for key, part in self.parts.items()
        }
        return self.remade(self.taint, parts, self.kind)

    def folded(self) -> Value:
        """The value with all its parts hold in its own data, its kind kept; a dict
        display's values in its `OTHERS` part, apart from its keys: they still choose no
        key (`filter(**self.filters["base"])` after `self.filters = build()`)."""
        if self.kind == "<dict>" and self.parts:
            held = union(*(part.whole() for part in self.parts.values()))
            return Value(self.taint, {OTHERS: Value(held)} if held else None, self.kind)
        return Value(self.whole(), kind=self.kind)

    def remade(self, taint: Taint, parts: Mapping[str, Value] | None, kind: str) -> Value:
        """The value made again of what a step (a call's binding, a sanitiser) made of its
        own taint, parts and kind: as an `OTHERS` part, knowing what it knew."""
        return Value(taint, parts, kind)

    def with_taint(self, taint: Taint) -> Value:
        """A copy with this taint added to its own."""
        if not taint:
            return self
        return Value(union(self.taint, taint), self.parts, self.kind)


def overlaid(old: Mapping[str, Value] | None, new: Mapping[str, Value] | None) -> dict[str, Value]:
    """Parts `old` with the parts `new` put over them, a name `new` has replacing the old
    one, in the `OTHERS` parts of both alike."""
    parts = {**(old or {}), **(new or {})}
    first = (old or {}).get(OTHERS)
    second = (new or {}).get(OTHERS)
    if first is not None and second is not None:
        taint = union(first.taint, second.taint)
        merged = Value(taint, overlaid(first.parts, second.parts) or None, second.kind)
        parts[OTHERS] = _named(merged, spilled_names(first), spilled_names(second))
    return parts


class Spilled(Value):
    """An `OTHERS` part that knows the names its own taint was written under (`names`,
    parts it had no room for): reading another name not kept reads none of it. Any other
    `OTHERS` part holding data may hold it under any name (a dict's values under keys
    that are not constants, data added to it whole)."""

    __slots__ = ("names",)

    def __init__(
        self, taint: Taint, parts: Mapping[str, Value] | None, kind: str, names: frozenset[str]
    ) -> None:
        super().__init__(taint, parts, kind)
        self.names = names

    def __reduce__(self) -> tuple[Callable[..., Value], tuple[object, ...]]:
        return _rebuilt_spilled, (self.taint, self.parts, self.kind, self.depth, self.names)

    def remade(self, taint: Taint, parts: Mapping[str, Value] | None, kind: str) -> Value:
        """See `Value.remade`: the data of each label it made is still written under
        `names`."""
        # NOTE: a step maps each label to what stands for it (a caller's argument for a
        # parameter, a label made safe) or drops it, and never moves data between names.
        return _named(Value(taint, parts, kind), self.names)


def spilled_names(others: Value | None) -> frozenset[str] | None:
    """The names what `others` (an `OTHERS` part) holds in its own taint was written
    under: none when it holds nothing, None when not known."""
    if others is None or not others.taint:
        return frozenset()
    return others.names if isinstance(others, Spilled) else None


def _named(others: Value, *names: frozenset[str] | None) -> Value:
    """`others` knowing its taint was written under all `names`, if all are known and
    not too many; as a plain value otherwise (read by any name)."""
    known: frozenset[str] | None = frozenset()
    for each in names:
        known = None if known is None or each is None else known | each
    if known is None or len(known) > MAX_SPILLED or not others.taint:
        if isinstance(others, Spilled):
            return Value(others.taint, others.parts, others.kind)
        return others
    if isinstance(others, Spilled) and others.names == known:
        return others
    return Spilled(others.taint, others.parts, others.kind, known)


def _held_names(value: Value) -> frozenset[str] | None:
    """The names under which what `value`, an `OTHERS` part, holds in all (its own taint
    and its parts) was written, None when not known."""
    names = spilled_names(value)
    for key, part in (value.parts or {}).items():
        if names is None:
            return None
        held = _held_names(part) if key == OTHERS else frozenset({key} if part.whole() else ())
        names = None if held is None else names | held
    return names


def _spilled(others: Value | None, extra: Mapping[str, Value]) -> Value:
    """The `OTHERS` part with `extra` parts added: by name while there is room, then
    into its own taint (read by the names folded, see `Spilled`)."""
    parts = dict(others.parts or {}) if others is not None else {}
    folded: list[Taint] = [others.taint] if others is not None else []
    names: list[str] = []
    for key, part in extra.items():
        if key in parts or len(parts) < MAX_PARTS:
            parts[key] = part
        elif whole := part.whole():
            folded.append(whole)
            names.append(key)
    spilled = Value(union(*folded), parts or None)
    return _named(spilled, spilled_names(others), frozenset(names))


def _one_level(others: Value) -> Value:
    """An `OTHERS` part without one of its own (a join of two may make one): that one's
    data in its own taint, so that names are looked up one level down at most."""
    inner = None if others.parts is None else others.parts.get(OTHERS)
    if inner is None or others.parts is None:
        return others
    parts = {key: part for key, part in others.parts.items() if key != OTHERS}
    flat = Value(union(others.taint, inner.whole()), parts or None, others.kind)
    return _named(flat, spilled_names(others), _held_names(inner))


def _rebuilt(
    taint: Taint, parts: Mapping[str, Value] | None, kind: str, fresh: bool, depth: int
) -> Value:
    """A pickled value again (its parts were bounded when it was first made)."""
    value = Value.__new__(Value)
    value.taint, value.parts, value.kind, value.fresh = taint, parts, kind, fresh
    value.depth, value._whole = depth, None
    return value


def _rebuilt_spilled(
    taint: Taint, parts: Mapping[str, Value] | None, kind: str, depth: int, names: frozenset[str]
) -> Spilled:
    """A pickled `Spilled` part again."""
    value = Spilled.__new__(Spilled)
    value.taint, value.parts, value.kind, value.fresh = taint, parts, kind, False
    value.depth, value._whole, value.names = depth, None, names
    return value


CLEAN = Value()


def join(first: Value | None, second: Value | None) -> Value:
    """The value that may be either (None: the path did not happen)."""
    return _join(first, second, 0)


def _join(first: Value | None, second: Value | None, depth: int) -> Value:
    if first is None:
        return second if second is not None else CLEAN
    if second is None or first is second:
        return first
    kind = first.kind if first.kind == second.kind else (first.kind or second.kind)
    if kind == CLOSED_URL and first.kind != second.kind:
        # NOTE: `url = "/home/"`, then on one path `url = request.GET["next"]`: the value
        # may be the other one, which nothing closes.
        kind = ""
    if {first.kind, second.kind} == {"<list>", DICTS} and not (
        first if first.kind == "<list>" else second
    ).whole():
        kind = DICTS  # NOTE: a list holding no data (`filters = []`) before dicts are added
    if not first.parts and not second.parts:
        if not second.taint and kind == first.kind:
            return first
        taint = union(first.taint, second.taint)
        # NOTE: a value the other adds nothing to is the join itself (unless it is fresh:
        # a join is not).
        if taint is first.taint and kind == first.kind and not first.fresh:
            return first
        if taint and taint is second.taint and kind == second.kind and not second.fresh:
            return second
        return Value(taint, None, kind)
    parts: dict[str, Value] = {}
    # NOTE: in a fixed order (the first value's parts, then the second's new ones), not a
    # set's: past `MAX_PARTS` the order decides which parts are kept, and a set's order of
    # strings changes with Python's hash seed from run to run.
    keys = list(first.parts or ())
    keys += [key for key in second.parts or () if first.parts is None or key not in first.parts]
    for key in keys:
        one = first.part(key)
        other = second.part(key)
        if one is None:
            one = _unkept(first, key, other)
        if other is None:
            other = _unkept(second, key, one)
        parts[key] = _join(one, other, depth + 1)
    if OTHERS in parts:
        names = (spilled_names(value.part(OTHERS)) for value in (first, second))
        parts[OTHERS] = _named(parts[OTHERS], *names)
    return Value(union(first.taint, second.taint), parts, kind)


def _unkept(value: Value, key: str, elsewhere: Value | None) -> Value:
    """What a value keeps at `key` without a part for it, where the other path keeps
    `elsewhere`: of a parameter, that parameter's item `key` (`kwargs["sort_by"]` set on
    one path only is the caller's `sort_by` on the other, not all of `kwargs`), or its
    attribute `key` when the other path replaced that attribute with a value of no parts
    (`self.stored = storage.save(...)` on one path is the caller's `stored` on the other,
    not all of `self`)."""
    # NOTE: an attribute the other path changed inside (`self.context.query.limit = n`)
    # keeps the whole parameter: `self.context` stays the object the caller passed, which
    # an SQL sink judges as an object, not as text read from it.
    replaced = elsewhere is not None and not elsewhere.parts
    unnamed = value.unnamed(None if key == OTHERS else key)
    if key.startswith("[") or (replaced and key != OTHERS):
        return Value(union(refined(value.taint, (key,)), unnamed))
    return Value(union(value.taint, unnamed))


KEYS = "<keys>"
"""The path a summary reads a parameter's keys with (`files.items()`), so that a caller
passing a dict display gives only the display's keys."""


SPREAD = "<spread>"
"""The path a summary reads an object with that a constructor setting one attribute per
keyword made of a parameter spread (`cls(**kwargs)`): its attribute `.name` is the
parameter's item `[name]`, so that a caller passing known keywords gives each attribute
only its own value."""


ELEMENTS = "<elements>"
"""The path a summary reads what iterating over a parameter gives with (`for key in
chosen:`), so that a caller passing a dict display gives only the display's keys, and one
passing a list only its elements."""


def tells_apart(path: tuple[str, ...]) -> bool:
    """Whether a summary keeps a parameter's `path` as a label of its own: up to
    `MAX_PATH` attributes or keys, and then perhaps `KEYS`, which is read no further
    (`filter(**self.filters["base"])` reads the keys of `self.filters["base"]`)."""
    return len(path) - (path[-1:] == (KEYS,)) <= MAX_PATH


def refined(taint: Taint, rest: tuple[str, ...]) -> Taint:
    """The caller's symbols in `taint` read further at `rest` (as far as `MAX_PATH`); the
    request data in it stays whole."""
    refined: dict[Label, Trace] = {}
    for label, trace in taint.items():
        origin = label.origin
        if origin.kind != "source" and KEYS not in origin.path:
            path = _kept_path((*origin.path, *rest))
            if len(path) > len(origin.path):
                origin = Origin(origin.kind, origin.name, path)
                label = Label(origin, label.cleansed)
        refined[label] = trace
    return refined


def _kept_path(path: tuple[str, ...]) -> tuple[str, ...]:
    """`path` as a summary keeps it: whole if it `tells_apart`, else its first `MAX_PATH`
    keys, the item that holds what was read deeper (`sort_by["field"][0]` is read as
    `sort_by["field"]`, not as all of `sort_by`)."""
    return path if tells_apart(path) else path[:MAX_PATH]


def join_all(values: Iterable[Value]) -> Value:
    """The join of several values (CLEAN for none)."""
    result: Value | None = None
    for value in values:
        result = value if result is None else join(result, value)
    return result if result is not None else CLEAN


def same(first: Value, second: Value) -> bool:
    """Whether two values carry the same labels, parts and kind (for fixpoints)."""
    if first is second:
        return True
    if first.kind != second.kind or first.taint.keys() != second.taint.keys():
        return False
    if (first.parts or {}).keys() != (second.parts or {}).keys():
        return False
    if spilled_names(first) != spilled_names(second):
        return False
    return all(
        same(part, second.parts[key]) for key, part in (first.parts or {}).items() if second.parts
    )
