"""Django REST framework's rate throttles: which scopes a project's throttles read, and
whether the deployed settings give every one of them a rate.

DRF's `SimpleRateThrottle` (and `AnonRateThrottle`, `UserRateThrottle`,
`ScopedRateThrottle`, a project's subclasses) reads its rate from
`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope]`, and `allow_request()` lets every
request through when that rate is None (`if self.rate is None: return True`); DRF's own
default rates are `{"user": None, "anon": None}`. `ScopedRateThrottle` takes its scope
from the view's `throttle_scope`, and lets through a view that has none. A throttle
counts as working unless the analysis shows its scope's rate is None: a rate read from
the environment with no default, or one it cannot evaluate, is taken to be set.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from webwarden.model.auth.throttle_keys import users_only
from webwarden.model.module import FileContext
from webwarden.model.names import last_part

if TYPE_CHECKING:
    # NOTE: the Django model imports the auth facts: the settings are only handed in.
    from webwarden.model.django.settings import SettingsModule

BUILTIN_SCOPES = {"AnonRateThrottle": "anon", "UserRateThrottle": "user"}
"""DRF's rate throttles with a scope of their own."""
SCOPED = "ScopedRateThrottle"
DRF_THROTTLES = frozenset({*BUILTIN_SCOPES, SCOPED, "SimpleRateThrottle", "BaseThrottle"})
DRF_DEFAULT_RATES: dict[str, object] = {"user": None, "anon": None}
"""`rest_framework.settings.DEFAULTS["DEFAULT_THROTTLE_RATES"]`."""
_RATE_LOGIC = frozenset({"get_rate", "parse_rate", "rate", "THROTTLE_RATES", "__init__"})
"""What a throttle class defines when it finds its rate its own way."""


@dataclass(frozen=True, slots=True)
class ThrottleClass:
    """A class of the project that is or helps make a throttle."""

    name: str
    """Qualified: `module.Class`."""
    bases: tuple[str, ...]
    scope: str | None = None
    """`scope = "login"` in its body; None when it sets none."""
    own_rate: bool = False
    """It finds its rate its own way: a `scope` not a constant, its own `rate`,
    `get_rate()` or `THROTTLE_RATES`, or an `allow_request()` that does not hand over to
    `super().allow_request()`."""
    users_only: bool | None = None
    """Its own `get_cache_key()` keys authenticated users alone, or its `allow_request()`
    lets every anonymous request through (`throttle_keys.users_only`); None when it
    defines neither."""


@dataclass(frozen=True, slots=True)
class DrfThrottles:
    """What one module says of DRF throttles."""

    classes: tuple[ThrottleClass, ...] = ()
    used: tuple[str, ...] = ()
    """Throttle classes put to work: in `throttle_classes = [...]`, the
    `@throttle_classes([...])` decorator or `DEFAULT_THROTTLE_CLASSES` (qualified)."""
    view_scopes: tuple[str, ...] = ()
    """`throttle_scope = "..."` of the module's views."""
    opaque: bool = False
    """Throttles chosen by something not a literal list (`throttle_classes =
    pick_throttles()`), a view's `throttle_scope` not a constant, or a view choosing
    its throttles in `get_throttles()`."""
    on_views: tuple[str, ...] = ()
    """Those of `used` a view puts to work (`throttle_classes = [...]`, the decorator, an
    extra action's `@action(throttle_classes=[...])`), whatever the settings say."""


