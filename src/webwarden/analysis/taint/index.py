"""The project's functions and classes by qualified name, with import resolution and the
order in which to summarise them (callees first, recursion grouped)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.beside import names_beside
from webwarden.analysis.taint.render import Names
from webwarden.analysis.taint.settled import GLOBAL, NEEDS, NOTHING, SAME, joined
from webwarden.analysis.taint.specs import (
    DJANGO_ORM_CLASSES,
    DJANGO_SETTINGS_PREFIX,
    REQUEST_GLOBALS,
    REQUEST_PARSERS,
    RESTX_APIS,
)

if TYPE_CHECKING:
    from webwarden.analysis.taint.outline import Outline

_MAX_ALIAS_HOPS = 6
_REQUEST_GLOBAL_PREFIXES = tuple(f"{name}." for name in sorted(REQUEST_GLOBALS))
_SHARED_PREFIXES = (*_REQUEST_GLOBAL_PREFIXES, DJANGO_SETTINGS_PREFIX)
"""Names more than one module may bind: each binding counts."""
_MAX_MRO = 32
_RESTX_MADE = {"parser": "flask_restx.reqparse.RequestParser", "namespace": "flask_restx.Namespace"}
"""Methods of Flask-RESTX's `Api` (and `Namespace`) making its objects."""
_MAX_FACTORY_CHAIN = 4


@dataclass(frozen=True, slots=True)
class Located:
    """A function and the file it is in."""

    function: ir.Function
    relpath: str
    module: str = ""


def of_library(index: IndexView, kind: str, prefixes: tuple[str, ...]) -> bool:
    """Whether an instance kind (`IndexView.instance_kind`) is an object of a library class
    these prefixes name (`ninja.`), or of a project class inheriting one."""
    if kind.startswith("cls:"):
        return index.inherits(kind[4:], prefixes)
    return kind.startswith(prefixes)


