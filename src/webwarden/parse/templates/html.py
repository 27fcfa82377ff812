"""Where each template output lands in the HTML: text, attribute, script, comment.

A small HTML tokenizer (the states of the HTML standard that matter for escaping) reads
the literal text of a template; template outputs and statements are opaque pieces in
between, so `{% if %}` branches and quotes inside template tags never confuse it. Each
output gets a `Placement`; start tags the rules judge (`a`, `form`, `input`, ...) are
recorded with their attributes, and each `<form>` with what lies inside it.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from webwarden.parse.templates.nodes import Node, NodeKind
from webwarden.parse.templates.script_text import VALUE, ScriptText

DYNAMIC = "\x00"
"""Stands for a template output inside a recorded attribute value."""
_RECORDED = frozenset(
    {"a", "area", "form", "input", "button", "base", "iframe", "script"}
    | {"link", "frame", "embed", "object"}
)
_CONTROLS = frozenset({"input", "button", "select", "textarea"})
"""The elements that give a form its data or submit it."""
_RAWTEXT = frozenset({"style", "xmp", "iframe", "noembed", "noframes"})
_RCDATA = frozenset({"textarea", "title"})
_JS_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "text/ecmascript",
        "application/ecmascript",
        "application/x-javascript",
        "text/jsx",
        "text/babel",
    }
)
_SPACE = " \t\n\r\f"
_SCRIPT_ATTRIBUTES = (
    ("htmx", re.compile(r"(?:data-)?hx-on(?:[:-].*)?")),
    ("Alpine.js", re.compile(r"x-(?:on:.+|bind:.+|data|init|show|effect|text|html|model|if|for)")),
    ("Vue", re.compile(r"v-(?:on:.+|bind:.+|if|else-if|show|text|html|model|for)")),
    ("Alpine.js or Vue", re.compile(r"[@:][a-z].*")),
)
"""Attributes whose value a script library runs as JavaScript: htmx's `hx-on:click`,
`hx-on::after-request`, `hx-on-htmx-load` (and the older `hx-on="click: ..."`),
Alpine.js's `x-data`, `x-init`, `x-on:click`, `x-bind:href` and the other directives
holding an expression, Vue's `v-on:click`, `v-if` and the like, and the shorthands both
share (`@click`, `:href`). The browser decodes the value's entities before the library
reads it, as it does an `onclick`'s."""
_SITE_PATH = "/"
"""What Django's `{% url "name" %}` writes: a path on this site, whatever its arguments."""


def _writes_reversed_url(node: Node) -> bool:
    """`{% url "api" %}`, not `{% url "api" as api_url %}` (which writes nothing)."""
    return node.tag == "url" and node.args[-2:-1] != ("as",)


