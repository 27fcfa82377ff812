"""Whether a template filter returns its input marked safe without escaping it (WW552).

Read from the filter function alone, and from the functions of its own module it hands
the input to (`mark_safe(markdown_compile(text))`).
"""

from __future__ import annotations

import ast
import copy
import re
from collections.abc import Callable, Collection, Mapping, Sequence

from webwarden.model.percent_format import NUMERIC, conversions
from webwarden.model.templates.code_highlight import highlights_as_html
from webwarden.model.templates.feeds import SANITISERS
from webwarden.model.templates.html_diff import diff_descriptions
from webwarden.model.templates.markdown_parsers import (
    MARKDOWN_ALIAS,
    PARSER_RENDERS,
    changed_in_place,
    escaping_markdown_parsers,
    html_off,
    literal,
    markdown_aliases,
)
from webwarden.model.templates.rich_text import rich_text_renderers
from webwarden.model.templates.signal_receivers import sent_signal, signal_key
from webwarden.model.templates.text_filters import (
    escaping_text_filters,
    helper_told_to_escape,
    told_to_escape,
)
from webwarden.model.tree import mapping_get

Function = ast.FunctionDef | ast.AsyncFunctionDef
Qualify = Callable[[ast.AST], str | None]
"""The module's qualified name of a callee, through its imports (`FileContext.qualified`):
`json.dumps` for `from json import dumps as json_dump; json_dump`."""

SAFE_MARKERS = frozenset({"mark_safe", "SafeString", "SafeText", "Markup"})
_ESCAPERS = frozenset(
    {"escape", "conditional_escape", "format_html", "format_html_join", "flatatt", "clean"}
)
"""`flatatt(attrs)`, Django's attributes of a widget or a table cell, joins them by
`format_html_join`: keys and values escaped."""
_SANITISER_NAMES = frozenset(
    {"int", "float", "bool", "len", "Decimal", "strip_tags", "escapejs", "urlencode", "isoformat"}
    | {"provisioning_uri", "ord", "tzname"}
)
"""Calls, however imported, whose result holds no markup of their argument (`ord(char)`:
a code point, as an e-mail obfuscator writes each character, `f"&#{ord(char)};"`; a date's
`isoformat(timespec=spec)`: digits and separators, the argument only picks the
precision, and an unknown one raises; a date's or time's `tzname()`, the abbreviation
of its time zone its `tzinfo` gives, `"UTC"`, `"CET"`, which a string has no method
for; PyOTP's `provisioning_uri(name=..., issuer_name=...)`,
the `otpauth://` URI a QR code carries, its label and parameters percent-encoded)."""
SANITISER_NAME = re.compile(r"^(?!.*cleaned).*(?:saniti[sz]e|bleach|nh3|clean_?html|html_?clean)")
"""A function named for cleaning HTML (`clean_html`, `sanitize_html`, `bleach_text`): a
project's own wrapper of a sanitiser, often in another module than the filter (which is
not followed), is taken at its word as the cleaning extensions and keywords are."""
_NUMBERS = frozenset({"int", "float", "bool", "len", "Decimal", "ord"})
_MARKDOWN_CALLS = frozenset({"markdown", "commonmark"})
_MARKDOWN_TEXT = frozenset({"text", "source"})
"""The keyword a Markdown renderer may be given its text by (`markdown(text=...)`)."""
_CLEANING_WORDS = ("clean", "saniti", "bleach", "nh3")
"""In a name given to a call (`markdown(text, extensions=[LinkifyAndCleanExtension()])`,
`render(text, sanitize=True)`): the call cleans what it returns."""
_NON_TEXT_TYPES = frozenset(
    {"int", "float", "Decimal", "bool", "complex", "Fraction", "date", "datetime", "UUID"}
)
_MARKED_TYPES = frozenset({"SafeData", "SafeString", "SafeText", "Markup"})
"""Types of text already marked safe: a value a filter lets past only as one of them
(`if not isinstance(value, SafeString): return value`) is HTML whoever marked it vouched
for, which the filter may cut or rewrap and mark safe again, as Django's own
`truncatewords_html` does."""
FIELD_IDENTIFIERS = frozenset(
    {"id_for_label", "auto_id", "html_name", "html_initial_name", "html_initial_id"}
)
"""A Django form field's generated names and ids (`field.id_for_label`): made of the
form's prefix and the field's name, which the code gives, never of submitted data."""
DATABASE_KEYS = frozenset({"pk", "id", "uuid"})
"""A model instance's primary key (`adj.pk`, Django's alias for it, `obj.id`, a
`UUIDField`'s `obj.uuid`): a number or a UUID the database made, not the text of the
object it belongs to."""
_MAX_DEPTH = 8
_PLAIN_PARTS = (ast.Tuple, ast.List, ast.Attribute, ast.Starred, ast.FormattedValue)
"""Nodes that only hold their children (a format's tuple of values, `action.client.name`):
going into one is no step `_MAX_DEPTH` counts, which bounds the hops through locals and
calls."""


def marks_input_safe(
    function: Function,
    functions: Mapping[str, Function],
    tables: Collection[str] = (),
    *,
    skip: int = 0,
    qualify: Qualify | None = None,
) -> tuple[str, tuple[str, ...]]:
    """The marking call (`mark_safe(...)`) when the function returns its input marked safe
    ("" otherwise), and the parameters whose value it marks, in order (`tables`: the
    module's escape tables and escaping Markdown parsers, see `module_escapers`; `skip`:
    the leading parameters the template engine fills with its own objects, Jinja's
    evaluation context of a `pass_eval_context` filter; `qualify`: the module's names of
    callees, without which a callee is known by the name the code writes)."""
    return _Marking(functions, tables=tables, qualify=qualify).marks(function, skip)


def marks_markdown_of_input(
    function: Function,
    functions: Mapping[str, Function],
    tables: Collection[str] = (),
    *,
    qualify: Qualify | None = None,
) -> tuple[str, tuple[str, ...]]:
    """As `marks_input_safe`, for a Django filter registered with `needs_autoescape`,
    which escapes its input itself (`conditional_escape(text)`): only the parameters it
    marks safe after a Markdown renderer of the function made HTML of them count
    (`mark_safe(markdown.markdown(conditional_escape(text)))`), as escaping leaves
    `[x](javascript:...)`, which the renderer makes a link."""
    marking = _Marking(functions, tables=tables, markdown_only=True, qualify=qualify)
    marker, raw = marking.marks(function)
    return marker.replace("(...)", "(markdown(...))"), raw


_HTML_SPECIAL = frozenset("<>&\"'")


