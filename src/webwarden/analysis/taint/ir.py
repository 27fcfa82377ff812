"""The dataflow IR of one module: what the per-file step keeps of its functions.

Every function, method, lambda and the module body is lowered into a small tree of the
classes below: assignments between local names, attributes and containers, calls with
their arguments and the callee's qualified name (resolved through imports), returns,
branches with the guards their tests establish, and loops. Names are already resolved:
`Local` is a variable of the function, `Free` one of an enclosing function, `Global` a
qualified name (`flask.request.args`, `myapp.db.run_query`, `eval`). Positions are
(line, 1-based column). Nothing here is an AST node, so the facts pickle small and can
be cached with the per-file results; the project step interprets them.
"""

from __future__ import annotations

import copyreg
import re
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, fields, is_dataclass
from operator import attrgetter
from types import FunctionType

from webwarden.pickling import fast_pickling

Pos = tuple[int, int]
"""(line, 1-based column) of a node."""

MAX_STRING = 200
"""Longer string constants are truncated: only prefixes and short keys matter."""

PERCENT_CONVERSION = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[a-zA-Z%]")
"""A conversion of a `%` format (`%s`, `%(name)s`, `%-*.3f`), or the literal `%%`."""


# -- expressions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Const:
    """A literal; strings are kept (truncated), other values only by their type."""

    value: str | bool | int | float | None


@dataclass(frozen=True, slots=True)
class Local:
    """A variable of the function being lowered (parameters included)."""

    name: str


@dataclass(frozen=True, slots=True)
class Free:
    """A variable of an enclosing function, read by a nested function (a closure)."""

    name: str


@dataclass(frozen=True, slots=True)
class Global:
    """A qualified name: an import, a module-level definition or a builtin."""

    name: str


@dataclass(frozen=True, slots=True)
class Attr:
    """`value.attr` where `value` is not a qualified name."""

    value: Expr
    attr: str


@dataclass(frozen=True, slots=True)
class Sub:
    """`value[index]`; `cut`: the index is a slice that may leave out the value's start
    (`path[6:]`), so the result does not start as the value does."""

    value: Expr
    index: Expr
    cut: bool = False
    scheme_cut: bool = False
    """The slice cuts off no more than a scheme and its `//` (`url[7:]`, `url[len(
    "http://"):]`, and no end): of the request's own absolute URL it leaves its host first."""


@dataclass(frozen=True, slots=True)
class Star:
    """`*value` in a call or a container, `**value` in a call (keyword None)."""

    value: Expr


