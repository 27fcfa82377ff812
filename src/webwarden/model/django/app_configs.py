"""App configs that make URL patterns: `get_urls()` of a Django `AppConfig` subclass.

django-oscar's shape: each app's config returns its routes from `get_urls()`, its views
held in attributes set in `ready()` (`self.detail_view = get_class("catalogue.views",
"ProductDetailView")`, a class, an imported view), other apps' configs included through
their `urls` (`include(self.reviews_app.urls[0])`, `self.reviews_app =
apps.get_app_config("reviews")`), and a project's URLconf including one
(`include(apps.get_app_config("oscar").urls[0])`). The route map (`routes`) follows them
as it follows `urlpatterns`.

A config returning its routes through a method that wraps each pattern's view
(`post_process_urls`: `pattern.callback = decorator(pattern.callback)`, the decorator
what `get_url_decorator` returns) wraps every view of its own list when the attributes
that method tests hold something (`default_permissions = ["is_staff"]`); which names a
`permissions_map` lists is not told apart, nor are the views of the configs it includes
wrapped.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from webwarden.analysis.constants import evaluate
from webwarden.model.django.extract_urls import UrlEntry, method_routes
from webwarden.model.module import FileContext
from webwarden.pickling import fast_pickling

APP_CONFIG_FACTS = "django.app_configs"
APP_CONFIG_BASES = frozenset({"django.apps.AppConfig", "django.apps.config.AppConfig"})
_ROUTE_METHODS = ("get_urls", "urls")
"""Methods returning the config's routes, the first a class defines read."""
_LOADERS = frozenset({"get_class"})
"""`get_class(module_label, name)`: the class `name` of the project module whose dotted
name ends with `module_label` (django-oscar's loader, which also finds an app's fork)."""


@dataclass(frozen=True, slots=True)
class Held:
    """What an attribute of an app config holds."""

    kind: str
    """`view` (a qualified name), `loaded` (`get_class(module_label, name)`: the module
    label and the name joined by a dot) or `config` (the label of an app config)."""
    target: str


@dataclass(frozen=True, slots=True)
class MethodFacts:
    """What a method of an app config does that decides the wrappers of its views."""

    name: str
    rewraps: Held | None = None
    """What it wraps each pattern's view with (`pattern.callback =
    decorator(pattern.callback)`): a decorator (`Held.kind` `view`), or what a method of
    the class returns (`decorator = self.get_url_decorator(pattern)`, kind `method`)."""
    returns: tuple[str, ...] = ()
    """The decorators its `return` statements make (`return permissions_required(...)`)."""
    tested: tuple[str, ...] = ()
    """The attributes and methods of the instance it reads before returning (`permissions
    = self.get_permissions(name)`, then `if permissions:`)."""
    reads: tuple[str, ...] = ()
    """The attributes and methods of the instance it reads anywhere."""


@dataclass(frozen=True, slots=True)
class ConfigFacts:
    """A class that may be an app config making routes, as its module writes it."""

    qualified: str
    bases: tuple[str, ...]
    label: str | None
    namespace: str | None
    entries: tuple[UrlEntry, ...] | None
    """The routes its own route method returns; None when it defines none."""
    extends: bool
    """Its routes follow those of its base (`urls = super().get_urls()`)."""
    held: tuple[tuple[str, Held], ...]
    through: str | None = None
    """The method its routes are returned through (`self.post_process_urls(urls)`)."""
    methods: tuple[MethodFacts, ...] = ()
    filled: tuple[tuple[str, bool], ...] = ()
    """Its class attributes, each with whether it holds something (not None, nor an empty
    literal): a wrapping that reads only empty ones returns no decorator."""