def module_escapers(
    tree: ast.Module,
    evaluate: Callable[[ast.expr], object],
    imports: Sequence[ast.AST],
) -> frozenset[str]:
    """The module's names that escape what the filters hand them: its escape tables
    (`escape_tables`), its Markdown parsers that escape raw HTML
    (`escaping_markdown_parsers`) and Wagtail's rich text renderers its `from ...
    import` statements (`imports`) bind (`rich_text_renderers`), and so Django's text
    filters (`escaping_text_filters`); with them, written
    apart, the Markdown renderers those statements bind under another name
    (`markdown_aliases`), which escape nothing."""
    return (
        escape_tables(tree, evaluate)
        | escaping_markdown_parsers(tree, evaluate)
        | rich_text_renderers(imports)
        | escaping_text_filters(imports)
        | markdown_aliases(imports)
    )


def escape_tables(tree: ast.Module, evaluate: Callable[[ast.expr], object]) -> frozenset[str]:
    """The module's names bound to a mapping that replaces each character HTML gives a
    meaning to with text holding none of them (a copy of Django's `escapejs` table,
    `{"<": "\\u003C", ...}`): text looked up through it character by character
    (`"".join(TABLE.get(c, c) for c in value)`) is escaped."""
    found = set()
    for statement in tree.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.Dict)
            and any(isinstance(k, ast.Constant) and k.value == "<" for k in statement.value.keys)
        ):
            continue
        table = evaluate(statement.value)
        if isinstance(table, dict) and _escapes_html(table):
            found.add(statement.targets[0].id)
    return frozenset(found)


def _escapes_html(table: dict[object, object]) -> bool:
    keys = {chr(k) if isinstance(k, int) else k for k in table}
    if not keys >= _HTML_SPECIAL:
        return False
    return all(
        isinstance(v, str) and not _HTML_SPECIAL.intersection(v)
        for k, v in table.items()
        if (chr(k) if isinstance(k, int) else k) in _HTML_SPECIAL
    )


def marks_through_methods(
    function: Function, functions: Mapping[str, Function], qualify: Qualify | None = None
) -> tuple[str, ...]:
    """The methods (`admin.get_tree_rows(request, pages)`) whose results every value the
    function marks safe is made of, when it marks its input only through them: it marks
    nothing unescaped if each returns escaped or rendered HTML, which is judged where
    the project defines them (() when it marks its input otherwise too)."""
    marking = _Marking(functions, methods=True, qualify=qualify)
    marker, _ = marking.marks(function)
    return () if marker else tuple(sorted(marking.through))


_TEXT_METHODS = frozenset(name for name in dir(str) if not name.startswith("_"))
"""`text.replace(...)`, `"".join(rows)`: what a string's own methods return is made of
it, whatever a class of the project defines under the same name."""


