"""Lowering of expressions for one function scope (branch tests: `lower_guards`)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from webwarden.analysis.dispatch_tables import DispatchTables
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.address_checks import AddressChecks
from webwarden.analysis.taint.constant_locals import constant_local
from webwarden.analysis.taint.lookup_test import HeldTests, held_tests
from webwarden.analysis.taint.lower_dispatch import picked_functions
from webwarden.analysis.taint.matched_keys import Groups, Matches, replaced
from webwarden.analysis.taint.query_separator import opens_query
from webwarden.analysis.taint.regex_calls import REGEX_FUNCTIONS
from webwarden.analysis.taint.response_types import (
    TYPED,
    all_local_assignments,
    bound_text,
    bound_type,
    headers_type,
    makes_response,
    own_nodes,
    script_type,
)
from webwarden.analysis.taint.scope_names import target_names
from webwarden.analysis.taint.specs import (
    BARE_PREFIX,
    MARKUP_KINDS,
    NUMBER_ATTRIBUTES,
    STRING_RENDERERS,
    TYPE_ATTRIBUTES,
)
from webwarden.analysis.taint.values import TEXT_SPLITTERS
from webwarden.model.names import library_name
from webwarden.model.tree import children, walk

MAX_STRING = ir.MAX_STRING


@dataclass(slots=True)
class Scope:
    """How names resolve inside one function: its locals, its closure, the module."""

    qualname: str
    module: str
    locals: frozenset[str]
    enclosing: frozenset[str]
    declared_global: frozenset[str]
    aliases: dict[str, str]
    module_names: frozenset[str]
    position: Callable[[ast.AST], ir.Pos]
    is_module: bool = False
    lambdas: list[ast.Lambda] = field(default_factory=list)
    """Lambdas met while lowering; the caller lowers them as functions."""
    repeated: dict[str, str] = field(default_factory=dict)
    """`read_key` of a request read a branch test checked (`request.GET.get("next")`) ->
    the local that holds it, so that reading it again is reading the checked value."""
    patterns: Mapping[str, str] = field(default_factory=dict)
    """Module-level names bound to `re.compile("<constant>")` -> the pattern."""
    strings: Mapping[str, str] = field(default_factory=dict)
    """Qualified module-level names bound once to a string constant -> the text."""
    verdicts: dict[str, tuple[ir.Guard, ...]] = field(default_factory=dict)
    """A local holding what a check returned (`ok = url_has_allowed_host_and_scheme(url)`)
    -> the guards an `if ok:` establishes."""
    refutations: dict[str, tuple[ir.Guard, ...]] = field(default_factory=dict)
    """A local holding a test's outcome or the items a test rejected (`missing = x not in
    KNOWN`, `invalid = [f for f in fields if f not in KNOWN]`) -> the guards holding
    where it is falsy (`if not missing:`, past `if invalid: return ...`)."""
    none_when_failed: set[str] = field(default_factory=set)
    """Locals whose verdict is a dict display's lookup (`found = {"a": A}.get(x)`): None
    exactly when the check failed, so `if found is None:` tests what `if not found:`
    does (a list made by a comprehension, or a check's `False`, is never None)."""
    hosts: dict[str, str] = field(default_factory=dict)
    """A local holding the host of a URL (`host = urlparse(url).hostname`) -> the local
    whose host it is, so that comparing it compares the URL's host."""
    splits: dict[str, str] = field(default_factory=dict)
    """A local holding a URL split into parts (`parts = urlsplit(url)`) -> the local split,
    so that comparing `parts.netloc` compares the host of `url` as well."""
    resolutions: dict[str, str] = field(default_factory=dict)
    """A local holding a path normalised (`resolved = os.path.realpath(path)`) -> the
    local normalised, so that checking where the one lies checks the other."""
    folds: dict[str, str] = field(default_factory=dict)
    """A local holding another case-folded (`key = order.lower()`) -> that other local:
    what equals a constant or is a member of a collection of them when folded is one of
    a few spellings of one, so checking the copy checks the original."""
    copies: dict[str, str] = field(default_factory=dict)
    """A local holding another as it is (`url_to_check = url`) -> that other local, so that
    a check given the copy (`url_has_allowed_host_and_scheme(url_to_check)`) checks the
    value the original holds too."""
    bases: dict[str, str] = field(default_factory=dict)
    """A local holding another spelling of a folder's path (`root = STORE[:-1]`, `top =
    os.path.normpath(MEDIA)`) -> the name spelled, so that a common path compared with
    it is compared with that folder (`base_spellings`)."""
    commons: dict[str, ast.Call] = field(default_factory=dict)
    """A local holding the common path of paths written in a list (`common =
    os.path.commonpath([path, root])`) -> that call, so that comparing the local with the
    base (`if common != root: raise ...`) checks where `path` lies (`base_spellings`)."""
    prefixes: set[str] = field(default_factory=set)
    """Locals holding a prefix that ends in a path separator (`prefix = root + os.sep`):
    a path checked to start with one stays in that folder (`prefix_ends`)."""
    items: frozenset[str] = frozenset()
    """Locals a `for` loop being lowered binds each item to (`for key in keys:`): one item
    of a sequence, handed on as one value, not spread (see `not_text`)."""
    tables: frozenset[str] = frozenset()
    """Fixed tables the function may look a key up in, as written: the module's names
    (`MODELS`) and, in a method, its class's attributes read on its first parameter
    (`self.models`): dicts of constant keys nothing adds to (`DictLookups`)."""
    shared: Shared = field(default_factory=dict)
    """The module's names, attributes of names and constants, made once (`leaf`): the
    lowering shares one `Local("self")` between every function of a module."""
    read: dict[str, ir.Expr] = field(default_factory=dict)
    """Identifier -> what `name` reads it as, in this scope."""
    body: Sequence[ast.stmt] = ()
    """The function's statements (where a headers dict given by name is looked up)."""
    comprehended: frozenset[str] = frozenset()
    """Locals that only comprehensions' targets bind: outside those comprehensions the
    name is the module's or the closure's (`[watson.id for watson in rows]` beside a
    call of the imported `watson`)."""
    inside: list[str] = field(default_factory=list)
    """The targets of the comprehensions being lowered, innermost last."""
    addresses: AddressChecks = field(default_factory=AddressChecks)
    matches: Matches = field(default_factory=dict)
    """A local holding a regular expression's match of a whole local (`m = re.match(
    r"^(.+)__(lt|gt)$", key)`) -> what the pattern splits it into (`matched_keys`)."""
    groups: Groups = field(default_factory=dict)
    """A local holding a group of such a match (`field = m.group(1)`) -> (match, group)."""
    """The module's functions that test or refuse internal addresses."""
    refuses_internal: set[str] = field(default_factory=set)
    """Locals split as URLs (`parsed = urlparse(url)`: `url`) before a `raise` under a
    test of what kind of address an IP is (`if ip.is_private: raise ...`): see
    `lower_stmt.host_check`."""
    allowed_hosts: list[ir.Guard] = field(default_factory=list)
    """The host checks of the function's own statements that raise when they fail (`if
    urlsplit(url).hostname not in ALLOWED: raise ...`): see `lower_stmt.host_check`."""
    superseded: set[int] = field(default_factory=set)
    """The `order_by(...)` calls whose ordering a later `order_by()` of the same Django
    query chain replaces (see `_supersede_orderings`): lowered without their arguments."""
    dispatch_tables: DispatchTables | None = None
    """The module's tables of functions (`lower_dispatch`)."""
    receiver: str = ""
    """In a method, its first parameter (bound to the instance, or to the class)."""
    methods: frozenset[str] = frozenset()
    """In a method, the names of its class's methods written in this module (with its
    bases' written here): those `getattr(self, "do_" + action)` may pick."""
    binds: Callable[[str], bool] | None = None
    """Whether the body may bind a name (False: it binds it nowhere), from the module's
    index of bound names; None when not known."""
    _assignments: dict[str, list[ast.Assign] | None] | None = field(
        default=None, init=False, repr=False
    )
    _looped: frozenset[int] | None = field(default=None, init=False, repr=False)
    _own: list[ast.AST] | None = field(default=None, init=False, repr=False)
    _held_tests: HeldTests | None = field(default=None, init=False, repr=False)

    def assignments(self, name: str) -> list[ast.Assign] | None:
        """`local_assignments(name, self.body)`, worked out for every name at the first
        question (a function asks about several names, each a walk of its body)."""
        if self._assignments is None:
            if self.binds is not None and not self.binds(name):
                return []  # NOTE: most parameters asked about: no walk of the body
            self._assignments = all_local_assignments(self.own_nodes())
        return self._assignments.get(name, [])

    def own_nodes(self) -> list[ast.AST]:
        """The nodes of the function's body, not of the functions or classes it defines
        (listed once)."""
        if self._own is None:
            self._own = own_nodes(list(self.body))
        return self._own

    def held_tests(self) -> HeldTests:
        """`lookup_test.held_tests` of the body, worked out once (asked for every `if`)."""
        if self._held_tests is None:
            self._held_tests = held_tests(self.body)
        return self._held_tests

    def looped(self) -> frozenset[int]:
        """`id()` of every node of the body inside a loop, worked out once."""
        if self._looped is None:
            self._looped = frozenset(
                id(inner)
                for loop in ast.walk(ast.Module(body=list(self.body), type_ignores=[]))
                if isinstance(loop, ast.For | ast.AsyncFor | ast.While)
                for inner in ast.walk(loop)
            )
        return self._looped

    def name(self, identifier: str) -> ir.Expr:
        """A name read: local, closure variable, or qualified name."""
        if identifier in self.comprehended:
            return self._name(identifier, local=identifier in self.inside)
        found = self.read.get(identifier)
        if found is None:
            found = self.read[identifier] = self._name(identifier)
        return found

    def _name(self, identifier: str, *, local: bool = True) -> ir.Expr:
        if local and identifier in self.locals and identifier not in self.declared_global:
            return self.leaf(ir.Local, identifier)
        if identifier in self.enclosing and identifier not in self.declared_global:
            return self.leaf(ir.Free, identifier)
        if identifier in self.aliases:
            return self.leaf(ir.Global, self.aliases[identifier])
        if identifier in self.module_names:
            qualified = f"{self.module}.{identifier}" if self.module else identifier
            return self.leaf(ir.Global, qualified)
        return self.leaf(ir.Global, identifier)

    def leaf(self, kind: Callable[[str], Leaf], name: str) -> Leaf:
        """`kind(name)`, the one object of this module with that value.

        NOTE: IR objects are immutable, so equal ones may be one: a module's IR reads
        the same few names thousands of times, and sharing them spares making each, and
        pickling and unpickling each (a shared object pickles as a reference)."""
        key = (kind, name)
        found = self.shared.get(key)
        if found is None:
            found = self.shared[key] = kind(name)
        return found  # type: ignore[return-value]

    def attribute(self, base: ir.Local | ir.Free | ir.Global, attr: str) -> ir.Global | ir.Attr:
        """`base.attr` of a name: a qualified name when `base` is one (shared as `leaf`)."""
        key = (type(base), base.name, attr)
        found = self.shared.get(key)
        if found is None:
            found = self.shared[key] = (
                ir.Global(library_name(f"{base.name}.{attr}"))
                if isinstance(base, ir.Global)
                else ir.Attr(base, attr)
            )
        return found  # type: ignore[return-value]

    def constant(self, value: object) -> ir.Const:
        """`constant(value)` (shared as `leaf` when it is a string, an integer or None)."""
        if type(value) not in _SHARED_CONSTANTS:
            return constant(value)
        key = (ir.Const, type(value), value)
        found = self.shared.get(key)
        if found is None:
            found = self.shared[key] = constant(value)
        return found  # type: ignore[return-value]

    def is_local(self, identifier: str) -> bool:
        """Whether `name` reads `identifier` as a local variable."""
        return identifier in self.locals and identifier not in self.declared_global

    def lambda_ref(self, node: ast.Lambda) -> str:
        """The qualified name given to a lambda of this scope."""
        line, column = self.position(node)
        return f"{self.qualname}.<lambda@{line}:{column}>"


Leaf = TypeVar("Leaf", ir.Local, ir.Free, ir.Global, ir.TName)
Shared = dict[tuple[object, ...], object]
_SHARED_CONSTANTS = frozenset({str, int, bool, type(None)})
"""Constants shared by value and type (`True` is not `1`); not floats (`-0.0 == 0.0`)."""


def constant(value: object) -> ir.Const:
    """A literal as the IR keeps it."""
    if isinstance(value, str):
        return ir.Const(value[:MAX_STRING])
    if isinstance(value, bool | int | float):
        return ir.Const(value)
    return ir.Const(None)


def prefix_of(expr: ir.Expr) -> str:
    """The constant text a string expression starts with."""
    if isinstance(expr, ir.Const) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ir.Fmt):
        return expr.prefix
    return ""


def leading_text(parts: tuple[ir.Expr, ...], scope: Scope) -> str:
    """The constant text a string built from `parts` starts with, a module constant read
    by name included (`f"{STORE_URL}/items/{item}"`: the store's scheme and host)."""
    text = ""
    for part in parts:
        known = scope.strings.get(part.name) if isinstance(part, ir.Global) else None
        if isinstance(part, ir.Const) and isinstance(part.value, str):
            known = part.value
        if known is None:
            return text + prefix_of(part)
        text += known
        if len(text) > MAX_STRING:
            break
    return text


def known_text(expr: ir.Expr, scope: Scope) -> ir.Expr:
    """A module constant read by name as its text (`USER_ENDPOINT` -> `"/user"`), so that
    a string written with it knows what it holds there; any other expression as it is."""
    if isinstance(expr, ir.Global) and expr.name in scope.strings:
        return constant(scope.strings[expr.name])
    return expr


def read_key(node: ast.expr) -> str:
    """What `Scope.repeated` knows a read by: its `ast.dump`, with `m.get("k")` spelt as
    `m["k"]`: both give the one value a mapping holds for `"k"` (the first of a Werkzeug
    `MultiDict`'s, the last of a Django `QueryDict`'s), so a test of one checks the other
    (`if request.args.get("kind") in KINDS: kind = request.args["kind"]`)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and not node.keywords
    ):
        return ast.unparse(ast.Subscript(node.func.value, node.args[0], ast.Load()))
    return ast.unparse(node)


def lower(node: ast.expr | None, scope: Scope) -> ir.Expr:
    """The IR of an expression."""
    if node is None:
        return ir.Const(None)
    if scope.repeated and isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
        held = scope.repeated.get(read_key(node))
        if held is not None:
            return ir.Local(held)
    handler = _HANDLERS.get(type(node))
    if handler is not None:
        return handler(node, scope)
    parts = [c for c in children(node) if isinstance(c, ast.expr)]
    return ir.Clean(tuple(lower(c, scope) for c in parts))


def _name(node: ast.Name, scope: Scope) -> ir.Expr:
    return scope.name(node.id)


def _attribute(node: ast.Attribute, scope: Scope) -> ir.Expr:
    base = lower(node.value, scope)
    if node.attr in NUMBER_ATTRIBUTES or node.attr in TYPE_ATTRIBUTES:
        return ir.Clean((base,))
    if isinstance(base, ir.Local | ir.Free | ir.Global):
        return scope.attribute(base, node.attr)
    return ir.Attr(base, node.attr)


def _subscript(node: ast.Subscript, scope: Scope) -> ir.Expr:
    text = _last_path_part(node)
    if text is not None:
        # NOTE: the last part of a split on "/" is what `os.path.basename` gives.
        basename = "os.path.basename"
        return ir.Call(
            ir.Global(basename), basename, (lower(text, scope),), (), scope.position(node)
        )
    cut = (_cuts_start(node.slice) and not _from_query_mark(node)) or _later_piece(node)
    scheme_cut = cut and _scheme_cut(node.slice)
    return ir.Sub(lower(node.value, scope), lower(node.slice, scope), cut, scheme_cut)


def _cuts_start(index: ast.expr) -> bool:
    """Whether a subscript's index is a slice that may leave out the start (`s[6:]`,
    `s[len(prefix):]`, `s[-5:]`), not one from the start (`s[:-1]`, `s[0:10]`)."""
    if not isinstance(index, ast.Slice) or index.lower is None:
        return False
    return not (isinstance(index.lower, ast.Constant) and index.lower.value in (0, None))


_SCHEME_PREFIXES = frozenset({"http://", "https://"})


def _scheme_cut(index: ast.expr) -> bool:
    """`[7:]`, `[8:]`, `[len("http://"):]`: a slice to the end that leaves out at most the
    scheme and the `//` of an absolute URL (`SCHEME_START`), so it starts at the host."""
    if not isinstance(index, ast.Slice) or index.upper is not None or index.step is not None:
        return False
    start = index.lower
    if (
        isinstance(start, ast.Call)
        and isinstance(start.func, ast.Name)
        and start.func.id == "len"
        and len(start.args) == 1
        and isinstance(start.args[0], ast.Constant)
    ):
        return start.args[0].value in _SCHEME_PREFIXES
    return (
        isinstance(start, ast.Constant)
        and type(start.value) is int
        and 0 < start.value <= max(map(len, _SCHEME_PREFIXES))
    )


