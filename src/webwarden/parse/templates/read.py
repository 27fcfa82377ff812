"""Reading one template: choose the dialect, tokenize, check, and read the HTML."""

from __future__ import annotations

import ast
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from webwarden.parse.cookiecutter import unwrapped_template
from webwarden.parse.guards import Unreadable
from webwarden.parse.templates import django, jinja
from webwarden.parse.templates.bindings import Binding, BindingScopes, innermost, last_written
from webwarden.parse.templates.dialect import (
    dialect_from_path,
    dialect_from_suffix,
    dialect_from_text,
)
from webwarden.parse.templates.django_check import check_structure
from webwarden.parse.templates.html import HtmlReading, Placement, Where, read_html
from webwarden.parse.templates.jinja import JinjaSyntax, JinjaSyntaxProblem
from webwarden.parse.templates.jinja_expr import MESSAGE_ARGUMENT, RawToken, analyse, text_operands
from webwarden.parse.templates.literal_loops import plain_words_display
from webwarden.parse.templates.nodes import Dialect, Node, NodeKind
from webwarden.parse.templates.numbers import numeric_names, written_name

_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".eml", ".csv", ".ics", ".sql"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".djhtml", ".svg", ".xml"})
_OFF = frozenset({"off", "false", "False"})
_ON = frozenset({"on", "true", "True"})
_TEXT = Placement(Where.TEXT)


@dataclass(frozen=True, slots=True)
class TemplateSyntax:
    """How to read a template: its dialect when known, and the Jinja2 delimiters."""

    dialect: Dialect | None = None
    """The dialect the project says (a Flask app's folder): the file is read as that."""
    jinja: JinjaSyntax = field(default_factory=JinjaSyntax)
    fallback: Dialect | None = None
    """The project's framework, used when neither the file's name nor its text tells."""


@dataclass(slots=True)
class ParsedTemplate:
    """A template as template rules see it."""

    relpath: str
    text: str
    lines: tuple[str, ...]
    dialect: Dialect
    nodes: list[Node]
    html: HtmlReading
    is_html: bool
    """Written as HTML (not a `.txt` e-mail body or a template with no markup)."""
    escape_off: dict[int, Node] = field(default_factory=dict)
    """Output start offset -> the `{% autoescape off %}` tag it is inside."""
    aliases: dict[str, list[Binding]] = field(default_factory=dict)
    """Names a template binds (`for item in items`, `with a=b`, `set a = b`, `{%
    blocktranslate with a=b %}`) -> each binding, with the region it holds over
    (`bindings`): a name bound by two blocks reads each block's own value in each."""
    macro_scopes: list[MacroScope] = field(default_factory=list)
    """The parameters each Jinja `{% macro %}` binds, with the span it holds over: inside
    it, such a name is what the call gives, whatever another macro sets of that name."""
    unknown_tags: frozenset[str] = frozenset()
    counters: set[int] = field(default_factory=set)
    """Output start offsets of `{{ i }}` inside `{% for i in range(...) %}` (or a loop over
    a display of plain words, `literal_loops`), or of a name the template only sets to
    numbers (`numbers.numeric_names`): a number or a word the author wrote."""
    loop_filters: dict[int, str] = field(default_factory=dict)
    """Output start offsets of `{{ i }}` inside a loop over a value given last to a
    filter (`{% for i in pages|paginate:page.number %}`) -> that filter's name: what
    the loop binds is an item of what the filter returns."""

    def placement(self, node: Node) -> Placement:
        """Where an output node lands in the HTML."""
        return self.html.placements.get(node.start, _TEXT)

    def outputs(self) -> list[Node]:
        """Every `{{ }}` node."""
        return [n for n in self.nodes if n.kind is NodeKind.VAR]

    def tags(self, *names: str) -> list[Node]:
        """Every statement node with one of `names` (all when none given)."""
        return [n for n in self.nodes if n.kind is NodeKind.TAG and (not names or n.tag in names)]

    def source_path(self, path: str, at: int | None = None) -> str:
        """`item.name` -> `items.name` when `item` is a loop variable over `items`. With
        `at` (the offset of the node reading `path`), a name reads the innermost binding
        whose region encloses that node, whatever other blocks of the template bind the
        same name (`{% with value=item.count %}` then `{% with value=item.text %}`), and
        outside every such region is the context's; with no position, the last binding
        the template writes stands. A binding's own source is read where its tag stands."""
        if at is not None and self._macro_parameter(path.partition(".")[0], at):
            return path  # NOTE: what each call gives, not a name set in another macro
        seen: set[Binding] = set()
        while path:
            root, _, rest = path.partition(".")
            bindings = self.aliases.get(root, [])
            binding = last_written(bindings) if at is None else innermost(bindings, at)
            if binding is None or not binding.source or binding in seen:
                return path
            seen.add(binding)
            path = binding.source + ("." + rest if rest else "")
            at = None if at is None else binding.start
        return path

    def _macro_parameter(self, name: str, at: int) -> bool:
        """Whether `name` read at `at` is a parameter of the innermost Jinja macro around
        it, which no `for`, `set` or `with` of the macro rebinds."""
        around = [m for m in self.macro_scopes if m.start < at < m.end]
        if not around:
            return False
        return name in max(around, key=lambda m: m.start).parameters