class _Marking:
    """One module's functions, and which of them hand their input back unescaped. With
    `methods`, a method called on an object (`admin.get_tree_rows(...)`) hands back
    nothing of its arguments; its name is kept in `through`."""

    def __init__(
        self,
        functions: Mapping[str, Function],
        *,
        methods: bool = False,
        tables: Collection[str] = (),
        markdown_only: bool = False,
        qualify: Qualify | None = None,
    ) -> None:
        self.functions = functions
        self.tables = tables
        self.qualify = qualify
        self.markdown_only = markdown_only
        """A parameter counts only where a Markdown renderer was given it."""
        self.characters: set[str] = set()
        """Loop names that go through the input's characters (`for c in value`)."""
        self.passing: dict[str, bool] = {}
        self.methods = methods
        self.through: set[str] = set()
        self.inputs: set[str] = set()
        """Every input of the function judged: a method called on one of them is an
        object's method whichever input's flow is followed (`renderer.render(block,
        obj=obj)` hands back nothing of `obj`)."""

    def marks(self, function: Function, skip: int = 0) -> tuple[str, tuple[str, ...]]:
        params, assigned = _inputs(function)
        params -= {a.arg for a in function.args.args[:skip]}
        if not params:
            return "", ()
        self.inputs = set(params)
        parents = {id(c): p for p in ast.walk(function) for c in ast.iter_child_nodes(p)}
        marker = ""
        raw: set[str] = set()
        for child in ast.walk(function):
            if isinstance(child, ast.Call) and (
                (callee := _last(child.func)) in SAFE_MARKERS or _bare_format(child)
            ):
                known = params - _guarded(child, parents)
                found = {
                    param
                    for param in known
                    if any(self.derives(a, {param}, assigned) for a in child.args)
                }
                if found:
                    marker = marker or f"{callee}(...)"
                    raw |= found
        return marker, tuple(name for name in _parameter_names(function) if name in raw)

    def passes_input(self, name: str) -> bool:
        """Whether the module's function `name` may return its input unescaped."""
        known = self.passing.get(name)
        if known is not None:
            return known
        self.passing[name] = True  # NOTE: while recursing, assume the worst
        function = self.functions[name]
        params, assigned = _inputs(function)
        outer, self.inputs = self.inputs, set(params)
        found = any(
            isinstance(child, ast.Return) and self.derives(child.value, params, assigned)
            for child in ast.walk(function)
        )
        self.inputs = outer
        self.passing[name] = found
        return found

    def derives(
        self,
        node: ast.AST | None,
        params: set[str],
        assigned: _Assigned,
        depth: int = 0,
        markdown: bool = False,
    ) -> bool:
        """Whether `node` is made from one of `params` without escaping (a call keeps its
        arguments' data unless it escapes, cleans, or is a function of this module that
        does not hand its input back). Under `markdown` (the text a Markdown renderer is
        given), escaping the text or stripping its tags does not count: the renderer makes
        new markup of it (`[x](javascript:...)` becomes a link)."""
        if node is None or depth > _MAX_DEPTH or isinstance(node, ast.Compare):
            return False
        if isinstance(node, ast.Attribute) and node.attr in FIELD_IDENTIFIERS | DATABASE_KEYS:
            return False
        deeper = depth + 1
        if isinstance(node, ast.IfExp):
            # NOTE: `str(text) if isinstance(text, Markup) else escape(text)`: a branch
            # taken only for marked text (or a number) keeps nothing raw of that name.
            return any(
                self.derives(
                    n, params - _checked_names(node.test, positive=p), assigned, deeper, markdown
                )
                for n, p in ((node.body, True), (node.orelse, False))
            )
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            return self._comprehended(node, params, assigned, deeper, markdown)
        if isinstance(node, ast.Subscript):
            # NOTE: an item is what the container holds; the key only chooses it
            # (`ICONS[device.type]` is one of the module's own icons).
            return self.derives(node.value, params, assigned, deeper, markdown)
        if isinstance(node, ast.Call) and self._tabled(node):
            return False
        if (looked_up := _lookup(node)) is not None:
            return any(self.derives(n, params, assigned, deeper, markdown) for n in looked_up)
        if isinstance(node, ast.Name):
            values, shadowed = assigned.reaching(node)
            reached = node.id in params and not shadowed
            return (reached and (markdown or not self.markdown_only)) or any(
                self.derives(v, params - assigned.guarded(v), assigned, deeper, markdown)
                for v in values
            )
        if isinstance(node, ast.Call):
            if (
                _cleans(node, assigned, self.tables)
                or _canonical_url(node)
                or self._parsed(node, assigned)
            ):
                return False
            if _markdown2_escaping(node, assigned):
                return False
            if (self._rich_text(node) or self._told_to_escape(node)) and not markdown:
                return False
            if self._escapes(node) and not (markdown and not _makes_number(node)):
                return False
            if not markdown and _renders_loaded_template(node, params, assigned):
                return False
            if highlights_as_html(node, assigned.get) and not markdown:
                return False
            if not markdown and (described := diff_descriptions(node, assigned.get)) is not None:
                # NOTE: `HtmlDiff().make_table(old, new)` escapes the lines it compares.
                return any(self.derives(a, params, assigned, deeper) for a in described)
            given = [*node.args, *(k.value for k in node.keywords)]
            func = node.func
            if self.methods and self.qualify is not None:
                inner = params | self.inputs
                signal = sent_signal(node, self.qualify, lambda n: n in inner or assigned.holds(n))
                if signal is not None:
                    # NOTE: a Django signal's answers are what its receivers return, not
                    # what it is sent: judged where the project connects them.
                    self.through.add(signal_key(signal))
                    return False
            if (
                self.methods
                and isinstance(func, ast.Attribute)
                and _object_method(func, params | self.inputs, assigned)
            ):
                self.through.add(func.attr)
                return False
            if isinstance(func, ast.Name) and func.id in self.functions:
                return self.passes_input(func.id) and any(
                    self.derives(a, params, assigned, deeper, markdown) for a in given
                )
            if (formats := date_format_arguments(node)) is not None:
                return any(self.derives(a, params, assigned, deeper, markdown) for a in formats)
            if renders_markdown(node, self.tables):
                return any(self.derives(a, params, assigned, deeper, True) for a in given)
        if _escaping_markup(node) and not markdown:
            return False
        if (formatted := conversions(node)) is not None:
            # NOTE: `"<b>%d</b> missing" % run.missing`: a `%d` writes digits, or raises.
            return any(
                self.derives(value, params, assigned, deeper, markdown)
                for kind, value in formatted
                if kind not in NUMERIC
            )
        inside = depth if isinstance(node, _PLAIN_PARTS) else deeper
        return any(
            self.derives(child, params, assigned, inside, markdown)
            for child in ast.iter_child_nodes(node)
        )

    def _escapes(self, call: ast.Call) -> bool:
        """`_escapes`, the callee known also by what the module's imports name it
        (`esc(value)` after `from django.utils.html import escape as esc`)."""
        qualified = self.qualify(call.func) if self.qualify is not None else None
        return _escapes(call, qualified)

    def _parsed(self, call: ast.Call, assigned: _Assigned) -> bool:
        """`MARKDOWN.render(text)` with a parser of the module that escapes raw HTML
        (`tables`, see `escaping_markdown_parsers`), or with one the function makes so
        and does not set up again (`parser = MarkdownIt("js-default")`)."""
        func = call.func
        if not (
            isinstance(func, ast.Attribute)
            and func.attr in PARSER_RENDERS
            and isinstance(func.value, ast.Name)
        ):
            return False
        name = func.value.id
        if name in self.tables:
            return True
        made = assigned.get(name)
        evaluate = assigned.constant
        return (
            bool(made) and not assigned.changed(name) and all(html_off(m, evaluate) for m in made)
        )

    def _rich_text(self, call: ast.Call) -> bool:
        """`richtext(value)`, `RichText(value)`: Wagtail's rich text rendered by a name
        the module imported from Wagtail (in `tables`, see `rich_text_renderers`); or
        `linebreaksbr(text)`, a Django text filter the module imported, escaping unless
        told not to (`escaping_text_filters`)."""
        func = call.func
        return (
            isinstance(func, ast.Name)
            and func.id in self.tables
            and func.id not in self.functions
            and told_to_escape(call, func.id)
        )

    def _told_to_escape(self, call: ast.Call) -> bool:
        """`linebreaks(text, autoescape=True)`: one of `django.utils.html`'s helpers,
        known through the module's imports, told to escape (`helper_told_to_escape`)."""
        return self.qualify is not None and helper_told_to_escape(call, self.qualify(call.func))

    def _tabled(self, call: ast.Call) -> bool:
        """`TABLE.get(char, char)` with an escape table of the module (`tables`), one
        character of the input at a time (a whole string not in the table comes back)."""
        func = call.func
        return (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and isinstance(func.value, ast.Name)
            and func.value.id in self.tables
            and bool(call.args)
            and isinstance(call.args[0], ast.Name)
            and call.args[0].id in self.characters
        )

    def _comprehended(
        self,
        node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
        params: set[str],
        assigned: _Assigned,
        depth: int,
        markdown: bool,
    ) -> bool:
        """`[a.render(context) for a in actions]`: what each element is made of, the loop
        names standing for the input they iterate over; the filters (`if a.multi`) only
        choose. Of a dict, the values (`{k: escape(v) for k, v in kwargs.items()}`, handed
        to `format(**...)`: the keys name its placeholders and are not written)."""
        carried = set(params)
        characters = set()
        for generator in node.generators:
            if self.derives(generator.iter, carried, assigned, depth, markdown):
                carried |= {n.id for n in ast.walk(generator.target) if isinstance(n, ast.Name)}
                if _text_of(generator.iter, params) and isinstance(generator.target, ast.Name):
                    characters.add(generator.target.id)
        # NOTE: the loop names go through characters only inside this comprehension: the
        # same name in another function of the module may hold whole strings.
        outer = self.characters
        self.characters = outer | characters
        element = node.value if isinstance(node, ast.DictComp) else node.elt
        try:
            return self.derives(element, carried, assigned, depth, markdown)
        finally:
            self.characters = outer


def _text_of(iterated: ast.expr, params: set[str]) -> bool:
    """`value` or `str(value)` (`force_str(value)`) of an input: iterated, its characters."""
    if (
        isinstance(iterated, ast.Call)
        and len(iterated.args) == 1
        and not iterated.keywords
        and _last(iterated.func) in {"str", "force_str", "force_text", "smart_str"}
    ):
        iterated = iterated.args[0]
    return isinstance(iterated, ast.Name) and iterated.id in params