@dataclass(frozen=True, slots=True)
class Call:
    """A call; `callee` is the qualified name when the callee is one, else the method
    name is `func.attr` of an `Attr` callee."""

    func: Expr
    callee: str | None
    args: tuple[Expr, ...]
    keywords: tuple[tuple[str | None, Expr], ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Fmt:
    """A string built from parts: f-string, `%` or `+` (`kind` says which).

    `prefix` is the constant text the result starts with, which tells whether a URL's
    scheme and host are fixed. Parts from index `query` on come after a constant `?` or
    `#`: in a URL, they fall in its query or fragment (0: no such part). A `%` with a
    constant format and a tuple has the format and then each item as parts.
    """

    kind: str
    parts: tuple[Expr, ...]
    prefix: str
    pos: Pos
    query: int = 0


@dataclass(frozen=True, slots=True)
class Seq:
    """A list, tuple or set display."""

    kind: str
    elts: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class DictE:
    """A dict display; a key None is a `**mapping` entry."""

    keys: tuple[Expr | None, ...]
    values: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Union:
    """A value that is one of several (`a or b`, `x if c else y`), or made of several
    (see `joined`)."""

    values: tuple[Expr, ...]
    guards: tuple[tuple[Guard, ...], ...] = ()
    """Per value, the guards that hold where it is the one chosen (`x if is_safe(x) else
    "/"`); empty when there are none."""
    joined: str = ""
    """The operator when made of every value, not one of them (`/` for `root / name`, `|`
    for `a | b`, `*` for `a * b`)."""
    dispatch: bool = False
    """A call through a table of functions (`HANDLERS[kind](request)`, see
    `dispatch_tables`): the first value, always evaluated, is the lookup kept as a
    `Clean`; the others are the calls of each function the table may give."""


@dataclass(frozen=True, slots=True)
class Clean:
    """A value that carries no data of its parts (a comparison, `not x`, `len` of...);
    the parts are still evaluated for the calls they make."""

    parts: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Comp:
    """A comprehension: `elt` for each (target, iterable, conditions) generator, where
    `guards` hold (`c for c in name if c.isalnum()`)."""

    generators: tuple[tuple[Target, Expr, tuple[Expr, ...]], ...]
    elt: Expr
    guards: tuple[Guard, ...] = ()
    mapping: bool = False
    """A dict comprehension: `elt` is the (key, value) pair."""


@dataclass(frozen=True, slots=True)
class Walrus:
    """`(name := value)`."""

    name: str
    value: Expr


Expr = (
    (Const | Local | Free | Global | Attr | Sub | Star | Call | Fmt | Seq | DictE | Union | Clean)
    | Comp
    | Walrus
)


# -- assignment targets ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TName:
    """Assign to a local variable."""

    name: str


@dataclass(frozen=True, slots=True)
class TAttr:
    """Assign to `value.attr`."""

    value: Expr
    attr: str


@dataclass(frozen=True, slots=True)
class TSub:
    """Assign to `value[index]`."""

    value: Expr
    index: Expr


@dataclass(frozen=True, slots=True)
class TSeq:
    """Unpack into several targets; `star` is the index of a `*rest` target, or -1."""

    elts: tuple[Target, ...]
    star: int = -1


Target = TName | TAttr | TSub | TSeq


# -- statements ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Guard:
    """What a branch test establishes about a local variable in one branch.

    `how` is `call` (a validating function returned true: `callee`), `member`
    (`x in container`), `equal` (`x == constant`), `method` (`x.isdigit()`), `contained`
    (`x.startswith(base)`, `x.is_relative_to(base)`, `commonpath([base, x]) == base`: a
    path below `base` when `x` was normalised; `callee` "basename" for
    `x == os.path.basename(x)`, "uuid" past `uuid.UUID(x)`), `host` (the host of
    the URL `x` was compared with `container`: `urlsplit(x).netloc == request.host`),
    `no_host` (`urlsplit(x).netloc == ""`: no check, but the flow says it was made),
    `pattern` (`x` matched a pattern of word characters only), `local` (`x` matched one
    that only a path of this site matches: `re.match(r"^/[a-z]+", x)`), `classes` (`x`
    matched one character class repeated, which the sink `kinds` need none of),
    `falsy` (`if x:` did not hold: `x` is empty, zero or None), `not_text`
    (`isinstance(x, str)` did not hold: see `not_text`; `callee` "item" for a loop's
    item), `response` (`isinstance(x,
    Response)` held: `x` is a response made already, no text to write anywhere), `joined` (`x` is a part
    of the path given as argument `index` of `callee`: only a path check holds of it) or
    `row_key` (a row of the Django model `callee` was found by `x` as its field `key`, or
    by the method's view: `x` is what that key field's type admits, see `row_keys`).
    """

    name: str
    how: str
    callee: str = ""
    container: Expr | None = None
    index: int = 0
    """For `call`: which positional argument `name` was. Past the first, only a project
    predicate's check of that parameter says what the call checks."""
    kinds: frozenset[str] = frozenset()
    """For `classes`: the sink kinds the matched characters cannot attack."""
    bare: bool = False
    """For `contained` by `startswith`: the prefix is not known to end in a path
    separator (`realpath(p).startswith(root)`): `/srv/root-other` starts with `/srv/root`,
    so the check keeps no path inside that folder."""
    as_read: bool = False
    """For `member` and `equal`: the local only ever holds data as it was read or given (a
    parameter, `request.GET["k"]`, `data.get("k")`), so what the guard proves of it holds
    of that read wherever else it went."""
    key: str = ""
    """For `row_key`: the field a row was looked up by (`pk`, `id`, `year`; "" for a
    generic view's `self.get_object()`, whose lookup settings say which parameter holds
    the key)."""
    found: bool = False
    """For `row_key`: the lookup raises unless a row matches (`get()`,
    `get_object_or_404()`), so past it the value equals a stored row's key field."""


@dataclass(frozen=True, slots=True)
class Assign:
    """`targets = value` (several targets for `a = b = value`)."""

    targets: tuple[Target, ...]
    value: Expr
    pos: Pos


@dataclass(frozen=True, slots=True)
class AugAssign:
    """`target op= value`: the target keeps its data and gains the value's."""

    target: Target
    value: Expr
    pos: Pos


@dataclass(frozen=True, slots=True)
class Eval:
    """An expression statement (a call, usually)."""

    value: Expr


@dataclass(frozen=True, slots=True)
class Return:
    """`return value` (None for a bare return)."""

    value: Expr | None
    pos: Pos


@dataclass(frozen=True, slots=True)
class Exit:
    """`raise`, `break` or `continue` (`kind`): the branch goes no further."""

    kind: str
    value: Expr | None = None
    """The exception a `raise` makes (`raise ValueError(f"bad {x}")`), when it names one."""
    pos: Pos | None = None


@dataclass(frozen=True, slots=True)
class If:
    """A branch and the guards its test establishes in each arm."""

    test: Expr
    body: Block
    orelse: Block
    then_guards: tuple[Guard, ...] = ()
    else_guards: tuple[Guard, ...] = ()
    pos: Pos | None = None
    """Where the test is, for steps its guards add (None for the `if`s lowering makes)."""
    get_branch: str = ""
    """The arm a GET request takes when the test compares the request method (`then`,
    `else`), else `""`."""
    missing_branch: str = ""
    """The arm taken when the one row the test looks up is missing (`then` for `if not
    M.query.filter(...).first():`), else `""` (see `lookup_test`)."""
    required: tuple[str, ...] = ()
    """The names the body needs true: the test's own (`if fetch:`) or those of its `and`
    (`if fetch and not local:`), for the flag parameters (see `flags`)."""
    counted: tuple[str, str] = ("", "")
    """The local whose rows the test counts and the arm taken when it holds none
    (`("channels", "then")` for `if not channels.count():`, see `lookup_test`)."""
    refused: tuple[str, ...] = ()
    """The names the body needs false: a negated one (`if not dry:`) or those of its
    `and` (`if changed and not dry:`), for the flag parameters (see `flags`)."""
    unset: tuple[str, str, str] = ("", "", "")
    """The local and field the test finds unset and the arm taken when it is
    (`("profile", "start_page", "then")` for `if profile.start_page is None:`, see
    `lookup_test.unset_field`)."""
    unmatched_exit: bool = False
    """The body leaves when a parameter of the request does not match a value kept in
    its session (`if request.GET.get("state") != state: return ...`; see
    `session_nonce.refuses_unmatched`): what follows runs only for a request that knew it."""
    else_needs: tuple[tuple[str, bool], ...] = ()
    """The names the `else` arm needs true or false: the test's own (`if dry:` -> `dry`
    false, `if not save:` -> `save` true) or each operand's of its `or` (`if preview or
    errors:` -> `preview` and `errors` false), for the flag parameters (see `flags`)."""
    counted_test: Expr | None = None
    """The test with each local holding a test of a model's rows put back in its place
    (`has_none = Team.objects.count() == 0`, then `if ENABLED and has_none:`), when it
    names one (see `lookup_test.held_count_test`); `missing_branch` is that test's."""
    none_arm: tuple[tuple[str, ...], str] = ((), "")
    """The locals the test reads only to tell whether each is set, and the arm taken when
    none is (`(("data",), "then")` for `if data is None:`; see `none_tests.none_arm`): the
    other arm runs only when one of them is set."""


@dataclass(frozen=True, slots=True)
class Loop:
    """`for target in iterable` (or `while test`: target None, iterable the test)."""

    target: Target | None
    iterable: Expr
    body: Block
    orelse: Block
    pos: Pos | None = None
    """Where the iterable is written (of a `for` loop)."""


@dataclass(frozen=True, slots=True)
class Try:
    """`try` with its handlers (the name each binds, or "")."""

    body: Block
    handlers: tuple[tuple[str, Block], ...]
    orelse: Block
    final: Block
    catches: tuple[tuple[str, ...] | None, ...] = ()
    """The qualified names of the classes each handler names (`except (KeyError,
    ESError):`), None for a bare `except:` or one whose classes are not names; empty
    when not known."""


@dataclass(frozen=True, slots=True)
class With:
    """`with expr as target, ...:` (a context manager's value is taken as itself)."""

    items: tuple[tuple[Expr, Target | None], ...]
    body: Block


@dataclass(frozen=True, slots=True)
class Define:
    """A nested `def`/`class` binding `name` to the function or class `ref`."""

    name: str
    ref: str


Stmt = Assign | AugAssign | Eval | Return | Exit | If | Loop | Try | With | Define
Block = tuple[Stmt, ...]


def statements(block: Block) -> Iterator[Stmt]:
    """Every statement of `block`, those of its branches, loops, `try` and `with` blocks
    too, each before the ones nested in it; not the bodies of the functions it defines
    (a `Define` is a name, its function is lowered apart)."""
    for statement in block:
        yield statement
        if isinstance(statement, If | Loop):
            yield from statements(statement.body)
            yield from statements(statement.orelse)
        elif isinstance(statement, Try):
            for inner in (statement.body, *(b for _, b in statement.handlers)):
                yield from statements(inner)
            yield from statements(statement.orelse)
            yield from statements(statement.final)
        elif isinstance(statement, With):
            yield from statements(statement.body)


def target_names(target: Target) -> Iterator[str]:
    """The names an assignment target binds: `a`, and each of `a, (b, c)`."""
    if isinstance(target, TName):
        yield target.name
    elif isinstance(target, TSeq):
        for element in target.elts:
            yield from target_names(element)


# -- definitions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter: `kind` is `pos`, `kwonly`, `vararg` or `kwarg`."""

    name: str
    kind: str = "pos"


@dataclass(frozen=True, slots=True)
class Function:
    """A function, method, lambda or module body, lowered."""

    qualname: str
    name: str
    params: tuple[Param, ...]
    defaults: tuple[tuple[str, Expr], ...]
    body: Block
    pos: Pos
    owner: str = ""
    """The qualified class a method is defined in ("" for functions)."""
    kind: str = "function"
    """`function`, `method`, `staticmethod`, `classmethod`, `property` or `module`."""
    decorators: tuple[str, ...] = ()
    """Qualified names of the decorators (the callee for `@deco(...)`)."""
    predicate: tuple[Guard, ...] = ()
    """For a function that only returns a test (`def is_known(theme): return theme in
    THEMES`): the guards on its parameters that hold when it returns true."""
    plain_params: tuple[str, ...] = ()
    """Of a decorated function, the parameters annotated with a type that holds no text
    (`item_id: int`, `Path[int]`, `UUID`, `date`): what a framework validating them
    against their annotation (Django Ninja) passes is no payload."""
    off_flags: tuple[str, ...] = ()
    """The parameters that default to off (`render_link=False`, `None`, `0`, `""`) and
    that the body never rebinds: flags a caller turns on (see `flags`)."""
    rebound: tuple[str, ...] = ()
    """The parameters the body may bind anew (`tref = ...`, `for tref in ...`): what the
    name holds at the end need not be the caller's object (see `state.REBOUND`)."""
    defaulted: tuple[str, ...] = ()
    """The parameters with a default, constant or not (`defaults` holds only the
    non-constant ones, which may carry data): a call may leave them out (see
    `sole_methods.fits`)."""
    returns: str = ""
    """What the return annotation says the function returns (see `annotated_returns`):
    a list or a dict; "" when not annotated so."""
    validates_data: bool = False
    """A decorator, or a factory of one, whose wrapper hands the view the request's
    `.data` as a serializer validated it (set in the outline; see `validated_data`)."""
    parsed_kwargs: tuple[str, ...] | None = None
    """Of a view whose `@use_kwargs({...})` names what it reads of the request, those
    names (None when not known): its other parameters are not what it parsed (see
    `parsed_kwargs`)."""
    handed: tuple[str, ...] = ()
    """A decorator, or a factory of one, whose wrapper reads the request and hands the
    view what it read: the positions (`#0`) and keywords it passes that at (set in the
    outline; see `handed_data`)."""
    on_flags: tuple[str, ...] = ()
    """The parameters that default to `True` (`persist=True`) and that the body never
    rebinds: flags a caller turns off (see `writes.flag_arms`)."""
    raises_unless: tuple[Guard, ...] = ()
    """The guards on its parameters that hold whenever a call returns, because the body
    raises otherwise (`if field not in ALLOWED: raise ...`; see `raising_validators`)."""
    typed_params: tuple[tuple[str, str], ...] = ()
    """(parameter, qualified name) for the parameters annotated with one class
    (`entity: Entity`, `Optional[Entity]`; see `annotated_params`)."""


@dataclass(frozen=True, slots=True)
class ClassDef:
    """A class: its bases and the class-level attributes made by calls (form fields)."""

    qualname: str
    bases: tuple[str, ...]
    methods: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]
    """(attribute, qualified callee) for `name = SomeField(...)` in the class body."""
    annotations: tuple[str, ...] = ()
    """Annotated attribute names in order (the fields of a dataclass)."""
    decorators: tuple[str, ...] = ()
    pos: Pos = (1, 1)
    refs: tuple[tuple[str, str], ...] = ()
    """(attribute, qualified name) for `form_class = SearchForm` in the class body."""
    members: tuple[tuple[str, str], ...] = ()
    """(attribute, qualified callee) for `self.repo = Repository(...)` in a method (`@name`
    for `self.repo = self.name()`, a class a class attribute holds)."""
    arguments: tuple[tuple[str, str, str], ...] = ()
    """(attribute, keyword, qualified type) for the arguments a GraphQL field declares as
    keywords of the call that makes it (`paste = graphene.Field(Paste, id=graphene.Int())`),
    wrappers (`Argument`, `NonNull`, `List`) taken off; (attribute, `resolver`, qualified
    function) for the resolver given to it (`graphene.Field(Paste, resolver=find_paste)`)."""
    assigned: tuple[tuple[str, str | None], ...] = ()
    """(attribute, `settled.settled_kind` of the value) for each value the class gives an
    attribute: in its body (`BASE = "https://..."`) or as `self.attr = value` in a method."""
    primary_key: str = ""
    """The attribute of the field the class body declares `primary_key=True`."""
    lookups: tuple[tuple[str, str], ...] = ()
    """(attribute, text) for a generic view's lookup settings in the class body
    (`lookup_field = "slug"`, `pk_url_kwarg = "id"`); text "" when not a constant."""
    listed_fields: tuple[str, ...] | None = None
    """The names a class named `Meta` lists as its `fields` (a Django model form's, `fields
    = ["aid_requested", "aid_paid"]`); None when it lists none, or not as constant text."""
    plain: tuple[str, ...] = ()
    """The annotated attributes whose type holds no text (`frame: int`, `key: UUID | None`,
    `Optional[int]`): what a pydantic model parses them to is a number, a truth value, a
    date or a UUID (see `parsed_models`)."""


