"""A module's taint IR in three parts: the outline the project index is built from, the
call sites the call graph is built from (listed in the worker processes), and the
function bodies, read only for the functions an analysis actually interprets.

All three stay pickled (`Packed`) in the module's facts. A scan after an edit builds the
index from the outlines and the call graph from the previous run's record and the call
sites of changed files, and unpickles the bodies of the few modules whose functions it
interprets anew."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.handed_data import handing_functions
from webwarden.analysis.taint.index import CallSite
from webwarden.analysis.taint.relevance import references
from webwarden.analysis.taint.specs import REQUEST_GLOBALS, REQUEST_OBJECTS
from webwarden.analysis.taint.validated_data import validating_functions
from webwarden.analysis.taint.values import CLOSED_URL
from webwarden.analysis.taint.wrappers import by_qualname
from webwarden.model.facts import Packed
from webwarden.pickling import fast_pickling

_NOWHERE = (0, 0)


@dataclass(frozen=True, slots=True)
class Outline:
    """What the index needs of a module: its functions without their bodies, its classes,
    and its module-level objects."""

    module: str
    functions: tuple[ir.Function, ...]
    classes: tuple[ir.ClassDef, ...]
    instances: tuple[tuple[str, str], ...]
    """Module-level `name = Call(...)`, and `g.name = Call(...)` in any function (Flask's
    `g`): (qualified name, the callee's qualified name); and module-level names of URLs
    with a fixed scheme and host (`ir.ModuleIR.closed_urls`): (qualified name,
    `CLOSED_URL`), the kind another module reading them sees; settings bound to
    something else (`ir.ModuleIR.open_settings`): (qualified name, "")."""
    set_outside: tuple[str, ...] = ()
    """See `ir.ModuleIR.set_outside`."""
    patched: tuple[tuple[str, str, str], ...] = ()
    """Functions the module body sets on a class as methods (`Org.stats = org_stats`,
    `User.add_to_class("stats", user_stats)`): (qualified class, attribute, qualified
    function)."""
    patterns: tuple[tuple[str, str], ...] = ()
    """See `ir.ModuleIR.patterns`."""
    renamed: tuple[tuple[str, str], ...] = ()
    """See `ir.ModuleIR.renamed`."""
    replaced: tuple[str, ...] = ()
    """See `ir.ModuleIR.replaced`."""


@dataclass(frozen=True, slots=True)
class Lowered:
    """The taint facts of one module, its three parts pickled."""

    outline: Packed
    bodies: Packed
    """The whole `ir.ModuleIR`."""
    calls: Packed
    """Qualified name -> the call sites of the function (`references`; the first of a
    name): the call graph is built from them without unpickling the bodies."""
    names: Packed
    """Qualified name -> the names the function mentions (`references`; the first of a
    name): what judges whether the analysis needs it (see `relevance`)."""
    session_keys: tuple[tuple[str, frozenset[str], bool], ...] = ()
    """The session keys the module stores request data under, with what that data is
    safe for and whether it is only an answer relayed (see `stored`)."""
    converted_arguments: tuple[str, ...] = ()
    """The request-parser arguments the module declares converted (see
    `parser_arguments`)."""
    takes_request: tuple[str, ...] = ()
    """The module's functions taking `request` first (after `self`): views, or helpers
    the views hand their request (see `entries.request_helpers`)."""
    called: tuple[str, ...] = ()
    """The qualified names the module's functions call, sorted (unresolved)."""
    outline_digest: bytes = b""
    """A digest of the pickled outline, made once (a daemon's every scan asks each
    module's `interface`)."""
    writes_host: bool = False
    """The module writes a request's `HTTP_HOST` (see `host_writes`)."""

    @classmethod
    def of(cls, lowered: ir.ModuleIR) -> Lowered:
        """All parts of `lowered`."""
        sites: dict[str, tuple[CallSite, ...]] = {}
        names: dict[str, tuple[str, ...]] = {}
        for function in lowered.functions:
            if function.qualname not in sites:
                sites[function.qualname], names[function.qualname] = references(function)
        called = {callee for found in sites.values() for callee, _ in found if callee}
        outline = Packed.of(outline_of(lowered))
        return cls(
            outline,
            Packed.of(lowered),
            Packed.of(sites),
            Packed.of(names),
            takes_request=tuple(f.qualname for f in lowered.functions if _takes_request(f)),
            called=tuple(sorted(called)),
            outline_digest=hashlib.blake2b(outline.data, digest_size=16).digest(),
        )

    def call_sites(self) -> dict[str, tuple[CallSite, ...]]:
        """Qualified name -> the function's call sites."""
        found = self.calls.unpack()
        assert isinstance(found, dict)  # noqa: S101 - packed by `of`
        return found

    def mentions(self) -> dict[str, tuple[str, ...]]:
        """Qualified name -> the names the function mentions."""
        found = self.names.unpack()
        assert isinstance(found, dict)  # noqa: S101 - packed by `of`
        return found

    def interface(self, imports: Mapping[str, str]) -> str:
        """A digest of what other modules' analyses can see of this one: the outline and
        the import aliases (equal after an edit inside a function body)."""
        outline = self.outline_digest or hashlib.blake2b(self.outline.data, digest_size=16).digest()
        digest = hashlib.blake2b(outline, digest_size=16)
        digest.update(repr(sorted(imports.items())).encode())
        return digest.hexdigest()

    def unpack_outline(self) -> Outline:
        """The outline again."""
        found = self.outline.unpack()
        assert isinstance(found, Outline)  # noqa: S101 - packed by `of`
        return found

    def functions(self) -> dict[str, ir.Function]:
        """Qualified name -> the whole function (the first one of a name, as the index)."""
        lowered = self.bodies.unpack()
        assert isinstance(lowered, ir.ModuleIR)  # noqa: S101 - packed by `of`
        found: dict[str, ir.Function] = {}
        for function in lowered.functions:
            found.setdefault(function.qualname, function)
        return found


def _takes_request(function: ir.Function) -> bool:
    positional = [p.name for p in function.params if p.kind == "pos"]
    first = 1 if function.kind in {"method", "property", "classmethod"} else 0
    return positional[first : first + 1] == ["request"]


def outline_of(lowered: ir.ModuleIR) -> Outline:
    """The outline of a lowered module."""
    instances: list[tuple[str, str]] = []
    patched: list[tuple[str, str, str]] = []
    by_name = by_qualname(lowered.functions)
    for function in lowered.functions:
        if function.kind == "module":
            instances += _instances(lowered.module, function, by_name)
            patched += _patched_methods(function)
        instances += _request_globals(function.body)
    instances += ((name, CLOSED_URL) for name in lowered.closed_urls)
    instances += ((name, "") for name in lowered.open_settings)
    # NOTE: positions are left out too: callers do not read them, and without them the
    # outline of a module stays the same when an edit only moves code (see `memo`).
    validating = validating_functions(by_name)
    handing = handing_functions(by_name, lowered.module.partition(".")[0])
    return Outline(
        lowered.module,
        tuple(
            _bodiless(f, f.qualname in validating, handing.get(f.qualname, ()))
            for f in lowered.functions
        ),
        tuple(_placeless(c) for c in lowered.classes),
        tuple(instances),
        lowered.set_outside,
        tuple(patched),
        lowered.patterns,
        lowered.renamed,
        lowered.replaced,
    )


def _bodiless(
    function: ir.Function, validates_data: bool = False, handed: tuple[str, ...] = ()
) -> ir.Function:
    """`function` without its body, defaults and position, whether it validates the
    data it hands a view (`ir.Function.validates_data`) and what of the request it
    hands one (`ir.Function.handed`).

    NOTE: made field by field, not by `dataclasses.replace` (which looks the fields up
    and checks them on every call, three times the cost): a tree has ten thousand
    functions. A test keeps the list of fields complete."""
    return ir.Function(
        function.qualname,
        function.name,
        function.params,
        (),
        (),
        _NOWHERE,
        function.owner,
        function.kind,
        function.decorators,
        function.predicate,
        function.plain_params,
        function.off_flags,
        function.rebound,
        function.defaulted,
        function.returns,
        validates_data,
        function.parsed_kwargs,
        handed,
        function.on_flags,
        function.raises_unless,
        function.typed_params,
    )


def _placeless(cls: ir.ClassDef) -> ir.ClassDef:
    """`cls` without its position (made as `_bodiless`)."""
    return ir.ClassDef(
        cls.qualname,
        cls.bases,
        cls.methods,
        cls.fields,
        cls.annotations,
        cls.decorators,
        _NOWHERE,
        cls.refs,
        cls.members,
        cls.arguments,
        cls.assigned,
        cls.primary_key,
        cls.lookups,
        cls.listed_fields,
        cls.plain,
    )


def _instances(
    module: str, body: ir.Function, functions: Mapping[str, ir.Function]
) -> list[tuple[str, str]]:
    found = []
    for statement in _run_once(body.body):
        if (
            isinstance(statement, ir.Assign)
            and isinstance(statement.value, ir.Call)
            and statement.value.callee is not None
        ):
            for target in statement.targets:
                if isinstance(target, ir.TName):
                    name = f"{module}.{target.name}" if module else target.name
                    proxied = _proxied_request(target.name, statement.value, functions)
                    found.append((name, proxied or statement.value.callee))
    return found


def _run_once(statements: ir.Block) -> Iterator[ir.Stmt]:
    """The module body's statements, and those of the `with` blocks it runs them in
    (`with app.app_context(): store = Store(app)`): each runs once, as the module loads."""
    for statement in statements:
        if isinstance(statement, ir.With):
            yield from _run_once(statement.body)
        else:
            yield statement


def _proxied_request(name: str, call: ir.Call, functions: Mapping[str, ir.Function]) -> str | None:
    """The request object a module-level proxy named so stands for: `request =
    CKANRequest(_get_request)`, a Werkzeug `LocalProxy` (or subclass) of a function of the
    module that only returns Flask's request (`def _get_request(): return flask.request`).
    Its kind is then that request's qualified name, which the analysis reads as the
    request (`objects.request_name`)."""
    if "request" not in name or len(call.args) != 1 or call.keywords:
        return None
    getter = call.args[0]
    function = functions.get(getter.name) if isinstance(getter, ir.Global) else None
    if function is None or function.params:
        return None
    returned = [s for s in function.body if not (isinstance(s, ir.Eval) and _constant(s.value))]
    if len(returned) != 1 or not isinstance(returned[0], ir.Return):
        return None
    value = returned[0].value
    return value.name if isinstance(value, ir.Global) and value.name in REQUEST_OBJECTS else None


def _constant(value: ir.Expr) -> bool:
    return isinstance(value, ir.Const)


_ADD_TO_CLASS = ".add_to_class"
"""Django's `Model.add_to_class(name, value)`: a plain value (a function) is set on the
class as `setattr` would."""


def _patched_methods(body: ir.Function) -> list[tuple[str, str, str]]:
    """Module-level `Cls.name = function` and `Cls.add_to_class("name", function)`,
    `Cls` and `function` qualified names: (class, name, function). The function is
    looked up among the project's when the index is built."""
    found: list[tuple[str, str, str]] = []
    for statement in body.body:
        if isinstance(statement, ir.Assign) and isinstance(statement.value, ir.Global):
            found.extend(
                (target.value.name, target.attr, statement.value.name)
                for target in statement.targets
                if isinstance(target, ir.TAttr) and isinstance(target.value, ir.Global)
            )
        elif isinstance(statement, ir.Eval) and isinstance(statement.value, ir.Call):
            call = statement.value
            match call.callee, call.args:
                case str(callee), (ir.Const(value=str(name)), ir.Global(name=function)) if (
                    callee.endswith(_ADD_TO_CLASS) and not call.keywords
                ):
                    found.append((callee.removesuffix(_ADD_TO_CLASS), name, function))
    return found


def _request_globals(block: ir.Block) -> list[tuple[str, str]]:
    """`g.client = Client(...)` anywhere in a function (a `before_request` hook, mostly):
    (`flask.g.client`, the callee), so that a view's `g.client.send(url)` is followed into
    the project's class as `client.send(url)` would be."""
    found: list[tuple[str, str]] = []
    for statement in block:
        # NOTE: `isinstance` tests, not `match` class patterns: every statement of every
        # function is asked.
        if isinstance(statement, ir.Assign):
            value = statement.value
            if isinstance(value, ir.Call) and value.callee is not None:
                found.extend(
                    (f"{target.value.name}.{target.attr}", value.callee)
                    for target in statement.targets
                    if isinstance(target, ir.TAttr)
                    and isinstance(target.value, ir.Global)
                    and target.value.name in REQUEST_GLOBALS
                )
        elif isinstance(statement, ir.If | ir.Loop):
            found += _request_globals(statement.body) + _request_globals(statement.orelse)
        elif isinstance(statement, ir.Try):
            found += _request_globals(statement.body) + _request_globals(statement.orelse)
            found += _request_globals(statement.final)
            for _, handler in statement.handlers:
                found += _request_globals(handler)
        elif isinstance(statement, ir.With):
            found += _request_globals(statement.body)
    return found


fast_pickling(globals())
