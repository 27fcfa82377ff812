"""Applying a callee's summary at a call: bind arguments to parameters, then replace the
parameter symbols of the summary by what the caller passed, joining the traces."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.flags import handed_on, left_off
from webwarden.analysis.taint.last_segments import LAST_SEGMENT
from webwarden.analysis.taint.not_text import NOT_TEXT_IF, not_text_kinds
from webwarden.analysis.taint.opened import OPENED, opened, opened_in_caller, opens_named_file
from webwarden.analysis.taint.parsed_models import PARSED_BY, parsed_marks_resolved
from webwarden.analysis.taint.raised import DJANGO_VALIDATION_ERROR, FORM_RUN, RAISES, raised
from webwarden.analysis.taint.shapes import (
    QUERY_KINDS,
    UPLOAD_PATHS,
    cleansed,
    dict_keys,
    element,
    known_keys,
    unnamed_parts,
    upload_name,
)
from webwarden.analysis.taint.sinks import rule_kind
from webwarden.analysis.taint.sole_methods import (
    STEPWISE,
    candidate_methods,
    exact,
    lost_class,
    sole_located,
)
from webwarden.analysis.taint.specs import (
    LOCATED_URI_READ,
    REQUEST_ATTRIBUTES,
    REQUEST_METHODS,
    absolute_uri_cleansed,
    source_cleansed,
)
from webwarden.analysis.taint.template_feeds import FORWARDS, PASSES, forwarded
from webwarden.analysis.taint.values import (
    ALL_KINDS,
    ANSWERED,
    CHOOSER_ONLY,
    CLEAN,
    CLEAN_IF,
    CLIENT_HOST,
    CLOSED_IF,
    CLOSED_URL,
    DICTS,
    ELEMENTS,
    EMPTY,
    KEYS,
    MAX_DEPTH,
    MAX_LABELS,
    MAX_STEPS,
    OTHERS,
    SPREAD,
    Label,
    Origin,
    Step,
    Taint,
    Trace,
    Value,
    approximate,
    cap_steps,
    clean_if,
    join,
    join_all,
    overlaid,
    reaching,
    refined,
    union,
)

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords
    from webwarden.analysis.taint.index import IndexView, Located
    from webwarden.analysis.taint.interpret import Interpreter
    from webwarden.analysis.taint.objects import ObjectModel
    from webwarden.analysis.taint.state import Env

StepFor = Callable[[str], Step]
_BOUND_KINDS = frozenset({"method", "classmethod", "property"})


def bind(
    function: ir.Function, args: Args, keywords: Keywords, receiver: Value | None
) -> dict[str, Value]:
    """Parameter -> argument value (the receiver binds the first parameter of a method)."""
    positional = [p.name for p in function.params if p.kind == "pos"]
    binding: dict[str, Value] = {}
    index = 0
    if receiver is not None and function.kind in _BOUND_KINDS and positional:
        binding[positional[0]] = receiver
        index = 1
    extra: list[Value] = []
    for at, (node, value) in enumerate(args):
        items = tuple_items(value) if at == len(args) - 1 else None
        if isinstance(node, ir.Star) and items is not None:
            # NOTE: `convert_response(*answer)` of a tuple whose items are known (`return
            # headers, body, status`): each parameter gets its own item.
            taken = items[: max(len(positional) - index, 0)]
            for item in taken:
                binding[positional[index]] = item
                index += 1
            extra.extend(items[len(taken) :])
            continue
        if isinstance(node, ir.Star):
            spread = Value(approximate(value.whole()))
            for name in positional[index:]:
                binding[name] = spread
            index = len(positional)
            extra.append(spread)
        elif index < len(positional):
            binding[positional[index]] = value
            index += 1
        else:
            extra.append(value)
    for param in function.params:
        if param.kind == "vararg" and extra:
            binding[param.name] = Value(union(*(v.whole() for v in extra)), kind="<tuple>")
    named = {p.name for p in function.params if p.kind in {"pos", "kwonly"}}
    kwarg = next((p.name for p in function.params if p.kind == "kwarg"), None)
    extra_keywords: dict[str, Value] = {}
    for key, _, value in keywords:
        if key is None:
            binding.update(_spread_keywords(value, named - binding.keys(), kwarg))
        elif key in named:
            binding[key] = value
        elif kwarg is not None:
            extra_keywords[f"[{key}]"] = value
    if kwarg is not None and extra_keywords:
        given = binding.get(kwarg)
        kind = "<dict>" if given is None else given.kind
        given = given or Value()
        binding[kwarg] = Value(given.taint, {**(given.parts or {}), **extra_keywords}, kind)
    return binding


def tuple_items(value: Value) -> list[Value] | None:
    """The items of a tuple display up to its last kept position (one not kept holds no
    data); None for any other value, or one holding data apart from its positions."""
    parts = value.parts
    if value.kind != "<tuple>" or value.taint or not parts:
        return None
    if not all(key.startswith("#") and key[1:].isdigit() for key in parts):
        return None
    last = max(int(key[1:]) for key in parts)
    return [parts.get(f"#{position}", CLEAN) for position in range(last + 1)]


def _spread_keywords(value: Value, names: set[str], kwarg: str | None) -> dict[str, Value]:
    """`f(**options)`: a parameter named as a known key of the dict (`options["sort"] = s`)
    gets that key's value; every parameter may also get what the dict holds under keys
    not known (`options.update(other)`, `{**other}`), which may replace a known key.
    Of a dict the caller was handed (`def get(**kwargs): self._get(**kwargs)`), a
    parameter gets that dict's item of its name only: what the caller's caller put under
    other keys never binds it. A `**kwargs` parameter gets the rest of the dict as it
    is: keys and values; of a dict display, what it holds under keys that are not
    constants (`data[key] = value`, its `OTHERS`) stays its values, not its keys."""
    keyed = {k: p for k, p in (value.parts or {}).items() if k.startswith("[")}
    unkeyed = [p.whole() for k, p in (value.parts or {}).items() if k not in keyed]
    loose = union(value.taint, *unkeyed)
    binding = {
        name: _with_spread(
            keyed.get(f"[{name}]"),
            approximate(union(refined(value.taint, (f"[{name}]",)), *unkeyed)),
        )
        for name in names
    }
    if kwarg is not None:
        # NOTE: `**kwargs` is the dict spread, short of the keys named parameters take:
        # its keys are the caller's, known step by step (`init(**request.POST.dict())`).
        rest = {k: p for k, p in keyed.items() if k[1:-1] not in names}
        others = value.part(OTHERS) if value.kind == "<dict>" else None
        if others is not None:
            # NOTE: the dict's own taint is its keys (`shapes.dict_keys`): the values a
            # loop copied in under keys it allowed are not keys of the callee's mapping.
            rest[OTHERS] = others
            loose = union(
                value.taint,
                *(
                    p.whole()
                    for k, p in (value.parts or {}).items()
                    if k not in keyed and k != OTHERS
                ),
            )
        binding[kwarg] = Value(loose, rest or None, _spread_kind(loose, rest))
    return binding


def _spread_kind(loose: Taint, rest: dict[str, Value]) -> str:
    """A dict's kind, unless it is only a parameter of the caller handed on whole
    (`def forward(**kwargs): update(**kwargs)`): then what the callee reads of it (its
    keys, an item) is read from that parameter, and binding the caller gives what its own
    caller passed there (the keys of `forward(kind=kind)` are the code's). So is one whose
    items under constant keys the caller replaced first (`kwargs["email"] =
    clean(kwargs["email"])`, then `super().create(**kwargs)`): the code wrote those keys,
    and the rest are still the parameter's."""
    if (
        loose
        and all(label.origin.kind == "param" for label in loose)
        and all(key.startswith("[") and key != "[*]" for key in rest)
    ):
        # NOTE: keywords written beside it (`update(privilege=NONE, **kwargs)`) are its
        # items under constant keys (see `bind`).
        return ""
    return "<dict>"


def _with_spread(part: Value | None, spread: Taint) -> Value:
    if part is None:
        return Value(spread)
    return Value(union(part.taint, spread), part.parts, part.kind) if spread else part


def _request_read(
    trace: Trace, path: tuple[str, ...], relpath: str, unrouted: bool, fixed_hosts: bool
) -> tuple[Label, Trace] | None:
    """A parameter's attribute read in the callee is a source when the caller passed the
    request object (`def helper(req): req.GET[...]`), made safe for what the same read
    in the caller would be (`req.build_absolute_uri()`, `req.path`: the request's own URL,
    which in a middleware's hook, `unrouted`, may be `//evil.example/`)."""
    name = path[0][1:].removesuffix("()")
    cleansed = source_cleansed(name, unrouted=unrouted, fixed_hosts=fixed_hosts)
    if path[0] == LOCATED_URI_READ:
        name, cleansed = "build_absolute_uri", absolute_uri_cleansed(fixed_hosts=fixed_hosts)
    if name not in REQUEST_ATTRIBUTES and name not in REQUEST_METHODS:
        return None
    read = trace.steps[0] if trace.steps else Step(relpath, 1, 1, "")
    text = read.note.removesuffix(" read") or f"`request.{name}`"
    origin = Origin("source", f"{read.relpath}:{read.line}:{read.column}:{text}", text=text)
    return Label(origin, cleansed), trace


MethodResult = Callable[[Value, str], Value]
"""What calling a method (by name, its arguments apart) on a value gives."""


def read_path(argument: Value, path: tuple[str, ...], called: MethodResult | None = None) -> Taint:
    """What reading `path` (`.attr`, `[key]`, ...) from the argument gives; with `called`,
    a method's result (`.details()`, not a request method's) as `called` says."""
    value = argument
    for position, key in enumerate(path):
        if key == KEYS or (key == ELEMENTS and value.kind == CLEANED_DATA):
            # NOTE: iterating over a dict gives its keys.
            return _keys_read(value, path[position:])
        if key == ELEMENTS and (value.parts or value.kind):
            value = element(value)
            continue
        if key == SPREAD and _keywords(value):
            return _attribute_read(value, path[position + 1 :], called)
        method = _method_called(key)
        if method is not None and called is not None:
            value = called(value, method)
            continue
        part = value.part(key)
        if part is None and key[:1] == "#" and value.kind == DICTS:
            # NOTE: `rows[1]` of a list of known tuples or dicts is one of them (`Sub`).
            value = element(value)
            continue
        if part is None and key[1:] in UPLOAD_PATHS and key[:1] == ".":
            part = upload_name(value)  # NOTE: a caller's upload, its name read by the callee
        if part is None and key == LAST_SEGMENT:
            return refined(value.whole(), path[position:])  # NOTE: no join: all it holds
        if part is None:
            return union(refined(value.taint, path[position:]), value.unnamed(key))
        value = part
    return value.whole()


def _keywords(value: Value) -> bool:
    """Whether `value` is a dict of known keys holding nothing beside them: spread into a
    constructor, it names each attribute set."""
    return known_keys(value) and not value.taint


def _attribute_read(keywords: Value, path: tuple[str, ...], called: MethodResult | None) -> Taint:
    """What reading `path` from an object made of `keywords` spread gives (`SPREAD`): its
    attribute `.name` is the item `[name]`; one no keyword named is the class's own."""
    if not path:
        return keywords.whole()
    attribute = path[0]
    if not attribute.startswith(".") or attribute.endswith("()"):
        return keywords.whole()
    item = keywords.part(f"[{attribute[1:]}]")
    return CLEAN.taint if item is None else read_path(item, path[1:], called)


def _method_called(key: str) -> str | None:
    """`details` of the path key `.details()` a summary reads a parameter at (see
    `calls.unknown`); a request method's (`.get()`) is read as a part, as before."""
    if not (key.startswith(".") and key.endswith("()")):
        return None
    name = key[1:-2]
    return None if name in REQUEST_METHODS else name


def method_result(engine: ObjectModel, value: Value, name: str, depth: int = 0) -> Value:
    """What the method `name` of a project class returns on the instance `value`, its
    arguments left out (the summary that called it kept their data apart), or on an
    object whose class was lost, the one project method of that name; of any other value,
    or a method the project does not define, all the value holds, as an approximation
    (what a call webwarden does not model gives)."""
    held = value.whole()
    fallback = Value(approximate(opened(held) if opens_named_file(name, value.kind) else held))
    if depth >= _MAX_METHOD_DEPTH:
        return fallback
    if value.kind.startswith("cls:"):
        located = engine.index.method(value.kind[4:], name)
    elif lost_class(value.kind):
        # NOTE: an object whose class was lost: the one project method of that name
        # (see `sole_methods`), on what the object is known to hold step by step.
        located = sole_located(engine.index, name)
        if located is None:
            # NOTE: or any of the few project methods of that name (`sole_methods`), on
            # all the object holds, as the unmodelled call would pass on.
            candidates = candidate_methods(engine.index, name, 0, ())
            if candidates and all(_summarised(each) for each in candidates):
                return join_all(
                    _method_result_of(engine, each, value, name, depth) for each in candidates
                )
        value = exact(value)
    else:
        return fallback
    if located is None or not _summarised(located):
        return fallback
    return _method_result_of(engine, located, value, name, depth)


def _summarised(located: Located) -> bool:
    """Whether `method_result` reads the method's summary: a method or a property, with
    a positional first parameter (`self`)."""
    return located.function.kind in {"method", "property"} and any(
        p.kind == "pos" for p in located.function.params
    )


def _method_result_of(
    engine: ObjectModel, located: Located, value: Value, name: str, depth: int
) -> Value:
    """What the method `located` returns on the instance `value` (see `method_result`)."""
    positional = [p.name for p in located.function.params if p.kind == "pos"]
    summary = engine.summary_of(located)
    passed = Step(located.relpath, located.function.pos[0], 1, f"returned by `{name}()`")

    def step_for(_: str) -> Step:
        return passed

    def called(inner: Value, method: str) -> Value:
        return method_result(engine, inner, method, depth + 1)

    substitution = Substitution(
        {positional[0]: value},
        None,
        step_for,
        located.relpath,
        called,
        fixed_hosts=engine.entries.fixed_hosts,
        index=engine.index,
    )
    return substitution.value(summary.ret)


_MAX_METHOD_DEPTH = 3
"""Methods followed within methods followed (`self.index()` returning `self.url()`)."""


def _keys_read(value: Value, rest: tuple[str, ...]) -> Taint:
    """What a callee reading the keys of the argument (`files.items()`) gets: a dict
    display's keys, a list of dicts' the keys of its dicts (a callee iterating over a
    parameter reads its elements' keys at the same path); none of checked data, whose keys
    are the fields of a form or the arguments a parser declares (`CLEANED_DATA`, as
    `fields.keys_of` reads it in place); of anything else, all it holds."""
    if value.kind == CLEANED_DATA:
        return EMPTY
    if value.kind == "<dict>":
        return dict_keys(value)
    if value.kind == DICTS:
        return dict_keys(element(value))
    return union(refined(value.taint, rest), *unnamed_parts(value))


_ANSWERED = frozenset({ANSWERED})


def _in_answer(label: Label, outer: Label) -> bool:
    """Whether the caller's `outer` data stands in the callee's `label` where that is
    marked `ANSWERED`: only data that could choose the server requested is in its answer
    (a symbol of the caller still may be, its own callers to say)."""
    if ANSWERED not in label.cleansed:
        return True
    return bool(reaching({outer: Trace(())}, "url"))


class Substitution:
    """A callee's summary in one caller's terms: the parameter symbols of its taints
    replaced by what the caller passed, their traces joined (at most `MAX_LABELS` labels,
    real sources first, so that a summary full of parameters cannot crowd out a finding)."""

    __slots__ = (
        "_binding",
        "_called",
        "_fixed_hosts",
        "_free",
        "_index",
        "_own_setting",
        "_read",
        "_relpath",
        "_resolutions",
        "_step_for",
        "_unrouted",
    )

    def __init__(
        self,
        binding: Mapping[str, Value],
        free: Env | None,
        step_for: StepFor,
        relpath: str,
        called: MethodResult | None = None,
        *,
        unrouted: bool = False,
        fixed_hosts: bool = True,
        index: IndexView | None = None,
        own_setting: Callable[[Value], bool] | None = None,
    ) -> None:
        self._binding = binding
        self._own_setting = own_setting
        """Whether an argument is an attribute of the caller's own object (a class's
        setting, `Interpreter.own_setting`): a container the caller did not get from the
        request, which resolves a `CLEAN_IF` mark as a list of its own would."""
        self._index = index
        """The project's classes, which resolve `PARSED_BY` marks (see `parsed_models`)."""
        self._unrouted = unrouted
        self._fixed_hosts = fixed_hosts
        """`ALLOWED_HOSTS` lists the site's own names (`Entries.fixed_hosts`)."""
        """The caller is a middleware's hook (`runs_unrouted`): the request it hands on has
        a path no URL pattern matched."""
        self._called = called
        self._free = free
        self._step_for = step_for
        self._relpath = relpath
        self._read: dict[Origin, tuple[Taint, tuple[Step, ...]]] = {}
        """Parameter symbol -> what it reads in the caller, and the step passing it (the
        same symbols recur in the return value, its parts, the sinks and the effects)."""
        self._resolutions: dict[frozenset[str], frozenset[str]] = {}
        """The callee's marks -> `_resolved` of them (the same few sets recur on every
        label of the summary; the binding they are resolved against does not change)."""

    def taint(self, taint: Taint) -> Taint:
        """`taint` in the caller's terms."""
        if not taint:
            return taint
        merged: dict[Label, Trace] = {}
        symbols: list[tuple[Label, Trace]] = []
        for item in taint.items():
            if item[0].origin.kind != "source":
                symbols.append(item)
            elif len(merged) < MAX_LABELS:
                label = self._parsed(item[0])
                if not label.cleansed >= ALL_KINDS:
                    merged[label] = item[1]
        if not symbols:
            # NOTE: the labels as given when no mark was resolved (most calls), so the
            # caller's taint stays the object the summary holds.
            return taint if merged.keys() == taint.keys() else merged
        for label, trace in symbols:
            if len(merged) >= MAX_LABELS:
                break
            self._replace(label, trace, merged)
        return merged

    def _parsed(self, label: Label) -> Label:
        """Request data the callee read, its `PARSED_BY` and `CLEAN_IF` marks in the
        caller's terms (the only marks request data read there carries): a `CLEAN_IF` one
        when the callee checked what it read against a container it was given (`if field
        not in inspect(model).attrs: abort(400)`, `model` a parameter)."""
        if not label.cleansed or all(
            not k.startswith((PARSED_BY, CLEAN_IF)) for k in label.cleansed
        ):
            return label
        return Label(label.origin, self._resolved(label.cleansed))

    def _replace(self, label: Label, trace: Trace, merged: dict[Label, Trace]) -> None:
        """Add what the symbol `label` stands for in the caller to `merged`."""
        origin = label.origin
        found = self._read.get(origin)
        if found is None:
            scope = self._binding if origin.kind == "param" else self._free
            argument = None if scope is None else scope.get(origin.name)
            if argument is None:
                return
            if argument.kind == "<request>" and not origin.path:
                # NOTE: the request object itself, handed back or on whole (`return
                # base_url` of `fix_base_url(request)` when it is no request): its text
                # holds nothing the caller stored on it (`request.user.first_name =
                # form.cleaned_data["name"]`), which its attributes, read here as the
                # request's own (`_request_read`), do not give either.
                return
            if argument.kind == "<request>" and origin.path[:1] != (ELEMENTS,):
                read = _request_read(
                    trace, origin.path, self._relpath, self._unrouted, self._fixed_hosts
                )
                if read is not None:
                    # NOTE: what the callee did to the read stays done (`"?" + q` puts it
                    # in a URL's query, whichever URL the caller passed the callee).
                    source, steps = read
                    if OPENED in label.cleansed and opened_in_caller(source) is None:
                        return
                    if not _in_answer(label, source):
                        return
                    done = (self._resolved(label.cleansed) - _ANSWERED) | source.cleansed
                    if ANSWERED in label.cleansed and CLIENT_HOST in source.cleansed:
                        done |= CHOOSER_ONLY  # NOTE: see `answered_to_chooser`
                    if not done >= ALL_KINDS:
                        merged.setdefault(Label(source.origin, done), steps)
                return
            found = self._reading(origin, argument)
        self._join(label, trace, found, merged)

    def _join(
        self,
        label: Label,
        trace: Trace,
        found: tuple[Taint, tuple[Step, ...]],
        merged: dict[Label, Trace],
    ) -> None:
        """Add the caller's taint `found` for the symbol `label` to `merged`, each trace
        the caller's steps, the passing step, then the callee's."""
        outers, passed = found
        cleansed = self._resolved(label.cleansed)
        was_opened = OPENED in label.cleansed
        marked = STEPWISE in label.cleansed
        for outer_label, outer_trace in outers.items():
            if (outer_trace.approx or trace.approx) and (
                marked or STEPWISE in outer_label.cleansed
            ):
                continue  # NOTE: see `sole_methods.STEPWISE`
            outer = opened_in_caller(outer_label) if was_opened else outer_label
            if outer is None or not _in_answer(label, outer):
                continue
            added = cleansed - _ANSWERED if outer.origin.kind == "source" else cleansed
            key = Label(outer.origin, outer.cleansed | added) if added else outer
            if key not in merged:
                steps = outer_trace.steps + passed + trace.steps
                if len(steps) > MAX_STEPS:
                    steps = cap_steps(steps)
                merged[key] = Trace(steps, outer_trace.approx or trace.approx)
                if len(merged) >= MAX_LABELS:
                    return

    def _resolved(self, cleansed: frozenset[str]) -> frozenset[str]:
        """The callee's `CLEAN_IF` marks in the caller's terms: every kind when each
        container parameter they name was passed holding no data; the caller's own marks
        when some were passed the caller's parameters (a wrapper handing its allow-list
        on); else none. Its `CLOSED_IF` marks: the kinds of a URL's query when the start
        they name was passed a `CLOSED_URL`."""
        found = self._resolutions.get(cleansed)
        if found is None:
            found = self._resolutions[cleansed] = self._resolve(cleansed)
        return found

    def _resolve(self, cleansed: frozenset[str]) -> frozenset[str]:
        cleansed = parsed_marks_resolved(cleansed, self._binding, self._index)
        cleansed = self._not_text_resolved(cleansed - {OPENED})
        closed = [kind for kind in cleansed if kind.startswith(CLOSED_IF)]
        if closed:
            cleansed = cleansed.difference(closed)
            if all(self._closed_url(mark[len(CLOSED_IF) :]) for mark in closed):
                cleansed |= QUERY_KINDS
        marks = [kind for kind in cleansed if kind.startswith(CLEAN_IF)]
        if not marks:
            return cleansed
        kept = cleansed.difference(marks)
        carried: set[str] = set()
        for mark in marks:
            passed = self._binding.get(mark[len(CLEAN_IF) :])
            if passed is None:
                return kept
            if self._own_setting is not None and self._own_setting(passed):
                continue  # NOTE: `check(field, self.model_class)`: a class's setting
            taint = passed.whole()
            own = clean_if(taint)
            if taint and not own:
                return kept
            carried |= own
        return kept | frozenset(carried) if carried else kept | ALL_KINDS

    def _not_text_resolved(self, cleansed: frozenset[str]) -> frozenset[str]:
        """The callee's `NOT_TEXT_IF` marks in the caller's terms: what the caller passed
        makes the parameter safe for (every kind for request text as read, the caller's
        own mark for its parameter as given)."""
        marks = [kind for kind in cleansed if kind.startswith(NOT_TEXT_IF)]
        if not marks:
            return cleansed
        kept = cleansed.difference(marks)
        for mark in marks:
            kept |= not_text_kinds(self._binding.get(mark[len(NOT_TEXT_IF) :]))
        return kept

    def _closed_url(self, param: str) -> bool:
        passed = self._binding.get(param)
        return passed is not None and passed.kind == CLOSED_URL

    def _reading(self, origin: Origin, argument: Value) -> tuple[Taint, tuple[Step, ...]]:
        outers = read_path(argument, origin.path, self._called)
        if origin.kind != "param":
            # NOTE: not kept: a closure variable is read from the caller's state, which
            # storing the effects of the call changes.
            return outers, ()
        found = self._read[origin] = (outers, (self._step_for(origin.name),))
        return found

    def effect(self, param: str, value: Value) -> Value:
        """The parameter `param` as the callee left it, in the caller's terms.

        It is still the object the caller passed, so the callee's symbol for it whole
        stands for that object's own taint (`book.id`), not for the taint of its parts too
        (the `book.title` the caller stored before), which the caller keeps as parts."""
        argument = self._binding.get(param)
        itself = Origin("param", param)
        if argument is None or not argument.parts or argument.kind == "<request>":
            return self.value(value)
        own = {label: trace for label, trace in value.taint.items() if label.origin == itself}
        if not own:
            return self.value(value)
        rest = {label: trace for label, trace in value.taint.items() if label not in own}
        changed = self.value(Value(rest, value.parts, value.kind))
        taint = dict(changed.taint)
        found = (argument.taint, (self._step_for(param),))
        for label, trace in own.items():
            if len(taint) < MAX_LABELS:
                self._join(label, trace, found, taint)
        return Value(taint, changed.parts, changed.kind or argument.kind)

    def value(self, value: Value, depth: int = 0, returned: bool = False) -> Value:
        """A callee's value (its return, a changed parameter) in the caller's terms;
        `returned` for its return value (see `_returned`)."""
        if not value.taint and not value.parts:
            return Value(kind=value.kind)
        spread, attributes = self._spread(value.taint)
        if spread:
            rest = {label: trace for label, trace in value.taint.items() if label not in spread}
            made = self.value(Value(rest, value.parts, value.kind), depth)
            return Value(made.taint, overlaid(made.parts, attributes), made.kind)
        items = self._items(value.taint)
        if items:
            return self._with_items(value, items, depth)
        taint = self._returned(value.taint) if returned else self.taint(value.taint)
        parts: dict[str, Value] | None = None
        if value.parts and depth < MAX_DEPTH:
            parts = {key: self.value(part, depth + 1) for key, part in value.parts.items()}
        kind = value.kind
        binding = self._binding
        # NOTE: a parameter returned whole keeps the caller's parts, but only as safe as
        # its least safe label says (`urlencode(params)` returns no raw dict item).
        safe: dict[str, frozenset[str]] = {}
        itself: set[str] = set()
        for label, trace in value.taint.items():
            origin = label.origin
            if origin.kind == "param" and not origin.path and origin.name in binding:
                known = safe.get(origin.name)
                kinds = self._resolved(label.cleansed)
                safe[origin.name] = kinds if known is None else known & kinds
                if not trace.approx:
                    itself.add(origin.name)
        for name, kinds in safe.items():
            passed = binding[name]
            # NOTE: what a call webwarden does not model made of the parameter
            # (`return func(*args, **kwargs)`) is not the caller's dict or tuple: its
            # items are the call's answer, which the taint above already carries.
            if passed.parts and name in itself:
                kept = cleansed(passed, kinds) if kinds else passed
                parts = overlaid(kept.parts, parts)
            if name in itself or not passed.kind.startswith("ref:"):
                # NOTE: what a call webwarden does not model made of a class passed is
                # not that class (`_get_queryset(model).get(**lookup)` returns a row of
                # it): calling a method on it binds `self`, as it would not on the class.
                kind = kind or passed.kind
        if not kind and not value.parts:
            kind = self._part_kind(value.taint)
        return value.remade(taint, parts, kind)

    def _returned(self, taint: Taint) -> Taint:
        """`taint` in the caller's terms, an object passed for a parameter and handed back
        whole (`return self`, also on one path only: `if self.parent: return self.parent`)
        standing for the object's own taint, not for its attributes' too: `value` keeps
        those as parts, as `effect` does, so that reading another attribute of what is
        returned (`.parent`) does not give the `title` the caller stored on it."""
        whole = {
            label
            for label, trace in taint.items()
            if label.origin.kind == "param"
            and not label.origin.path
            and not trace.approx
            and (passed := self._binding.get(label.origin.name)) is not None
            and passed.parts
            and all(key.startswith(".") or key == OTHERS for key in passed.parts)
            and passed.kind != "<request>"
        }
        if not whole:
            return self.taint(taint)
        merged = dict(self.taint({k: v for k, v in taint.items() if k not in whole}))
        for label in whole:
            passed = self._binding[label.origin.name]
            found = (passed.taint, (self._step_for(label.origin.name),))
            if len(merged) < MAX_LABELS:
                self._join(label, taint[label], found, merged)
        return merged

    def _with_items(self, value: Value, items: dict[Label, Value], depth: int) -> Value:
        """`value` in the caller's terms, its labels for items of a parameter (`_items`)
        standing for each item's own data and its keys' parts, not for all it holds."""
        rest = {label: trace for label, trace in value.taint.items() if label not in items}
        made = self.value(Value(rest, value.parts, value.kind), depth)
        merged = dict(made.taint)
        held_parts: dict[str, Value] = {}
        for label, held in items.items():
            passing = (self._step_for(label.origin.name),)
            self._join(label, value.taint[label], (held.taint, passing), merged)
            kinds = self._resolved(label.cleansed)
            held_parts = overlaid(held_parts, (cleansed(held, kinds) if kinds else held).parts)
        return Value(merged, overlaid(held_parts, made.parts), made.kind or "<dict>")

    def _items(self, taint: Taint) -> dict[Label, Value]:
        """The labels of `taint` that stand for an item of a parameter handed back as read
        (`return args.get("sort_by")`) where the caller passed a dict of known keys (a
        GraphQL input object): label -> that item, whose keys the caller still tells apart
        (its `["region"]` is not its `["field"]`)."""
        found: dict[Label, Value] = {}
        for label, trace in taint.items():
            origin = label.origin
            if origin.kind != "param" or not origin.path or trace.approx:
                continue
            held = self._binding.get(origin.name)
            for key in origin.path:
                if held is None or held.kind.startswith("<request") or key[:1] != "[":
                    held = None
                    break
                held = held.part(key)
            if held is not None and held.kind == "<dict>" and held.parts:
                found[label] = held
        return found

    def _spread(self, taint: Taint) -> tuple[frozenset[Label], dict[str, Value]]:
        """The labels of `taint` that stand for an object the callee made of a parameter
        spread into a constructor (`SPREAD`) to which the caller passed known keywords,
        and the attributes that object has: each item as the attribute of its name."""
        labels: set[Label] = set()
        attributes: dict[str, Value] = {}
        for label, trace in taint.items():
            origin = label.origin
            passed = self._binding.get(origin.name) if origin.kind == "param" else None
            if origin.path != (SPREAD,) or passed is None or not _keywords(passed):
                continue
            labels.add(label)
            passing = (self._step_for(origin.name),)
            for key, item in (passed.parts or {}).items():
                read: dict[Label, Trace] = {}
                self._join(label, trace, (item.whole(), passing), read)
                name = f".{key[1:-1]}"
                held = Value(read, kind=item.kind)
                attributes[name] = join(attributes[name], held) if name in attributes else held
        return frozenset(labels), attributes

    def _part_kind(self, taint: Taint) -> str:
        """The kind of the caller's object a callee's value is, when the value is a part
        of a parameter handed back as read (`self.cleaned_data["upload"]`, left as it was
        by a form's `clean()` returning None): the same object, an upload still."""
        if len(taint) != 1:
            return ""
        [(label, trace)] = taint.items()
        origin = label.origin
        if origin.kind != "param" or not origin.path or label.cleansed or trace.steps:
            return ""
        held = self._binding.get(origin.name)
        for key in origin.path:
            if held is None or key[:1] not in {".", "["} or key.endswith("()"):
                return ""
            held = held.part(key)
        return "" if held is None or held.kind.startswith("<request") else held.kind


CLEANED_DATA = "<cleaned_data>"
"""The kind of `self.cleaned_data` in a Django form's `clean()` (and of what holds it)."""


def merge(old: Value, new: Value) -> Value:
    """A variable after a call changed it: the new parts win, data accumulates."""
    parts = overlaid(old.parts, new.parts) or None
    if parts and old.parts:
        for key, part in old.parts.items():
            changed = parts[key]
            if part.kind == CLEANED_DATA and part.parts and changed.kind != CLEANED_DATA:
                # NOTE: `self.cleaned_data["url"] = ...` in a helper `clean()` calls: its
                # summary keeps the dict's data, not its items (at most the parts of the
                # form it was given whole); the fields keep theirs.
                taint = union(part.taint, approximate(changed.whole()))
                parts[key] = Value(taint, part.parts, CLEANED_DATA)
    return Value(union(old.taint, new.taint), parts, old.kind or new.kind)


def result_only(
    engine: ObjectModel,
    interp: Interpreter,
    node: ir.Call,
    located: Located,
    args: Args,
    keywords: Keywords,
    receiver: Value,
) -> Value:
    """What the call would return were it a call of `located` on `receiver`, its sinks and
    its effects on its arguments left out: for a method the call may be, among several,
    whose sinks a call of another class's method never reaches (see `sole_methods`)."""
    function = located.function
    binding = bind(function, args, keywords, receiver)
    steps: dict[str, Step] = {}

    def step_for(param: str) -> Step:
        found = steps.get(param)
        if found is None:
            text = f"passed to `{function.name}()` as `{param}`"
            found = steps[param] = interp.step(text, node.pos)
        return found

    substitution = Substitution(
        binding,
        None,
        step_for,
        located.relpath,
        partial(method_result, engine),
        fixed_hosts=engine.entries.fixed_hosts,
        index=engine.index,
    )
    return substitution.value(engine.summary_of(located).ret)


def instantiate(
    engine: ObjectModel,
    interp: Interpreter,
    node: ir.Call,
    located: Located,
    args: Args,
    keywords: Keywords,
    receiver: tuple[ir.Expr, Value] | None,
    env: Env,
) -> tuple[Value, Value | None]:
    """The call's result, and the receiver as the call left it."""
    function = located.function
    summary = engine.summary_of(located)
    binding = bind(function, args, keywords, None if receiver is None else receiver[1])
    engine.bind_cleaned_data(interp, binding, node, function)
    nested = function.qualname.startswith(interp.function.qualname + ".")
    free = env if nested else None
    shown = function.owner.rsplit(".", 1)[-1] if function.name == "__init__" else function.name

    steps: dict[str, Step] = {}

    def step_for(param: str) -> Step:
        found = steps.get(param)
        if found is None:
            found = steps[param] = interp.step(f"passed to `{shown}()` as `{param}`", node.pos)
        return found

    substitution = Substitution(
        binding,
        free,
        step_for,
        located.relpath,
        partial(method_result, engine),
        unrouted=interp.unrouted,
        fixed_hosts=engine.entries.fixed_hosts,
        index=engine.index,
        own_setting=interp.own_setting,
    )
    result = substitution.value(summary.ret, returned=True)
    forwarded(interp, node, summary, binding)
    for (rule, where, line, column), (text, taint) in summary.sinks.items():
        if rule == RAISES:
            if text != DJANGO_VALIDATION_ERROR or receiver is None or receiver[0] != FORM_RUN:
                raised(interp, node.pos, substitution.taint(taint), text)
            continue
        if rule.startswith((FORWARDS, PASSES)):
            continue
        flags = summary.flags.get((rule, where, line, column), frozenset())
        if flags and left_off(function, flags, args, keywords, receiver is not None):
            continue  # NOTE: `get_link(request, path)`: the sink is under `if render_link:`
        if rule_kind(rule) == "sql":
            taint = _without_objects(taint, binding)
        needs = summary.needs.get((rule, where, line, column))
        if needs and not substitution.taint(dict.fromkeys(needs, _NO_TRACE)):
            continue  # NOTE: `action.save(data)`: the receiver the caller hands in is no upload
        reached = substitution.taint(taint)
        if reached:
            on = handed_on(function, flags, args, keywords, receiver is not None, interp.function)
            with interp.assuming(on):
                interp.reached(rule, where, (line, column), text, reached)
    updated = None if receiver is None else receiver[1]
    positional = [p.name for p in function.params if p.kind == "pos"]
    for param, effect in summary.effects.items():
        changed = substitution.effect(param, effect)
        if (
            receiver is not None
            and positional
            and param == positional[0]
            and function.kind in _BOUND_KINDS
        ):
            updated = merge(receiver[1], changed)
            store(interp, receiver[0], updated, env)
            continue
        holder = _argument_node(function, param, args, keywords, receiver is not None)
        if holder is not None:
            store(interp, holder, merge(interp.expr(holder, env), changed), env)
    return result, updated


_NO_TRACE = Trace(())


def _without_objects(taint: Taint, binding: Mapping[str, Value]) -> Taint:
    """`taint` less the parameters bound to an object of the project's (a context, a
    model): executed whole, such an object is not SQL text, as `calls.judged` decides for
    a direct call. What the callee read from it (`context.sql`) stays."""
    kept = {
        label: trace
        for label, trace in taint.items()
        if label.origin.kind != "param"
        or label.origin.path
        or not binding.get(label.origin.name, _UNBOUND).kind.startswith("cls:")
    }
    return taint if len(kept) == len(taint) else kept


_UNBOUND = Value()


def _argument_node(
    function: ir.Function, param: str, args: Args, keywords: Keywords, bound: bool
) -> ir.Expr | None:
    for key, node, _ in keywords:
        if key == param:
            return node
    positional = [p.name for p in function.params if p.kind == "pos"]
    if bound and function.kind in _BOUND_KINDS:
        positional = positional[1:]
    if param in positional:
        index = positional.index(param)
        if index < len(args) and not any(isinstance(a, ir.Star) for a, _ in args[: index + 1]):
            return args[index][0]
    return None


def store(interp: Interpreter, holder: ir.Expr, value: Value, env: Env) -> None:
    """Keep `value` in the local or attribute `holder` names."""
    if isinstance(holder, ir.Local | ir.Free):
        env[holder.name] = value
    elif isinstance(holder, ir.Attr):
        interp.update(holder.value, f".{holder.attr}", value, env)