def _object_method(func: ast.Attribute, params: set[str], assigned: _Assigned) -> bool:
    """A method of an object the function is given or makes (`admin.get_tree_rows` with
    `admin = context["admin"]`), not of a string, a literal or a module the code imported
    (`markdown.markdown`)."""
    if func.attr in _TEXT_METHODS:
        return False
    root: ast.expr = func.value
    while isinstance(root, ast.Attribute | ast.Subscript | ast.Call):
        root = root.func if isinstance(root, ast.Call) else root.value
    return isinstance(root, ast.Name) and (root.id in params or assigned.holds(root.id))


_ADDING_METHODS = frozenset({"append", "extend", "insert", "add", "appendleft", "extendleft"})
"""A list's, a set's or a deque's methods that add what they are given to it."""


_Place = tuple[int, int]
"""A statement's block (the id of its list) and its position in it."""
_BLOCKS = ("body", "orelse", "finalbody")
"""The fields of a statement (an `except` handler's, a `case`'s) that hold statements."""


class _Assigned:
    """The values assigned to each local name of a function, and where each assignment
    ends. An assignment that is a statement of a block holding the read, before the
    statement holding it, always runs before the read: it replaces what the name held
    before (`html = markdown(text)` then `html = nh3.clean(html)`; `value = escape(value)`
    for a parameter, in the function's body or in the branch that then marks it safe).
    What is added to a local (`parts.append(f"<p>{value}</p>")`, `html += value`) is
    among its values too, replacing none of them."""

    def __init__(self, function: Function) -> None:
        self._body = id(function.body)
        self._by_name: dict[str, list[tuple[ast.expr, tuple[int, int], _Place | None]]] = {}
        self._changed: set[str] = set()
        self._looped: set[str] = set()
        self._places: dict[int, _Place] = {}
        self._parents: dict[int, ast.AST] = {}
        for child in ast.walk(function):
            self._note_blocks(child)
            if (changed := changed_in_place(child)) is not None:
                self._changed.add(changed)
            if isinstance(child, ast.For | ast.AsyncFor) and isinstance(child.target, ast.Name):
                self._looped.add(child.target.id)
            if isinstance(child, ast.For) and (rewritten := _items_rewritten(child)) is not None:
                name, value = rewritten
                end = (child.end_lineno or child.lineno, child.end_col_offset or 0)
                self._by_name.setdefault(name, []).append((value, end, self._places[id(child)]))
            if isinstance(child, ast.Assign):
                end = (child.end_lineno or child.lineno, child.end_col_offset or 0)
                for target in child.targets:
                    if isinstance(target, ast.Name):
                        entry = (child.value, end, self._places.get(id(child)))
                        self._by_name.setdefault(target.id, []).append(entry)
            elif (added := _added(child)) is not None:
                name, value = added
                end = (value.end_lineno or value.lineno, value.end_col_offset or 0)
                self._by_name.setdefault(name, []).append((value, end, None))

    def _note_blocks(self, node: ast.AST) -> None:
        """Record the parent of each child of `node`, and the block and position of each
        statement of its blocks (`body`, `orelse`, `finalbody`, a handler's, a case's)."""
        for child in ast.iter_child_nodes(node):
            self._parents[id(child)] = node
        for field in _BLOCKS:
            block = getattr(node, field, None)
            if isinstance(block, list):
                for index, statement in enumerate(block):
                    self._places[id(statement)] = (id(block), index)

    def guarded(self, value: ast.expr) -> set[str]:
        """The names known to be numbers, dates or marked text where `value` is assigned
        (`if isinstance(text, Markup): shown = str(text)`, see `_guarded`)."""
        return _guarded(value, self._parents)

    def holds(self, name: str) -> bool:
        """Whether the function assigns the local `name`, or a loop of it binds it (`for
        hook in Hook.hooks`: an object of those the loop goes through)."""
        return name in self._by_name or name in self._looped

    def changed(self, name: str) -> bool:
        """Whether the function changes what `name` holds in place (see
        `changed_in_place`)."""
        return name in self._changed

    def constant(self, node: ast.expr) -> object:
        """The literal `node` is, or that the local it names is assigned once and never
        changed in place (`options = {"breaks": True}`); None when it is neither."""
        if isinstance(node, ast.Name):
            values = self.get(node.id)
            if len(values) != 1 or self.changed(node.id):
                return None
            node = values[0]
        return literal(node)

    def get(self, name: str) -> list[ast.expr]:
        """Every value assigned to `name`."""
        return [value for value, _, _ in self._by_name.get(name, ())]

    def reaching(self, use: ast.Name) -> tuple[list[ast.expr], bool]:
        """The values `name` may hold where it is read, and whether an assignment has
        replaced the parameter of that name by then."""
        found = self._by_name.get(use.id, [])
        at = (use.lineno, use.col_offset)
        holding = self._holding(use) if found else {}
        last = max(
            (end for _, end, place in found if place and holding.get(place[0], -1) > place[1]),
            default=None,
        )
        # NOTE: an assignment in another block (a branch, a loop) after the last one that
        # runs before the read may run or not, and a loop may run it before the read
        # again; one of the function's body after the read cannot have run.
        kept = [
            value
            for value, end, place in found
            if (last is None or end >= last) and not (place and place[0] == self._body and end > at)
        ]
        return kept, last is not None

    def _holding(self, node: ast.AST) -> dict[int, int]:
        """For each block holding `node`, the position of the statement holding it."""
        holding: dict[int, int] = {}
        current: ast.AST | None = node
        while current is not None:
            if (place := self._places.get(id(current))) is not None:
                holding[place[0]] = place[1]
            current = self._parents.get(id(current))
        return holding


def _items_rewritten(node: ast.For) -> tuple[str, ast.expr] | None:
    """`for k in kwargs: kwargs[k] = escape(kwargs[k])`: a loop over a mapping's keys
    (or a list's indexes, `for i in range(len(args))`) whose body only writes each item
    anew, so that after it the mapping holds what was written (the name and the value
    written); None for any other loop. A loop over its items, `for k, v in
    kwargs.items(): kwargs[k] = escape(v)`, writes `escape(kwargs[k])`."""
    if (paired := _paired_items(node)) is not None:
        return paired
    if not (
        not node.orelse
        and isinstance(node.target, ast.Name)
        and len(node.body) == 1
        and isinstance(statement := node.body[0], ast.Assign)
        and len(statement.targets) == 1
        and isinstance(target := statement.targets[0], ast.Subscript)
        and isinstance(container := target.value, ast.Name)
        and isinstance(key := target.slice, ast.Name)
        and key.id == node.target.id
    ):
        return None
    iterated = node.iter
    if (
        isinstance(iterated, ast.Call)
        and isinstance(iterated.func, ast.Name)
        and iterated.func.id == "range"
        and len(iterated.args) == 1
    ):
        iterated = iterated.args[0]
        if isinstance(iterated, ast.Call) and _last(iterated.func) == "len" and iterated.args:
            iterated = iterated.args[0]
    if isinstance(iterated, ast.Call) and _last(iterated.func) == "keys" and not iterated.args:
        iterated = iterated.func.value if isinstance(iterated.func, ast.Attribute) else iterated
    if not (isinstance(iterated, ast.Name) and iterated.id == container.id):
        return None
    return container.id, statement.value