@dataclass(frozen=True, slots=True)
class ModuleIR:
    """Everything the taint analysis keeps of one module."""

    module: str
    functions: tuple[Function, ...]
    classes: tuple[ClassDef, ...]
    set_outside: tuple[str, ...] = ()
    """Names of attributes code sets on objects other than its own instance to a value
    that is not settled (`client.api = url`)."""
    closed_urls: tuple[str, ...] = ()
    """Qualified module-level names bound once to a string constant that starts with a
    fixed scheme and host (`API_URL = "https://api.example.com/"`)."""
    open_settings: tuple[str, ...] = ()
    """Settings a settings module binds to something else than such a URL
    (`django.conf.settings.API_URL`); those it binds only to one are in `closed_urls`
    (see `settings_urls`)."""
    patterns: tuple[tuple[str, str], ...] = ()
    """Qualified module-level names bound to `re.compile("<constant>")`, with the pattern:
    what another module matching a value with them checks (`NAME_RX.match(name)`)."""
    renamed: tuple[tuple[str, str], ...] = ()
    """Module-level names bound once to an imported object (`module_aliases`), with its
    qualified name: what another module importing the name reaches
    (`current_user: User = _current_user`, Flask-Login's signed-in user)."""
    replaced: tuple[str, ...] = ()
    """Imported names the module binds again to an instance of what they import
    (`instance_rebinds`): read from another module, or from a function, the instance."""


