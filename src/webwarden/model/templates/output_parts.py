"""What the text a function returns is made of: its author's, or what it was handed.

A Jinja filter of the project building HTML (`'<img class="%s" src="%s"/>' % (css,
avatar_url(email, size))`) writes into the page only what its returned string is made
of. Each part of each `return` is judged in the function's own scope (see `Parts`):

- inert, writing no markup a user chose: a literal, a number, a test, a digest's hex
  digits or a UUID, a date written out (`strftime()`, `isoformat()`, `humanize()`), a
  value escaped (`escape(x)`, `Markup("...").format(x)`, `Markup("...") % x`, the
  escapers and converters the taint analysis knows as safe for HTML, not the sanitisers,
  which keep some of a user's tags) or percent-encoded (`urlencode`, `quote`), a module
  constant or the operator's configuration;
- a parameter, as it came (or a part of it: `author.name`, `text[3:]`): the caller's;
- a call of a function of the project (this module's or one it imports): what that
  function makes of the arguments it is handed, told with every module read
  (`raw_parameters`);
- anything else (a database row's attribute, a library's result): unknown.

Locals are followed through every assignment (`output = "<b>"`, then `output =
output.format(name=name)`), strings joined, formatted and trimmed through their parts. A
`return` right under `if flag:` of a parameter whose default is falsy (`dns=False`) is
kept apart: a caller that never passes the flag never takes it.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from webwarden.analysis.taint.specs import SANITISERS
from webwarden.model.function_returns import function_returns
from webwarden.model.module import FileContext
from webwarden.model.names import last_name
from webwarden.model.templates.env_globals import configuration
from webwarden.model.templates.escaped_globals import literal_markup
from webwarden.model.templates.feeds import FunctionScope
from webwarden.model.templates.markup_methods import empty_returns
from webwarden.model.tree import walk
from webwarden.pickling import fast_pickling

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_HTML = "html"
_INERT_CALLS = frozenset(
    {
        *(f"uuid.uuid{n}" for n in (1, 3, 4, 5)),
        "secrets.token_hex",
        "secrets.token_urlsafe",
        "babel.dates.format_date",
        "babel.dates.format_datetime",
        "babel.dates.format_time",
        "babel.dates.format_timedelta",
        "flask_babel.format_date",
        "flask_babel.format_datetime",
        "flask_babel.format_time",
        "flask_babel.format_timedelta",
        "humanize.naturaltime",
        "humanize.naturaldate",
        "humanize.naturalday",
        "humanize.naturaldelta",
        "humanize.naturalsize",
        "humanize.intcomma",
        "django.utils.timesince.timesince",
        "django.utils.timesince.timeuntil",
    }
)
"""Calls whose result is a UUID, a random token, or a date, a duration or a number
written out for the reader (their other arguments, a pattern, are judged too)."""
_KEEPING = frozenset(
    {
        "bleach.clean",
        "nh3.clean",
        "django.utils.html.format_html",
        "django.utils.html.format_html_join",
        "crispy_forms.utils.render_crispy_form",
        "django.core.signing.loads",
    }
)
"""Functions the taint analysis takes as safe for HTML whose result may still hold
markup or text a user wrote: a sanitiser keeps the tags it allows (trimmed, or written
into an attribute, they are not safe), `format_html` the format it is given, a signed
value what was signed."""
_INERT_METHODS = frozenset({"hexdigest", "isoformat", "urlencode"})
"""Methods whose result holds no markup whatever they are called on: a digest's hex
digits, a date's ISO text, a query string percent-encoded (`QueryDict.urlencode()`)."""
_DATE_METHODS = frozenset({"strftime", "humanize", "ctime"})
"""A date's methods writing it out: digits and the names of days and months, whatever
the date (the format given is judged too)."""
_TEXT_METHODS = frozenset(
    {
        "format",
        "format_map",
        "join",
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "title",
        "capitalize",
        "casefold",
        "swapcase",
        "encode",
        "decode",
        "replace",
        "zfill",
        "center",
        "ljust",
        "rjust",
        "removeprefix",
        "removesuffix",
        "expandtabs",
    }
)
"""String methods whose result is made of the string and their arguments only."""
_TEXT_CALLS = frozenset({"str", "format", "bytes"})
_MARKUP = "Markup"
_REGISTERING = frozenset(
    {
        "template_filter",
        "app_template_filter",
        "template_global",
        "app_template_global",
        "filter",
        "simple_tag",
        "stringfilter",
        "pass_context",
        "pass_eval_context",
        "pass_environment",
        "contextfilter",
        "evalcontextfilter",
        "environmentfilter",
        "cache",
        "lru_cache",
        "cached",
        "memoize",
    }
)
"""Decorators that register a function or remember its result, handing back what it
returned: any other may write something else."""
_MAX_LOCALS = 8
_MAX_NESTING = 24
MAX_CALLS = 4
"""How many calls deep a function's parts are followed (a filter calling a helper of its
module calling one of another module)."""