_FINDERS = frozenset({"find", "rfind", "index", "rindex"})


def _from_query_mark(node: ast.Subscript) -> bool:
    """`url[url.rfind("?"):]`: the text from a `?` or `#` it holds on (its query or
    fragment), which leads nowhere else; or, found nowhere (`-1`), its last character."""
    index = node.slice
    lower = index.lower if isinstance(index, ast.Slice) else None
    if not (
        isinstance(lower, ast.Call)
        and isinstance(lower.func, ast.Attribute)
        and lower.func.attr in _FINDERS
        and len(lower.args) == 1
        and isinstance(lower.args[0], ast.Constant)
        and isinstance(lower.args[0].value, str)
        and lower.args[0].value[:1] in ("?", "#")
    ):
        return False
    return ast.unparse(lower.func.value) == ast.unparse(node.value)


def _later_piece(node: ast.Subscript) -> bool:
    """`s.split("/", 2)[2]`, `s.partition("?")[2]`, `s.split("/")[2:]`: pieces that may
    come after the first, so do not start where `s` does."""
    call, index = node.value, node.slice
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in TEXT_SPLITTERS
    ):
        return False
    if isinstance(index, ast.Constant):
        return isinstance(index.value, int) and index.value != 0
    return isinstance(index, ast.UnaryOp) or _cuts_start(index)