@dataclass(frozen=True, slots=True)
class MacroScope:
    """The parameters one `{% macro %}` binds, from its tag to its `endmacro`."""

    parameters: frozenset[str]
    start: int
    end: int
    rebound: frozenset[str] = frozenset()
    """Parameters a `for`, `set` or `with` of the macro binds again (`{% if not label %}{%
    set label = field.label.text %}{% endif %}`): at an output, a call's value or the
    new one."""


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins."""
    starts = [0]
    starts.extend(index + 1 for index, char in enumerate(text) if char == "\n")
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset."""
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def parse_template(relpath: str, text: str, syntax: TemplateSyntax) -> ParsedTemplate | Unreadable:
    """Parse a template in its dialect (given, from its name, or from its text); a
    cookiecutter template's copy of one, wrapped whole in `{% raw %}`, as generated."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unwrapped_template(relpath, text) or text
    parsed = _parse(relpath, text, syntax)
    if not isinstance(parsed, Unreadable):
        return parsed
    # NOTE: Mustache, Handlebars, Go's templates (Hugo's) and Angular's share `{{ }}` with
    # Jinja2 and Django; their own forms are what those fail on.
    forms = list(_OTHER_LANGUAGES)
    if "{%" not in text:
        forms.append(("Angular", ANGULAR_DIRECTIVE))
    for language, form in forms:
        if found := form.search(text):
            article = "an" if language[0] in "AEIOU" else "a"
            return Unreadable(
                f"{article} {language} template (`{found.group(0)}`), not Jinja2 or Django: "
                f"webwarden does not read {language} templates",
                text.count("\n", 0, found.start()) + 1,
            )
    return parsed


_MUSTACHE_SECTION = re.compile(r"\{\{[#^]\s*([\w.]+)\s*\}\}(?=.*?\{\{/\s*\1\s*\}\})", re.DOTALL)
"""A Mustache section or inverted section with its closing tag (`{{#rows}}...{{/rows}}`)."""
_GO_ACTION = re.compile(
    r"\{\{-?\s*(?:\$\w*\s*:?=|\.[A-Z]\w*|(?:define|template|block|partial|range|with)\s+[\"$.])"
    r"[^}]*\}\}"
)
"""A Go template action (Hugo's layouts): a `$variable` assigned, a `.Field` of the dot,
or `define`, `template`, `block`, `partial`, `range` or `with` given a name or the dot."""
ANGULAR_DIRECTIVE = re.compile(r"(?<=\s)(?:ng-[a-z]+(?:-[a-z]+)*|\*ng[A-Z]\w*)=")
"""An Angular directive attribute (`ng-repeat=`, `*ngIf=`) in a file with no `{% %}` tag:
a template the browser's Angular renders (`{{ value | date:'short' }}`). A Jinja2 or
Django template mixing in Angular directives has tags of its own, and keeps its reason."""
_HANDLEBARS_BLOCK = re.compile(
    r"\{\{~?#\s*(\w+)\s+[^}]*\}\}(?=.*?\{\{~?/\s*\1\s*~?\}\})", re.DOTALL
)
"""A Handlebars block helper given arguments, with its closing tag (`{{#if order.url}}...
{{/if}}`, `{{#each lines}}...{{/each}}`): e-mail templates sent by a JavaScript or
pybars renderer."""
_OTHER_LANGUAGES = (
    ("Mustache", _MUSTACHE_SECTION),
    ("Handlebars", _HANDLEBARS_BLOCK),
    ("Go", _GO_ACTION),
)


def _parse(relpath: str, text: str, syntax: TemplateSyntax) -> ParsedTemplate | Unreadable:
    starts = line_starts(text)
    dialect = (
        dialect_from_suffix(relpath)
        or syntax.dialect
        or dialect_from_path(relpath)
        or dialect_from_text(text)
        or syntax.fallback
    )
    if dialect is None:
        dialect = Dialect.JINJA
        jinja_problem = _read_jinja(relpath, text, syntax.jinja, starts, strict=True)
        if not isinstance(jinja_problem, Unreadable):
            return jinja_problem
        django_result = _read_django(relpath, text, starts)
        return jinja_problem if isinstance(django_result, Unreadable) else django_result
    if dialect is Dialect.JINJA:
        return _read_jinja(relpath, text, syntax.jinja, starts, strict=False)
    read = _read_django(relpath, text, starts)
    if isinstance(read, Unreadable) and dialect_from_text(text) is Dialect.JINJA:
        # NOTE: a Jinja2 file among Django's (Koku's `templates/` beside the view that
        # reads it into `jinja2.Template`): what Django cannot read and Jinja2's own
        # constructs fill is rendered by Jinja2, whoever lists the folder.
        jinja_read = _read_jinja(relpath, text, syntax.jinja, starts, strict=False)
        return read if isinstance(jinja_read, Unreadable) else jinja_read
    return read


def _read_jinja(
    relpath: str, text: str, syntax: JinjaSyntax, starts: list[int], *, strict: bool
) -> ParsedTemplate | Unreadable:
    try:
        tokens = jinja.raw_tokens(text, syntax)
        names = jinja.tag_names(tokens)
        unknown = jinja.check(text, syntax, set() if strict else names, tokens)
    except JinjaSyntaxProblem as problem:
        return Unreadable(f"Jinja2 template syntax error: {problem.message}", problem.line)
    if strict and unknown:
        first = sorted(unknown)[0]
        return Unreadable(f"Jinja2 template syntax error: Encountered unknown tag '{first}'.")
    nodes = jinja.to_nodes(text, tokens, starts)
    return _finish(relpath, text, Dialect.JINJA, nodes, starts, unknown)


def _read_django(relpath: str, text: str, starts: list[int]) -> ParsedTemplate | Unreadable:
    tokens = django.tokenize(text)
    try:
        check_structure(tokens, starts)
    except django.DjangoSyntaxError as problem:
        return Unreadable(
            f"Django template syntax error: {problem.message}", problem.line, problem.column
        )
    nodes = django.to_nodes(text, tokens, starts)
    return _finish(relpath, text, Dialect.DJANGO, nodes, starts, frozenset())


def _finish(
    relpath: str,
    text: str,
    dialect: Dialect,
    nodes: list[Node],
    starts: list[int],
    unknown: frozenset[str],
) -> ParsedTemplate:
    html = read_html(nodes, starts)
    suffix = PurePosixPath(relpath).suffix.lower()
    parsed = ParsedTemplate(
        relpath,
        text,
        tuple(text.splitlines()),
        dialect,
        nodes,
        html,
        is_html=suffix in _HTML_SUFFIXES or (html.has_markup and suffix not in _TEXT_SUFFIXES),
        unknown_tags=unknown,
    )
    _scopes(parsed)
    return parsed


def _scopes(parsed: ParsedTemplate) -> None:
    """Autoescape regions, the names the template binds, and the loops' counters."""
    stack: list[Node | None] = []
    loops: list[dict[str, bool]] = []
    filtered: list[dict[str, str]] = []
    counted: list[tuple[int, str]] = []
    through: list[tuple[int, str, str]] = []
    scopes = BindingScopes(parsed.dialect)
    open_macros: list[tuple[int, frozenset[str], set[str]]] = []
    for node in parsed.nodes:
        if node.kind is NodeKind.VAR and stack and stack[-1] is not None:
            parsed.escape_off[node.start] = stack[-1]
        if node.kind is NodeKind.VAR and node.expression is not None:
            name = node.expression.text.strip()
            if _counter(loops, name):
                counted.append((node.start, name))
            filter_name = _loop_filter(filtered, name)
            if filter_name:
                through.append((node.start, name, filter_name))
        if node.kind is not NodeKind.TAG:
            continue
        if not scopes.opens(node.tag):
            scopes.closes(node.tag, node.end)
        if node.tag == "autoescape" and node.args:
            value = node.args[0]
            stack.append(node if value in _OFF else None if value in _ON else _inherit(stack))
        elif node.tag == "endautoescape" and stack:
            stack.pop()
        elif node.tag == "macro" and parsed.dialect is Dialect.JINJA:
            open_macros.append((node.start, _macro_parameters(node.content), set()))
        elif node.tag == "endmacro" and open_macros:
            start, parameters, inside = open_macros.pop()
            # NOTE: a parameter the macro rebinds itself is left to the aliases, as before.
            parsed.macro_scopes.append(
                MacroScope(parameters - inside, start, node.end, frozenset(parameters & inside))
            )
        elif node.tag == "endfor" and loops:
            loops.pop()
            filtered.pop()
        elif node.tag in ("for", "set", "with"):
            rebinds = _rebound(node)
            if open_macros:
                open_macros[-1][2].update(rebinds)
            # NOTE: a name bound to what webwarden does not follow still hides another
            # binding of it (`{% with i=value %}` inside a loop binding `i`).
            unread = {name: "" for name in rebinds if name.isidentifier()}
            scopes.bind(unread | _bind(parsed, node), node.start, loop=node.tag == "for")
            if node.tag == "for":
                loops.append(_loop_targets(node.args, node.content))
                filtered.append(_filtered_targets(node.args))
        elif node.tag in _BLOCK_TRANSLATIONS and parsed.dialect is Dialect.DJANGO:
            scopes.bind(_translation_bindings(list(node.args)), node.start)
    parsed.aliases = scopes.finish(len(parsed.text))
    # NOTE: a `set` or `with` inside the loop may rebind its name for the output.
    parsed.counters = {start for start, name in counted if _loop_bound(parsed, name, start)}
    parsed.loop_filters = {
        start: f for start, name, f in through if _loop_bound(parsed, name, start)
    }
    numbers = numeric_names(parsed.nodes)
    if numbers:
        parsed.counters.update(
            node.start
            for node in parsed.outputs()
            if node.expression is not None
            and node.start > numbers.get(written_name(node.expression), len(parsed.text))
        )


def _loop_bound(parsed: ParsedTemplate, name: str, at: int) -> bool:
    """Whether what holds of `name` at offset `at` is what a loop binds."""
    binding = innermost(parsed.aliases.get(name, []), at)
    return binding is None or binding.loop


def _rebound(node: Node) -> set[str]:
    """The names a `for`, `set` or `with` tag binds: the targets before `in`, the name
    before `=` (or a block `set`'s), `with`'s names before their `=`."""
    args = node.args
    if node.tag == "for":
        targets = args[: args.index("in")] if "in" in args else args
        return {a.strip(",()") for a in targets} - {""}
    if node.tag == "set":
        return {args[0]} if args else set()
    return {a.partition("=")[0].strip(",") for a in args if "=" in a} | (
        {args[0]} if len(args) > 1 and args[1] == "=" else set()
    )


def _macro_parameters(content: str) -> frozenset[str]:
    """The parameters of `macro facet_item(label, item, subtree='')`, read as a Python
    function's (none when Python cannot read them)."""
    head = content.removeprefix("macro").strip()
    try:
        tree = ast.parse(f"def {head}:\n    pass\n")
    except (SyntaxError, ValueError):
        return frozenset()
    definition = tree.body[0] if len(tree.body) == 1 else None
    if not isinstance(definition, ast.FunctionDef):
        return frozenset()
    return frozenset(a.arg for a in definition.args.args)


def _counter(loops: list[dict[str, bool]], name: str) -> bool:
    """Whether the innermost loop binding `name` counts through a `range`."""
    for targets in reversed(loops):
        if name in targets:
            return targets[name]
    return False


def _loop_filter(filtered: list[dict[str, str]], name: str) -> str:
    """The filter the innermost loop binding `name` loops over the result of, "" for
    none."""
    for targets in reversed(filtered):
        if name in targets:
            return targets[name]
    return ""


_FILTER_NAME = re.compile(r"[A-Za-z_]\w*")


def _filtered_targets(args: tuple[str, ...]) -> dict[str, str]:
    """The name a `for` tag binds alone, with the filter its loop is over the result of,
    given last (Django's `{% for i in pages|paginate:page.number %}`, Jinja's `{% for i
    in pages|paginate(3) %}`); empty for a loop over anything else."""
    if "in" not in args:
        return {}
    at = args.index("in")
    targets = [a.strip(",") for a in args[:at] if a not in (",", "(", ")")]
    source = list(args[at + 1 :])
    if source[-1:] == ["reversed"]:
        source.pop()
    if len(targets) != 1 or not targets[0].isidentifier() or not source:
        return {}
    if len(source) == 1:
        # NOTE: Django writes the loop's source as one token (`pages|paginate:number`)
        last = source[0].rpartition("|")[2].partition(":")[0]
        found = "|" in source[0] and _FILTER_NAME.fullmatch(last) is not None
        return {targets[0]: last} if found else {}
    if "|" not in source:
        return {}
    after = source[len(source) - 1 - source[::-1].index("|") + 1 :]
    if not after or _FILTER_NAME.fullmatch(after[0]) is None:
        return {}
    if len(after) > 1 and not (after[1] == "(" and _closes_alone(tuple(after[1:]))):
        return {}
    return {targets[0]: after[0]}


_LOOP_TAIL = frozenset({"if", "recursive"})


def _loop_targets(args: tuple[str, ...], content: str = "") -> dict[str, bool]:
    """The names a `for` tag binds, each True when the loop is over `range(...)` alone
    (`{% for i in range(1, count + 1) %}`, Jinja's `range` global): a whole number; or
    over a list or tuple the tag writes of plain words and numbers (`{% for attr in
    ['username', 'email'] %}`): the author's own text, no markup or code in it."""
    if "in" not in args:
        return {}
    at = args.index("in")
    targets = [a.strip(",") for a in args[:at] if a not in (",", "(", ")")]
    source = args[at + 1 :]
    ranged = len(targets) == 1 and source[:2] == ("range", "(") and _closes_alone(source[1:])
    counted = ranged or (len(targets) == 1 and plain_words_display(content))
    return {target: counted for target in targets if target.isidentifier()}


def _closes_alone(tokens: tuple[str, ...]) -> bool:
    """Whether the parenthesis `tokens` opens closes before nothing but a loop filter."""
    depth = 0
    for index, token in enumerate(tokens):
        depth += token.count("(") - token.count(")")
        if depth == 0:
            rest = tokens[index + 1 :]
            return not rest or rest[0] in _LOOP_TAIL
    return False


def _inherit(stack: list[Node | None]) -> Node | None:
    return stack[-1] if stack else None


def _bind(parsed: ParsedTemplate, node: Node) -> dict[str, str]:
    """The names a `for`, `set` or `with` tag binds -> the path each reads."""
    bound: dict[str, str] = {}
    args = list(node.args)
    sources = [n for n in (node.expression.names if node.expression else ()) if n]
    if node.tag == "for" and "in" in args:
        targets = [a.strip(",") for a in args[: args.index("in")] if a not in (",", "(", ")")]
        rest = args[args.index("in") + 1 :]
        source = _first_after(node, rest, sources)
        if source in (node.expression.calls if node.expression else ()) and "." not in source:
            source = ""  # NOTE: `for x in f(y)`: an item of what `f` returns, not `f`
        if source in targets and source not in rest:
            source = ""  # NOTE: the target itself, read from a loop over a literal
        positional = len(targets) > 1 and _unpacks_flat(args[: args.index("in")], rest, source)
        for position, target in enumerate(targets):
            if source and target.isidentifier():
                # NOTE: `{% for name, link in files %}` over a name: each target reads
                # one position of the tuples (`files.#1`), which a view may feed apart.
                bound[target] = f"{source}.#{position}" if positional else source
    elif node.tag == "with" and parsed.dialect is Dialect.DJANGO:
        for bit in args:
            if "=" in bit:
                name, _, value = bit.partition("=")
                bound[name] = value.split("|", 1)[0]
        if len(args) == 3 and args[1] == "as":
            bound[args[2]] = args[0].split("|", 1)[0]
    elif node.tag == "with":
        # NOTE: `{% with a=x.y, c=d %}` binds each name to its own value.
        for part in _top_level_parts(args):
            if len(part) >= 3 and part[1] == "=" and part[0].isidentifier():
                bound[part[0]] = value_read(part[2:])
    elif len(args) >= 3 and args[1] == "=" and args[0].isidentifier():
        # NOTE: `{% set x = x|trim %}` reads the `x` bound where the tag stands.
        bound[args[0]] = value_read(args[2:])
    return bound


def value_read(tokens: list[str] | tuple[str, ...]) -> str:
    """The path whose text a Jinja `set` or `with` gives its name, from the value's
    tokens: the variable the value reads (through its filters: `x|trim`, `x|default(y)`
    read `x`; an attribute or a constant item: `x.y`, `x[0]`), the message a translation
    hands back when the catalogue holds none (`_(x)`, `gettext(x)`, `pgettext("menu",
    x)`: `x`), or the method of a variable called (`x.items()`: `x.items`, as an output
    `{{ x.items() }}` reads it); through `~`, `+`, `or`, `and` or an inline `if`, what
    the operand holding text reads (`x ~ " (draft)"`, `x or ""`: `x`; of several, the
    last followed: `url_for("help") ~ anchor` reads `anchor`). A call of any other
    function (`f(x)`: what `f` returns, not the function `f`), a number or a boolean made
    of values (`not x`, `x == y`), a literal or anything else is "", a value webwarden
    does not follow."""
    text = " ".join(tokens)
    lexed = jinja.expression_tokens(text)
    if lexed is None:
        return ""
    operands = text_operands(lexed, text)
    if operands != (text.strip(),):
        # NOTE: `x ~ " (draft)"`, `x or ""`: an operand whose text the value holds; of
        # several (`url_for("help") ~ anchor`), the last webwarden follows, as before.
        return next((read for o in reversed(operands) if (read := value_read([o]))), "")
    value = analyse(lexed, text)
    path = value.path
    if not path or path not in value.calls:
        return path
    if path in MESSAGE_ARGUMENT:
        message = _call_argument(lexed, MESSAGE_ARGUMENT[path])
        return value_read([t.value for t in message]) if message else ""
    return path if "." in path else ""


def _call_argument(tokens: list[RawToken], index: int) -> list[RawToken]:
    """The tokens of argument `index` of the call `tokens` begin with (`f(a, b)`), none
    when it has fewer or the argument is given by keyword."""
    opening = next((i for i, t in enumerate(tokens) if t.value == "("), None)
    if opening is None:
        return []
    parts: list[list[RawToken]] = [[]]
    depth = 0
    for token in tokens[opening + 1 :]:
        if token.kind == "operator" and token.value in "([{":
            depth += 1
        elif token.kind == "operator" and token.value in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif token.kind == "operator" and token.value == "," and depth == 0:
            parts.append([])
            continue
        parts[-1].append(token)
    chosen = parts[index] if index < len(parts) else []
    keyword = len(chosen) > 1 and chosen[1].kind == "operator" and chosen[1].value == "="
    return [] if keyword else chosen


def _top_level_parts(args: list[str]) -> list[list[str]]:
    """A Jinja tag's tokens split at the commas outside brackets."""
    parts: list[list[str]] = [[]]
    depth = 0
    for bit in args:
        if bit in ("(", "[", "{"):
            depth += 1
        elif bit in (")", "]", "}"):
            depth -= 1
        elif bit == "," and depth == 0:
            parts.append([])
            continue
        parts[-1].append(bit)
    return parts


_BLOCK_TRANSLATIONS = frozenset({"blocktrans", "blocktranslate"})


def _translation_bindings(args: list[str]) -> dict[str, str]:
    """The names `{% blocktranslate %}` binds for its body, wherever its options put
    them (`trimmed with costs=event.fine`, `count counter=list|length`), and the legacy
    `with value as name`."""
    bound: dict[str, str] = {}
    for index, bit in enumerate(args):
        name, equals, value = bit.partition("=")
        if equals and name.isidentifier() and value:
            bound[name] = value.split("|", 1)[0]
        elif bit == "with" and index + 3 < len(args) and args[index + 2] == "as":
            bound[args[index + 3]] = args[index + 1].split("|", 1)[0]
    return bound


def _unpacks_flat(targets: list[str], rest: list[str], source: str) -> bool:
    """Whether a `for` tag unpacks each element of a name (`name, link in files`, no
    nested targets, no call, filter or test after the name) into one name a position."""
    flat = not any(token in ("(", ")") or "(" in token or ")" in token for token in targets)
    written = "".join(rest)
    # NOTE: Jinja's `plots.items()` (and `plots.items` split into its dots): a dict's
    # pairs, whose key and value a view may feed apart (`plots.items.#1`).
    pairs = source.endswith(".items") and written == source + "()"
    return flat and (written == source or pairs) and _dotted(source)


def _dotted(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))


def _first_after(node: Node, rest: list[str], sources: list[str]) -> str:
    for name in sources:
        if rest and name.split(".", 1)[0] == rest[0].split(".", 1)[0].split("|", 1)[0]:
            return name
    return sources[-1] if sources else ""