@dataclass(frozen=True, slots=True)
class Parts:
    """What a value is made of, beside inert text."""

    params: tuple[str, ...] = ()
    """The function's parameters whose value (or a part of it) it holds as it came."""
    calls: tuple[CallParts, ...] = ()
    """Calls of functions of the project whose result it holds."""
    other: bool = False
    """It holds something else, which may be anyone's text."""


@dataclass(frozen=True, slots=True)
class CallParts:
    """A call of a function of the project, with what each argument is made of."""

    callee: str
    """The qualified name of the function called."""
    arguments: tuple[tuple[str, Parts], ...] = ()
    """By position (`"0"`) or keyword."""
    spread: bool = False
    """It hands on `*args` or `**kwargs`: parameters it may give beside those shown."""


@dataclass(frozen=True, slots=True)
class ReturnedParts:
    """What one `return` gives."""

    parts: Parts
    guard: str = ""
    """The parameter (with a falsy default) that the `return` is taken only when true."""


@dataclass(frozen=True, slots=True)
class OutputSummary:
    """What a top-level function's every `return` is made of."""

    name: str
    params: tuple[str, ...]
    """Its positional parameters, in order."""
    defaults: tuple[str, ...]
    """Its parameters with a literal default: inert when a caller leaves them out."""
    returns: tuple[ReturnedParts, ...]


_INERT = Parts()
_OTHER = Parts(other=True)


def _join(found: Iterable[Parts]) -> Parts:
    params: dict[str, None] = {}
    calls: dict[CallParts, None] = {}
    for each in found:
        if each.other:
            return _OTHER
        params.update(dict.fromkeys(each.params))
        calls.update(dict.fromkeys(each.calls))
    return Parts(tuple(params), tuple(calls)) if params or calls else _INERT


def output_summaries(ctx: FileContext) -> tuple[OutputSummary, ...]:
    """The module's top-level functions (not generators, decorated only to be registered
    or cached) each `return` of which is made of inert text, parameters and calls of the
    project's functions, but for those a falsy flag guards."""
    found = function_returns(ctx)
    summaries: list[OutputSummary] = []
    for function in ctx.tree.body:
        if not isinstance(function, _Function) or id(function) in found.generators:
            continue
        returns = found.returns.get(id(function))
        if not returns or not all(map(_registering, function.decorator_list)):
            continue
        summary = _Judge(ctx, function).summary(returns)
        if summary is not None:
            summaries.append(summary)
    return tuple(summaries)


def _registering(decorator: ast.expr) -> bool:
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    return last_name(called) in _REGISTERING


