"""Flask-Classful: the routes `View.register(app_or_blueprint)` adds for a `FlaskView`.

`register` routes every public function of the class and of its bases (plain mixins
too) that `FlaskView` does not define itself and whose name starts neither with
`before_` nor `after_`, less the class's `excluded_methods`:
- a method under `@route(rule, **options)`: that rule, with those options;
- `index`, `get`, `post`, `put`, `patch`, `delete`: `/` for GET, GET, POST, PUT, PATCH,
  DELETE;
- any other: `/<name>/` for the methods of `@method(...)`, else `default_methods` (GET);
the last two followed by one `<param>` part per parameter without a default (one with
a default is a query argument), except those of `base_args`. Every rule is under
`route_prefix` and `route_base` (class attributes or `register` options); the base
defaults to the class name less `View`, dashed (`UserProfileView` -> `user-profile`).
The class's `decorators` wrap every view, and its `before_request(name, ...)` and
`before_<name>` hooks run before it (`flask_classful.FlaskView.make_proxy_method`), with
the bases' hooks they call (`super().before_request(name)`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from webwarden.model.flask.app import CLASSFUL_CSRF_HOOK, CLASSFUL_LOGIN_HOOK
from webwarden.model.flask.classful_facts import LIBRARIES
from webwarden.model.flask.facts import (
    ClassfulHookFact,
    ClassfulMemberFact,
    ClassfulRegisterFact,
    DecoratorFact,
    RouteFact,
)
from webwarden.model.flask.index import Index

_SPECIAL = {
    "index": ("GET",),
    "get": ("GET",),
    "post": ("POST",),
    "put": ("PUT",),
    "patch": ("PATCH",),
    "delete": ("DELETE",),
}
_OWN = frozenset(
    {"register", "parse_options", "make_proxy_method", "build_rule", "get_route_base"}
    | {"default_route_base", "build_route_name"}
)
"""`FlaskView`'s own functions: never routed, whatever a subclass does with them."""
_REGISTER_OPTIONS = frozenset({"route_base", "route_prefix", "trailing_slash", "method_dashified"})
"""Class attributes a `register()` option of the same name overrides."""
_HELPER_DEPTH = 3
_URL_ARGUMENTS = re.compile(r"<(?:[^>:]+:)?([^>]+)>")


def _is_view(lineage: list[str]) -> bool:
    return any(ref.startswith(LIBRARIES) and ref.endswith("FlaskView") for ref in lineage)


def _lineage(index: Index, ref: str) -> list[str]:
    """The class and its bases in method resolution order (C3; the bases' breadth-first
    order when the hierarchy has none)."""
    memo: dict[str, list[str]] = {}

    def mro(name: str, depth: int) -> list[str] | None:
        if name in memo:
            return memo[name]
        bases = [index.canonical(b) for b in index.bases.get(name, ()) if b]
        if depth > 12:
            return None
        lines = [mro(b, depth + 1) for b in bases]
        if any(line is None for line in lines):
            return None
        merged = _merge([line for line in lines if line is not None] + [bases])
        if merged is None:
            return None
        memo[name] = [name, *merged]
        return memo[name]

    return mro(ref, 0) or [ref, *index.ancestors(ref)]


def _merge(lines: list[list[str]]) -> list[str] | None:
    merged: list[str] = []
    lines = [line for line in lines if line]
    while lines:
        head = next((line[0] for line in lines if not any(line[0] in o[1:] for o in lines)), None)
        if head is None:
            return None
        merged.append(head)
        lines = [rest for line in lines if (rest := line[1:] if line[0] == head else line)]
    return merged


