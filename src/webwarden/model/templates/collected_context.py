"""What a view puts into a template's context, name by name: a mapping or keywords given
to a renderer, the edits of a local dict, and whether each value is inert (a number, a
form, HTML safe to mark safe, the operator's text) or carries request data (`feeds`)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Container, Iterable
from typing import TypeGuard

from webwarden.model.module import FileContext
from webwarden.model.templates.aggregates import aggregate_item
from webwarden.model.templates.configured import (
    app_registry_data,
    configuration,
    operator_text,
    setting_name,
)
from webwarden.model.templates.env_globals import configuration as configured_value
from webwarden.model.templates.facts import ContextName
from webwarden.model.templates.feeds import Feeds, FunctionScope, url_kwarg_key
from webwarden.model.templates.inert_reads import (
    DICT_READS,
    PLAIN_WORDS,
    comprehension_names,
    dict_only_read,
    iso_date_text,
    module_value_inert,
    number_counter,
    number_defaultdict,
    own_item_read,
    returned_dict_values,
)
from webwarden.model.templates.markable import markable, whitespace_trimmed
from webwarden.model.templates.markup_methods import html_functions, returns_by_function
from webwarden.model.templates.named_renders import renders_named_template
from webwarden.model.templates.paginator_counts import paginator_count
from webwarden.model.templates.query_rows import counted_positions
from webwarden.model.templates.row_classes import row_class
from webwarden.model.templates.script_json import script_safe_json
from webwarden.model.templates.url_methods import built_url_call
from webwarden.model.templates.view_kwargs import settled_kwargs_read
from webwarden.model.templates.widget_names import widget_name
from webwarden.model.tree import walk

_NUMBER_CALLS = frozenset({"int", "float", "bool", "len", "round"})
_NUMBER_METHODS = frozenset({"getint", "getfloat", "getboolean"})
"""`configparser`'s typed getters (and those of configuration objects made on it,
`conf.getint("webserver", "auto_refresh_interval")`): they return numbers or raise."""
_SEQUENCE_CALLS = frozenset({"list", "tuple", "sorted"})
"""Builtins that give the items of the iterable they are given, in a list or tuple."""
_CHOOSING_CALLS = frozenset({"max", "min", "abs"})
"""Builtins that give one of their arguments (or its size): inert when each is."""
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Pow)
"""Operators that join numbers into a number (and plain words into plain words); not
`%`, which fills a format with its right operand's text."""
_MAX_LOCALS = 6
"""How many locals deep a value is followed through the locals it is computed from."""
_COUNTING_METHODS = frozenset({"count", "exists"})
"""Methods that return an int or a bool whatever they are called on: a query set's
`count()` and `exists()`, a list's, tuple's or string's `count(x)`, a path's `exists()`."""
_NOT_COUNTING = frozenset({"itertools.count"})
"""A function of that name that returns something else (an iterator)."""


def _attribute_read(value: ast.expr) -> str:
    """The attribute `value` reads of a local or a name's attribute (`user.restricted`,
    `self.entry.closed`), "" for anything else."""
    if not isinstance(value, ast.Attribute):
        return ""
    holder = value.value
    while isinstance(holder, ast.Attribute):
        holder = holder.value
    return value.attr if isinstance(holder, ast.Name) else ""


_GETATTR = frozenset({"getattr", "builtins.getattr"})


def _setting_with_default(ctx: FileContext, call: ast.Call) -> bool:
    """`getattr(settings, "NAME", default)`: a setting of Django's settings object (or a
    settings module) read by its literal upper-case name, with a default."""
    if len(call.args) != 3 or call.keywords:
        return False
    holder, name = call.args[0], call.args[1]
    return (
        isinstance(holder, ast.Name)
        and configured_value(ctx, holder)
        and isinstance(name, ast.Constant)
        and isinstance(name.value, str)
        and name.value.isupper()
    )


_JSON_ENCODERS = frozenset({"json.dumps", "simplejson.dumps"})
"""Encoders returning JSON text (`orjson.dumps` returns bytes, which a template writes
as `b'...'`)."""
_SCRIPT_JSON = frozenset({"jinja2.utils.htmlsafe_json_dumps", "flask.json.htmlsafe_dumps"})
"""JSON with `<`, `>`, `&` and `'` escaped: a JavaScript literal that cannot end a
`<script>` block or a string around it."""
_PERMISSION_TESTS = frozenset({"has_perm", "has_perms", "has_module_perms"})
"""Django's tests of a user's permissions: each returns `True` or `False`."""


def _identifier_key(key: ast.expr) -> bool:
    """`["start"]`: a constant key a template can read as an attribute."""
    return isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isidentifier()


def _form_class(name: str | None) -> bool:
    """A class named `...Form` (`NoteForm`, `forms.LoginForm`)."""
    last = (name or "").rpartition(".")[2]
    return last[:1].isupper() and last.endswith("Form")


def _calls_given_form(
    returned: ast.expr, params: list[str], call: ast.Call, ctx: FileContext
) -> bool:
    """`return form_class(data)` where `call` passes a class named `...Form` as the
    parameter `form_class`."""
    if not (isinstance(returned, ast.Call) and isinstance(returned.func, ast.Name)):
        return False
    called = returned.func.id
    if called not in params:
        return False
    given = ctx.argument(call, params.index(called), called)
    return isinstance(given, ast.Name | ast.Attribute) and _form_class(ast.unparse(given))


def _loop_items(
    loops: list[ast.For | ast.AsyncFor],
    name: str,
    counted: Callable[[ast.expr], frozenset[int]] | None = None,
) -> list[ast.expr] | None:
    """The values the function's `for name in ...` `loops` give the name: the items of a
    tuple or list display (`for days in (30, 180, 365)`), a number for `range(...)`, or
    for a position of the rows of a SQLAlchemy query that `counted` says a numeric
    aggregate fills (`for day, n in session.query(Day, func.count(...))`); None when a
    loop binds it otherwise (to an item of a query, to another part of a tuple)."""
    items: list[ast.expr] = []
    for node in loops:
        if not any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.target)):
            continue
        match node.target, node.iter:
            case ast.Name(), ast.Tuple(elts=elts) | ast.List(elts=elts):
                items.extend(elts)
            case ast.Name(), ast.Call(func=ast.Name(id="range")):
                items.append(ast.Constant(0))
            case ast.Tuple(elts=targets), rows if counted is not None and _named_at(
                targets, name, counted(rows)
            ):
                items.append(ast.Constant(0))
            case _:
                return None
    return items