def drf_throttles(ctx: FileContext) -> DrfThrottles | None:
    """The module's DRF throttle facts; None when it says nothing of DRF throttles."""
    classes = [
        found
        for node in ctx.nodes(ast.ClassDef)
        if isinstance(node, ast.ClassDef) and (found := _throttle_class(ctx, node)) is not None
    ]
    used: list[str] = []
    defaults: list[str] = []
    scopes: list[str] = []
    opaque = any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "get_throttles"
        for node in ctx.nodes(ast.FunctionDef, ast.AsyncFunctionDef)
    )
    for node in ctx.nodes(ast.Assign, ast.AnnAssign):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        if "throttle_classes" in names:
            opaque |= not _add_classes(ctx, node.value, used)
        if "throttle_scope" in names:
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                scopes.append(node.value.value)
            else:
                opaque = True
    for node in ctx.nodes(ast.Dict):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "DEFAULT_THROTTLE_CLASSES":
                opaque |= not _add_classes(ctx, value, defaults)
    used += defaults
    for node in ctx.nodes(ast.Call):
        if (
            isinstance(node, ast.Call)
            and last_part(ctx.names.call_name(node)) == "throttle_classes"
            and node.args
        ):
            opaque |= not _add_classes(ctx, node.args[0], used)
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "throttle_classes":
                    opaque |= not _add_classes(ctx, keyword.value, used)
    on_views = [name for name in used if name not in defaults]
    if not (classes or used or scopes or opaque):
        return None
    return DrfThrottles(tuple(classes), tuple(used), tuple(scopes), opaque, tuple(on_views))


def _add_classes(ctx: FileContext, value: ast.expr, used: list[str]) -> bool:
    """Add the classes a literal list names (dotted strings or names); False when the
    value is not one. DRF's defaults read back (`api_settings.DEFAULT_THROTTLE_CLASSES`)
    add nothing: those are the settings' own."""
    if isinstance(value, ast.Attribute) and value.attr == "DEFAULT_THROTTLE_CLASSES":
        return True
    if not isinstance(value, ast.List | ast.Tuple):
        return False
    for item in value.elts:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            used.append(item.value)
        elif (name := _qualified(ctx, item)) is not None:
            used.append(name)
        else:
            return False
    return True


def _qualified(ctx: FileContext, node: ast.expr) -> str | None:
    """The qualified name of a class `node` names, `module.Class` for one of the module's
    own (which the resolver leaves as written)."""
    name = ctx.names.qualified(node)
    if isinstance(node, ast.Name) and name == node.id and ctx.module:
        return f"{ctx.module}.{name}"
    return name