class _Judge:
    """Judges the parts of values in one function's scope."""

    def __init__(self, ctx: FileContext, function: _Function) -> None:
        self.ctx = ctx
        self.function = function
        arguments = function.args
        self.positional = tuple(a.arg for a in (*arguments.posonlyargs, *arguments.args))
        extra = [a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None]
        self.params = frozenset((*self.positional, *(a.arg for a in arguments.kwonlyargs), *extra))
        self.defaults = _literal_defaults(arguments)
        self._scope: FunctionScope | None = None
        self._bound: frozenset[str] | None = None
        self._comprehended: frozenset[str] = frozenset()

    def summary(self, returns: list[ast.Return]) -> OutputSummary | None:
        judged: list[ReturnedParts] = []
        empty: set[int] | None = None
        for node in returns:
            # NOTE: `if not text: return text` hands back an empty input, which writes
            # nothing; only a name returned can be one (the walk is made when one is met)
            if isinstance(node.value, ast.Name) and empty is None:
                empty = empty_returns(self.function)
            if node.value is None or (empty is not None and id(node) in empty):
                parts = _INERT
            else:
                parts = self.parts(node.value, frozenset(), 0)
            guard = self._guard(node) if parts.other or parts.calls else ""
            if parts.other and not guard:
                return None
            judged.append(ReturnedParts(parts, guard))
        literal = tuple(name for name, _ in self.defaults)
        return OutputSummary(self.function.name, self.positional, literal, tuple(judged))

    def _guard(self, node: ast.Return) -> str:
        """The parameter with a falsy default that an `if` around the `return` tests true
        (`if dns:`, or the `else` of `if not dns:`), never assigned in the function."""
        child: ast.AST = node
        for parent in self.ctx.ancestors(node):
            if parent is self.function:
                break
            if isinstance(parent, ast.If):
                name, truthy = _tested(parent.test)
                inside = child in parent.body if truthy else child in parent.orelse
                if name and inside and self._flag(name):
                    return name
            child = parent
        return ""

    def _flag(self, name: str) -> bool:
        default = dict(self.defaults).get(name, True)
        return not default and name not in self._scope_of().assignments

    def _scope_of(self) -> FunctionScope:
        if self._scope is None:
            self._scope = FunctionScope.in_module(self.ctx, self.function, view=False)
        return self._scope

    def _bound_otherwise(self) -> frozenset[str]:
        """Names the function binds by a loop, a `with`, an `except`, an import or a
        nested definition: values no assignment shows."""
        if self._bound is None:
            names: set[str] = set()
            for node in walk(self.function):
                if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
                    names.update(_target_names(node.target))
                elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                    names.update(_target_names(node.optional_vars))
                elif isinstance(node, ast.ExceptHandler) and node.name:
                    names.add(node.name)
                elif isinstance(node, ast.Import | ast.ImportFrom):
                    names.update((a.asname or a.name).split(".")[0] for a in node.names)
                elif isinstance(node, ast.Global | ast.Nonlocal):
                    names.update(node.names)
                elif isinstance(node, _Function | ast.ClassDef) and node is not self.function:
                    names.add(node.name)
            self._bound = frozenset(names)
        return self._bound

    def parts(self, node: ast.expr, resolving: frozenset[str], depth: int) -> Parts:
        """What `node` is made of (see the module's docstring)."""
        if depth > _MAX_NESTING:
            return _OTHER
        inner = depth + 1
        match node:
            case ast.Constant():
                return _INERT
            case ast.JoinedStr(values=values):
                return self._all(values, resolving, inner)
            case ast.FormattedValue(value=value):
                return self.parts(value, resolving, inner)
            case ast.BinOp(left=left, op=ast.Mod()) if literal_markup(left):
                return _INERT  # NOTE: `Markup("...") % x` escapes what it fills in
            case ast.BinOp(left=left, right=right):
                return self._all((left, right), resolving, inner)
            case ast.BoolOp(values=values):
                return self._all(values, resolving, inner)
            case ast.IfExp(body=body, orelse=orelse):
                return self._all((body, orelse), resolving, inner)
            case ast.Compare() | ast.UnaryOp(op=ast.Not()):
                return _INERT  # NOTE: `True` or `False`
            case ast.UnaryOp(operand=operand):
                return self.parts(operand, resolving, inner)
            case ast.Tuple(elts=items) | ast.List(elts=items) | ast.Set(elts=items):
                return self._all(items, resolving, inner)
            case ast.Dict(keys=keys, values=values):
                held = [k for k in keys if k is not None]
                return self._all((*held, *values), resolving, inner)
            case ast.Subscript(value=value):
                if self._configured(node):
                    return _INERT  # NOTE: `app.config["SITE_NAME"]`: the operator's text
                # NOTE: an item or a slice holds what its container holds, whatever the key
                return self.parts(value, resolving, inner)
            case ast.Starred(value=value):
                return self.parts(value, resolving, inner)
            case ast.ListComp() | ast.SetComp() | ast.GeneratorExp():
                return self._comprehension(node, resolving, inner)
            case ast.Attribute():
                return self._attribute(node)
            case ast.Name(id=name):
                return self._name(node, name, resolving, inner)
            case ast.Call():
                return self._call(node, resolving, inner)
        return _OTHER

    def _all(self, nodes: Iterable[ast.expr], resolving: frozenset[str], depth: int) -> Parts:
        return _join(self.parts(each, resolving, depth) for each in nodes)

    def _comprehension(
        self,
        node: ast.ListComp | ast.SetComp | ast.GeneratorExp,
        resolving: frozenset[str],
        depth: int,
    ) -> Parts:
        """`escape(v) for v in values`: each element, what it loops over being unknown."""
        outer = self._comprehended
        self._comprehended = outer | {
            name for each in node.generators for name in _target_names(each.target)
        }
        try:
            return self.parts(node.elt, resolving, depth)
        finally:
            self._comprehended = outer

    def _attribute(self, node: ast.Attribute) -> Parts:
        """`author.name` of a parameter is the caller's; a constant or the operator's
        configuration is inert; anything else unknown."""
        root = _root(node)
        if isinstance(root, ast.Name) and root.id in self.params:
            return Parts(params=(root.id,))
        if self._configured(node) or (
            not self._local(root) and _inert_constant(self.ctx.evaluate(node))
        ):
            return _INERT
        return _OTHER

    def _constant_table(self, node: ast.expr) -> bool:
        """A module constant mapping inert keys to inert values (`CLASSES = {"*": "done"}`),
        not read through a local or a parameter."""
        if self._local(_root(node)):
            return False
        value = self.ctx.evaluate(node)
        return isinstance(value, dict) and bool(value) and _inert_constant(value)

    def _configured(self, node: ast.Attribute | ast.Subscript) -> bool:
        """A module constant or the operator's configuration (`settings.SITE_NAME`,
        `app.config["FOOTER"]`), not read through a local or a parameter."""
        return not self._local(_root(node)) and configuration(self.ctx, node)

    def _local(self, root: ast.expr) -> bool:
        return isinstance(root, ast.Name) and (
            root.id in self.params
            or root.id in self._scope_of().assignments
            or root.id in self._local_names()
        )

    def _local_names(self) -> frozenset[str]:
        return self._bound_otherwise() | self._comprehended

    def _name(self, node: ast.Name, name: str, resolving: frozenset[str], depth: int) -> Parts:
        if name in resolving:
            return _INERT  # NOTE: met again while its own values are judged: adds none
        if name in self._local_names():
            return _OTHER
        scope = self._scope_of()
        values = [*scope.assignments.get(name, ()), *scope.added.get(name, ())]
        if name in self.params:
            found = [Parts(params=(name,))]
            return _join([*found, *(self.parts(v, resolving | {name}, depth) for v in values)])
        if values:
            if len(resolving) >= _MAX_LOCALS:
                return _OTHER
            return self._all_resolving(values, resolving | {name}, depth)
        if _inert_constant(self.ctx.evaluate(node)):
            return _INERT
        return _OTHER

    def _all_resolving(
        self, values: Iterable[ast.expr], resolving: frozenset[str], depth: int
    ) -> Parts:
        return _join(self.parts(v, resolving, depth) for v in values)

    def _call(self, call: ast.Call, resolving: frozenset[str], depth: int) -> Parts:
        func = call.func
        method = func.attr if isinstance(func, ast.Attribute) else ""
        name = self.ctx.call_name(call) or ""
        given = [*call.args, *(k.value for k in call.keywords)]
        if _HTML in SANITISERS.get(name, ()) and name not in _KEEPING:
            return _INERT
        if method in _INERT_METHODS and isinstance(func, ast.Attribute):
            return _INERT
        if method == "get" and isinstance(func, ast.Attribute) and self._constant_table(func.value):
            return self._all(given[1:], resolving, depth)  # NOTE: one of its values, or the default
        if name in _INERT_CALLS or method in _DATE_METHODS:
            return self._all(given[1:] if name in _INERT_CALLS else given, resolving, depth)
        if isinstance(func, ast.Attribute) and method == "format" and literal_markup(func.value):
            return _INERT  # NOTE: `Markup("...").format(x)` escapes what it fills in
        if last_name(func) == _MARKUP or (not method and name in _TEXT_CALLS):
            return self._all(given, resolving, depth)  # NOTE: the same text, marked or not
        if method in _TEXT_METHODS and isinstance(func, ast.Attribute):
            return self._all((func.value, *given), resolving, depth)
        callee = self._project_function(call)
        if callee is None:
            return _OTHER
        spread = any(isinstance(a, ast.Starred) for a in call.args) or any(
            k.arg is None for k in call.keywords
        )
        arguments = [
            (str(at), self.parts(value, resolving, depth))
            for at, value in enumerate(call.args)
            if not isinstance(value, ast.Starred)
        ]
        arguments += [
            (k.arg, self.parts(k.value, resolving, depth)) for k in call.keywords if k.arg
        ]
        return Parts(calls=(CallParts(callee, tuple(arguments), spread),))

    def _project_function(self, call: ast.Call) -> str | None:
        """The qualified name of a module-level function `call` may run: one this module
        defines, or one of a module it imports (`pagure.lib.query.avatar(...)`); not a
        method of an object the function holds, nor a builtin."""
        root = call.func
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name) or root.id in self.params:
            return None
        if root.id in self._scope_of().assignments or root.id in self._local_names():
            return None
        if isinstance(call.func, ast.Name) and self.ctx.module_function(call.func.id) is not None:
            return f"{self.ctx.module}.{call.func.id}" if self.ctx.module else call.func.id
        if root.id not in self.ctx.names.aliases:
            return None
        return self.ctx.call_name(call)