class IndexView(Protocol):
    """The questions the interpreter asks about the project's definitions."""

    @property
    def functions(self) -> Mapping[str, Located]:
        """Qualified name -> function."""

    @property
    def classes(self) -> Mapping[str, ir.ClassDef]:
        """Qualified name -> class."""

    def resolve(self, name: str) -> str | None:
        """See `ProjectIndex.resolve`."""

    def canonical(self, name: str) -> str:
        """See `ProjectIndex.canonical`."""

    def instance_kind(self, name: str) -> str | None:
        """See `ProjectIndex.instance_kind`."""

    def compiled_pattern(self, name: str) -> str | None:
        """See `ProjectIndex.compiled_pattern`."""

    def mro(self, qualname: str) -> list[str]:
        """See `ProjectIndex.mro`."""

    def method(self, qualname: str, name: str, *, skip_first: bool = False) -> Located | None:
        """See `ProjectIndex.method`."""

    def class_ref(self, qualname: str, name: str) -> str | None:
        """See `ProjectIndex.class_ref`."""

    def subclass_refs(self, qualname: str, name: str) -> tuple[str, ...]:
        """See `ProjectIndex.subclass_refs`."""

    def member_class(self, qualname: str, name: str) -> str | None:
        """See `ProjectIndex.member_class`."""

    def member_callee(self, qualname: str, name: str) -> str | None:
        """See `ProjectIndex.member_callee`."""

    def settled_member(self, qualname: str, name: str) -> str | None:
        """See `ProjectIndex.settled_member`."""

    def manager_class(self, model: str | None, attr: str) -> str | None:
        """See `ProjectIndex.manager_class`."""

    def is_module(self, name: str) -> bool:
        """See `ProjectIndex.is_module`."""

    def inherits(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        """See `ProjectIndex.inherits`."""

    def mixed_into(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        """See `ProjectIndex.mixed_into`."""

    def resolved_field(self, qualname: str) -> tuple[str, str] | None:
        """See `ProjectIndex.resolved_field`."""

    def sole_method(self, name: str) -> str | None:
        """See `ProjectIndex.sole_method`."""

    def method_definers(self, name: str) -> tuple[str, ...]:
        """See `ProjectIndex.method_definers`."""

    def subclass_definers(self, qualname: str, name: str) -> tuple[str, ...]:
        """See `ProjectIndex.subclass_definers`."""

    def subclasses(self, qualname: str) -> tuple[str, ...]:
        """See `ProjectIndex.subclasses`."""


class ProjectIndex:
    """Every lowered function and class of the project."""

    def __init__(self, modules: Mapping[str, tuple[str, Outline, Mapping[str, str]]]) -> None:
        """`modules`: relpath -> (dotted name, outline, import aliases of the module)."""
        self.functions: dict[str, Located] = {}
        self.classes: dict[str, ir.ClassDef] = {}
        self.aliases: dict[str, Mapping[str, str]] = {}
        self.instances: dict[str, str] = {}
        """Module-level `name = Call(...)`: qualified name -> the callee's qualified name."""
        self.patterns: dict[str, str] = {}
        """Module-level `NAME = re.compile("...")`: qualified name -> the pattern."""
        set_outside: set[str] = set()
        patched: list[tuple[str, str, str]] = []
        for relpath, (module, outline, aliases) in sorted(modules.items()):
            # NOTE: a name the module binds once to an imported object is reached from
            # other modules as that object, as an import alias is (`module_aliases`).
            renamed = {n: q for n, q in outline.renamed if n not in aliases}
            if outline.replaced:
                # NOTE: an imported class the module replaces by its instance is no
                # re-export: the name holds the instance (`instance_rebinds`).
                aliases = {n: q for n, q in aliases.items() if n not in outline.replaced}
            self.aliases.setdefault(module, {**aliases, **renamed} if renamed else aliases)
            patched += outline.patched
            for function in outline.functions:
                self.functions.setdefault(function.qualname, Located(function, relpath, module))
            for name, callee in outline.instances:
                known = self.instances.get(name, callee)
                if name.startswith(_SHARED_PREFIXES) and known != callee:
                    # NOTE: `g.user` set to objects of different kinds, or a setting one
                    # settings module makes a fixed URL and another not: none is known.
                    callee = ""
                self.instances[name] = callee
            for cls in outline.classes:
                self.classes.setdefault(cls.qualname, cls)
            set_outside.update(outline.set_outside)
            self.patterns.update(outline.patterns)
        self._set_outside = frozenset(set_outside)
        self._subclasses: dict[str, list[str]] | None = None
        self._resolved: dict[str, str | None] = {}
        self._tops = frozenset(module.split(".")[0] for module in self.aliases if module)
        self._homes = _top_homes(modules)
        self._names: dict[str, Names] = {}
        self._canonical: dict[str, str] = {}
        self._mro: dict[str, tuple[str, ...]] = {}
        self._methods: dict[tuple[str, str, bool], Located | None] = {}
        self._mixins: dict[tuple[str, ...], frozenset[str]] = {}
        self._resolvers: dict[str, tuple[str, str]] | None = None
        self._nested: dict[str, str] | None = None
        self._beside: dict[str, str] | None = None
        self._definers: dict[str, list[str]] | None = None
        self._library_modules: frozenset[str] | None = None
        self._patched = self._patched_methods(patched)

    def _patched_methods(self, patched: list[tuple[str, str, str]]) -> dict[str, Located]:
        """`Class.name` -> the project's module-level function the project sets on the
        class as that method (`Org.stats = org_stats`, see `Outline.patched`), read as a
        method of the class: a call on an instance passes the instance first. A name the
        class body defines itself, or set twice, is left out."""
        found: dict[str, Located] = {}
        twice: set[str] = set()
        for cls, name, function in patched:
            located = self.functions.get(self.resolve(function) or function)
            if located is None or located.function.kind != "function":
                continue
            owner = self.resolve(cls) or cls
            key = f"{owner}.{name}"
            if key in self.functions:
                continue
            if key in found and found[key].function.qualname != located.function.qualname:
                twice.add(key)
            bound = replace(located.function, name=name, owner=owner, kind="method")
            found[key] = Located(bound, located.relpath, located.module)
        return {key: located for key, located in found.items() if key not in twice}

    def names(self, module: str) -> Names:
        """How the module writes qualified names, for messages."""
        found = self._names.get(module)
        if found is None:
            found = self._names[module] = Names(module, self.aliases.get(module))
        return found

    def resolve(self, name: str) -> str | None:
        """The project definition `name` stands for, through re-exports; None if none."""
        if name in self._resolved:
            return self._resolved[name]
        found = self._resolve(name, 0)
        if found is None and name.split(".")[0] not in self._tops:
            # NOTE: scanned from inside a package (`django/` itself, or `src/pkg`), modules
            # lack the prefix the code imports them by: `django.db.x` is our `db.x`.
            parts = name.split(".")
            for cut in range(1, len(parts) - 1):
                if parts[cut] in self._tops and self._lies_under(parts[cut], parts[:cut]):
                    found = self._resolve(".".join(parts[cut:]), 0)
                    break
            rooted = self._rooted(name)
            if found is None and rooted is not None:
                found = self._resolve(rooted, 0)
            if found is None:
                found = self._resolve_beside(parts)
        self._resolved[name] = found
        return found

    def _resolve_beside(self, parts: list[str]) -> str | None:
        """`forms.FeedbackForm` imported in `pkg/views.py` from the `pkg/forms.py` beside
        it (see `beside`): the definition it names there."""
        if len(parts) < 2:
            return None
        if self._beside is None:
            self._beside = names_beside(self.aliases, self._defines)
        meant = self._beside.get(f"{parts[0]}.{parts[1]}")
        return None if meant is None else self._resolve(".".join([meant, *parts[2:]]), 0)

    def _defines(self, qualname: str) -> bool:
        """Whether the project defines `qualname`: a function, class, module-level object
        or module of it, or one that its module imports from another module of it."""
        return (
            qualname in self.functions
            or qualname in self.classes
            or qualname in self.instances
            or qualname in self.aliases
            or self._resolve(qualname, 0) is not None
        )

    def _lies_under(self, top: str, prefix: list[str]) -> bool:
        """Whether the top-level module `top` can be what `prefix.top` imports: it sits at
        the scan's root (scanned from inside the package `prefix`), or in a folder whose
        path ends with the prefix (a namespace package without `__init__.py`). A script's
        module in some other folder (`tools/sync/identifier.py`) is not the installed
        library's `arxiv.identifier`."""
        tail = "/".join(prefix)
        return any(
            not home or home == tail or home.endswith(f"/{tail}")
            for home in self._homes.get(top, ())
        )

    def _rooted(self, name: str) -> str | None:
        """`name` read from a package nested in a top-level one, when its first part names
        only that package: `cps.constants.X` is `calibre.cps.constants.X` in an app whose
        entry script puts its own folder on `sys.path` (`sys.path.insert(0, here)`), or
        that is scanned from the folder above its import root. None otherwise."""
        first, dot, rest = name.partition(".")
        if not dot or first in self._tops:
            return None
        if self._nested is None:
            self._nested = _nested_packages(self.aliases)
        package = self._nested.get(first)
        return f"{package}.{rest}" if package else None

    def _resolve(self, name: str, hops: int) -> str | None:
        if name in self.functions or name in self.classes:
            return name
        if hops > _MAX_ALIAS_HOPS:
            return None
        parts = name.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            aliases = self.aliases.get(".".join(parts[:cut]))
            if aliases is None:
                continue
            target = aliases.get(parts[cut])
            if target is None:
                return None
            return self._resolve(".".join([target, *parts[cut + 1 :]]), hops + 1)
        return None

    def canonical(self, name: str) -> str:
        """The name an import of a project module re-exports (`pkg.compat.escape` ->
        `django.utils.html.escape`); unchanged when it is not a re-export."""
        found = self._canonical.get(name)
        if found is None:
            found = self._canonical[name] = self._reexported(name, 0)
        return found

    def _reexported(self, name: str, hops: int) -> str:
        parts = name.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            aliases = self.aliases.get(".".join(parts[:cut]))
            if aliases is not None:
                target = aliases.get(parts[cut])
                if target is None or hops > _MAX_ALIAS_HOPS:
                    return name
                return self._reexported(".".join([target, *parts[cut + 1 :]]), hops + 1)
        return name

    def compiled_pattern(self, name: str) -> str | None:
        """The pattern a module-level name was compiled from (`NAME_RX = re.compile(...)`),
        read from another module, through re-exports; None for any other name."""
        found = self.patterns.get(name) or self.patterns.get(self._reexported(name, 0))
        if found is None and (rooted := self._rooted(name)) is not None:
            found = self.patterns.get(rooted)
        return found

    def instance_kind(self, name: str, depth: int = 0) -> str | None:
        """The kind of a module-level object (`db = SQLAlchemy()`), through re-exports."""
        callee = self.instances.get(name)
        if callee is None:
            parts = name.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                aliases = self.aliases.get(".".join(parts[:cut]))
                if aliases is not None and parts[cut] in aliases and cut == len(parts) - 1:
                    callee = self.instances.get(aliases[parts[cut]])
                    break
        if callee is None:
            rooted = self._rooted(name)
            callee = self.instances.get(rooted) if rooted is not None else None
        if not callee:
            return None
        resolved = self.resolve(callee)
        if resolved is not None and resolved in self.classes:
            return f"cls:{resolved}"
        return self._restful_kind(callee, depth) or callee

    def _restful_kind(self, callee: str, depth: int) -> str | None:
        """What Flask-RESTX's factories make: `api.namespace()` a `Namespace`,
        `api.parser()` (or a namespace's) a `RequestParser`, as does `parser.copy()`."""
        owner, _, method = callee.rpartition(".")
        if method not in {*_RESTX_MADE, "copy"} or not owner or depth >= _MAX_FACTORY_CHAIN:
            return None
        kind = self.instance_kind(owner, depth + 1)
        if kind is None:
            return None
        if method == "copy":
            return kind if kind in REQUEST_PARSERS else None
        api = kind in RESTX_APIS or (
            kind.startswith("cls:") and self.inherits(kind[4:], tuple(RESTX_APIS))
        )
        return _RESTX_MADE[method] if api else None

    def mro(self, qualname: str) -> list[str]:
        """The class and its ancestors (project classes resolved, others by name)."""
        known = self._mro.get(qualname)
        if known is None:
            known = self._mro[qualname] = self._ancestors(qualname)
        return list(known)

    def _ancestors(self, qualname: str) -> tuple[str, ...]:
        found: list[str] = []
        queue = [qualname]
        while queue and len(found) < _MAX_MRO:
            name = queue.pop(0)
            resolved = self.resolve(name) or name
            if resolved in found:
                continue
            found.append(resolved)
            cls = self.classes.get(resolved)
            if cls is not None:
                queue.extend(cls.bases)
        return tuple(found)

    def method(self, qualname: str, name: str, *, skip_first: bool = False) -> Located | None:
        """The method `name` a class has (its own or inherited from a project class)."""
        key = (qualname, name, skip_first)
        if key not in self._methods:
            self._methods[key] = self._method(qualname, name, skip_first)
        return self._methods[key]

    def _method(self, qualname: str, name: str, skip_first: bool) -> Located | None:
        for cls in self.mro(qualname)[1 if skip_first else 0 :]:
            found = self.functions.get(f"{cls}.{name}") or self._patched.get(f"{cls}.{name}")
            if found is not None and found.function.owner == cls:
                return found
        return None

    def sole_method(self, name: str) -> str | None:
        """The only project class whose body defines a method `name`, or None when none
        does or several do (a subclass overriding it counts)."""
        found = self.method_definers(name)
        return found[0] if len(found) == 1 else None

    def method_definers(self, name: str) -> tuple[str, ...]:
        """The project classes whose bodies define a method `name`, in index order."""
        if self._definers is None:
            self._definers = {}
            for qualname, cls in self.classes.items():
                for method in cls.methods:
                    self._definers.setdefault(method, []).append(qualname)
            for patched in self._patched.values():
                function = patched.function
                self._definers.setdefault(function.name, []).append(function.owner)
        return tuple(self._definers.get(name, ()))

    def subclass_definers(self, qualname: str, name: str) -> tuple[str, ...]:
        """The project classes defining the method `name` that the project's subclasses
        of a class run, when neither the class nor a project ancestor defines one: a hook
        the base's methods call on the subclasses' instances
        (`self.url_for_single_result(row)`, guarded by `hasattr(self, ...)`), which each
        subclass supplies its own way, or, for a mixin, the method the classes mixing it
        in inherit from their other bases (`class EditView(QuickAddMixin, BaseEditView)`,
        whose `BaseEditView` side defines what the mixin's `self.get_return_url()` runs)."""
        if self.method(qualname, name) is not None:
            return ()
        owners: dict[str, None] = {}
        for cls in self._subclass_map().get(qualname, ()):
            found = self.method(cls, name)
            if found is not None:
                owners[found.function.owner] = None
        return tuple(owners)

    def subclasses(self, qualname: str) -> tuple[str, ...]:
        """The project's classes deriving from a class, directly or not."""
        return tuple(self._subclass_map().get(qualname, ()))

    def class_ref(self, qualname: str, name: str) -> str | None:
        """What a class attribute `name = SomeClass` names (own or inherited), or the
        class nested under that name (`class InputSerializer(Serializer):` in a view,
        made by its methods as `self.InputSerializer(data=...)`)."""
        for cls in self.mro(qualname):
            definition = self.classes.get(cls)
            if definition is not None:
                for attribute, target in definition.refs:
                    if attribute == name:
                        return self.resolve(target) or target
                if f"{cls}.{name}" in self.classes:
                    return f"{cls}.{name}"
        return None

    def subclass_refs(self, qualname: str, name: str) -> tuple[str, ...]:
        """What the project's subclasses of a class name in their own class attribute
        `name = SomeClass`, when the class and its ancestors name nothing: a base
        service's `__model__ = None`, set to a different model by each subclass, which
        the base's methods call (`self.__model__(**kwargs)`) on the subclass's instances."""
        if self.class_ref(qualname, name) is not None:
            return ()
        found: list[str] = []
        for cls in self._subclass_map().get(qualname, ()):
            definition = self.classes.get(cls)
            for attribute, target in definition.refs if definition is not None else ():
                resolved = self.resolve(target) or target
                if attribute == name and resolved not in found:
                    found.append(resolved)
        return tuple(found)

    def _subclass_map(self) -> dict[str, list[str]]:
        """Class -> its project subclasses (direct or not)."""
        if self._subclasses is None:
            self._subclasses = {}
            for cls in self.classes:
                for base in self.mro(cls)[1:]:
                    self._subclasses.setdefault(base, []).append(cls)
        return self._subclasses

    def member_class(self, qualname: str, name: str) -> str | None:
        """The project class of the object an instance keeps as `name`: made in a method
        (`self.repo = Repository()`) or in the class body (`repo = Repository()`)."""
        for cls in self.mro(qualname):
            definition = self.classes.get(cls)
            if definition is None:
                continue
            for attribute, callee in (*definition.members, *definition.fields):
                if attribute == name:
                    held = callee.startswith("@")
                    target = self.class_ref(qualname, callee[1:]) if held else self.resolve(callee)
                    if target is not None and target in self.classes:
                        return target
        return None

    def member_callee(self, qualname: str, name: str) -> str | None:
        """What made the object an instance keeps as `name`, resolved: a call in a method
        (`self.reqparse = reqparse.RequestParser()`) or in the class body; the nearest
        class defining it decides."""
        for cls in self.mro(qualname):
            definition = self.classes.get(cls)
            if definition is None:
                continue
            for attribute, callee in (*definition.members, *definition.fields):
                if attribute == name and not callee.startswith("@"):
                    return self.resolve(callee) or callee
        return None

    def settled_member(
        self, qualname: str, name: str, _seen: frozenset[str] = frozenset()
    ) -> str | None:
        """What the attribute `name` of the class's instances holds when every value the
        project gives it is settled (`settled.settled_kind`): in the class, its ancestors
        and its subclasses, and in no other code; None when one is not, when none gives it
        a value, or when one of them defines a method of that name. A value made of other
        attributes of the instance is settled when they are."""
        if name in self._set_outside or name in _seen:
            return None
        kinds: list[str] = []
        for cls in (*self.mro(qualname), *self._subclass_map().get(qualname, ())):
            definition = self.classes.get(cls)
            if definition is None:
                continue
            if name in definition.methods:
                return None
            for attribute, given in definition.assigned:
                if attribute != name:
                    continue
                kind = self._through_instance(qualname, given, _seen | {name})
                if kind is None:
                    return None
                if not kind.startswith(NEEDS):
                    kinds.append(kind)
        return self._joined_settled(kinds) if kinds else None

    def _joined_settled(self, kinds: list[str]) -> str:
        """What an attribute given these settled values holds. A `None` default counts
        only when nothing else is given; several project classes (a base viewset's
        `executor = None`, set to a different executor class by each subclass) join to
        their nearest common ancestor of the project, whose methods the others inherit
        or override."""
        given = [kind for kind in kinds if kind != NOTHING]
        if not given:
            return ""
        first = given[0]
        if all(kind == first for kind in given):
            return first
        if not all(kind.startswith(GLOBAL) for kind in given):
            return joined(given)
        classes = [self.resolve(kind[len(GLOBAL) :]) for kind in given]
        if any(cls is None or cls not in self.classes for cls in classes):
            return ""
        ancestries = [self.mro(cls) for cls in classes if cls is not None]
        for cls in ancestries[0]:
            if cls in self.classes and all(cls in ancestry for ancestry in ancestries[1:]):
                return GLOBAL + cls
        return ""

    def _through_instance(
        self, qualname: str, kind: str | None, seen: frozenset[str]
    ) -> str | None:
        """`kind`, with another attribute of the instance it names worked out."""
        if kind is None or not kind.startswith((SAME, NEEDS)):
            return kind
        held = self.settled_member(qualname, kind[1:], seen)
        if held is None or kind.startswith(SAME):
            return held
        return kind

    def is_module(self, name: str) -> bool:
        """Whether `name` is a module, not an object of one: a module of the project
        (`shop.query`; scanned from inside the package, `shop.query` is our `query`, see
        `resolve`), or a library's module that the project's imports show to be one."""
        if name in self.aliases:
            return True
        parts = name.split(".")
        if parts[0] in self._tops:
            return False
        if name in self._imported_modules():
            return True
        return any(
            parts[cut] in self._tops
            and self._lies_under(parts[cut], parts[:cut])
            and ".".join(parts[cut:]) in self.aliases
            for cut in range(1, len(parts))
        )

    def _imported_modules(self) -> frozenset[str]:
        """The library modules the project's imports name as modules: what a `from`
        import reads from (`django.db.models` for `from django.db.models import query`),
        the packages above what an `import a.b as c` imports, and what `import a` binds."""
        if self._library_modules is None:
            found: set[str] = set()
            for imported in self.aliases.values():
                for local, target in imported.items():
                    parts = target.split(".")
                    if parts[0] in self._tops:
                        continue
                    if local == target:
                        found.add(target)
                    found.update(".".join(parts[:cut]) for cut in range(1, len(parts)))
            self._library_modules = frozenset(found)
        return self._library_modules

    def manager_class(self, model: str | None, attr: str) -> str | None:
        """The project's manager or queryset class a model sets as `attr` (`objects =
        ProductManager()`, `catalogue = ProductQuerySet.as_manager()`: a manager with the
        queryset's methods), whose methods a call of `Model.attr.method()` runs."""
        definition = self.classes.get(model) if model is not None else None
        for field, callee in definition.fields if definition is not None else ():
            if field == attr:
                manager = self.resolve(callee.removesuffix(".as_manager"))
                if manager is not None and self.inherits(manager, DJANGO_ORM_CLASSES):
                    return manager
        return None

    def inherits(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        """Whether the class has an ancestor whose name starts with one of `prefixes`."""
        return any(base.startswith(prefixes) for base in self.mro(qualname)[1:])

    def mixed_into(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        """Whether the class is a base of a project class that inherits one of `prefixes`
        without inheriting them itself: a mixin (`class EditMixin:` of `class
        EditView(EditMixin, UpdateView)`), whose methods run on instances of that class."""
        mixins = self._mixins.get(prefixes)
        if mixins is None:
            mixins = self._mixins[prefixes] = frozenset(
                base
                for cls in self.classes
                if self.inherits(cls, prefixes)
                for base in self.mro(cls)[1:]
                if base in self.classes
            )
        return qualname in mixins

    def resolved_field(self, qualname: str) -> tuple[str, str] | None:
        """(class, field) of a class attribute made with `resolver=` the function
        (`paste = graphene.Field(Paste, resolver=find_paste)`), or None."""
        if self._resolvers is None:
            self._resolvers = {}
            for cls in self.classes.values():
                for field, keyword, target in cls.arguments:
                    if keyword == "resolver":
                        function = self.resolve(target) or target
                        self._resolvers.setdefault(function, (cls.qualname, field))
        return self._resolvers.get(qualname)


CallSite = tuple[str | None, str | None]
"""What a call names: the qualified callee, or the method called on `self`."""


def callees(index: IndexView, sites: tuple[CallSite, ...], owner: str) -> Iterator[str]:
    """Project functions a function with these call sites calls, as far as names tell."""
    for callee, method in sites:
        if callee is not None:
            target = index.resolve(callee)
            if target is None:
                continue
            if target in index.functions:
                yield target
            elif target in index.classes:
                init = index.method(target, "__init__")
                if init is not None:
                    yield init.function.qualname
        elif method is not None:
            found = index.method(owner, method)
            if found is not None:
                yield found.function.qualname


def components(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Strongly connected components of the call graph, callees before callers (an
    iterative Tarjan: components in reverse topological order)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, [])
            if child < len(edges):
                work.append((node, child + 1))
                target = edges[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def _top_homes(
    modules: Mapping[str, tuple[str, Outline, Mapping[str, str]]],
) -> dict[str, frozenset[str]]:
    """Top-level module name -> the folders (relative to the scan root) its files sit in:
    `tools/sync/identifier.py`, named `identifier`, sits in `tools/sync`."""
    found: dict[str, set[str]] = {}
    for relpath, (module, _, _) in modules.items():
        if not module:
            continue
        steps = relpath.removesuffix(".py").removesuffix(".pyw").split("/")
        if steps[-1] == "__init__":
            steps.pop()
        depth = len(steps) - len(module.split("."))
        found.setdefault(module.split(".")[0], set()).add("/".join(steps[: max(depth, 0)]))
    return {top: frozenset(homes) for top, homes in found.items()}


def _nested_packages(modules: Iterable[str]) -> dict[str, str]:
    """Last name -> dotted name of each package below a top-level one (`calibre.cps`),
    for the names no other such package shares."""
    found: dict[str, str] = {}
    shared: set[str] = set()
    for module in modules:
        parts = module.split(".")
        for end in range(2, len(parts)):
            last, package = parts[end - 1], ".".join(parts[:end])
            if found.setdefault(last, package) != package:
                shared.add(last)
    return {last: package for last, package in found.items() if last not in shared}


def expr_calls(node: ir.Expr) -> Iterator[ir.Call]:
    """Every call in the expression, outermost first."""
    stack: list[ir.Expr] = [node]
    while stack:
        current = stack.pop()
        match current:
            case ir.Call(func=func, args=args, keywords=keywords):
                yield current
                stack.append(func)
                stack.extend(args)
                stack.extend(v for _, v in keywords)
            case ir.Attr(value=value) | ir.Star(value=value) | ir.Walrus(value=value):
                stack.append(value)
            case ir.Sub(value=value, index=index):
                stack += [value, index]
            case ir.Fmt(parts=parts) | ir.Clean(parts=parts):
                stack.extend(parts)
            case ir.Seq(elts=elts) | ir.Union(values=elts):
                stack.extend(elts)
            case ir.DictE(keys=keys, values=values):
                stack.extend(k for k in keys if k is not None)
                stack.extend(values)
            case ir.Comp(generators=generators, elt=elt):
                stack.append(elt)
                for _, iterable, conditions in generators:
                    stack.append(iterable)
                    stack.extend(conditions)