class _Class:
    """A registered view class, its bases' facts and the `register` call's options."""

    def __init__(self, index: Index, register: ClassfulRegisterFact, lineage: list[str]) -> None:
        self.name = lineage[0].rsplit(".", 1)[-1]
        self.index = index
        self.chain = [index.classful_views[c] for c in lineage if c in index.classful_views]
        self.options = dict(register.options)
        self.methods: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}
        for view, _ in self.chain:
            for member in view.members:
                self.methods.setdefault(member.name, []).append(
                    (member.body.request_reads, member.body.calls)
                )
            for name, reads, calls in view.helpers:
                self.methods.setdefault(name, []).append((reads, calls))

    def reads(self, member: ClassfulMemberFact) -> frozenset[str]:
        """What the view reads of the request, itself or through the methods of its class
        it calls (`self._parse_data(...)`, `super().post()`: every definition of the name
        along the bases, as which one a call reaches is not followed)."""
        reads = set(member.body.request_reads)
        seen: set[str] = set()
        calls = set(member.body.calls)
        for _ in range(_HELPER_DEPTH):
            called = {c[1:] for c in calls if c.startswith(".")} & self.methods.keys() - seen
            if not called:
                break
            seen |= called
            calls = set()
            for name in called:
                for method_reads, method_calls in self.methods[name]:
                    reads |= method_reads
                    calls |= method_calls
        return frozenset(reads)

    def attribute(self, name: str, default: object = None) -> object:
        if name in self.options and name in _REGISTER_OPTIONS:
            return self.options[name]
        for view, _ in self.chain:
            for key, value in view.attributes:
                if key == name:
                    return value
        return default

    def members(self) -> Iterator[tuple[ClassfulMemberFact, str]]:
        """The routable members, nearest definition first."""
        excluded = self.attribute("excluded_methods", ())
        seen = set(excluded) if isinstance(excluded, list | tuple) else set()
        for view, relpath in self.chain:
            for member in view.members:
                if member.name not in seen and member.name not in _OWN:
                    seen.add(member.name)
                    yield member, relpath

    def decorators(self, name: str) -> tuple[DecoratorFact, ...]:
        """The class's `decorators`, and a login guard (a CSRF check) when a hook that
        runs for `name` (the nearest `before_request`, and `before_<name>`) checks the
        login (calls a check named for CSRF)."""
        given = next((v.decorators for v, _ in self.chain if v.decorators is not None), ())
        hooks = ("before_request", f"before_{name}")
        added = [
            DecoratorFact(marker)
            for marker, does in (
                (CLASSFUL_LOGIN_HOOK, lambda h: h.gates_login),
                (CLASSFUL_CSRF_HOOK, lambda h: h.checks_csrf),
            )
            if any(self._hook_does(hook, does) for hook in hooks)
        ]
        return (*given, *added)

    def _hook_does(self, name: str, does: Callable[[ClassfulHookFact], bool]) -> bool:
        """Whether the nearest hook `name` does what `does` asks, or a hook it calls does:
        the next one along the bases for `super().before_request(name)`, the named
        class's (or the nearest above it) for `Base.before_request(self, name)`."""
        refs = [view.ref for view, _ in self.chain]
        start = 0
        while start < len(self.chain):
            found = next(
                (
                    (at, hook)
                    for at, (view, _) in enumerate(self.chain[start:], start)
                    for hook in view.hooks
                    if hook.name == name
                ),
                None,
            )
            if found is None:
                return False
            at, hook = found
            if does(hook):
                return True
            if hook.hands_on is None:
                return False
            named = self.index.canonical(hook.hands_on) if hook.hands_on else ""
            start = max(at + 1, refs.index(named) if named in refs else 0)
        return False

    def base(self) -> str | None:
        value = self.attribute("route_base")
        if value is None:
            stem = self.name[:-4] if self.name.endswith("View") else self.name
            dashed = re.sub(r"(.)([A-Z][a-z]+)", r"\1-\2", stem)
            return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", dashed).lower()
        return value.strip("/") if isinstance(value, str) else None

    def rule(self, rule: str, params: tuple[str, ...] = ()) -> str | None:
        prefix, base = self.attribute("route_prefix"), self.base()
        if base is None or (prefix is not None and not isinstance(prefix, str)):
            return None
        ignored = {"self", *_URL_ARGUMENTS.findall(base)}
        base_args = self.attribute("base_args", [])
        ignored |= set(base_args) if isinstance(base_args, list | tuple) else set()
        parts = [p for p in (prefix, base, rule) if p]
        parts += [f"<{p}>" for p in params if p not in ignored]
        return re.sub(r"/{2,}", "/", "/" + "/".join(parts))


def _library(index: Index, decorator: str) -> bool:
    return index.canonical(decorator).startswith(LIBRARIES)


def _methods(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list | tuple) and all(isinstance(m, str) for m in value):
        return tuple(m.upper() for m in value)
    return None


def _routes_of(
    index: Index, view: _Class, member: ClassfulMemberFact, target: str
) -> Iterator[RouteFact]:
    ours = [(rule, options) for name, rule, options in member.rules if _library(index, name)]
    methods = tuple(m for name, m in member.methods if _library(index, name))
    decorators = member.decorators + view.decorators(member.name)
    # NOTE: a method of the class it calls may read the same parameters by other keys.
    helped = {c[1:] for c in member.body.calls if c.startswith(".")} & view.methods.keys()
    destinations = frozenset() if helped else member.body.destination_reads
    body = replace(member.body, request_reads=view.reads(member), destination_reads=destinations)
    endpoint = f"{view.name}:{member.name}"

    def route(rule: str | None, methods: tuple[str, ...] | None, name: str) -> RouteFact:
        return RouteFact(
            target,
            rule,
            name,
            methods,
            member.view,
            member.location,
            decorators,
            body,
            view_name=name,
        )

    if ours:
        for number, (written, options) in enumerate(ours):
            given = dict(options)
            rule = view.rule(written) if isinstance(written, str) else None
            name = given.get("endpoint")
            if not isinstance(name, str):
                name = endpoint if len(ours) == 1 else f"{endpoint}_{number}"
            yield route(rule, _methods(given.get("methods")), name)
        return
    trailing = view.attribute("trailing_slash", True)
    if member.name in _SPECIAL:
        rule = view.rule("/", member.params)
        allowed: tuple[str, ...] | None = _SPECIAL[member.name]
    else:
        name = member.name
        if view.attribute("method_dashified") is True:
            name = name.replace("_", "-")
        rule = view.rule(f"/{name}/" if trailing is not False else f"/{name}", member.params)
        allowed = methods or _methods(view.attribute("default_methods", ["GET"]))
    if rule is not None and trailing is False and rule != "/":
        rule = rule.rstrip("/")
    elif rule is not None and trailing is True and not rule.endswith("/"):
        rule += "/"
    yield route(rule, allowed, endpoint)


def classful_routes(index: Index) -> list[tuple[RouteFact, str]]:
    """The routes the project's `register()` calls of Flask-Classful views add, each on
    the app or blueprint given (`owner`), with the relpath of the method's module."""
    found: list[tuple[RouteFact, str]] = []
    for register, _ in index.classful_registers:
        ref = index.canonical(register.view)
        if ref not in index.classful_views:
            continue
        lineage = _lineage(index, ref)
        if not _is_view(lineage):
            continue
        view = _Class(index, register, lineage)
        for member, relpath in view.members():
            routes = _routes_of(index, view, member, register.target)
            found += [(r, relpath) for r in routes]
    return found