def _root(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node


def _literal_defaults(arguments: ast.arguments) -> tuple[tuple[str, object], ...]:
    """The parameters with a constant default, and that default."""
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = list(
        zip(
            positional[len(positional) - len(arguments.defaults) :],
            arguments.defaults,
            strict=False,
        )
    )
    pairs += [
        (a, d)
        for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if d is not None
    ]
    return tuple((a.arg, d.value) for a, d in pairs if isinstance(d, ast.Constant))


def _tested(test: ast.expr) -> tuple[str, bool]:
    """`flag` -> ("flag", True); `not flag` -> ("flag", False); else ("", True)."""
    match test:
        case ast.Name(id=name):
            return name, True
        case ast.UnaryOp(op=ast.Not(), operand=ast.Name(id=name)):
            return name, False
    return "", True


def _target_names(target: ast.expr) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def _inert_constant(value: object) -> bool:
    if isinstance(value, str | bytes | int | float) or value is None:
        return True
    if isinstance(value, tuple | list | frozenset | set):
        return all(map(_inert_constant, value))
    if isinstance(value, dict):
        return all(map(_inert_constant, value)) and all(map(_inert_constant, value.values()))
    return False


def raw_parameters(
    summaries: Mapping[str, OutputSummary],
    name: str,
    given: Collection[str],
    depth: int = 0,
    active: frozenset[str] = frozenset(),
) -> frozenset[str] | None:
    """The parameters of the function `name` (qualified) whose value reaches what it
    returns as it came, when its caller gives it the parameters `given` (by name; a
    `return` a falsy flag guards counts only when the flag is given); None when a part
    of it is neither inert nor such a parameter, or is not followed (deeper than
    `MAX_CALLS`, a recursion, a function the project does not define)."""
    summary = summaries.get(name)
    if summary is None or depth > MAX_CALLS or name in active:
        return None
    raw: set[str] = set()
    for returned in summary.returns:
        if returned.guard and returned.guard not in given:
            continue  # NOTE: left at its falsy default, the flag never takes this branch
        found = _resolved(summaries, returned.parts, depth, active | {name})
        if found is None:
            return None
        raw |= found
    return frozenset(raw)


def _resolved(
    summaries: Mapping[str, OutputSummary], parts: Parts, depth: int, active: frozenset[str]
) -> frozenset[str] | None:
    """The caller's parameters `parts` holds as they came, through the calls it holds."""
    if parts.other:
        return None
    raw = set(parts.params)
    for call in parts.calls:
        callee = summaries.get(call.callee)
        if callee is None:
            return None
        slots = dict(call.arguments)
        named = {
            callee.params[int(key)] if key.isdigit() and int(key) < len(callee.params) else key
            for key in slots
        }
        inner = raw_parameters(summaries, call.callee, named, depth + 1, active)
        if inner is None:
            return None
        for parameter in inner:
            argument = slots.get(parameter)
            if argument is None and parameter in callee.params:
                argument = slots.get(str(callee.params.index(parameter)))
            if argument is None:
                if call.spread or parameter not in callee.defaults:
                    return None
                continue  # NOTE: left out: its literal default
            found = _resolved(summaries, argument, depth + 1, active)
            if found is None:
                return None
            raw |= found
    return frozenset(raw)


fast_pickling(globals())