def extract_app_configs(ctx: FileContext) -> tuple[ConfigFacts, ...] | None:
    """The module-level classes of a module that makes routes or loads app configs (else
    None), that define a route method or `ready()` or derive from another class (an app
    config's base, `class ShopConfig(AppConfig)`, whose routes and attributes its
    subclasses inherit)."""
    if not (ctx.mentions("get_urls") or ctx.mentions("get_app_config")):
        return None
    found = tuple(
        facts
        for stmt in ctx.tree.body
        if isinstance(stmt, ast.ClassDef) and (facts := _config(ctx, stmt)) is not None
    )
    return found or None


def _config(ctx: FileContext, cls: ast.ClassDef) -> ConfigFacts | None:
    methods = {
        stmt.name: stmt
        for stmt in cls.body
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    routing = next((methods[name] for name in _ROUTE_METHODS if name in methods), None)
    if routing is None and "ready" not in methods and not cls.bases:
        return None
    entries, extends, through = (
        method_routes(ctx, routing) if routing is not None else (None, False, None)
    )
    attributes = {
        target.id: stmt.value
        for stmt in cls.body
        if isinstance(stmt, ast.Assign)
        for target in stmt.targets
        if isinstance(target, ast.Name)
    }
    label, name, namespace = (
        evaluate(attributes.get(key)) for key in ("label", "name", "namespace")
    )
    if not isinstance(label, str):
        label = name.rpartition(".")[2] if isinstance(name, str) else None
    held = dict(_class_held(ctx, attributes))
    for method in methods.values():
        held.update(_held(ctx, method))
    return ConfigFacts(
        f"{ctx.module}.{cls.name}",
        tuple(b for base in cls.bases if (b := ctx.qualified_here(base)) is not None),
        label,
        namespace if isinstance(namespace, str) else None,
        entries,
        extends,
        tuple(sorted(held.items())),
        through,
        tuple(facts for method in methods.values() if (facts := _method(ctx, method)) is not None),
        tuple((name, _filled(value)) for name, value in attributes.items()),
    )


def _filled(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant):
        return value.value not in (None, "", False, 0)
    if isinstance(value, ast.Dict):
        return bool(value.keys)
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return bool(value.elts)
    return True


def _method(ctx: FileContext, method: ast.FunctionDef | ast.AsyncFunctionDef) -> MethodFacts | None:
    """What the method does to decide its views' wrappers (see `MethodFacts`), or None
    when it reads nothing of the instance and returns no decorator."""
    params = [*method.args.posonlyargs, *method.args.args]
    instance = params[0].arg if params else ""
    nodes = ctx.subtree(method)
    returned: list[ast.AST] = [
        node for stmt in nodes if isinstance(stmt, ast.Return) for node in ast.walk(stmt)
    ]
    inside = {id(node) for node in returned}
    reads: dict[str, bool] = {}
    assigned = [node for node in nodes if isinstance(node, ast.Assign) and len(node.targets) == 1]
    bound = {
        node.targets[0].id: node.value for node in assigned if isinstance(node.targets[0], ast.Name)
    }
    rewraps = None
    for assign in assigned:
        target = assign.targets[0]
        if isinstance(target, ast.Attribute) and target.attr == "callback":
            rewraps = _wrapper(ctx, assign.value, bound, instance)
    for read in nodes:
        if (
            isinstance(read, ast.Attribute)
            and isinstance(read.value, ast.Name)
            and read.value.id == instance
            and isinstance(read.ctx, ast.Load)
        ):
            reads[read.attr] = reads.get(read.attr, False) or id(read) not in inside
    made = tuple(
        name
        for node in returned
        if isinstance(node, ast.Call)
        and (name := ctx.qualified_here(node.func)) is not None
        and not name.startswith(("super", instance + "."))
        and "." in name
    )
    if not (reads or made or rewraps):
        return None
    tested = tuple(name for name, outside in reads.items() if outside)
    return MethodFacts(method.name, rewraps, made, tested, tuple(reads))


def _wrapper(
    ctx: FileContext, value: ast.expr, bound: dict[str, ast.expr], instance: str
) -> Held | None:
    """What `pattern.callback = decorator(pattern.callback)` wraps the view with."""
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if isinstance(func, ast.Name) and func.id in bound:
        func = bound[func.id]
        if (
            isinstance(func, ast.Call)
            and isinstance(func.func, ast.Attribute)
            and isinstance(func.func.value, ast.Name)
            and func.func.value.id == instance
        ):
            return Held("method", func.func.attr)
    qualified = ctx.qualified_here(func)
    return Held("view", qualified) if qualified is not None else None


def _class_held(ctx: FileContext, attributes: dict[str, ast.expr]) -> Iterator[tuple[str, Held]]:
    for name, value in attributes.items():
        held = _holds(ctx, value)
        if held is not None:
            yield name, held


def _held(
    ctx: FileContext, method: ast.FunctionDef | ast.AsyncFunctionDef
) -> Iterator[tuple[str, Held]]:
    """`self.name = value` in a method, for the values naming a view or an app config."""
    params = [*method.args.posonlyargs, *method.args.args]
    if not params:
        return
    instance = params[0].arg
    for stmt in ctx.subtree(method):
        if not isinstance(stmt, ast.Assign):
            continue
        for target in stmt.targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == instance
                and (held := _holds(ctx, stmt.value)) is not None
            ):
                yield target.attr, held