def _last_path_part(node: ast.Subscript) -> ast.expr | None:
    """`text` of `text.split("/")[-1]` or `text.rsplit("/", 1)[-1]`, else None."""
    call, index = node.value, node.slice
    if not (
        isinstance(index, ast.UnaryOp)
        and isinstance(index.op, ast.USub)
        and isinstance(index.operand, ast.Constant)
        and index.operand.value == 1
        and isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in ("split", "rsplit")
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value == "/"
        and not call.keywords
    ):
        return None
    # NOTE: `split("/", 1)[-1]` keeps every slash after the first; `rsplit` with any
    # positive limit ends at the last.
    limits = call.args[1:]
    if limits and not (
        call.func.attr == "rsplit"
        and isinstance(limits[0], ast.Constant)
        and isinstance(limits[0].value, int)
        and limits[0].value > 0
    ):
        return None
    return call.func.value


def _bare_prefix(node: ast.Call, func: ir.Expr, scope: Scope) -> bool:
    """`path.startswith(root)` with `root` not written to end in a path separator: the
    call is marked so (`BARE_PREFIX`), for the sink of such a check of a normalised path."""
    if not (
        isinstance(func, ir.Attr)
        and func.attr == "startswith"
        and len(node.args) == 1
        and not node.keywords
        and not isinstance(node.args[0], ast.Starred)
    ):
        return False
    from webwarden.analysis.taint.prefix_ends import ends_in_separator

    return not ends_in_separator(node.args[0], scope)