def _pickled_by_fields(cls: type) -> None:
    """Pickle `cls` as a call `cls(*field values)`.

    NOTE: `fast_pickling` already spares the per-object `fields()` lookup; a module's IR
    has thousands of objects, and a call with the values from one `attrgetter` pickles
    them twice as fast again, unpickles them a third faster and is smaller. `__reduce__`
    takes precedence when pickling; `__setstate__` still loads pickles made by state.
    The same function is registered with `copyreg`, where the pickler looks first: it
    then skips looking `__reduce_ex__` up on every object (a fifth faster, the same bytes).
    """
    get = attrgetter(*(f.name for f in fields(cls)))
    reduce: Callable[[object], tuple[type, tuple[object, ...]]]
    if len(fields(cls)) == 1:

        def reduce(self: object) -> tuple[type, tuple[object, ...]]:
            return cls, (get(self),)
    else:

        def reduce(self: object) -> tuple[type, tuple[object, ...]]:
            return cls, get(self)

    setattr(cls, "__reduce__", reduce)  # noqa: B010 - mypy rejects assigning a method
    copyreg.pickle(cls, reduce)


def _set_by_slots(cls: type) -> None:
    """Give `cls` an `__init__` (the same parameters and defaults) that stores each field
    through its slot.

    NOTE: a frozen dataclass's own `__init__` stores each field by `object.__setattr__`,
    which looks the name up along the class's MRO every time; lowering a module makes
    tens of thousands of IR objects, and storing through the slots' descriptors makes
    them about a third faster. The objects are the same.
    """
    namespace: dict[str, object] = {}
    parameters, lines = [], []
    for item in fields(cls):
        name = item.name
        namespace[f"_set_{name}"] = cls.__dict__[name].__set__
        if item.default is MISSING:
            parameters.append(name)
        else:
            namespace[f"_default_{name}"] = item.default
            parameters.append(f"{name}=_default_{name}")
        lines.append(f"    _set_{name}(self, {name})\n")
    source = f"def __init__(self, {', '.join(parameters)}):\n{''.join(lines)}"
    exec(source, namespace)  # noqa: S102 - made above from the class's own field names
    init = namespace["__init__"]
    assert isinstance(init, FunctionType)  # noqa: S101 - defined by the source above
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010 - mypy rejects assigning a method


def walk(value: object) -> Iterator[object]:
    """Every node under `value` (a node, or a tuple or list of them), each before its
    parts; not those of a function it defines, which is lowered apart."""
    if isinstance(value, tuple | list):
        for item in value:
            yield from walk(item)
    elif is_dataclass(value) and not isinstance(value, type):
        yield value
        for item in fields(value):
            yield from walk(getattr(value, item.name))


fast_pickling(globals())
for _kind in tuple(globals().values()):
    if isinstance(_kind, type) and is_dataclass(_kind) and _kind.__module__ == __name__:
        _pickled_by_fields(_kind)
        _set_by_slots(_kind)