def _named_at(targets: list[ast.expr], name: str, positions: frozenset[int]) -> bool:
    """Whether a flat tuple target binds `name` at one of `positions`."""
    return any(
        isinstance(target, ast.Name) and target.id == name and at in positions
        for at, target in enumerate(targets)
    )


def _pairs_comprehension(made: ast.expr) -> ast.DictComp | None:
    """`dict((k, [a, b]) for k in keys)`, a dict made of a comprehension of pairs, as the
    dict comprehension it amounts to (`{k: [a, b] for k in keys}`); None for another."""
    if not (
        isinstance(made, ast.Call)
        and isinstance(made.func, ast.Name)
        and made.func.id == "dict"
        and len(made.args) == 1
        and not made.keywords
        and isinstance(made.args[0], ast.GeneratorExp | ast.ListComp)
    ):
        return None
    pair = made.args[0].elt
    if not (isinstance(pair, ast.Tuple) and len(pair.elts) == 2):
        return None
    return ast.DictComp(pair.elts[0], pair.elts[1], made.args[0].generators)


def _named(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _keyed_display(value: ast.expr) -> TypeGuard[ast.Dict]:
    """A dict display whose keys are all string constants (no `**` spread)."""
    return (
        isinstance(value, ast.Dict)
        and bool(value.keys)
        and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys)
    )


def _changed(function: ast.AST, name: str) -> bool:
    """Whether `function` sets or deletes a key of the local `name`, or calls a method
    of it (`update`, `setdefault`)."""
    for node in walk(function):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del):
            base = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            base = node.func.value
        else:
            continue
        if isinstance(base, ast.Name) and base.id == name:
            return True
    return False


def _self_attribute_changed(node: ast.AST, name: str) -> bool:
    """Whether `node` sets or deletes `self.name`, sets or deletes a key of it, or calls
    a method of it (`self.name.update(...)`)."""
    if isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
        return node.attr == name and _named(node.value, "self")
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del):
        base = node.value
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        base = node.func.value
    else:
        return False
    return isinstance(base, ast.Attribute) and base.attr == name and _named(base.value, "self")