class Where(enum.StrEnum):
    """The HTML context of an output."""

    TEXT = "text"
    ATTRIBUTE = "attribute"
    """A quoted attribute value."""
    UNQUOTED = "unquoted"
    """An unquoted attribute value: a space in the value starts a new attribute."""
    TAG = "tag"
    """Inside a tag but not in a value: the output writes attribute names."""
    SCRIPT = "script"
    """Inside an executable `<script>`."""
    DATA_SCRIPT = "data-script"
    """Inside a non-executable `<script type="application/json">` (or a template)."""
    RAWTEXT = "rawtext"
    """Inside `<style>` and other raw-text elements."""
    COMMENT = "comment"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one output is written."""

    where: Where
    element: str = ""
    attribute: str = ""
    value_start: bool = False
    """The output begins the attribute value (it decides a URL's scheme)."""
    js_string: str = ""
    """Inside JavaScript code: the quote of the string literal it is in ("" for code)."""
    quote: str = ""
    """The quote around the attribute value (`"` or `'`), "" when unquoted."""
    javascript_url: bool = False
    """The attribute value so far starts with `javascript:`."""
    js_comment: str = ""
    """Inside a JavaScript comment: `//` or `/*` (`js_string` is then "")."""

    @property
    def script_runner(self) -> str:
        """Who runs the attribute's value as JavaScript: "the browser" for an event
        handler (`onclick`), the library for an attribute one runs (`hx-on:htmx:load`:
        "htmx", see `_SCRIPT_ATTRIBUTES`), "" for any other or outside attributes."""
        if self.where not in (Where.ATTRIBUTE, Where.UNQUOTED):
            return ""
        if self.attribute.startswith("on"):
            return "the browser"
        for library, pattern in _SCRIPT_ATTRIBUTES:
            if pattern.fullmatch(self.attribute):
                return library
        return ""


@dataclass(frozen=True, slots=True)
class StartTag:
    """A recorded start tag: its name, position and attributes (values may hold DYNAMIC)."""

    name: str
    line: int
    column: int
    attributes: tuple[tuple[str, str | None], ...]
    start: int = 0
    end: int = 0
    """The tag's span in the template source (template tags inside it included)."""

    def get(self, name: str) -> str | None:
        """The value of attribute `name` ("" for a bare attribute, None when absent)."""
        for key, value in self.attributes:
            if key == name:
                return "" if value is None else value
        return None


@dataclass(slots=True)
class FormSpan:
    """A `<form>` and the nodes between it and its `</form>`."""

    tag: StartTag
    inside: list[Node] = field(default_factory=list)
    input_tags: list[StartTag] = field(default_factory=list)
    """Its `<input>`, `<button>`, `<select>` and `<textarea>` elements."""
    end_line: int = 0


@dataclass(slots=True)
class HtmlReading:
    """Everything the tokenizer found."""

    placements: dict[int, Placement] = field(default_factory=dict)
    """Output node start offset -> placement."""
    blocks: dict[int, Placement] = field(default_factory=dict)
    """`{% block %}` tag start offset -> where the block's content lands in this
    template (`content="{% block description %}...`: inside an attribute value)."""
    tags: list[StartTag] = field(default_factory=list)
    forms: list[FormSpan] = field(default_factory=list)
    has_markup: bool = False
    form_attribute: bool = False
    """Some element names its form by a `form="..."` attribute: a control may belong to a
    form it is not inside."""
    outside_forms: list[Node] = field(default_factory=list)
    """Template nodes written outside every form and every HTML comment (a `{% csrf_token
    %}` in a hidden `<div>`, which the page's script reads for its requests)."""


class _State(enum.Enum):
    DATA = enum.auto()
    TAG_NAME = enum.auto()
    END_TAG = enum.auto()
    BEFORE_NAME = enum.auto()
    NAME = enum.auto()
    AFTER_NAME = enum.auto()
    BEFORE_VALUE = enum.auto()
    DQ = enum.auto()
    SQ = enum.auto()
    UNQ = enum.auto()
    COMMENT = enum.auto()
    BOGUS = enum.auto()
    RAW = enum.auto()


_TAG_STATES = {_State.TAG_NAME, _State.BEFORE_NAME, _State.NAME, _State.AFTER_NAME}
_OPENING = frozenset({"if", "for", "ifchanged", "ifequal", "ifnotequal"})
_BRANCHING = frozenset({"elif", "else", "empty"})
_CLOSING = frozenset({"endif", "endfor", "endifchanged", "endifequal", "endifnotequal"})
"""Tags that choose what follows them and write nothing themselves: each arm of an
`{% if %}` starts where the `if` stood (`value={% if a %}"{{ a }}"{% else %}"-"{% endif %}`
quotes the value in both arms)."""
_COMMENT_END = re.compile(r"-->")
_ELEMENT_START = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(?::[A-Za-z][A-Za-z0-9-]*)?(?=[\s/>]|\Z)")
"""An element's start tag as an author writes one (`<p>`, `<my-card `, Outlook's `<o:p>`),
or its name running into a template piece (`<h{{ level }}>`). Not a link written the
plain-text way, `<https://example.com/help>` or `<someone@example.com>`, which a text
e-mail holds and which no HTML author writes as a tag."""


_OUTSIDE = frozenset({_State.DATA, _State.COMMENT, _State.BOGUS, _State.RAW, _State.END_TAG})
"""States outside any start tag."""


@dataclass(slots=True)
class _Branch:
    """Where an `{% if %}` or `{% for %}` stood, for its arms to start from."""

    state: _State
    attr: str
    value: str
    tag_start: int
    otherwise: bool = False
    """Whether an `else` (or `empty`) arm was seen: some arm runs."""
    outer: tuple[FormSpan, ...] = ()
    """The forms open where it stood."""
    parked: list[FormSpan] = field(default_factory=list)
    """Forms an earlier arm opened and left open: they resume after the conditional."""


class _Tokenizer:
    def __init__(self, line_starts: list[int]) -> None:
        self.line_starts = line_starts
        self.state = _State.DATA
        self.reading = HtmlReading()
        self.name = ""
        self.tag_start = 0
        self.attrs: list[tuple[str, str | None]] = []
        self.attr = ""
        self.value = ""
        self.escaped = False
        """Whether the open quoted value began with a backslash-escaped quote."""
        self.raw_end = ""
        self.raw_kind = Where.RAWTEXT
        self.script = ScriptText()
        self.open_forms: list[FormSpan] = []
        self.elements: list[FormSpan | None] = []
        """`{% element ... %}` blocks open (django-allauth's), a form span for `element form`."""
        self.end_name = ""
        self.base = 0
        self.branches: list[_Branch] = []
        """Where each open `{% if %}` / `{% for %}` stood."""

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    # -- text ---------------------------------------------------------------------------

    def text(self, text: str, base: int) -> None:
        self.base = base
        index = 0
        while index < len(text):
            index = self.step(text, index, base)

    def step(self, text: str, i: int, base: int) -> int:
        state = self.state
        if state is _State.DATA:
            found = text.find("<", i)
            if found < 0:
                return len(text)
            return self.open_angle(text, found, base)
        if state is _State.COMMENT:
            match = _COMMENT_END.search(text, i)
            if match is None:
                return len(text)
            self.state = _State.DATA
            return match.end()
        if state is _State.BOGUS:
            found = text.find(">", i)
            if found < 0:
                return len(text)
            self.state = _State.DATA
            return found + 1
        if state is _State.RAW:
            return self.raw(text, i)
        return self.in_tag(text, i, base)

    def open_angle(self, text: str, i: int, base: int) -> int:
        rest = text[i + 1 : i + 4]
        if rest.startswith("!--"):
            self.state = _State.COMMENT
            return i + 4
        if rest[:1] == "/" and rest[1:2].isalpha():
            self.state = _State.END_TAG
            self.end_name = ""
            return i + 2
        if rest[:1].isalpha():
            if _ELEMENT_START.match(text, i):
                self.reading.has_markup = True
            self.state = _State.TAG_NAME
            self.name = ""
            self.attrs = []
            self.tag_start = base + i
            return i + 1
        if rest[:1] in ("!", "?"):
            self.state = _State.BOGUS
            return i + 1
        return i + 1

    def in_tag(self, text: str, i: int, base: int) -> int:
        char = text[i]
        state = self.state
        if state is _State.END_TAG:
            if char == ">":
                self.end_tag(base + i)
                self.state = _State.DATA
            elif char not in _SPACE and char != "/":
                self.end_name += char.lower()
            return i + 1
        if state is _State.TAG_NAME:
            if char in _SPACE or char == "/":
                self.state = _State.BEFORE_NAME
            elif char == ">":
                self.emit(i)
            else:
                self.name += char.lower()
            return i + 1
        if state in (_State.BEFORE_NAME, _State.AFTER_NAME):
            return self.between_attributes(char, i)
        if state is _State.NAME:
            if char in _SPACE or char == "/":
                self.state = _State.AFTER_NAME
            elif char == "=":
                self.state = _State.BEFORE_VALUE
            elif char == ">":
                self.end_attribute(None)
                self.emit(i)
            else:
                self.attr += char.lower()
            return i + 1
        if state is _State.BEFORE_VALUE:
            if char in _SPACE:
                return i + 1
            if char in "\"'":
                self.state = _State.DQ if char == '"' else _State.SQ
                self.value = ""
                self.escaped = False
                return i + 1
            if char == "\\" and text[i + 1 : i + 2] in ('"', "'"):
                # NOTE: markup inside a JSON or JavaScript string, `"<b title=\"{{ t }}\">"`:
                # the escaped quote is the value's own once the string is decoded.
                self.state = _State.DQ if text[i + 1] == '"' else _State.SQ
                self.value = ""
                self.escaped = True
                return i + 2
            if char == ">":
                self.end_attribute("")
                self.emit(i)
                return i + 1
            self.state = _State.UNQ
            self.value = ""
            return i
        return self.in_value(text, i)

    def between_attributes(self, char: str, i: int) -> int:
        if char in _SPACE or char == "/":
            if self.state is _State.AFTER_NAME and char == "/":
                self.end_attribute(None)
                self.state = _State.BEFORE_NAME
            return i + 1
        if char == ">":
            if self.state is _State.AFTER_NAME:
                self.end_attribute(None)
            self.emit(i)
            return i + 1
        if char == "=" and self.state is _State.AFTER_NAME:
            self.state = _State.BEFORE_VALUE
            return i + 1
        if self.state is _State.AFTER_NAME:
            self.end_attribute(None)
        self.state = _State.NAME
        self.attr = char.lower()
        return i + 1

    def in_value(self, text: str, i: int) -> int:
        char = text[i]
        if self.state is _State.UNQ:
            if char in _SPACE:
                self.end_attribute(self.value)
                self.state = _State.BEFORE_NAME
            elif char == ">":
                self.end_attribute(self.value)
                self.emit(i)
            else:
                self.value += char
            return i + 1
        quote = '"' if self.state is _State.DQ else "'"
        found = text.find(quote, i)
        if found < 0:
            self.value += text[i:]
            return len(text)
        self.value += text[i:found]
        if self.escaped and self.value.endswith("\\"):
            self.value = self.value[:-1]
        self.end_attribute(self.value)
        self.state = _State.BEFORE_NAME
        return found + 1

    def end_attribute(self, value: str | None) -> None:
        if self.attr:
            self.attrs.append((self.attr, value))
        self.attr = ""
        self.value = ""

    def emit(self, i: int) -> None:
        self.state = _State.DATA
        name = self.name
        line, column = self.position(self.tag_start)
        tag = StartTag(name, line, column, tuple(self.attrs), self.tag_start, self.base + i + 1)
        if name in _RECORDED:
            self.reading.tags.append(tag)
        if name in _CONTROLS:
            for form in self.open_forms:
                form.input_tags.append(tag)
        if tag.get("form") is not None:
            self.reading.form_attribute = True
        if name == "form":
            self.open_forms.append(FormSpan(tag))
        if name == "script":
            kind = (tag.get("type") or "").strip().lower()
            self.raw_kind = Where.SCRIPT if kind in _JS_TYPES else Where.DATA_SCRIPT
            self.enter_raw("script")
        elif name in _RAWTEXT:
            self.raw_kind = Where.RAWTEXT
            self.enter_raw(name)
        elif name in _RCDATA:
            self.raw_kind = Where.TEXT
            self.enter_raw(name)

    def enter_raw(self, name: str) -> None:
        self.state = _State.RAW
        self.raw_end = "</" + name
        self.script.reset()

    def end_tag(self, offset: int) -> None:
        if self.end_name == "form" and self.open_forms:
            line, _ = self.position(offset)
            for form in self.open_forms:
                form.end_line = line
                self.reading.forms.append(form)
            self.open_forms = []

    def raw(self, text: str, i: int) -> int:
        lowered = text.lower()
        found = lowered.find(self.raw_end, i)
        stop = len(text) if found < 0 else found
        if self.raw_kind is Where.SCRIPT:
            self.script.read(text[i:stop])
        if found < 0:
            return len(text)
        self.state = _State.END_TAG
        self.end_name = self.raw_end[2:]
        return found + len(self.raw_end)

    # -- template pieces ----------------------------------------------------------------

    def output(self, node: Node) -> None:
        if self.state not in (_State.COMMENT, _State.BOGUS):
            # NOTE: what a node writes inside `<!-- -->` (`<!-- {% csrf_token %} -->`)
            # is no part of the form: the browser submits no field of it.
            for form in self.open_forms:
                form.inside.append(node)
            if not self.open_forms:
                self.reading.outside_forms.append(node)
        if node.kind is NodeKind.TAG and node.tag in {"element", "endelement"}:
            self.element(node)
        if node.kind is NodeKind.TAG and node.tag == "block":
            self.reading.blocks[node.start] = self.place()
        if node.kind is NodeKind.TAG and node.tag in _OPENING | _BRANCHING | _CLOSING:
            self.branch(node.tag)
            return
        if node.kind is NodeKind.TAG and self.state is _State.BEFORE_VALUE:
            # NOTE: a tag right after `=` is the attribute's value (`action={% url 'x' %}`),
            # not the whitespace that would make the next attribute the value.
            self.state = _State.UNQ
            self.value = _SITE_PATH if _writes_reversed_url(node) else DYNAMIC
            return
        if _writes_reversed_url(node) and self.state in (_State.DQ, _State.SQ, _State.UNQ):
            # NOTE: `href="{% url 'list' %}{{ query }}"`: the value starts with a path of the
            # site, so what follows it chooses no scheme nor host.
            self.value += _SITE_PATH
            return
        if node.kind is not NodeKind.VAR:
            return
        self.reading.placements[node.start] = self.place()
        if self.state is _State.RAW:
            self.script.last = VALUE  # NOTE: `{{ total }} / 2` divides
        if self.state is _State.BEFORE_VALUE:
            self.state = _State.UNQ
            self.value = ""
        if self.state in (_State.DQ, _State.SQ, _State.UNQ):
            self.value += DYNAMIC
        elif self.state is _State.NAME:
            self.attr += DYNAMIC

    def branch(self, tag: str) -> None:
        """An arm of a conditional or loop starts from where its opening tag stood, and
        an `if` without `else` may write nothing: after `value={% if a %}"{{ a }}"{% endif %}`
        the value is still to come."""
        if tag in _OPENING:
            outer = tuple(self.open_forms)
            self.branches.append(
                _Branch(self.state, self.attr, self.value, self.tag_start, outer=outer)
            )
            return
        if not self.branches:
            return
        branch = self.branches.pop() if tag in _CLOSING else self.branches[-1]
        self._arm_forms(branch, tag in _CLOSING)
        if tag in _BRANCHING:
            branch.otherwise = branch.otherwise or tag != "elif"
        elif branch.otherwise or branch.state is not _State.BEFORE_VALUE:
            return
        if self._within(branch):
            self.state, self.attr, self.value = branch.state, branch.attr, branch.value

    def _arm_forms(self, branch: _Branch, closing: bool) -> None:
        """A form an arm opens and leaves open holds what follows the conditional, not
        what the other arms write: in `{% if q %}<form method="get">{% else %}<form
        method="post">{% csrf_token %}{% endif %}`, the token is the POST form's only."""
        if closing:
            self.open_forms.extend(branch.parked)
            branch.parked = []
            return
        opened = [form for form in self.open_forms if all(form is not o for o in branch.outer)]
        branch.parked.extend(opened)
        self.open_forms = [form for form in self.open_forms if all(form is not o for o in opened)]

    def _within(self, branch: _Branch) -> bool:
        """Whether the arm read so far stays where its opening tag stood: in text, or in
        the element it stood in, which the arm did not end (the element read once, not
        once per arm). Raw text is left alone: its script reading goes on as written."""
        if _State.RAW in (self.state, branch.state):
            return False
        if branch.state is _State.DATA:
            return True
        return self.state not in _OUTSIDE and self.tag_start == branch.tag_start

    def element(self, node: Node) -> None:
        """django-allauth's `{% element form method="post" %}...{% endelement %}`
        renders a `<form>` around its body: the body is what the form holds."""
        if node.tag == "element":
            span = None
            if node.args[:1] == ("form",):
                line, column = self.position(node.start)
                attributes = tuple(_element_attribute(arg) for arg in node.args[1:] if "=" in arg)
                tag = StartTag("form", line, column, attributes, node.start, node.end)
                span = FormSpan(tag)
                self.open_forms.append(span)
            self.elements.append(span)
            return
        span = self.elements.pop() if self.elements else None
        if span is not None and any(form is span for form in self.open_forms):
            self.open_forms = [form for form in self.open_forms if form is not span]
            span.end_line = node.line
            self.reading.forms.append(span)

    def place(self) -> Placement:
        state = self.state
        if state is _State.DATA:
            return Placement(Where.TEXT)
        if state in (_State.COMMENT, _State.BOGUS):
            return Placement(Where.COMMENT)
        if state is _State.RAW:
            script = self.raw_kind is Where.SCRIPT
            quote = self.script.quote if script else ""
            comment = self.script.comment if script else ""
            return Placement(self.raw_kind, self.raw_end[2:], js_string=quote, js_comment=comment)
        if state in _TAG_STATES or state is _State.END_TAG:
            return Placement(Where.TAG, self.name)
        scheme = self.value.replace(DYNAMIC, "").lstrip().lower().startswith("javascript:")
        if state in (_State.BEFORE_VALUE, _State.UNQ):
            start = state is _State.BEFORE_VALUE or not self.value.strip()
            return Placement(
                Where.UNQUOTED, self.name, self.attr, start, _js_quote(self.value), "", scheme
            )
        quote = '"' if state is _State.DQ else "'"
        return Placement(
            Where.ATTRIBUTE,
            self.name,
            self.attr,
            not self.value.strip(),
            _js_quote(self.value),
            quote,
            scheme,
        )

    def finish(self) -> HtmlReading:
        for form in self.open_forms:
            form.end_line = 0
            self.reading.forms.append(form)
        self.reading.forms.sort(key=lambda f: (f.tag.line, f.tag.column))
        return self.reading


def _js_quote(value: str) -> str:
    """The string-literal quote open at the end of an attribute's JavaScript so far."""
    quote = ""
    index = 0
    while index < len(value):
        char = value[index]
        if quote and char == "\\":
            index += 2
            continue
        if quote and char == quote:
            quote = ""
        elif not quote and char in "\"'`":
            quote = char
        index += 1
    return quote


def read_html(nodes: list[Node], line_starts: list[int]) -> HtmlReading:
    """Read the HTML structure around the template's nodes."""
    tokenizer = _Tokenizer(line_starts)
    for node in nodes:
        if node.kind is NodeKind.TEXT:
            tokenizer.text(node.content, node.start)
        else:
            tokenizer.output(node)
    return tokenizer.finish()


def _element_attribute(argument: str) -> tuple[str, str]:
    """`method="post"` -> ("method", "post"); a variable's value is DYNAMIC."""
    name, _, value = argument.partition("=")
    quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"
    return name, value[1:-1] if quoted else DYNAMIC