def _text_of(func: ast.expr, scope: Scope) -> ast.expr | None:
    """`path` of `str(path).method`, the builtin `str` of a local or of a pathlib path's
    `resolve()` (`str(Path(name).resolve())`)."""
    made = func.value if isinstance(func, ast.Attribute) else None
    if not (
        isinstance(made, ast.Call)
        and isinstance(made.func, ast.Name)
        and made.func.id == "str"
        and not scope.is_local("str")
        and len(made.args) == 1
        and not made.keywords
    ):
        return None
    path = made.args[0]
    resolved = (
        isinstance(path, ast.Call)
        and isinstance(path.func, ast.Attribute)
        and path.func.attr == "resolve"
    )
    return path if resolved or isinstance(path, ast.Name) else None


def _call(node: ast.Call, scope: Scope) -> ir.Expr:
    swapped = replaced(node, scope.matches, scope.groups) if scope.matches else None
    if swapped is not None:
        # NOTE: `key.replace(m.group(1), name, 1)`: `name` then the rest of the key.
        name, rest = swapped
        parts = (lower(name, scope), *(lower(r, scope) for r in rest))
        return ir.Fmt("f-string", parts, "", scope.position(node))
    unmarked = _unmarked(node, scope)
    if unmarked is not None:
        return unmarked
    _supersede_orderings(node, scope)
    func = _constant_format(node, scope) or lower(node.func, scope)
    made = _proxied(node, func)
    if made is not None:
        return lower(made, scope)
    if id(node) in scope.superseded:
        return ir.Call(func, None, (), (), scope.position(node))
    args = tuple(
        ir.Star(lower(a.value, scope)) if isinstance(a, ast.Starred) else lower(a, scope)
        for a in node.args
    )
    keywords = tuple(
        (k.arg, ir.Star(lower(k.value, scope)) if k.arg is None else _keyword(k, scope))
        for k in node.keywords
    )
    picked = picked_functions(node.func, scope, lower)
    if picked is not None:
        # NOTE: `ACTIONS[name](request)`: the lookup, then a call of each function the
        # table holds (`lower_dispatch`).
        calls = (_call_of(node, one, args, keywords, scope) for one in picked)
        return ir.Union((ir.Clean((func,)), *calls), dispatch=True)
    return _call_of(node, func, args, keywords, scope)