class CollectedContext:
    """Collects context names of one render, following a dict variable's edits."""

    def __init__(
        self,
        ctx: FileContext,
        feeds: Feeds,
        methods: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] | None = None,
        owner: ast.ClassDef | None = None,
    ) -> None:
        self.ctx = ctx
        self.feeds = feeds
        self.methods = methods or {}
        """The class's methods, when a `self.method(...)` the context holds is followed."""
        self.owner = owner
        """The top-level class whose method renders, for what `self.method(...)` runs."""
        self.names: list[ContextName] = []
        self.opaque = False
        self._html_functions: tuple[str, ...] | None = None
        self._assumed: list[str] | None = None
        """The project's functions `_inert` takes to return inert values, while it judges."""
        self._comprehended: frozenset[str] = frozenset()
        """The names the comprehensions around the element being judged bind."""

    def add(self, name: str, value: ast.expr, depth: int = 0, *, item: bool = False) -> None:
        """The context name `name` holding `value` (a dict display's keys below it, and the
        items the function sets on a dict it passes by name)."""
        value = self._display_held(value)
        if _keyed_display(value) and depth < 2:
            # NOTE: `{"parent_work": {"id": work_id}}`: a template reads the display's
            # keys, each holding its own value, and no other key holds anything.
            # An item set to a display (`stats["findings"] = {"high": n}`) keeps each key
            # an item: what is below it is that key's value alone, not the dict's.
            for key, held in zip(value.keys, value.values, strict=True):
                self.add(f"{name}.{getattr(key, 'value', '')}", held, depth + 1, item=item)
            return
        trail = self.feeds.trail(value)
        inert, assumed = self.inert_assuming(value)
        values_inert, values_assumed = self.values_inert_assuming(value)
        configured, configured_if = (False, ()) if trail else self.configured_assuming(value)
        self.names.append(
            ContextName(
                name,
                self.ctx.location(value),
                trail.source if trail else "",
                trail.location if trail else None,
                trail.safe_for if trail else frozenset(),
                cleaned=self._cleaned(value),
                inert=inert and not assumed,
                inert_if=tuple(dict.fromkeys(assumed)) if inert else (),
                configuration=configured and not configured_if,
                configured_if=configured_if if configured else (),
                form=self._form(value),
                built_url=self._built_url(value),
                json_text=self._json_text(value),
                attribute="" if trail else _attribute_read(value),
                item=item,
                returns_of=self._returns_of(value),
                values_inert=values_inert and not values_assumed,
                values_inert_if=tuple(dict.fromkeys(values_assumed)) if values_inert else (),
                returned_by=self._returned_by(value),
                parameter=self._parameter(value),
                function=self._function_reference(value),
                setting="" if trail else setting_name(self.ctx, value),
                row_class="" if trail else self._row_class(value),
            )
        )
        if isinstance(value, ast.Name) and depth < 2:
            for item_key, set_to in (*self._display_items(value.id), *self._items_set(value.id)):
                self.add(f"{name}.{item_key}", set_to, depth + 1, item=True)

    def _row_class(self, value: ast.expr) -> str:
        """The model `value` is a row of, also through a local bound once to the lookup
        (`event = get_object_or_404(Event, pk=pk)`); "" if none."""
        return row_class(self.ctx, self._assigned_once(value, self._parameters()))

    def _returned_by(self, value: ast.expr) -> str:
        """The project function `value` is the result of (`paging_from(request)`, or a
        local bound once to it whose keys the view sets only as constants, each such item
        a context name of its own), "" if none."""
        held = self._assigned_once(value, self._parameters())
        if not isinstance(held, ast.Call):
            return ""
        function = self._project_function(held)
        if function is None or (isinstance(value, ast.Name) and self._edited(value.id)):
            return ""  # NOTE: the cheap test first: most calls are not the project's
        return function

    def _function_reference(self, value: ast.expr) -> str:
        """The qualified name of the module-level function `value` names, uncalled: one
        this module defines (`page_link`), or one it imports (`from .urls import
        modify_query`); "" for a local, a parameter or anything else."""
        if not isinstance(value, ast.Name):
            return ""
        if value.id in self.feeds.scope.assignments or value.id in self._parameters():
            return ""
        if self.ctx.module_function(value.id) is not None:
            return f"{self.ctx.module}.{value.id}" if self.ctx.module else value.id
        if value.id not in self.ctx.names.aliases:
            return ""
        return self.ctx.qualified(value) or ""

    def _edited(self, name: str) -> bool:
        """Whether the function changes the local dict `name` other than by setting a
        constant key (`paging.update(request.args)`, `paging.setdefault(...)`,
        `paging[key] = value`)."""
        function = self.feeds.scope.node
        if function is None:
            return True
        for node in walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                base, changing = node.func.value, node.func.attr not in DICT_READS
            elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
                base, changing = node.value, not _identifier_key(node.slice)
            else:
                continue
            if changing and isinstance(base, ast.Name) and base.id == name:
                return True
        return False

    def _parameter(self, value: ast.expr) -> str:
        """The URL parameter `value` is, never reassigned in the function, "" if none: a
        function view's parameter, or a class-based view's `self.kwargs["slug"]`, also
        through a local assigned it once (`kind = self.kwargs["kind"]`)."""
        scope = self.feeds.scope
        value = self._assigned_once(value, scope.url_parameters)
        if (
            isinstance(value, ast.Name)
            and value.id in scope.url_parameters
            and value.id not in scope.assignments
        ):
            return value.id
        return url_kwarg_key(settled_kwargs_read(self.feeds.ctx, value)) or ""

    def _assigned_once(self, value: ast.expr, kept: Container[str]) -> ast.expr:
        """What the local `value` names was assigned, where it is assigned exactly once in
        the function and is none of `kept` (parameters); else `value` itself."""
        if isinstance(value, ast.Name) and value.id not in kept:
            assigned = self.feeds.scope.assignments.get(value.id, [])
            if len(assigned) == 1:
                return assigned[0]
        return value

    def _returns_of(self, value: ast.expr) -> tuple[str, ...]:
        """The `Class.method` names a method call may run, nearest class first:
        `self.method(...)` in a method of `owner` (the class, then its bases), or
        `Links().method(...)` and `Links.method(...)` of a class the module names; or a
        local assigned one such call alone (`link = self.method(request)`); the object
        may be a local assigned one such instance alone (`differ = WordDiff()`)."""
        value = self._assigned_once(value, self._parameters())
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)):
            return ()
        holder, method = value.func.value, value.func.attr
        if isinstance(holder, ast.Name) and holder.id != "self":
            made = self._assigned_once(holder, self._parameters())
            if isinstance(made, ast.Call) and isinstance(made.func, ast.Name | ast.Attribute):
                holder = made
        if isinstance(holder, ast.Name) and holder.id == "self":
            classes = lineage(self.ctx, self.owner) if self.owner is not None else ()
        elif isinstance(holder, ast.Call) and isinstance(holder.func, ast.Name | ast.Attribute):
            classes = self._named_class(holder.func)
        elif isinstance(holder, ast.Name | ast.Attribute):
            classes = self._named_class(holder)
        else:
            classes = ()
        return tuple(f"{each}.{method}" for each in classes)

    def _named_class(self, node: ast.Name | ast.Attribute) -> tuple[str, ...]:
        """The lineage of the class `node` names (`Links`, `mixins.Links`), not a local
        or parameter holding an object."""
        if isinstance(node, ast.Name):
            if node.id in self.feeds.scope.assignments or node.id in self._parameters():
                return ()
            defined = next(
                (
                    c
                    for c in self.ctx.tree.body
                    if isinstance(c, ast.ClassDef) and c.name == node.id
                ),
                None,
            )
            if defined is not None:
                return lineage(self.ctx, defined)
        name = self.ctx.qualified_here(node)
        return (name,) if name and name.rpartition(".")[2][:1].isupper() else ()

    def configured_assuming(self, value: ast.expr) -> tuple[bool, tuple[str, ...]]:
        """Whether the value is configuration (see `env_globals.configuration`), or what
        a Django app's `AppConfig` holds, looked up in the app registry by the view (see
        `configured.app_registry_data`; not through a parameter); and the qualified
        names of the project's functions it is so only if they return configuration
        too: a call of one (`json.dumps(get_frontend_settings())`, a function of
        another module), which the template model tells (see `configured_functions`)."""
        if app_registry_data(self.ctx, value, self._local_values):
            return True, ()
        assumed: list[str] = []

        def assume(call: ast.Call) -> bool:
            function = self._project_function(call)
            if function is not None:
                assumed.append(function)
            return function is not None

        configured = configured_value(self.ctx, value, assume)
        return configured, tuple(dict.fromkeys(assumed))

    def _local_values(self, name: str) -> list[ast.expr]:
        if name in self._parameters():
            return []
        return self.feeds.scope.assignments.get(name, [])

    def _display_items(self, variable: str) -> list[tuple[str, ast.expr]]:
        """The keys of the dict display the local `variable` is assigned once, when the
        function changes it after only by setting constant keys (`ctx = {"modify_query":
        modify_query}`, then `ctx["pages"] = {...}`): each key holds its value, or one of
        those items (see `_items_set`)."""
        assigned = self.feeds.scope.assignments.get(variable, [])
        if len(assigned) != 1 or not _keyed_display(assigned[0]) or self._edited(variable):
            return []
        display = assigned[0]
        return [
            (key.value, held)
            for key, held in zip(display.keys, display.values, strict=True)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        ]

    def _items_set(self, variable: str) -> list[tuple[str, ast.expr]]:
        """`variable["key"] = value` in the function: the items it sets on a dict."""
        return self.feeds.scope.items.get(variable, [])

    def values_inert_assuming(self, value: ast.expr) -> tuple[bool, list[str]]:
        """Whether `value`, a dict handed on (to a template, or as what a function
        returns), holds only inert values: the function's local dict (see `_inert_dict`;
        the hand-over itself aside), a display of them, or what a function of the project
        returns (`tally(rows)`); and the project's functions that holds only if they
        return inert values, or dicts of them (`returned_dict_values`)."""
        self._assumed = []
        try:
            if isinstance(value, ast.Dict):
                return self._inert_display_values(value, frozenset()), self._assumed
            if isinstance(value, ast.Call):
                function = self._project_function(value)
                if function is None:
                    return False, []
                return True, [returned_dict_values(function)]
            if not isinstance(value, ast.Name):
                return False, []
            return self._inert_dict(value, frozenset(), handed=value), self._assumed
        finally:
            self._assumed = None

    def _inert_display_values(self, made: ast.Dict, resolving: frozenset[str]) -> bool:
        """A dict display (no `**` spread) every value of which is inert."""
        return None not in made.keys and all(
            self._inert_value(each, resolving) for each in made.values
        )

    def inert_assuming(self, value: ast.expr) -> tuple[bool, list[str]]:
        """Whether the value is inert (see `_inert`), and the qualified names of the
        project's functions it is so only if they return inert values too: a call of one
        (`stats.open_issues(project_id)`, a function of another module), which the
        template model tells (see `number_functions`)."""
        self._assumed = []
        try:
            return self._inert(value), self._assumed
        finally:
            self._assumed = None

    def _inert(self, value: ast.expr) -> bool:
        """Whether the value is a number or a boolean: a literal (`target=1`), a builtin's
        conversion or count (`int(page)`, `len(items)`), a configuration's typed getter
        (`conf.getint(...)`), a count or a test of existence (`debates.count()`,
        `Team.objects.filter(...).exists()`), JSON encoded for a script (`htmlsafe_json_dumps(...)`, or
        `json.dumps(...)` with `<`, `>` and `&` translated to escapes), or
        a local every assignment of which (and every loop over a display or `range()`
        binding it) gives one, a setting that may replace one aside (`threshold = 3.0`,
        then `threshold = settings.CHANGE_THRESHOLD`: the operator's number), or a
        setting read with such a default (`getattr(settings, "CLEANUP_AFTER_DAYS", 14)`); or
        a count of a Django `Paginator` (`paginator.num_pages`, `paginator.count`, a
        page's `number`: see `paginator_counts`); or
        a string literal of plain words (`element_type="timeline/events"`), the value of
        a Django aggregate that counts or sums (`aggregates.aggregate_item`), a list or
        tuple display of such values, or a local list every `append`, `insert`,
        `extend` and item set of which adds one (`FunctionScope.added`), or one of two
        such values a condition chooses (`1 if allowed else 0`), or such values joined by
        arithmetic (`100 * won.count() / total`) or chosen by `max`, `min` or `abs`, or
        `sum()` of an iterable alone (a number, or a `TypeError`); a
        test (`a == b`, `not done`, Django's `user.has_perm(...)`) or such values joined by
        `and` or `or`; `json.dumps(...)` of such a value or of a dict of them under
        plain-word keys (`{"can_edit": user.has_perm("notes.change_note")}`)."""
        return self._inert_value(value, frozenset())

    def _inert_value(self, value: ast.expr, resolving: frozenset[str]) -> bool:
        if isinstance(value, ast.Name | ast.Call) and widget_name(
            self.ctx, value, self.feeds.scope.node
        ):
            return True  # NOTE: the field's HTML name a Django widget is given
        match value:
            case ast.Name(id=name) if name in self._comprehended:
                return False  # NOTE: an item of what the comprehension loops over
            case ast.Name(id=name):
                return self._inert_local(name, resolving) or self._module_inert(value)
            case ast.IfExp(body=body, orelse=orelse):
                return self._inert_value(body, resolving) and self._inert_value(orelse, resolving)
            case ast.BinOp(left=left, op=op, right=right) if isinstance(op, _ARITHMETIC):
                return self._inert_value(left, resolving) and self._inert_value(right, resolving)
            case ast.UnaryOp(op=ast.USub() | ast.UAdd(), operand=operand):
                return self._inert_value(operand, resolving)
            case ast.BoolOp(values=values):
                return all(self._inert_value(each, resolving) for each in values)
            case ast.Compare() | ast.UnaryOp(op=ast.Not()):
                return True  # NOTE: a test: `True` or `False`
            case ast.Constant(value=str() as text):
                return PLAIN_WORDS.fullmatch(text) is not None
            case ast.Constant(value=constant):
                return isinstance(constant, int | float) or constant is None
            case ast.Call():
                return self._inert_call(value, resolving)
            case ast.List(elts=items) | ast.Tuple(elts=items):
                return all(self._inert_value(each, resolving) for each in items)
            case ast.ListComp() | ast.GeneratorExp():
                return self._inert_elements(value, resolving)
            case ast.Attribute():
                return paginator_count(self.ctx, value, self._local_values)
            case ast.Subscript():
                return (
                    aggregate_item(self.ctx, value, self._local_values)
                    or self._inert_own_item(value, resolving)
                    or self._inert_dict(value.value, resolving)
                )
        return False

    def _inert_dict(
        self, held: ast.expr, resolving: frozenset[str], handed: ast.expr | None = None
    ) -> bool:
        """A local dict (not a parameter) every value of which is inert: made once as
        `defaultdict(int)`, a `Counter` of a list, `{}` or a display or comprehension of
        inert values (also `dict()` of a comprehension of pairs), or by a call of a function
        of the project every returned dict of which holds only such values, only read (but for `handed`, where the view hands it to a template),
        and stepped or set to inert values, or to its own values joined with such
        (`d[k] = d.get(k, 0) + n`; see `inert_reads.dict_only_read`)."""
        if not isinstance(held, ast.Name) or held.id in self._comprehended:
            return False
        name, function = held.id, self.feeds.scope.node
        assigned = self.feeds.scope.assignments.get(name, [])
        if function is None or name in self._parameters() or len(assigned) != 1:
            return False
        if name in resolving:
            # NOTE: the dict's own values, read while they are judged (`by_day[day] =
            # by_day.get(day, 0) + n`), add none of their own.
            return True
        if len(resolving) >= _MAX_LOCALS:
            return False
        made, inner = assigned[0], resolving | {name}
        pairs = _pairs_comprehension(made)
        if pairs is not None:
            made_inert = self._inert_elements(pairs, inner)
        elif isinstance(made, ast.DictComp):
            made_inert = self._inert_elements(made, inner)
        elif isinstance(made, ast.Dict):
            made_inert = self._inert_display_values(made, inner)
        else:
            made_inert = (
                number_defaultdict(self.ctx, made)
                or number_counter(self.ctx, made)
                or self._made_by_project(made)
            )
        return (
            made_inert
            and dict_only_read(function, name, handed)
            and all(self._inert_value(each, inner) for each in self.feeds.scope.added.get(name, []))
        )

    def _made_by_project(self, made: ast.expr) -> bool:
        """A dict a function of the project returns (`counts = zero_counts()`), taken as
        holding only inert values if that function's every returned dict does."""
        if not isinstance(made, ast.Call) or self._assumed is None:
            return False
        function = self._project_function(made)
        if function is None:
            return False
        self._assumed.append(returned_dict_values(function))
        return True

    def _inert_items(self, value: ast.expr, resolving: frozenset[str]) -> bool:
        """An iterable of inert values: such a list or comprehension, or the `values()` of
        a dict of them (`list(visits.values())`)."""
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "values"
            and not value.args
            and not value.keywords
        ):
            return self._inert_dict(value.func.value, resolving)
        return self._inert_value(value, resolving)

    def _inert_elements(
        self, value: ast.ListComp | ast.GeneratorExp | ast.DictComp, resolving: frozenset[str]
    ) -> bool:
        """A comprehension each element (each value of a dict's) of which is inert whatever
        it loops over (`[qs.filter(week=w).count() for w in weeks]`, `[d.isoformat() for d
        in days]`, `{week: int(row["n"]) for week, row in rows}`)."""
        outer = self._comprehended
        self._comprehended = outer | comprehension_names(value)
        element = value.value if isinstance(value, ast.DictComp) else value.elt
        try:
            return self._inert_value(element, resolving)
        finally:
            self._comprehended = outer

    def _module_inert(self, name: ast.Name) -> bool:
        """A module constant (not a local or parameter) of a number or plain words, this
        module's or one it imports (`from stats.constants import GOAL`), which the
        template model tells (see `inert_reads.number_constants`)."""
        if name.id in self.feeds.scope.assignments or name.id in self._parameters():
            return False
        if module_value_inert(self.ctx, name):
            return True
        if self._assumed is None or name.id not in self.ctx.names.aliases:
            return False
        imported = self.ctx.qualified(name)
        if not imported:
            return False
        self._assumed.append(imported)
        return True

    def _inert_own_item(self, read: ast.Subscript, resolving: frozenset[str]) -> bool:
        """`context["nb"]` read back after the function set that item, every value it sets
        it to inert (see `inert_reads.own_item_read`)."""
        found = own_item_read(read, self.feeds.scope.items)
        if found is None or len(resolving) >= _MAX_LOCALS:
            return False
        variable, key, values = found
        marker = f"{variable}[{key!r}]"
        if marker in resolving:
            return True  # NOTE: met again while its own values are judged: adds none
        return all(self._inert_value(each, resolving | {marker}) for each in values)

    def _inert_local(self, name: str, resolving: frozenset[str]) -> bool:
        """A local every value of which is inert, a setting that may replace one aside;
        a local met again while its own values are judged (`top = max(rate, top)`) adds
        none of its own, a parameter met so is the caller's value."""
        if name in resolving:
            return name not in self._parameters()
        if name in self.feeds.scope.url_parameters and name not in self.feeds.scope.rebound:
            # NOTE: a parameter only some branch rebinds (`try: n = int(n)` with a
            # handler that goes on) may still hold what the caller, or the URL, gave.
            return False
        assigned = self.feeds.scope.assignments.get(name, [])
        looped = _loop_items(self.feeds.scope.loops, name, self._counted_positions)
        defaults = [each for each in assigned if not configuration(self.ctx, each)]
        if looped is None or not (defaults or looped) or len(resolving) >= _MAX_LOCALS:
            return False
        inner = resolving | {name}
        added = self.feeds.scope.added.get(name, [])  # NOTE: `counts.append(n)` of a list
        steps = self.feeds.scope.increments.get(name, [])
        if steps and not looped and _numbers(d for d in defaults if not _among(d, steps)):
            # NOTE: a total a loop adds to (`spent = 0`, `spent += row.amount`): a number
            # stepped by anything stays a number or raises.
            defaults = [each for each in defaults if not _among(each, steps)]
        return all(self._inert_value(each, inner) for each in (*defaults, *looped, *added))

    def _counted_positions(self, rows: ast.expr) -> frozenset[int]:
        return counted_positions(self.ctx, rows, self._local_values)

    def _inert_call(self, value: ast.Call, resolving: frozenset[str]) -> bool:
        method = value.func.attr if isinstance(value.func, ast.Attribute) else ""
        called = self.ctx.call_name(value)
        if method in _NUMBER_METHODS or called in _NUMBER_CALLS or called in _SCRIPT_JSON:
            return True
        if method in _PERMISSION_TESTS:
            return True
        if called == "json.dumps" and len(value.args) == 1:
            return self._inert_data(value.args[0], resolving)
        if method in _COUNTING_METHODS and called not in _NOT_COUNTING:
            return True
        if iso_date_text(value):
            return True
        if called in _GETATTR and _setting_with_default(self.ctx, value):
            # NOTE: `getattr(settings, "CLEANUP_AFTER_DAYS", 14)`: the default, or a
            # setting the operator gives in its place (as `_inert_local` judges it).
            return self._inert_value(value.args[2], resolving)
        if called == "sum" and len(value.args) == 1 and not value.keywords:
            return True  # NOTE: adds from 0: a number, or a `TypeError` for text or lists
        if called in _SEQUENCE_CALLS and len(value.args) == 1 and not value.keywords:
            return self._inert_items(value.args[0], resolving)
        if method == "get" and isinstance(value.func, ast.Attribute) and not value.keywords:
            default = value.args[1:2]
            if len(value.args) in (1, 2) and self._inert_dict(value.func.value, resolving):
                return all(self._inert_value(each, resolving) for each in default)
        if called in _CHOOSING_CALLS and value.args and not value.keywords:
            return all(self._inert_value(each, resolving) for each in value.args)
        if script_safe_json(self.ctx, value):
            return True
        function = self._project_function(value)
        if function is None or self._assumed is None:
            return False
        self._assumed.append(function)
        return True

    def _project_function(self, call: ast.Call) -> str | None:
        """The qualified name of a module-level function `call` may run: one this module
        defines (`count_open(...)`), or one of a module it imports
        (`stats.open_issues(...)`, `from stats import open_issues`); not a method of an
        object the function holds (`user.count_open()`), nor a builtin."""
        func = call.func
        root = func
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name):
            return None
        if root.id in self.feeds.scope.assignments or root.id in self._parameters():
            return None
        if isinstance(func, ast.Name) and self.ctx.module_function(func.id) is not None:
            return f"{self.ctx.module}.{func.id}" if self.ctx.module else func.id
        if root.id not in self.ctx.names.aliases:
            return None  # NOTE: not imported: a builtin, or a name bound elsewhere
        return self.ctx.call_name(call)

    def _inert_data(self, data: ast.expr, resolving: frozenset[str]) -> bool:
        """Whether `json.dumps` of `data` writes only fixed keys and inert values: a dict
        display of plain-word keys (`{"can_edit": user.has_perm("notes.change_note")}`),
        or a local (not a parameter) every assignment, item set, `append`, `insert`,
        `extend` and `+=` of which is one (a list built of such dicts, `rows = []` then
        `rows.append({"day": day})`), its keys set only as plain words, or an inert value
        itself: flags a view hands its page's script."""
        if not isinstance(data, ast.Name) or data.id in self._parameters():
            return self._inert_display(data, resolving)
        scope = self.feeds.scope
        assigned = scope.assignments.get(data.id, [])
        items = self._items_set(data.id)
        grown = (*scope.added.get(data.id, ()), *scope.increments.get(data.id, ()))
        return (
            bool(assigned)
            and not self._keyed_by_value(data.id)
            and all(self._inert_display(each, resolving) for each in assigned)
            and all(
                PLAIN_WORDS.fullmatch(key) is not None and self._inert_value(held, resolving)
                for key, held in items
            )
            and all(self._inert_display(each, resolving) for each in grown)
        )

    def _keyed_by_value(self, name: str) -> bool:
        """Whether the function updates the local dict `name` (`name.update(...)`) or sets
        a key of it that is no plain word it wrote (`name[label] = 1`): JSON of it may
        then hold any key. A list's index (`rows[0] = ...`) is no key JSON writes."""
        assigned = self.feeds.scope.assignments.get(name, [])
        if assigned and all(isinstance(each, ast.List | ast.ListComp) for each in assigned):
            return False
        for edit in self.feeds.scope.edits:
            if isinstance(edit, ast.Call):
                func = edit.func
                if isinstance(func, ast.Attribute) and _named(func.value, name):
                    return True
                continue
            for target in edit.targets:
                if not (isinstance(target, ast.Subscript) and _named(target.value, name)):
                    continue
                key = target.slice
                if not (
                    isinstance(key, ast.Constant)
                    and isinstance(key.value, str)
                    and PLAIN_WORDS.fullmatch(key.value) is not None
                ):
                    return True
        return False

    def _inert_display(self, data: ast.expr, resolving: frozenset[str]) -> bool:
        if not isinstance(data, ast.Dict):
            return self._inert_value(data, resolving)
        return all(
            isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and PLAIN_WORDS.fullmatch(key.value) is not None
            for key in data.keys
        ) and all(self._inert_value(held, resolving) for held in data.values)

    def _built_url(self, value: ast.expr) -> bool:
        """Whether the value is a URL the framework built, or a local (not a parameter)
        every assignment of which is one (`url = reverse("feed", args=[pk])`), or `None`
        before one (`url = None`, then `if shown: url = url_for(...)`: written as `None`,
        with no space, or left out by `{% if url %}`)."""
        if not isinstance(value, ast.Name):
            return built_url_call(self.ctx, value)
        return self._always(value, lambda each: built_url_call(self.ctx, each))

    def _json_text(self, value: ast.expr) -> bool:
        """Whether the value is JSON the view encoded and did not mark safe, or a local
        (not a parameter) every assignment of which is (see `ContextName.json_text`)."""
        if not isinstance(value, ast.Name):
            return self._json_call(value)
        return self._always(value, self._json_call)

    def _json_call(self, value: ast.expr) -> bool:
        return isinstance(value, ast.Call) and self.ctx.call_name(value) in _JSON_ENCODERS

    def _always(self, name: ast.Name, made: Callable[[ast.expr], bool]) -> bool:
        """Whether `name` is a local (not a parameter) given a value other than `None`,
        every such value `made` so."""
        assigned = [
            each for each in self.feeds.scope.assignments.get(name.id, []) if not _is_none(each)
        ]
        if not assigned or name.id in self._parameters():
            return False
        return all(made(each) for each in assigned)

    def _cleaned(self, value: ast.expr) -> bool:
        """Whether the value is HTML the view escaped or cleaned, or wrote itself: such a
        call or text, or a local (not a parameter) every assignment of which is one
        (`body = bleach.clean(markdown(text))`; `note = ""`, then `note = _("<b>...")`),
        whitespace taken out of it or not (`body.strip()`); or the operator's text (a
        setting, Django's settings object handed on whole)."""
        while (trimmed := whitespace_trimmed(value)) is not None:
            value = trimmed
        if not isinstance(value, ast.Name) or operator_text(self.ctx, value):
            return self._markable(value)
        assigned = self.feeds.scope.assignments.get(value.id, [])
        if not assigned or value.id in self._parameters():
            return False
        return all(self._markable(each) for each in assigned)

    def _markable(self, value: ast.expr) -> bool:
        """HTML safe to mark safe (`_markable`), unless a Jinja environment without
        autoescape rendered it, or a Django setting or Flask config item
        (`settings.BANNER_HTML`, `app.config["FOOTER_HTML"]`) or a file such values name:
        the operator's text, as a context processor's is (see `configured`)."""
        if self._unescaped_jinja_render(value):
            return False
        return (
            markable(value, self._held)
            or operator_text(self.ctx, value)
            or self._html_function_result(value)
        )

    def _html_function_result(self, value: ast.expr) -> bool:
        """A call of a function of the module every `return` of which gives HTML it
        rendered from a template, escaped or cleaned (`selectable_exports_inline(request,
        export_id)` returning `render_to_string(...)`; see `html_functions`), also from
        the template the call names (`renders_named_template`)."""
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
            return False
        name = value.func.id
        if name in self.feeds.scope.assignments or name in self._parameters():
            return False
        if self.ctx.module_function(name) is None:
            return False
        if self._html_functions is None:
            # NOTE: HTML escaped by hand is often kept in a local before it is returned.
            self._html_functions = html_functions(
                self.ctx.tree, returns_by_function(self.ctx), read_locals=self.ctx.holds("&lt;")
            )
        if name in self._html_functions:
            return True
        function = self.ctx.module_function(name)
        return function is not None and renders_named_template(function, value)

    def _held(self, name: str) -> list[ast.expr]:
        """What a local holds, for `markable`; nothing for a parameter (the caller's)."""
        if name in self._parameters():
            return []
        return list(self.feeds.scope.assignments.get(name, []))

    def _unescaped_jinja_render(self, value: ast.expr) -> bool:
        """`template.render(**args)` of a `template` this scope made with `from_string` or
        `get_template` of a Jinja `Environment(...)` made here with no `autoescape`:
        Jinja's default writes every variable as it is."""
        if not (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "render"
            and isinstance(value.func.value, ast.Name)
        ):
            return False
        for made in self._assigned(value.func.value):
            if not (isinstance(made, ast.Call) and isinstance(made.func, ast.Attribute)):
                continue
            if made.func.attr in _JINJA_LOADS and any(
                self._unescaped_environment(env) for env in self._assigned(made.func.value)
            ):
                return True
        return False

    def _assigned(self, node: ast.expr) -> list[ast.expr]:
        if isinstance(node, ast.Name):
            return list(self.feeds.scope.assignments.get(node.id, []))
        return [node]

    def _unescaped_environment(self, node: ast.expr) -> bool:
        return (
            isinstance(node, ast.Call)
            and self.ctx.qualified(node.func) in _JINJA_ENVIRONMENTS
            and not any(k.arg in {"autoescape", None} for k in node.keywords)
        )

    def _form(self, value: ast.expr) -> bool:
        """Whether the value is a form made here: a call of a class named `...Form`, or a
        local (not a parameter) every assignment of which is one or `None` (`doc_form =
        None` before the branches that make it)."""
        if not isinstance(value, ast.Name):
            return self._makes_form(value)
        return self._always(value, self._makes_form)

    def _makes_form(self, value: ast.expr, *, inner: bool = False) -> bool:
        """A call of a class named `...Form`, a parameter or else such a call (`form or
        NoteForm()`: the fallback says what callers pass), or a call of a function of
        this module that returns one, or a call of its parameter given such a class here
        (`_init_form(NoteForm, request)` returning `form_class(request.POST)`)."""
        if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
            parameters = self._parameters()
            made = [v for v in value.values if not (isinstance(v, ast.Name) and v.id in parameters)]
            return bool(made) and all(self._makes_form(v, inner=inner) for v in made)
        if not isinstance(value, ast.Call):
            return False
        if _form_class(self.ctx.call_name(value)):
            return True
        return not inner and self._returns_form(value)

    def _returns_form(self, call: ast.Call) -> bool:
        if not isinstance(call.func, ast.Name):
            return False
        function = self.ctx.module_function(call.func.id)
        if function is None:
            return False
        params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        returned = [
            node.value
            for node in walk(function)
            if isinstance(node, ast.Return) and node.value is not None
        ]
        return bool(returned) and all(
            self._makes_form(each, inner=True) or _calls_given_form(each, params, call, self.ctx)
            for each in returned
        )

    def _parameters(self) -> set[str]:
        return parameters_of(self.feeds)

    def _display_held(self, value: ast.expr) -> ast.expr:
        """The dict display a local holds when it is assigned once and never changed
        (`book = {"parent_work": ...}`, then `{"book": book}`), or a class attribute read
        on `self` (see `_class_display`); else `value`."""
        if isinstance(value, ast.Attribute):
            return self._class_display(value) or value
        if not isinstance(value, ast.Name):
            return value
        assigned = self.feeds.scope.assignments.get(value.id, [])
        function = self.feeds.scope.node
        if len(assigned) != 1 or not _keyed_display(assigned[0]) or function is None:
            return value
        if _changed(function, value.id):
            return value  # NOTE: keys set or methods called later: not the display alone
        return assigned[0]

    def _class_display(self, value: ast.Attribute) -> ast.Dict | None:
        """The dict display a class attribute read on `self` holds (`self.help_text` of a
        model admin whose body binds `help_text = {"text": _("..."), "url": "https://..."}`),
        when the class rendering binds it once in its body and none of its methods sets,
        deletes or calls a method of it (`self.help_text = ...`, `self.help_text["url"] =
        ...`, `self.help_text.update(...)`); None otherwise. A class body runs once, at
        import: no request reaches what it binds."""
        owner = self.owner
        if owner is None or not _named(value.value, "self"):
            return None
        bound = [
            statement.value
            for statement in owner.body
            if isinstance(statement, ast.Assign | ast.AnnAssign)
            and statement.value is not None
            and any(
                _named(target, value.attr)
                for target in (
                    statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                )
            )
        ]
        if len(bound) != 1 or not _keyed_display(bound[0]):
            return None
        if any(_self_attribute_changed(node, value.attr) for node in walk(owner)):
            return None
        return bound[0]

    def mapping(self, node: ast.expr | None, depth: int = 0) -> None:
        """The keys of the mapping `node` holds (opaque when it cannot be read); for a
        local bound several times, the value bound last on the straight path to the read
        (`Scopes.reaching_value`)."""
        if node is None or depth > 3:
            return
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    self.mapping(value, depth + 1)
                elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                    self.add(key.value, value)
        elif isinstance(node, ast.Call) and self.ctx.call_name(node) == "dict":
            self.keywords(node.keywords, depth)
        elif (helper := self._own_method(node) or self._module_helper(node)) is not None:
            self._returned(helper, depth)
        elif isinstance(node, ast.Name):
            # NOTE: `context["k"] = v` does not rebind `context`; the shared scope
            # bindings count it as one, so the function's own assignments come first.
            # A dict bound anew in each branch (`ctx = {...}` then `return render(...,
            # ctx)` in each) is the one bound last on the straight path to the render.
            local = self.feeds.scope.assignments.get(node.id, [])
            assigned = (
                local[0]
                if len(local) == 1
                else self.ctx.lookup(node) or self.ctx.reaching_value(node)
            )
            if assigned is None:
                self.opaque = True
            else:
                self.mapping(assigned, depth + 1)
            self.edits(node.id)
        else:
            self.opaque = True

    def _own_method(self, node: ast.expr) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The method of the class a `self.method(...)` call runs."""
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "self"
        ):
            return self.methods.get(node.func.attr)
        return None

    def _module_helper(self, node: ast.expr) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The function of the module a plain `helper(...)` call runs (`context =
        _ranking_settings(contest)`, a dict the view's module builds for several views)."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.ctx.module_function(node.func.id)
        return None

    def _returned(self, method: ast.FunctionDef | ast.AsyncFunctionDef, depth: int) -> None:
        """The keys of the mappings `method` (a method of the class, or a function of the
        module) returns, judged in its own scope."""
        inner = CollectedContext(
            self.ctx, Feeds(self.ctx, FunctionScope.in_module(self.ctx, method, view=False))
        )
        for child in walk(method):
            if isinstance(child, ast.Return) and child.value is not None:
                inner.mapping(child.value, depth + 1)
        self.names += inner.names
        self.opaque = self.opaque or inner.opaque

    def keywords(self, keywords: list[ast.keyword], depth: int = 0) -> None:
        """The names keyword arguments pass (a `**mapping`'s keys too)."""
        for keyword in keywords:
            if keyword.arg is None:
                self.mapping(keyword.value, depth + 1)
            else:
                self.add(keyword.arg, keyword.value)

    def edits(self, variable: str, depth: int = 0) -> None:
        """`context["k"] = v` and `context.update(...)` in the same function, and in the
        functions of the module it hands the dict to (see `_helper_edits`)."""
        if depth < _MAX_HELPER_DEPTH:
            self._helper_edits(variable, depth)
        for node in self.feeds.scope.edits:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    key = _item_key(target, variable)
                    if key:
                        self.add(key, node.value)
            elif (
                isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == variable
            ):  # NOTE: the scope keeps only `name.update(...)` calls
                for argument in node.args:
                    self.mapping(argument, 3)
                self.keywords(node.keywords, 3)

    def _helper_edits(self, variable: str, depth: int) -> None:
        """The keys a function of the module, or a method of the view's class (`context =
        self.get_context_stats(context)`), sets on the dict `variable` when the function
        hands it over (`complete_context(request, context)` before `render(request,
        template, context)`): the helper's `context["from_date"] = int(...)` is a name of
        the render, its value judged in the helper's own scope."""
        function = self.feeds.scope.node
        if function is None:
            return
        for node in self.ctx.subtree(function):
            if not isinstance(node, ast.Call):
                continue
            helper = self._module_helper(node)
            bound = helper is None and (helper := self._own_method(node)) is not None
            if helper is None or helper is function:
                continue
            parameter = handed_parameter(helper, node, variable, bound=bound)
            if parameter is None:
                continue
            scope = FunctionScope.in_module(self.ctx, helper, view=False)
            if parameter in scope.assignments:
                continue  # NOTE: the helper binds the name to a dict of its own
            inner = CollectedContext(self.ctx, Feeds(self.ctx, scope), self.methods)
            inner.edits(parameter, depth + 1)
            self.names += inner.names
            self.opaque = self.opaque or inner.opaque


_MAX_HELPER_DEPTH = 2
"""How many functions deep a dict handed on is followed."""


def handed_parameter(
    helper: ast.FunctionDef | ast.AsyncFunctionDef,
    call: ast.Call,
    variable: str,
    *,
    bound: bool = False,
) -> str | None:
    """The parameter of `helper` that `call` binds to the local `variable` (`None` when
    it passes it in no argument, or in a `*args`/`**kwargs` one); a `bound` method's
    first parameter is the object it was called on (`self.fill(context)`)."""
    arguments = helper.args
    positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)][int(bound) :]
    named = {*positional, *(a.arg for a in arguments.kwonlyargs)}
    for index, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred):
            return None
        if isinstance(argument, ast.Name) and argument.id == variable:
            return positional[index] if index < len(positional) else None
    for keyword in call.keywords:
        value = keyword.value
        if isinstance(value, ast.Name) and value.id == variable:
            return keyword.arg if keyword.arg in named else None
    return None