def _paired_items(node: ast.For) -> tuple[str, ast.expr] | None:
    """`for k, v in kwargs.items(): kwargs[k] = escape(v)`: the mapping's name and the
    value written, with the item read as `kwargs[k]` (a copy: the tree is not changed);
    None for any other loop."""
    if not (
        not node.orelse
        and isinstance(node.target, ast.Tuple)
        and len(names := node.target.elts) == 2
        and isinstance(key := names[0], ast.Name)
        and isinstance(item := names[1], ast.Name)
        and isinstance(node.iter, ast.Call)
        and isinstance(node.iter.func, ast.Attribute)
        and node.iter.func.attr == "items"
        and not node.iter.args
        and isinstance(container := node.iter.func.value, ast.Name)
        and len(node.body) == 1
        and isinstance(statement := node.body[0], ast.Assign)
        and len(statement.targets) == 1
        and isinstance(target := statement.targets[0], ast.Subscript)
        and isinstance(target.value, ast.Name)
        and target.value.id == container.id
        and isinstance(target.slice, ast.Name)
        and target.slice.id == key.id
    ):
        return None
    return container.id, _ItemRead(item.id, container.id, key.id).visit(
        copy.deepcopy(statement.value)
    )


class _ItemRead(ast.NodeTransformer):
    """Writes a loop's item variable as the lookup it stands for (`v` -> `kwargs[k]`)."""

    def __init__(self, item: str, container: str, key: str) -> None:
        self._item, self._container, self._key = item, container, key

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id != self._item:
            return node
        read = ast.Subscript(
            ast.Name(self._container, ast.Load()), ast.Name(self._key, ast.Load()), ast.Load()
        )
        return ast.fix_missing_locations(ast.copy_location(read, node))


def _added(node: ast.AST) -> tuple[str, ast.expr] | None:
    """The local a statement adds to and what it adds (`parts.append(item)`,
    `parts.insert(0, item)`, `html += item`); None for any other node."""
    if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add):
        target = node.target
        return (target.id, node.value) if isinstance(target, ast.Name) else None
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _ADDING_METHODS
        and isinstance(node.func.value, ast.Name)
        and node.args
        and not node.keywords
    ):
        return None
    return node.func.value.id, node.args[-1]


def _lookup(node: ast.AST) -> list[ast.expr] | None:
    """What a mapping's `get(key, default)` may return: the mapping's values and the
    default, not the key (`CAPTIONS.get(device.type)`); None for any other node."""
    lookup = mapping_get(node)
    return None if lookup is None else [lookup[0], *lookup[1][1:]]


def _parameter_names(function: Function) -> list[str]:
    """The function's parameters in order, its `*args`, keyword-only parameters and
    `**kwargs` included (a Jinja filter's `fe(s, *args, **kwargs)` is given the
    template's arguments through them)."""
    arguments = function.args
    names = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
    names += [arguments.vararg.arg] if arguments.vararg else []
    names += [a.arg for a in arguments.kwonlyargs]
    names += [arguments.kwarg.arg] if arguments.kwarg else []
    return names


def _inputs(function: Function) -> tuple[set[str], _Assigned]:
    """The function's text parameters (not those it checks are numbers or dates) and the
    values assigned to each local name."""
    params = {name for name in _parameter_names(function) if name not in ("self", "cls")}
    params -= _type_checked(function)
    return params, _Assigned(function)