def _call_of(
    node: ast.Call,
    func: ir.Expr,
    args: tuple[ir.Expr, ...],
    keywords: tuple[tuple[str | None, ir.Expr], ...],
    scope: Scope,
) -> ir.Expr:
    """`node` lowered as a call of `func` with the arguments lowered."""
    if _formats_constant(node) or (isinstance(func, ir.Attr) and isinstance(func.value, ir.Const)):
        args = tuple(known_text(arg, scope) for arg in args)
        keywords = tuple((name, known_text(arg, scope)) for name, arg in keywords)
    callee = func.name if isinstance(func, ir.Global) else None
    if _bare_prefix(node, func, scope):
        keywords = ((BARE_PREFIX, ir.Const(value=True)),)
        text = _text_of(node.func, scope)
        if text is not None:
            # NOTE: `str(Path(p).resolve()).startswith(root)`: the path checked as text.
            func = ir.Attr(lower(text, scope), "startswith")
    if (callee in _PATTERN_TAKERS or callee in STRING_RENDERERS) and args and node.args:
        args = (_pattern_text(node.args[0], args[0], scope), *args[1:])
    if callee is not None and callee.endswith(_APP_RESPONSE_CLASS):
        # NOTE: Flask's `app.response_class` (and `current_app.response_class`) is the
        # `flask.Response` class unless the app replaces it by a subclass of it.
        callee = _FLASK_RESPONSE
        func = ir.Global(callee)
    if callee in _CASTS and len(args) == 2 and not keywords:
        # NOTE: `typing.cast(T, value)` returns `value` itself: what is known of it (an
        # allow-list's check, the keys of a dict) stays known.
        return args[1]
    if makes_response(callee):
        assert callee is not None  # noqa: S101 - makes_response(None) is False
        keywords = _header_typed(node, callee, keywords, scope)
    return ir.Call(func, callee, args, keywords, scope.position(node))


_DJANGO_CHAIN_METHODS = frozenset(
    {"select_related", "prefetch_related", "annotate", "alias", "exclude", "defer", "only"}
)
"""Methods of a Django queryset that SQLAlchemy's `Query` lacks: a chain calling one is a
Django query, whose `order_by()` replaces the ordering (SQLAlchemy's appends to it)."""
_KEEPING_METHODS = _DJANGO_CHAIN_METHODS | {
    *("filter", "all", "distinct", "using", "reverse", "values", "values_list"),
    "select_for_update",
}
"""Queryset methods returning the same query, ordering included, narrowed or extended."""


def _supersede_orderings(node: ast.Call, scope: Scope) -> None:
    """`qs.order_by(sort).prefetch_related("tags").order_by("-created")`: Django's
    `order_by()` clears any ordering set before it in the chain, so the earlier call's
    field names never reach the SQL. Marks those earlier calls in `scope.superseded`,
    when the chain between holds a method only Django's queryset has."""
    if not (isinstance(node.func, ast.Attribute) and node.func.attr == "order_by"):
        return
    earlier: list[int] = []
    django = False
    receiver = node.func.value
    while isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute):
        method = receiver.func.attr
        if method == "order_by":
            earlier.append(id(receiver))
        elif method not in _KEEPING_METHODS:
            break
        django = django or method in _DJANGO_CHAIN_METHODS
        receiver = receiver.func.value
    if django:
        scope.superseded.update(earlier)


_PATTERN_TAKERS = frozenset({"re.sub"}) | REGEX_FUNCTIONS
"""Calls whose pattern's text the taint analysis reads (`library._substituted_kinds`,
`regex_calls`);
so it reads a template's text given to Flask's `STRING_RENDERERS` (`library._escapes_context`)."""


def _pattern_text(node: ast.expr, lowered: ir.Expr, scope: Scope) -> ir.Expr:
    """A pattern given by name as its text: a module constant (`known_text`) or a local
    bound once to a constant before (`invalid = r"[/\\\\]"; re.sub(invalid, "", name)`)."""
    if isinstance(lowered, ir.Local) and isinstance(node, ast.Name):
        text = constant_local(node, scope.body)
        return lowered if text is None else constant(text)
    return known_text(lowered, scope)


_TYPE_KEYWORDS = frozenset({"content_type", "mimetype"})


def _header_typed(
    node: ast.Call, callee: str, keywords: tuple[tuple[str | None, ir.Expr], ...], scope: Scope
) -> tuple[tuple[str | None, ir.Expr], ...]:
    """The keywords of a response-making call with a type given among its headers judged
    as a `content_type=` keyword; a download the headers mark (`headers={"Content-
    Disposition": f"attachment; filename={name}"}`) overrides the type given by keyword
    too (`mimetype=mimetype`: the browser saves the body whatever its type), unless that
    type is a JavaScript one, which another site's `<script src>` still runs."""
    given = headers_type(node, callee, scope.body)
    if given is None:
        return keywords
    typed = [value for name, value in keywords if name in _TYPE_KEYWORDS]
    if not typed:
        return (*keywords, ("content_type", content_type(given, scope)))
    scripted = any(isinstance(v, ir.Const) and script_type(str(v.value)) for v in typed)
    if scripted or not (isinstance(given, ast.Constant) and given.value == TYPED.value):
        return keywords
    kept = tuple((name, value) for name, value in keywords if name not in _TYPE_KEYWORDS)
    return (*kept, ("content_type", TYPED))


