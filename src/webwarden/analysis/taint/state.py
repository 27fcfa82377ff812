"""The interpreter's state: summaries, symbols, environments and their joins."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from webwarden.analysis.taint.specs import ORM_ATTRIBUTES
from webwarden.analysis.taint.values import (
    CLEAN,
    DICTS,
    OTHERS,
    VALUES,
    Label,
    Origin,
    Taint,
    Trace,
    Value,
    join,
    same,
    union,
)

Env = dict[str, Value]

REBOUND = "*given:"
"""Prefix of the key that keeps, for a parameter the body binds anew (`tref =
request.GET["x"]`, `for tref in panels:`), the object the caller passed as it was when the
name was first bound to another (`GIVEN` while the name still holds it): what the callee
did to the caller's object, not what the name holds at the end."""

GIVEN = Value(kind="<given>")
"""The parameter's name still holds the object the caller passed (see `REBOUND`)."""

MAYBE_GIVEN = "*maybe:"
"""Prefix of the key present (its value `CLEAN`) where a parameter's name holds the
caller's object on some paths only (`for tref in panels:` run no time, or `if flag: d =
{}`): the object kept is then also changed by what changes the name (`d["x"] = ...`)."""


@dataclass(slots=True)
class Summary:
    """What a function does with its parameters, for its callers."""

    ret: Value = CLEAN
    sinks: dict[tuple[str, str, int, int], tuple[str, Taint]] = field(default_factory=dict)
    """(rule, relpath, line, column) -> (sink text, taint of parameters reaching it)."""
    effects: dict[str, Value] = field(default_factory=dict)
    """Parameter -> its value at exit, for parameters the function changed."""
    flags: dict[tuple[str, str, int, int], frozenset[str]] = field(default_factory=dict)
    """Sink key -> the flag parameters (`render_link=False`) on in every arm reaching it
    (see `flags`); a sink reached unconditionally has none."""
    needs: dict[tuple[str, str, int, int], frozenset[Label]] = field(default_factory=dict)
    """Sink key -> parameters (labels) of which a caller must hand data in one at least
    for the sink to be reached: the receiver of `upload.save(path)`, which saves a path
    only as the upload a request sent does (see `calls.check_sink`); none: reached
    whatever the callers hand in."""

    def __reduce__(self) -> tuple[type[Summary], tuple[object, ...]]:
        # NOTE: a call with the fields: the dataclass state of a slotted class is a dict
        # of field names, pickled anew in each summary's pickle (see `memo`).
        return Summary, (self.ret, self.sinks, self.effects, self.flags, self.needs)

    def signature(self) -> tuple[object, ...]:
        """What callers see of the summary, to detect a fixpoint."""
        return (
            frozenset(self.ret.whole()),
            tuple(sorted((k, frozenset(t)) for k, (_, t) in self.sinks.items())),
            tuple(sorted((p, frozenset(v.whole())) for p, v in self.effects.items())),
            tuple(sorted(self.flags.items())),
            tuple(sorted(self.needs.items())),
        )


EMPTY_SUMMARY = Summary()


def shallow(value: Value) -> Value:
    """A value as a summary keeps it: its own parts, and of their parts only those that
    carry data, anything deeper folded into those, so applying a summary costs little
    however deep the callee's objects were."""
    if not value.parts or value.depth <= 1:
        return value
    return Value(value.taint, {key: _folded(part) for key, part in value.parts.items()}, value.kind)


def _folded(part: Value) -> Value:
    # NOTE: a part's parts are not folded into its own taint, which is what reading any
    # other attribute of it gives: an object the callee stored on `self` (`self._client
    # = Client(token)`) keeps its constants clean (`self._client.api_url`), not tainted by
    # the token beside them.
    # An `OTHERS` part is folded as the parts it holds are, so their names stay apart.
    if not part.parts:
        return part
    carrying = {
        key: _folded(inner) if key == OTHERS else inner.folded()
        for key, inner in part.parts.items()
    }
    kept = {k: v for k, v in carrying.items() if v.tainted}
    return part.remade(part.taint, kept, part.kind)


@lru_cache(maxsize=4096)
def symbol(kind: str, name: str, path: tuple[str, ...] = ()) -> Value:
    """The value of a parameter (or closure variable) of the function being summarised
    (values are never changed, so every function shares one per name)."""
    return Value({Label(Origin(kind, name, path)): Trace(())})


def worth_keeping(value: Value) -> bool:
    """Whether a part says more than "nothing" (data, or an object worth knowing)."""
    return (
        bool(value.taint or value.parts)
        or value.kind.startswith(("<request", "cls:", "<url"))
        or query_method(value)
    )