def _throttle_class(ctx: FileContext, node: ast.ClassDef) -> ThrottleClass | None:
    """The class as a throttle or a part of one: named for throttling, deriving from a
    class so named, or defining `allow_request()`."""
    bases = tuple(name for base in node.bases if (name := _qualified(ctx, base)))
    defined = {
        stmt.name: stmt
        for stmt in node.body
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    if not (
        "throttl" in node.name.lower()
        or any("throttl" in last_part(b).lower() for b in bases)
        or "allow_request" in defined
    ):
        return None
    scope: str | None = None
    own_rate = False
    for stmt in node.body:
        for target, value in _assignments(stmt):
            if target == "scope":
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    scope = value.value
                else:
                    own_rate = True
            own_rate |= target in _RATE_LOGIC
    own_rate |= not _RATE_LOGIC.isdisjoint(defined)
    if (allow := defined.get("allow_request")) is not None:
        own_rate |= not _calls_super_allow(allow)
    module = f"{ctx.module}." if ctx.module else ""
    return ThrottleClass(module + node.name, bases, scope, own_rate, users_only(node))


def _assignments(stmt: ast.stmt) -> Iterator[tuple[str, ast.expr | None]]:
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                yield target.id, stmt.value
    elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        yield stmt.target.id, stmt.value


def _calls_super_allow(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether `allow_request()` hands over to `super().allow_request(...)`."""
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "allow_request"
        and isinstance(node.func.value, ast.Call)
        and isinstance(node.func.value.func, ast.Name)
        and node.func.value.func.id == "super"
        for node in ast.walk(function)
    )


def throttle_scopes(facts: Iterable[DrfThrottles]) -> frozenset[str] | None:
    """Every scope the DRF throttles put to work read their rate from; None when one
    cannot be known (a throttle of its own logic, an unknown class, a list not written
    out) or none is put to work."""
    every = list(facts)
    if not every or any(f.opaque for f in every):
        return None
    classes = {c.name: c for f in every for c in f.classes}
    view_scopes = frozenset(s for f in every for s in f.view_scopes)
    used = {name for f in every for name in f.used}
    if not used:
        return None
    found: set[str] = set()
    for name in used:
        scopes = _scopes(name, classes, view_scopes)
        if scopes is None:
            return None
        found.update(scopes)
    # NOTE: no scope at all (a `ScopedRateThrottle` on no view with `throttle_scope`)
    # names no setting to report: left as taken to work.
    return frozenset(found) or None


def _scopes(
    name: str, classes: dict[str, ThrottleClass], view_scopes: frozenset[str]
) -> frozenset[str] | None:
    """The scopes the throttle class `name` reads; None when unknown."""
    chain = list(_chain(name, classes, frozenset()))
    if any(part is None or part.own_rate for part in chain):
        return None
    for part in chain:
        if part is not None and part.scope is not None:
            return frozenset({part.scope})
    short = last_part(name) if not chain else ""
    for base in (b for part in chain if part is not None for b in part.bases):
        if base not in classes and last_part(base) in DRF_THROTTLES:
            short = last_part(base)
            break
    if short in BUILTIN_SCOPES:
        return frozenset({BUILTIN_SCOPES[short]})
    return view_scopes if short == SCOPED else None


def _chain(
    name: str, classes: dict[str, ThrottleClass], seen: frozenset[str]
) -> Iterator[ThrottleClass | None]:
    """The project's classes `name` is made of, itself first, depth first as Python's
    method resolution mostly goes; None for a base named for throttling that is neither
    the project's nor DRF's (its logic unknown)."""
    cls = classes.get(name)
    if cls is None or name in seen:
        return
    yield cls
    for base in cls.bases:
        if base in classes:
            yield from _chain(base, classes, seen | {name})
        elif "throttl" in last_part(base).lower() and last_part(base) not in DRF_THROTTLES:
            yield None


def disabled_scopes(scopes: frozenset[str], judged: Sequence[SettingsModule]) -> bool:
    """Whether every judged settings module gives each scope a rate of None, whatever
    branch is taken (DRF's default rates where `REST_FRAMEWORK` or its
    `DEFAULT_THROTTLE_RATES` is not set)."""
    if not judged:
        return False
    for settings in judged:
        if not settings.is_set("REST_FRAMEWORK"):
            if not settings.complete:
                return False
            configs: list[object] = [{}]
        else:
            configs = [p.shipped for p in settings.get("REST_FRAMEWORK")]
        for config in configs:
            if not isinstance(config, dict):
                return False
            rates = config.get("DEFAULT_THROTTLE_RATES", DRF_DEFAULT_RATES)
            if not isinstance(rates, dict):
                return False
            # NOTE: a scope missing from the rates makes DRF raise `ImproperlyConfigured`;
            # `UNKNOWN` or a variable read with no default is not None either.
            if any(scope not in rates or rates[scope] is not None for scope in scopes):
                return False
    return True


def users_only_throttles(
    facts: Iterable[tuple[str, DrfThrottles]], judged: Sequence[SettingsModule]
) -> tuple[str, ...] | None:
    """When no DRF throttle put to work by default may limit an anonymous client: the
    classes that are (qualified, sorted; () when none is), each keying authenticated
    users alone (`ThrottleClass.users_only`). None when one may, or when what is put to
    work cannot be known. By default means by a view, or in
    `REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]` as a judged settings module ships it (a
    throttle there only when an environment variable turns it on is not), or as a module
    (by relative path, with its facts) no judged settings module reads writes it."""
    every = list(facts)
    if any(f.opaque for _, f in every):
        return None
    defaults = default_throttle_classes(judged)
    if defaults is None:
        return None
    read = {relpath for settings in judged for relpath in (settings.relpath, *settings.chain)}
    classes = {c.name: c for _, f in every for c in f.classes}
    put = {
        *defaults,
        *(name for _, f in every for name in f.on_views),
        *(name for relpath, f in every if relpath not in read for name in f.used),
    }
    if any(_limits_anonymous(name, classes) for name in put):
        return None
    return tuple(sorted(put))


def default_throttle_classes(judged: Sequence[SettingsModule]) -> set[str] | None:
    """The classes `REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]` names in any judged
    settings module as shipped (environment lookups read as their defaults; DRF's own
    default is none); None when one is not known, or no module is judged."""
    if not judged:
        return None
    found: set[str] = set()
    for settings in judged:
        if not settings.is_set("REST_FRAMEWORK"):
            if not settings.complete:
                return None
            continue
        for possibility in settings.get("REST_FRAMEWORK"):
            config = possibility.shipped
            if not isinstance(config, dict):
                return None
            named = config.get("DEFAULT_THROTTLE_CLASSES", [])
            if not isinstance(named, list | tuple) or not all(isinstance(n, str) for n in named):
                return None
            found.update(named)
    return found


def _limits_anonymous(name: str, classes: dict[str, ThrottleClass]) -> bool:
    """Whether the throttle class `name` may limit anonymous clients: any but a class of
    the project whose nearest class deciding the key (itself or a project base) keys
    authenticated users alone."""
    for part in _chain(name, classes, frozenset()):
        if part is None:
            return True
        if part.users_only is not None:
            return not part.users_only
    return True


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
"""DRF's `SimpleRateThrottle.parse_rate()` reads the first letter of the period alone
(`"10/second"`, `"10/s"`, `"10/sec"`: ten a second)."""


def parse_rate(rate: object) -> tuple[int, int] | None:
    """`(requests, seconds)` of a DRF rate string (`"10/second"` -> `(10, 1)`); None when
    it is not one."""
    if not isinstance(rate, str) or rate.count("/") != 1:
        return None
    count, period = (part.strip() for part in rate.split("/"))
    if not count.isdigit() or not period or period[0] not in _PERIODS:
        return None
    return int(count), _PERIODS[period[0]]


@dataclass(frozen=True, slots=True)
class AppliedRate:
    """The strictest rate the DRF throttles of a view apply to an anonymous client."""

    scope: str
    rate: str
    per_day: int
    """Requests one client may make in a day at that rate, sustained."""


def strictest_rate(
    put: Iterable[str],
    view_scope: str | None,
    classes: dict[str, ThrottleClass],
    judged: Sequence[SettingsModule],
) -> AppliedRate | None:
    """The loosest, over the judged settings modules, of the strictest rate the throttle
    classes `put` to work on a view (its `throttle_scope`: `view_scope`) apply to an
    anonymous client. None when it cannot be known (a class of its own logic or not
    known, a rate not written out), or when none applies (classes keyed by the signed-in
    user alone, every rate None: no throttling at all, `login-without-rate-limit`'s
    case)."""
    scopes: set[str] = set()
    for name in put:
        if not _limits_anonymous(name, classes):
            continue
        found = _scopes(name, classes, frozenset({view_scope} if view_scope else ()))
        if found is None:
            return None
        scopes |= found
    if not scopes or not judged:
        return None
    loosest: AppliedRate | None = None
    for settings in judged:
        if not settings.is_set("REST_FRAMEWORK"):
            return None  # NOTE: DRF's default rates are None: nothing throttles
        for possibility in settings.get("REST_FRAMEWORK"):
            applied = _strictest(scopes, possibility.shipped)
            if applied is None:
                return None
            if loosest is None or applied.per_day > loosest.per_day:
                loosest = applied
    return loosest


def _strictest(scopes: set[str], config: object) -> AppliedRate | None:
    """The strictest rate one `REST_FRAMEWORK` setting gives the scopes; None when one
    is not known or none is set."""
    if not isinstance(config, dict):
        return None
    rates = config.get("DEFAULT_THROTTLE_RATES", DRF_DEFAULT_RATES)
    if not isinstance(rates, dict):
        return None
    strictest: AppliedRate | None = None
    for scope in sorted(scopes):
        if scope not in rates:
            return None
        rate = rates[scope]
        if rate is None:
            continue
        parsed = parse_rate(rate)
        if parsed is None:
            return None
        count, seconds = parsed
        applied = AppliedRate(scope, str(rate), count * (86400 // seconds))
        if strictest is None or applied.per_day < strictest.per_day:
            strictest = applied
    return strictest