_CASTS = frozenset({"typing.cast", "typing_extensions.cast"})
_PROXIES = frozenset({"werkzeug.local.LocalProxy", "werkzeug.LocalProxy"})


def _proxied(node: ast.Call, func: ir.Expr) -> ast.Call | None:
    """`LocalProxy(lambda: URLSafeTimedSerializer(key))`: Werkzeug's proxy forwards every
    attribute and call to the object the function makes, so it is read as that call."""
    if not (isinstance(func, ir.Global) and func.name in _PROXIES and not node.keywords):
        return None
    match node.args:
        case [ast.Lambda(args=ast.arguments(args=[], posonlyargs=[], kwonlyargs=[]), body=body)]:
            return body if isinstance(body, ast.Call) else None
    return None


_APP_RESPONSE_CLASS = ".response_class"
"""`app.response_class` of a module-level app (`self.response_class` of a view is no
qualified name: Django's `TemplateResponseMixin` renders a template with it)."""
_FLASK_RESPONSE = "flask.Response"


def _keyword(keyword: ast.keyword, scope: Scope) -> ir.Expr:
    """A keyword argument (a content type as `content_type` gives it)."""
    if keyword.arg in _TYPE_KEYWORDS:
        return content_type(keyword.value, scope)
    return lower(keyword.value, scope)


def content_type(node: ast.expr, scope: Scope) -> ir.Expr:
    """A content type; one named by a module-level string constant
    (`content_type=CSV_TYPE`), or by a local every binding of which assigns one text (or
    a text that is no HTML on every path, see `bound_type`), is given as its text, which
    WW544 reads."""
    value = lower(node, scope)
    if isinstance(value, ir.Global) and value.name in scope.strings:
        return constant(scope.strings[value.name])
    if isinstance(value, ir.Local) and (text := bound_type(node, scope.assignments)) is not None:
        return constant(text)
    return value


def _constant_format(node: ast.Call, scope: Scope) -> ir.Attr | None:
    """`PATTERN.format(...)` of a module string constant (`PATTERN =
    "https://api.example.org/{country}/layers"`): the `format` method of its text, so
    that the call is judged as `"https://api.example.org/{country}/layers".format(...)`
    is (a fixed host, the values placed in the path). None for any other call."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "format"
        and isinstance(func.value, ast.Name)
        and scope.strings
    ):
        return None
    text = known_text(lower(func.value, scope), scope)
    return ir.Attr(text, "format") if isinstance(text, ir.Const) else None


def _formats_constant(node: ast.Call) -> bool:
    """Whether a call is `"template".format(...)` of a constant template."""
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "format"
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
    )


def _unmarked(node: ast.Call, scope: Scope) -> ir.Call | None:
    """`Markup(text).unescape()` (or `.striptags()`): a plain `str` again, nothing marked
    safe, as `html.unescape(text)` is."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr in {"unescape", "striptags"}
        and isinstance(func.value, ast.Call)
        and len(func.value.args) == 1
        and not node.args
        and not node.keywords
    ):
        return None
    made = lower(func.value.func, scope)
    if not (isinstance(made, ir.Global) and made.name in MARKUP_KINDS):
        return None
    text = lower(func.value.args[0], scope)
    return ir.Call(ir.Global(_UNESCAPE), _UNESCAPE, (text,), (), scope.position(node))


_UNESCAPE = "html.unescape"


_REPR_CONVERSIONS = frozenset({ord("r"), ord("a")})


def _joined(node: ast.JoinedStr, scope: Scope) -> ir.Expr:
    parts: list[ir.Expr] = []
    for value in node.values:
        if not isinstance(value, ast.FormattedValue):
            parts.append(lower(value, scope))
        elif value.conversion == -1 and value.format_spec is None:
            parts.append(known_text(lower(value.value, scope), scope))
        else:
            # NOTE: `{x!r}`, `{x:.5}` write other text than the value's (see sql_quoting).
            writer = "repr" if value.conversion in _REPR_CONVERSIONS else "format"
            parts.append(_written(lower(value.value, scope), writer, scope.position(value)))
    prefix = leading_text(tuple(parts), scope)
    if all(isinstance(p, ir.Const) for p in parts):
        return ir.Const("".join(str(p.value) for p in parts if isinstance(p, ir.Const)))
    query = next((at + 1 for at, part in enumerate(parts) if has_query(part)), 0)
    separated = _separator_at(node, scope)
    if separated and (not query or separated < query):
        query = separated
    return ir.Fmt("f-string", tuple(parts), prefix, scope.position(node), query)


def has_query(expr: ir.Expr) -> bool:
    """Whether a string expression holds a constant `?` or `#`, or opens its query
    otherwise (`url + ("&" if "?" in url else "?")`): what follows it in a URL is its
    query or fragment."""
    if isinstance(expr, ir.Const):
        return isinstance(expr.value, str) and ("?" in expr.value or "#" in expr.value)
    return isinstance(expr, ir.Fmt) and (
        expr.query > 0 or any(has_query(part) for part in expr.parts)
    )


def _separator_at(node: ast.JoinedStr, scope: Scope) -> int:
    """The index of a part of an f-string that continues the query of the value just
    before it (`f"{url}{sep}next={path}"`, `sep = "&" if "?" in url else "?"`): it and
    what follows are in the query. 0 when none does."""
    values = node.values
    for at in range(1, len(values)):
        before, part = values[at - 1], values[at]
        if (
            isinstance(before, ast.FormattedValue)
            and isinstance(part, ast.FormattedValue)
            and opens_query(part.value, before.value, scope.assignments)
        ):
            return at
    return 0