def _holds(ctx: FileContext, value: ast.expr) -> Held | None:
    if isinstance(value, ast.Call):
        name = value.func.attr if isinstance(value.func, ast.Attribute) else ""
        name = value.func.id if isinstance(value.func, ast.Name) else name
        first = evaluate(value.args[0]) if value.args else None
        if name == "get_app_config" and isinstance(first, str):
            return Held("config", first)
        second = evaluate(value.args[1]) if len(value.args) > 1 else None
        if name in _LOADERS and isinstance(first, str) and isinstance(second, str):
            return Held("loaded", f"{first}.{second}")
        return None
    if isinstance(value, ast.Name | ast.Attribute):
        qualified = ctx.qualified_here(value)
        if qualified is not None and "." in qualified:
            return Held("view", qualified)
    return None


class ConfigMap:
    """The project's app configs that make routes, each class's routes with the views and
    configs its attributes hold (its own, else its bases')."""

    def __init__(
        self,
        configs: Iterable[ConfigFacts],
        load: Callable[[str], str | None],
        is_config: Callable[[str], bool],
    ) -> None:
        """`load`: the qualified name of a class `get_class` names (`Held.kind` `loaded`);
        `is_config`: whether a class derives from Django's `AppConfig`."""
        self.classes = {facts.qualified: facts for facts in configs}
        self.load = load
        self._labels: dict[str, list[str]] = {}
        for qualified, facts in sorted(self.classes.items()):
            if facts.label is not None and is_config(qualified):
                self._labels.setdefault(facts.label, []).append(qualified)
        self._is_config = is_config

    def _mro(self, qualified: str) -> list[ConfigFacts]:
        """The class and its ancestors the map knows, nearest first."""
        found: list[ConfigFacts] = []
        queue, seen = [qualified], set[str]()
        while queue and len(seen) < 32:
            name = queue.pop(0)
            facts = self.classes.get(name)
            if name in seen or facts is None:
                continue
            seen.add(name)
            found.append(facts)
            queue.extend(facts.bases)
        return found

    def by_label(self, label: str) -> str | None:
        """The app config of this label: of several, the one no other derives from (an
        app's fork, `class BasketConfig(apps.BasketConfig)`)."""
        classes = self._labels.get(label, [])
        derived = {base.qualified for c in classes for base in self._mro(c)[1:]}
        kept = [c for c in classes if c not in derived]
        return kept[0] if kept else None

    def namespace(self, qualified: str) -> str | None:
        """The instance namespace the config's `urls` give (its `namespace` attribute)."""
        return next((f.namespace for f in self._mro(qualified) if f.namespace), None)

    def entries(self, qualified: str) -> tuple[UrlEntry, ...]:
        """The routes of the config class, each view and config it names resolved."""
        mro = self._mro(qualified)
        held: dict[str, Held] = {}
        for facts in reversed(mro):
            held.update(facts.held)
        resolved = tuple(self._resolved(entry, held) for entry in self._own(mro))
        through = next((f.through for f in mro if f.entries is not None), None)
        wrappers = self._rewrapped(mro, through) if through is not None else ()
        if not wrappers:
            return resolved
        return tuple(
            replace(e, view=replace(e.view, wrappers=(*wrappers, *e.view.wrappers)))
            if e.view is not None
            else e
            for e in resolved
        )

    def _rewrapped(self, mro: list[ConfigFacts], through: str) -> tuple[str, ...]:
        """The decorators the method the routes are returned through wraps each view
        with (`pattern.callback = decorator(pattern.callback)`): a decorator it names, or
        what the method making it returns (`get_url_decorator`), unless what that method
        tests first (`self.get_permissions(name)`, reading `permissions_map` and
        `default_permissions`) is all left empty by the class (no permission asked)."""
        method = _method_of(mro, through)
        source = None if method is None else method.rewraps
        if source is None:
            return ()
        if source.kind == "view":
            return (source.target,)
        maker = _method_of(mro, source.target)
        if maker is None or not maker.returns:
            return ()
        return maker.returns if _asks(mro, maker) else ()

    def _own(self, mro: list[ConfigFacts]) -> tuple[UrlEntry, ...]:
        for index, facts in enumerate(mro):
            if facts.entries is not None:
                inherited = self._own(mro[index + 1 :]) if facts.extends else ()
                return (*inherited, *facts.entries)
        return ()

    def _resolved(self, entry: UrlEntry, held: dict[str, Held]) -> UrlEntry:
        view, include = entry.view, entry.include
        if view is not None and view.attribute is not None:
            return replace(entry, view=replace(view, target=self._view(held.get(view.attribute))))
        if include is not None and include.attribute is not None:
            config = held.get(include.attribute)
            label = config.target if config is not None and config.kind == "config" else None
            return replace(entry, include=replace(include, config=label, attribute=None))
        if include is not None and include.entries is not None:
            inner = tuple(self._resolved(e, held) for e in include.entries)
            return replace(entry, include=replace(include, entries=inner))
        return entry

    def _view(self, held: Held | None) -> str | None:
        if held is None or held.kind == "config":
            return None
        return self.load(held.target) if held.kind == "loaded" else held.target

    def roots(self) -> list[str]:
        """The app configs whose routes no other config includes, of a class no other
        derives from: served at the root of a project made of them (`Shop.get_urls()`
        including each app's), or where the project includes them."""
        included = {
            e.include.config
            for qualified in self.classes
            for e in self.entries(qualified)
            if e.include is not None and e.include.config is not None
        }
        derived = {base.qualified for c in self.classes for base in self._mro(c)[1:]}
        return [
            qualified
            for qualified, facts in sorted(self.classes.items())
            if qualified not in derived
            and facts.label not in included
            and self._is_config(qualified)
            and self.entries(qualified)
        ]


def _method_of(mro: list[ConfigFacts], name: str) -> MethodFacts | None:
    """The method `name` of the nearest class defining it."""
    for facts in mro:
        for method in facts.methods:
            if method.name == name:
                return method
    return None


def _asks(mro: list[ConfigFacts], maker: MethodFacts) -> bool:
    """Whether the attributes the method tests before returning its decorator (and those
    the methods it calls there read) hold something for the class: one does, or it
    tests none."""
    pending, seen = list(maker.tested), set[str]()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        method = _method_of(mro, name)
        if method is not None:
            pending.extend(method.reads)
            continue
        filled = next((dict(f.filled)[name] for f in mro if name in dict(f.filled)), None)
        if filled:
            return True
    return not seen


fast_pickling(globals())