def _type_checked(function: Function) -> set[str]:
    """Parameters the function rejects unless they are numbers or dates
    (`if not isinstance(value, Decimal): raise TypeError(...)`)."""
    found = set()
    for statement in function.body:
        if not (
            isinstance(statement, ast.If)
            and statement.body
            and isinstance(statement.body[-1], ast.Raise)
            and isinstance(statement.test, ast.UnaryOp)
            and isinstance(statement.test.op, ast.Not)
            and isinstance(call := statement.test.operand, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == "isinstance"
            and len(call.args) == 2
            and isinstance(checked := call.args[0], ast.Name)
        ):
            continue
        kinds = call.args[1].elts if isinstance(call.args[1], ast.Tuple) else [call.args[1]]
        names = {_last(k) for k in kinds}
        if names <= _NON_TEXT_TYPES:
            found.add(checked.id)
    return found


def _guarded(node: ast.AST, parents: Mapping[int, ast.AST]) -> set[str]:
    """Parameters known to be numbers or dates, or text already marked safe (see
    `_MARKED_TYPES`), where `node` runs: it is in the branch of
    an `if` that checks so (`if type(value) is datetime.date: return mark_safe(...)`), or
    after an `if` whose other branch returns or raises
    (`if not isinstance(value, Decimal): return ""`)."""
    found: set[str] = set()
    child, parent = node, parents.get(id(node))
    while parent is not None:
        if isinstance(parent, ast.If):
            if child in parent.body:
                found |= _checked_names(parent.test, positive=True)
            elif child in parent.orelse:
                found |= _checked_names(parent.test, positive=False)
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and child in block:
                for before in block[: block.index(child)]:
                    found |= _exits_unless_checked(before)
        child, parent = parent, parents.get(id(parent))
    return found


def _exits_unless_checked(statement: ast.stmt) -> set[str]:
    """Names an `if` lets past only as numbers or dates: its branch taken for anything
    else ends in `return` or `raise`."""
    if not isinstance(statement, ast.If):
        return set()
    exits = (ast.Return, ast.Raise)
    if statement.body and isinstance(statement.body[-1], exits) and not statement.orelse:
        return _checked_names(statement.test, positive=False)
    if statement.orelse and isinstance(statement.orelse[-1], exits):
        return _checked_names(statement.test, positive=True)
    return set()


def _checked_names(test: ast.expr, *, positive: bool) -> set[str]:
    """The name `test` proves a number, a date or marked text when it is true
    (`positive`) or false: `isinstance(value, (int, Decimal))`, `type(value) is
    datetime.date`, `isinstance(value, SafeString)`, and their negations."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _checked_names(test.operand, positive=not positive)
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "isinstance"
        and len(test.args) == 2
        and isinstance(test.args[0], ast.Name)
    ):
        checked, kinds = test.args[0].id, test.args[1]
    elif (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Call)
        and isinstance(test.left.func, ast.Name)
        and test.left.func.id == "type"
        and len(test.left.args) == 1
        and isinstance(test.left.args[0], ast.Name)
    ):
        checked, kinds = test.left.args[0].id, test.comparators[0]
        if isinstance(test.ops[0], (ast.IsNot, ast.NotEq, ast.NotIn)):
            positive = not positive
        elif not isinstance(test.ops[0], (ast.Is, ast.Eq, ast.In)):
            return set()
    else:
        return set()
    listed = kinds.elts if isinstance(kinds, (ast.Tuple, ast.List, ast.Set)) else [kinds]
    names = {_last(k) for k in listed}
    return {checked} if positive and names <= _NON_TEXT_TYPES | _MARKED_TYPES else set()


def _canonical_url(call: ast.Call) -> bool:
    """`obj.get_absolute_url()`: a model's canonical URL, which Django's docs build with
    `reverse()` (it percent-encodes `<`, `>` and `"` in the values it fills in), and
    `reverse("patch-list", kwargs=...)` itself, given a URL name."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "get_absolute_url":
        return True
    named = call.args[0] if call.args else None
    return (
        isinstance(func, ast.Name | ast.Attribute)
        and _last(func) in REVERSERS
        and isinstance(named, ast.Constant)
        and isinstance(named.value, str)
    )


REVERSERS = frozenset({"reverse", "reverse_lazy"})
"""Django's URL reversers: they percent-encode the values they fill in."""


TRANSLATIONS = frozenset(
    {"_", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "pgettext", "pgettext_lazy"}
    | {"lazy_gettext", "ngettext", "ngettext_lazy", "ungettext", "npgettext", "lazy_ngettext"}
)


def authored_text(value: ast.expr) -> bool:
    """Whether `value` is text the code's author wrote: a string literal, or one passed
    to a translation function (`_("<b>Note:</b> ...")`). Its markup is the author's."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name | ast.Attribute)
        and _last(value.func) in TRANSLATIONS
        and bool(value.args)
        and not value.keywords
        and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in value.args)
    )


_NOT_MARKABLE = frozenset({"strip_tags", "dumps"})
"""Cleaning calls whose output is still no safe HTML: Django's docs say never to mark
`strip_tags` output safe, and JSON keeps `</script>` as written."""


def cleans_html(call: ast.Call) -> bool:
    """Whether `call` returns HTML that is safe to mark safe: escaped, cleaned by a
    sanitiser, a number, or rendered from a template with autoescaping. A `clean()` given
    nothing is a form's or a model's own, which returns the values as submitted."""
    last = _last(call.func)
    if last == "clean" and not call.args and not call.keywords:
        return False
    return _escapes(call) and last not in _NOT_MARKABLE


def _bare_format(call: ast.Call) -> bool:
    """`format_html(text)` given no value to fill in: nothing is escaped, the text is
    marked safe as it is (Django 5.0 deprecates the call for this reason)."""
    return (
        isinstance(call.func, ast.Name | ast.Attribute)
        and _last(call.func) == "format_html"
        and len(call.args) == 1
        and not isinstance(call.args[0], ast.Starred)
        and not call.keywords
    )


def _escapes(call: ast.Call, qualified: str | None = None) -> bool:
    """Whether `call` escapes or cleans what it is given, known by the name the code
    writes or by the module's name of it (`qualified`). JSON escapes nothing, however
    its encoder is imported, unless it is given an encoder class named for escaping."""
    if _bare_format(call):
        return False
    callees = {_written(call.func), qualified or ""} - {""}
    if any(json_encoder(callee) for callee in callees):
        return escaping_json_class(call)
    return _renders_template(call) or any(_escaping_name(callee) for callee in callees)


def _escaping_name(callee: str) -> bool:
    last = callee.rsplit(".", 1)[-1]
    return (
        callee in SANITISERS
        or last in _ESCAPERS
        or last in _SANITISER_NAMES
        or SANITISER_NAME.search(last.lower()) is not None
    )


_JSON_MODULES = frozenset({"json", "simplejson", "ujson", "orjson", "rapidjson"})
"""Modules (also as the last part of another's, `flask.json`, `rest_framework.utils.json`)
whose `dumps` writes a string's `<`, `>` and `&` as they are."""


def json_encoder(callee: str) -> bool:
    """Whether the qualified (or written) `callee` is a JSON library's `dumps`
    (`json.dumps`, `simplejson.dumps`, `flask.json.dumps`): not Jinja's or Flask's
    `htmlsafe_json_dumps`, which escapes."""
    module, _, name = callee.rpartition(".")
    return name == "dumps" and module.rpartition(".")[2] in _JSON_MODULES


_ESCAPING_CLASS = re.compile(r"^(?!.*unsafe).*(?:safe|escap)", re.IGNORECASE)
"""An encoder class named for escaping (`SafeJSONEncoder`, `HTMLEscapingEncoder`)."""


def escaping_json_class(call: ast.Call) -> bool:
    """`json.dumps(value, cls=SafeJSONEncoder)`: an encoder class named for escaping, taken
    at its word as a function named for escaping or cleaning is (django-cms' escapes each
    string with `conditional_escape`); Django's `DjangoJSONEncoder` escapes nothing."""
    return any(
        keyword.arg == "cls"
        and isinstance(keyword.value, ast.Name | ast.Attribute)
        and _ESCAPING_CLASS.match(_last(keyword.value)) is not None
        for keyword in call.keywords
    )


def _renders_template(call: ast.Call) -> bool:
    """`render_to_string(name, context)`, `get_template(name).render(context)`, Flask's
    `render_template_string(...)` of a source in the code, an object rendered with the
    tag's template context (`button.render(context)`): a template rendered with
    autoescaping, whose variables are escaped (Misago's `includecomponent` marks such
    output safe). A template made from the input itself (`Template(text)`) is
    not: the input is its markup."""
    func = call.func
    if isinstance(func, ast.Name | ast.Attribute) and _last(func) == "render_to_string":
        return True
    if isinstance(func, ast.Name | ast.Attribute) and _last(func) in _FLASK_RENDERS:
        return _autoescaped_flask_render(call, _FLASK_RENDERS[_last(func)])
    if not (isinstance(func, ast.Attribute) and func.attr == "render"):
        return False
    if call.args and isinstance(call.args[0], ast.Name) and call.args[0].id == "context":
        # NOTE: `component.render(context)` in a `takes_context` tag: Django's protocol of
        # nodes, templates and UI components, which render into the page's context.
        return True
    made = func.value
    if isinstance(made, ast.Call):
        return _last(made.func) in {"get_template", "select_template"}
    if not isinstance(made, ast.Name | ast.Attribute):
        return False
    if _last(made).lower().endswith("renderer"):
        return _form_renderer_render(call)
    return "template" in _last(made).lower()


def _renders_loaded_template(call: ast.Call, params: set[str], assigned: _Assigned) -> bool:
    """`tpl.render(Context({...}))` (or a local bound to `Context(...)`), `tpl` a local
    bound only to `Template(source)` with `source` loaded by a call (`Template(
    load_source(name))`, as `get_template(name)` loads one): Django renders it with
    autoescaping, so its variables are escaped. A template made from the input itself
    (`Template(text)`, `Template(f"<b>{text}</b>")`) is not: the input is its markup;
    nor is a `Context(..., autoescape=False)`."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "render" and len(call.args) == 1):
        return False
    if not (isinstance(func.value, ast.Name) and _bound_only(func.value.id, assigned)):
        return False
    made = assigned.get(func.value.id)
    contexts = [call.args[0]]
    if isinstance(contexts[0], ast.Name) and _bound_only(contexts[0].id, assigned):
        contexts = assigned.get(contexts[0].id)
    return all(_autoescaping_context(c) for c in contexts) and all(
        _loaded_template(m, params, assigned) for m in made
    )


def _bound_only(name: str, assigned: _Assigned) -> bool:
    return bool(assigned.get(name)) and not assigned.changed(name)


def _autoescaping_context(node: ast.expr) -> bool:
    """`Context({...})` or `RequestContext(request, {...})`, autoescaping left on."""
    return (
        isinstance(node, ast.Call)
        and _last(node.func) in {"Context", "RequestContext"}
        and not any(
            k.arg == "autoescape" and not (isinstance(k.value, ast.Constant) and k.value.value)
            for k in node.keywords
        )
    )


def _loaded_template(node: ast.expr, params: set[str], assigned: _Assigned) -> bool:
    """`Template(source)` whose source a call returns (directly or through a local),
    not the input or a string built around it."""
    if not (isinstance(node, ast.Call) and _last(node.func) == "Template" and node.args):
        return False
    sources = [node.args[0]]
    if isinstance(sources[0], ast.Name) and sources[0].id not in params:
        sources = assigned.get(sources[0].id)
    return bool(sources) and all(_loads(source, params, assigned) for source in sources)


def _loads(source: ast.expr, params: set[str], assigned: _Assigned) -> bool:
    """A call that loads text: a function (`load_source(name)`, not `str(text)`), a
    file's `read()`, or a method of a module-level object (`loader.source(name)`), not
    a method of the input (`text.strip()`)."""
    if not isinstance(source, ast.Call):
        return False
    func = source.func
    if isinstance(func, ast.Name):
        return func.id not in _CONVERSIONS and func.id not in params
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in {"read", "read_text"}:
        return True
    owner = func.value
    return isinstance(owner, ast.Name) and owner.id not in params and not assigned.holds(owner.id)


_CONVERSIONS = frozenset({"str", "format", "repr", "Template", "mark_safe", "Markup"})


def _form_renderer_render(call: ast.Call) -> bool:
    """`renderer.render(widget.template_name, context)`: Django's form renderer
    (`get_default_renderer()`, a form's `renderer`) renders the named template with
    autoescaping, as Django's own widgets do before `mark_safe`. A renderer given other
    input first (`renderer.render(text)`, a Markdown renderer) is not."""
    named = call.args[0] if call.args else None
    if named is None:
        named = next((k.value for k in call.keywords if k.arg == "template_name"), None)
    context = len(call.args) >= 2 or any(k.arg == "context" for k in call.keywords)
    if named is None or not context:
        return False
    if isinstance(named, ast.Constant):
        return isinstance(named.value, str) and named.value.lower().endswith(AUTOESCAPED_NAMES)
    return "template" in ast.unparse(named).lower()


_FLASK_RENDERS = {"render_template_string": "source", "render_template": "name"}
AUTOESCAPED_NAMES = (".html", ".htm", ".xml", ".xhtml", ".svg")
"""The template names Flask (and Django's form renderer) render with autoescaping."""


def _autoescaped_flask_render(call: ast.Call, takes: str) -> bool:
    """Flask's `render_template_string("<p>{{ name }}</p>", name=...)` with the source
    written in the code, or `render_template("page.html", ...)`: Flask autoescapes a
    string template and templates named `.html`, `.htm`, `.xml`, `.xhtml` or `.svg`."""
    first = call.args[0] if call.args else None
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return False
    return takes == "source" or first.value.lower().endswith(AUTOESCAPED_NAMES)


_DATE_FORMATTERS = frozenset({"date", "time", "date_format", "time_format"})
"""Django's `date` and `time` filters called from Python (`defaultfilters.date(value,
fmt)`), `formats.date_format`, `dateformat.format` and `time_format`: the text is the
format's, filled with the date's digits and names (a value that is no date gives "" or
raises); `datetime.date(y, m, d)` and `datetime.time(...)` make no text at all."""
_BABEL_FORMATTERS = frozenset({"format_date", "format_datetime", "format_time"})
"""Babel's date formatters (`flask_babel.format_date(value, format=...)`,
`babel.dates.format_datetime(...)`): the CLDR pattern's text filled with the date's
digits and names, as Django's `date_format` is; named through their module only, as a
project's own `format_date` may hand back what it cannot parse."""


def date_format_arguments(call: ast.Call) -> list[ast.expr] | None:
    """The arguments of a date formatting call that may put their own text in its result
    (the format, not the date: `value.strftime(fmt)`, `date(value, fmt)`), None for
    another call."""
    func = call.func
    if not isinstance(func, ast.Name | ast.Attribute):
        return None
    keywords = [k.value for k in call.keywords]
    if isinstance(func, ast.Attribute) and func.attr == "strftime":
        return [*call.args, *keywords]
    callee = _written(func)
    if (
        _last(func) in _DATE_FORMATTERS
        or callee.endswith("dateformat.format")
        or (_last(func) in _BABEL_FORMATTERS and callee.endswith(_BABEL_MODULES))
    ):
        return [*call.args[1:], *keywords]
    return None


_BABEL_MODULES = tuple(
    f"{module}.{name}" for module in ("babel", "dates") for name in _BABEL_FORMATTERS
)


def _last(node: ast.expr) -> str:
    """The last name of what `node` writes (`escape` of `django.utils.html.escape`)."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ast.unparse(node).rsplit(".", 1)[-1]


def _written(node: ast.expr) -> str:
    """`ast.unparse(node)`, spelt out here for a dotted name (`django.utils.html.escape`).

    NOTE: the unparser is made anew for every call, and the template facts ask for the
    callee of most calls of a class's methods."""
    parts: list[str] = []
    head = node
    while isinstance(head, ast.Attribute):
        parts.append(head.attr)
        head = head.value
    if not isinstance(head, ast.Name):
        return ast.unparse(node)
    parts.append(head.id)
    return ".".join(reversed(parts))


def _makes_number(call: ast.Call) -> bool:
    return _last(call.func) in _NUMBERS


def renders_markdown(call: ast.Call, tables: Collection[str] = ()) -> bool:
    """`markdown(text)`, `markdown.markdown(text)`, `markdown2.markdown(text)`,
    `commonmark.commonmark(text)`, `mistune.html(text)`: a Markdown library's renderer,
    also under a name the module imported it as (`md(text)`, in `tables` as
    `markdown_aliases` writes it)."""
    if isinstance(call.func, ast.Name) and MARKDOWN_ALIAS + call.func.id in tables:
        return True
    callee = ast.unparse(call.func)
    return callee.rsplit(".", 1)[-1] in _MARKDOWN_CALLS or callee.startswith("mistune.")


_MARKDOWN2_RENDERS = frozenset({"markdown2.markdown", "markdown2.markdown_path"})
_MARKDOWN2_MAKERS = frozenset({"markdown2.Markdown", "markdown2.MarkdownWithExtras"})
_MARKDOWN2_ESCAPING = frozenset({"escape", "replace"})
"""markdown2's `safe_mode` values that keep no raw HTML of the text (`True` is
`"replace"` too); markdown2 writes a link whose scheme is not http(s) or ftp as `href="#"`
under them since 2.3.2 (older versions, with known bypasses, are the dependency rules')."""


def _markdown2_escaping(call: ast.Call, assigned: _Assigned) -> bool:
    """python-markdown2 told to escape raw HTML, named through its module:
    `markdown2.markdown(text, safe_mode="escape")`, or `.convert(text)` of a
    `markdown2.Markdown(safe_mode="escape")` made in the call or assigned once to a local
    that nothing changes. Not a bare `markdown(...)`: Python-Markdown 3 ignores
    `safe_mode` and keeps the raw HTML."""
    callee = ast.unparse(call.func)
    if callee in _MARKDOWN2_RENDERS:
        return _markdown2_safe_mode(call)
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "convert"):
        return False
    maker: ast.expr = func.value
    if isinstance(maker, ast.Name):
        values = assigned.get(maker.id)
        if len(values) != 1 or assigned.changed(maker.id):
            return False
        maker = values[0]
    return (
        isinstance(maker, ast.Call)
        and ast.unparse(maker.func) in _MARKDOWN2_MAKERS
        and _markdown2_safe_mode(maker)
    )


def _markdown2_safe_mode(call: ast.Call) -> bool:
    """Whether the call gives an escaping `safe_mode` by keyword (and spreads no
    `**options` that might give another)."""
    if any(k.arg is None for k in call.keywords):
        return False
    modes = [k.value for k in call.keywords if k.arg == "safe_mode"]
    return bool(modes) and all(
        isinstance(m, ast.Constant)
        and (m.value is True or (isinstance(m.value, str) and m.value in _MARKDOWN2_ESCAPING))
        for m in modes
    )


def _cleans(call: ast.Call, assigned: _Assigned, tables: Collection[str] = ()) -> bool:
    """A call told to clean what it returns: a keyword such as `sanitize=True`, or an
    argument naming a cleaner (also through a local list of extensions). Not the text a
    Markdown renderer is given (`markdown(nh3.clean(text))`): cleaned before, it is
    still made into new markup, a `[x](javascript:...)` link among it."""
    for keyword in call.keywords:
        named = (keyword.arg or "").lower()
        if any(word in named for word in _CLEANING_WORDS) and _truthy(keyword.value):
            return True
    text_first = renders_markdown(call, tables)
    given: list[ast.expr] = [
        *(call.args[1:] if text_first else call.args),
        *(k.value for k in call.keywords if not (text_first and k.arg in _MARKDOWN_TEXT)),
    ]
    for argument in given:
        values = [
            argument,
            *(assigned.get(argument.id) if isinstance(argument, ast.Name) else ()),
        ]
        if any(_names_a_cleaner(value) for value in values):
            return True
    return False


_ESCAPING_EXTENSION = re.compile(r"^(?!.*cleaned)(?:.*(?:clean|saniti|bleach|nh3)|escape_?html)")


def _truthy(node: ast.expr) -> bool:
    return not (isinstance(node, ast.Constant) and not node.value)


def _names_a_cleaner(node: ast.expr) -> bool:
    """A cleaner built or called in the argument (`LinkifyAndCleanExtension(...)`,
    `Cleaner()`); data merely named so (`form.cleaned_data`) is not one."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            # NOTE: an extension named by its module (Python-Markdown takes dotted
            # strings): `"djblets.markdown.extensions.escape_html"`.
            module, _, last = inner.value.rpartition(".")
            if module and _ESCAPING_EXTENSION.search(last.lower()):
                return True
            continue
        if not isinstance(inner, ast.Call):
            continue
        func = inner.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        lowered = name.lower()
        if "cleaned" not in lowered and any(word in lowered for word in _CLEANING_WORDS):
            return True
    return False


def _escaping_markup(node: ast.AST) -> bool:
    """`Markup(...).format(...)` and `Markup(...) % args` escape their arguments."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        receiver = node.func.value
        return (
            node.func.attr == "format"
            and isinstance(receiver, ast.Call)
            and _last(receiver.func) == "Markup"
        )
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Call)
        and _last(node.left.func) == "Markup"
    )


_OUTPUT_MARKERS = SAFE_MARKERS | {"format_html", "format_html_join"}


def may_return_safe(function: Function) -> bool:
    """Whether a filter may hand back markup marked safe: it calls a marker
    (`mark_safe`, `format_html`), or returns a parameter as given, which stays safe when
    the template marked it so. Django escapes any other string a filter returns."""
    params = {a.arg for a in (*function.args.posonlyargs, *function.args.args)}
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and _last(node.func) in _OUTPUT_MARKERS:
            return True
        if isinstance(node, ast.Return) and node.value is not None:
            returned = [node.value]
            while returned:
                value = returned.pop()
                if isinstance(value, ast.Name) and value.id in params:
                    return True
                if isinstance(value, ast.IfExp):
                    returned += [value.body, value.orelse]
                elif isinstance(value, ast.BoolOp):
                    returned += value.values
    return False