_JOINING: dict[type[ast.operator], str] = {ast.Mult: "*", ast.BitOr: "|", ast.Div: "/"}


def _binop(node: ast.BinOp, scope: Scope) -> ir.Expr:
    left, right = lower(node.left, scope), lower(node.right, scope)
    if isinstance(node.op, ast.Add):
        # NOTE: a local given one constant is its text here too, so that a format
        # built by joining it (`(contact_url + "?query=%s") % (account, name)`) is a
        # constant format whose prefix is known, as if it were written in place.
        left, right = _format_text(node.left, left, scope), _format_text(node.right, right, scope)
    elif isinstance(node.op, ast.Mod):
        left = _format_text(node.left, left, scope)
    if isinstance(node.op, ast.Add | ast.Mod):
        if isinstance(left, ir.Const) and isinstance(right, ir.Const):
            return ir.Const(None) if not isinstance(node.op, ast.Add) else _concat(left, right)
        position = scope.position(node)
        if isinstance(node.op, ast.Mod):
            return _percent(left, right, position)
        prefix = leading_text((left, right), scope)
        query = has_query(left) or opens_query(node.right, node.left, scope.assignments)
        return ir.Fmt("+", (left, right), prefix, position, 1 if query else 0)
    # NOTE: `/` joins `pathlib` paths (`root / name`), which hold the name as it is; a
    # number divided stays a number, and request data is a number only as a JSON value.
    if isinstance(node.op, ast.Mult | ast.BitOr | ast.Div):
        return ir.Union((left, right), joined=_JOINING[type(node.op)])
    return ir.Clean((left, right))


def _format_text(node: ast.expr, value: ir.Expr, scope: Scope) -> ir.Expr:
    """The text a module constant or a local given one constant holds (a `%` format:
    `template = "https://img.example/badge/%s.png"` before `template % (name,)`; a part
    joined with `+`), so that its prefix and conversions are known as if it were
    written in place; any other expression as it is."""
    if isinstance(value, ir.Local) and (text := bound_text(node, scope.assignments)) is not None:
        return constant(text[:MAX_STRING])
    return known_text(value, scope)


def _percent(left: ir.Expr, right: ir.Expr, position: ir.Pos) -> ir.Fmt:
    """`format % values`; with a constant format and a tuple, each item is a part, and
    those formatted after a constant `?` or `#` are marked (see `ir.Fmt.query`). An item
    a conversion writes as a number (`%d`, `%x`, `%.2f`) carries no text: it is a number,
    or the formatting fails."""
    if not (isinstance(left, ir.Const) and isinstance(left.value, str)):
        return ir.Fmt("%", (left, right), prefix_of(left), position)
    prefix = _percent_prefix(left.value)
    after = _first_in_query(left.value)
    writers = _conversion_writers(left.value)
    if writers == []:
        # NOTE: `"import json" % json.loads(text)`: a format with no conversion writes
        # none of the values (a mapping or list is taken and ignored; anything else
        # makes the formatting fail), so the result is the format's own text.
        return ir.Fmt("%", (left, ir.Clean((right,))), prefix, position)
    if not (isinstance(right, ir.Seq) and right.kind == "tuple"):
        if writers is not None and len(writers) == 1:
            right = _written(right, writers[0], position)
        return ir.Fmt("%", (left, right), prefix, position, 1 if after == 0 else 0)
    items = right.elts
    if writers is not None and len(writers) == len(items):
        items = tuple(
            _written(item, writer, position) for item, writer in zip(items, writers, strict=True)
        )
    if after is None or after >= len(items) or any(isinstance(i, ir.Star) for i in items):
        return ir.Fmt("%", (left, *items), prefix, position)
    return ir.Fmt("%", (left, *items), prefix, position, after + 1)


def _percent_prefix(text: str) -> str:
    """The constant text a `%` format starts with: up to its first conversion, which
    the value fills (`"https://%s.example.com/"` starts with `https://` only)."""
    prefix = ""
    done = 0
    for match in ir.PERCENT_CONVERSION.finditer(text):
        prefix += text[done : match.start()]
        if match.group(0) != "%%":
            return prefix
        prefix += "%"
        done = match.end()
    return prefix + text[done:]


_NUMBER_CONVERSIONS = frozenset("diouxXeEfFgG")


def _conversion_writers(text: str) -> list[str] | None:
    """For each conversion of a `%` format that takes a value, what writes it: "number"
    (`%d`, `%.2f`), "" for the value as it is (`%s`), "repr" (`%r`, `%a`) or "format" (a
    width or precision); None when a `*` width or a mapping key makes the values not line
    up."""
    found: list[str] = []
    for match in ir.PERCENT_CONVERSION.finditer(text):
        conversion = match.group(0)
        if conversion == "%%":
            continue
        if "*" in conversion or conversion.startswith("%("):
            return None
        if conversion[-1] in _NUMBER_CONVERSIONS:
            found.append("number")
        elif conversion[-1] in "ra":
            found.append("repr")
        else:
            found.append("" if conversion == "%s" else "format")
    return found


def _written(item: ir.Expr, writer: str, position: ir.Pos) -> ir.Expr:
    """An item of a `%` format as its conversion writes it (see `_conversion_writers`)."""
    if writer == "number":
        return ir.Clean((item,))
    if writer and not isinstance(item, ir.Const | ir.Star):
        return ir.Call(ir.Global(writer), writer, (item,), (), position)
    return item