def query_method(value: Value) -> bool:
    """Whether the value is a method of a model's query or manager, by its qualified name
    (`app.models.Post.query.whooshee_search`): calling it is calling that name."""
    base = value.kind.rpartition(".")[0]
    return (
        not value.tainted
        and not value.kind.startswith("<")
        and base.rpartition(".")[2] in ORM_ATTRIBUTES
    )


def one_query_method(parts: Mapping[str, Value] | None) -> Value | None:
    """The method the parts of a dict all are, when each is a model query's method of one
    name (`{"post": Post.query.search, "user": User.query.search}[kind]`): calling any
    of them gives rows of the database."""
    kinds = sorted({part.kind for part in (parts or {}).values()})
    if not kinds or not all(query_method(part) for part in (parts or {}).values()):
        return None
    if len({kind.rpartition(".")[2] for kind in kinds}) != 1:
        return None
    return Value(kind=kinds[0])


def widen(value: Value, text: str) -> Value:
    """A fresh source value read further (`request.args` -> `request.args['q']`)."""
    taint: dict[Label, Trace] = {}
    for label, trace in value.taint.items():
        origin = label.origin
        if origin.kind == "source" and len(trace.steps) == 1:
            step = trace.steps[0]
            origin = Origin(origin.kind, origin.name, origin.path, text)
            trace = Trace((step._replace(note=f"{text} read"),), trace.approx)
        taint[Label(origin, label.cleansed)] = trace
    return Value(taint, fresh=True)


def put(root: Value, path: list[str], value: Value) -> Value:
    """`root` with `value` stored at `path` (a "" key: added to the data, not a part)."""
    if len(path) == 1:
        key = path[0]
        return root.with_part(key, value) if key else _shaped(root, value)
    key = path[0]
    inner = (root.part(key) if key else None) or Value(kind="")
    updated = put(inner, path[1:], value)
    return root.with_part(key, updated) if key else _unnamed(root, updated.whole())


def _shaped(root: Value, value: Value) -> Value:
    """`root` given `value` under a key that is not a constant; a dict display stored in
    a dict (`plots[key] = {"url": url, "case": case}`) also keeps its items apart in the
    dict's `VALUES` part, joined with the displays stored before."""
    updated = _unnamed(root, value.whole())
    if root.kind != "<dict>" or value.kind != "<dict>" or value.taint or not value.tainted:
        return updated
    if not value.parts or any(key == OTHERS for key in value.parts):
        return updated
    kept = root.part(VALUES)
    return updated.with_part(VALUES, value if kept is None else join(kept, value))


def _unnamed(root: Value, taint: Taint) -> Value:
    """`root` given data under a key that is not a constant (`d[k] = v`, `d[k].append(v)`):
    a dict display keeps it apart from its keys, in `OTHERS`, as its display would; any
    other value takes it into its own data."""
    if root.kind == DICTS and taint:
        # NOTE: data of no known shape added to a list of dicts with the code's keys
        # (`filters.append(request.GET.dict())`): its elements may name any key now.
        return Value(union(root.taint, taint), root.parts, "<list>")
    if root.kind != "<dict>" or not taint:
        return root.with_taint(taint)
    parts = dict(root.parts or {})
    held = parts.get(OTHERS)
    parts[OTHERS] = Value(taint) if held is None else held.with_taint(taint)
    return Value(root.taint, parts, root.kind)


def join_env(first: Env | None, second: Env | None) -> Env | None:
    """The state after either of two paths (None: the path did not happen)."""
    if first is None:
        return None if second is None else second
    if second is None or first is second:
        return first
    # NOTE: most names are bound to the very same value on both paths: start from one
    # path's state and join only where the other differs.
    merged = dict(first)
    for name, value in second.items():
        mine = merged.get(name)
        if mine is not value:
            if mine is GIVEN or value is GIVEN:
                # NOTE: a parameter bound anew on one path only: on the other, its name
                # still holds the caller's object.
                param = name[len(REBOUND) :]
                before = first.get(param, CLEAN) if mine is GIVEN else mine
                after = second.get(param, CLEAN) if value is GIVEN else value
                merged[MAYBE_GIVEN + param] = CLEAN
                merged[name] = join(before, after)
                continue
            merged[name] = value if mine is None else join(mine, value)
    return merged


def given_object(env: Env, param: str) -> Value:
    """What the object the caller passed as `param` holds in `env` (see `REBOUND`)."""
    kept = env.get(REBOUND + param)
    return env.get(param, CLEAN) if kept is None or kept is GIVEN else kept


def join_envs(envs: Sequence[Env | None]) -> Env | None:
    """The state after any of several paths."""
    result: Env | None = None
    for env in envs:
        result = join_env(result, env)
    return result


def same_env(first: Env, second: Env) -> bool:
    """Whether two states bind the same names to the same values."""
    if first.keys() != second.keys():
        return False
    return all(same(value, second[name]) for name, value in first.items())