def _item_key(target: ast.expr, variable: str) -> str:
    """The key `variable["k"] = ...` sets, or the dotted path of an item of one of its
    items (`context["widget"]["script"] = ...`, a Django widget's context: `widget.script`);
    "" for another target."""
    keys: list[str] = []
    while (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and isinstance(target.slice.value, str)
        and len(keys) < 2
    ):
        keys.insert(0, target.slice.value)
        target = target.value
    if not (isinstance(target, ast.Name) and target.id == variable):
        return ""
    return ".".join(keys)


def parameters_of(feeds: Feeds) -> set[str]:
    """The names of the parameters of the function whose body `feeds` reads."""
    function = feeds.scope.node
    if function is None:
        return set()
    arguments = function.args
    listed = (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
    starred = (arguments.vararg, arguments.kwarg)
    return {a.arg for a in listed} | {a.arg for a in starred if a is not None}


_JINJA_LOADS = frozenset({"from_string", "get_template"})
_JINJA_ENVIRONMENTS = frozenset({"jinja2.Environment", "jinja2.environment.Environment"})


def _is_none(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is None


_MAX_LINEAGE = 8


def lineage(ctx: FileContext, node: ast.ClassDef) -> tuple[str, ...]:
    """The qualified names of a top-level class and of its bases, nearest first, those
    the module defines followed to their own bases (`class Page(Base, LinksMixin)`:
    `views.Page`, `views.Base`, what `Base` derives from, then `mixins.LinksMixin`)."""
    classes = {c.name: c for c in ctx.tree.body if isinstance(c, ast.ClassDef)}
    found: list[str] = []
    queue: list[ast.expr | ast.ClassDef] = [node]
    while queue and len(found) < _MAX_LINEAGE:
        current = queue.pop(0)
        if isinstance(current, ast.Name) and current.id in classes:
            current = classes[current.id]
        if isinstance(current, ast.ClassDef):
            name = f"{ctx.module}.{current.name}" if ctx.module else current.name
            if name not in found:
                found.append(name)
                queue = [*current.bases, *queue]
            continue
        qualified = ctx.qualified_here(current)
        if qualified and qualified not in found:
            found.append(qualified)
    return tuple(found)


def _among(value: ast.expr, values: list[ast.expr]) -> bool:
    return any(value is each for each in values)


def _numbers(values: Iterable[ast.expr]) -> bool:
    """Whether there are values and each is a number literal (`0`, `-1`, `0.0`)."""
    found = False
    for value in values:
        if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
            value = value.operand
        if not isinstance(value, ast.Constant) or type(value.value) not in (int, float):
            return False
        found = True
    return found