def _first_in_query(text: str) -> int | None:
    """The position of the first conversion of a `%` format that comes after a `?` or
    `#`, if one does (None too when a `*` width makes a conversion take two values)."""
    done = 0
    for match in ir.PERCENT_CONVERSION.finditer(text):
        if match.group(0) == "%%":
            continue
        if "*" in match.group(0):
            return None
        before = text[: match.start()]
        if "?" in before or "#" in before:
            return done
        done += 1
    return None


def _concat(left: ir.Const, right: ir.Const) -> ir.Const:
    if isinstance(left.value, str) and isinstance(right.value, str):
        return ir.Const((left.value + right.value)[:MAX_STRING])
    return ir.Const(None)


def _boolop(node: ast.BoolOp, scope: Scope) -> ir.Expr:
    values = tuple(lower(v, scope) for v in node.values)
    if isinstance(node.op, ast.And):
        # NOTE: `a and b` is `a` only when `a` is false: an empty text, `None`, `0`, an
        # empty list, which carry nothing a client chose (`query and escape(query)`,
        # `slug and slug == row.slug`).
        return ir.Union((ir.Clean(values[:-1]), values[-1]))
    return ir.Union(values)


def _ifexp(node: ast.IfExp, scope: Scope) -> ir.Expr:
    from webwarden.analysis.taint.lower_guards import guards

    test = ir.Clean((lower(node.test, scope),))
    values = (test, lower(node.body, scope), lower(node.orelse, scope))
    then, otherwise = guards(node.test, scope)
    if then or otherwise:
        return ir.Union(values, ((), then, otherwise))
    return ir.Union(values)


def _sequence(node: ast.List | ast.Tuple | ast.Set, scope: Scope) -> ir.Expr:
    kind = type(node).__name__.lower()
    elts = [lower(e, scope) for e in node.elts]
    if elts and isinstance(elts[0], ir.Global) and elts[0].name in scope.strings:
        # NOTE: `[GIT, "log", rev]` with `GIT = "git"`: a command's program, by its text.
        elts[0] = constant(scope.strings[elts[0].name])
    return ir.Seq(kind, tuple(elts))


def _starred(node: ast.Starred, scope: Scope) -> ir.Expr:
    return ir.Star(lower(node.value, scope))


def _dict(node: ast.Dict, scope: Scope) -> ir.Expr:
    keys = tuple(None if k is None else lower(k, scope) for k in node.keys)
    return ir.DictE(keys, tuple(lower(v, scope) for v in node.values))


def _comprehension(
    node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp, scope: Scope
) -> ir.Expr:
    from webwarden.analysis.taint.lower_stmt import target

    depth = len(scope.inside)
    generators = []
    for g in node.generators:
        iterated = lower(g.iter, scope)  # NOTE: read before its own target is bound
        scope.inside.extend(target_names(g.target))
        conditions = tuple(lower(c, scope) for c in g.ifs)
        generators.append((target(g.target, scope), iterated, conditions))
    if isinstance(node, ast.DictComp):
        elt: ir.Expr = ir.Seq("tuple", (lower(node.key, scope), lower(node.value, scope)))
    else:
        elt = lower(node.elt, scope)
    held = tuple(h for g in node.generators for c in g.ifs for h in _held(c, scope))
    del scope.inside[depth:]
    return ir.Comp(tuple(generators), elt, held, isinstance(node, ast.DictComp))


def _held(condition: ast.expr, scope: Scope) -> tuple[ir.Guard, ...]:
    """What a comprehension's condition establishes about the elements it keeps:
    `c.isalnum() or c in keep` guards `c` (each alternative does), `c.isalnum() or flag`
    does not."""
    from webwarden.analysis.taint.lower_guards import guards

    if any(isinstance(node, ast.Lambda) for node in walk(condition)):
        return ()  # NOTE: lowered once already, with the comprehension
    alternatives = (
        condition.values
        if isinstance(condition, ast.BoolOp) and isinstance(condition.op, ast.Or)
        else [condition]
    )
    found = [[g for g in guards(a, scope)[0] if g.how != "falsy"] for a in alternatives]
    everywhere = set.intersection(*({g.name for g in held} for held in found))
    return tuple(g for held in found for g in held if g.name in everywhere)


def _lambda(node: ast.Lambda, scope: Scope) -> ir.Expr:
    scope.lambdas.append(node)
    return ir.Global(scope.lambda_ref(node))


def _walrus(node: ast.NamedExpr, scope: Scope) -> ir.Expr:
    return ir.Walrus(node.target.id, lower(node.value, scope))


def _await(node: ast.Await, scope: Scope) -> ir.Expr:
    return lower(node.value, scope)


def _constant(node: ast.Constant, scope: Scope) -> ir.Expr:
    return scope.constant(node.value)


_HANDLERS: dict[type[ast.AST], Callable[..., ir.Expr]] = {
    ast.Constant: _constant,
    ast.Name: _name,
    ast.Attribute: _attribute,
    ast.Subscript: _subscript,
    ast.Call: _call,
    ast.JoinedStr: _joined,
    ast.BinOp: _binop,
    ast.BoolOp: _boolop,
    ast.IfExp: _ifexp,
    ast.List: _sequence,
    ast.Tuple: _sequence,
    ast.Set: _sequence,
    ast.Starred: _starred,
    ast.Dict: _dict,
    ast.ListComp: _comprehension,
    ast.SetComp: _comprehension,
    ast.GeneratorExp: _comprehension,
    ast.DictComp: _comprehension,
    ast.Lambda: _lambda,
    ast.NamedExpr: _walrus,
    ast.Await: _await,
}
