"""What Django's template parser rejects in the built-in tags, found from the tokens alone.

Messages are Django's own (`Parser.invalid_block_tag`, `unclosed_block_tag`, the
`extends`, `block`, `filter`, `autoescape` and `blocktranslate` tags), so a developer
recognises them. Tags from libraries webwarden does not load are not judged, except that
a tag whose `end<name>` (or `end_<name>`) appears in the template is treated as a block
that it closes, and an end tag met where no such block is open closes one a tag of the
library opened under another name (`{% recurse_children %}...{% endrecurse %}`), when the
template loads a library webwarden does not know; a middle tag's name outside its block (`{% plural %}` outside
`{% blocktranslate %}`) is such a library's tag when the template loads one. A tag used
more often than its end tag is a block only where that end closes it: django CMS's
`{% placeholder "x" %}` stands alone, `{% placeholder "x" or %}` opens a block; so is
a library's tag still open when a built-in block around it ends (`{% if %}{% recurse
node as nodes %}{% endif %}`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from webwarden.parse.templates.django import (
    _AFTER_MIDDLE,
    BLOCK_TAGS,
    DjangoSyntaxError,
    Token,
    parse_variable,
)
from webwarden.parse.templates.nodes import NodeKind

_MIDDLE = frozenset({"elif", "else", "empty", "plural"})
_DJANGO_LIBRARIES = frozenset(
    {
        "admin_list",
        "admin_modify",
        "admin_urls",
        "cache",
        "flatpages",
        "humanize",
        "i18n",
        "l10n",
        "log",
        "static",
        "tz",
    }
)
"""The tag libraries Django ships, none of which registers a tag named as a middle tag."""


@dataclass(slots=True)
class _Open:
    command: str
    until: tuple[str, ...] | None
    """None for a tag from an unloaded library: anything but its end tag may appear."""
    token: Token
    block_name: str = ""
    optional: bool = False
    """A tag used more often than its end tag: it may stand alone (see `_Checker.settle`)."""


def _ends(command: str) -> tuple[str, str]:
    """How a tag from an unloaded library may be closed (`endaddtoblock`, `end_with_data`)."""
    return f"end{command}", f"end_{command}"


def _text_list(items: list[str]) -> str:
    """`django.utils.text.get_text_list(items, "or")`."""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} or {items[-1]}"


class _Checker:
    def __init__(self, tokens: list[Token], line_starts: list[int]) -> None:
        self.tokens = tokens
        self.line_starts = line_starts
        self.stack: list[_Open] = []
        self.blocks: set[str] = set()
        self.nontext = False
        commands = Counter(_command(t) for t in tokens if t.kind is NodeKind.TAG)
        self.generic = {
            command[4:] if command.startswith("end_") else command[3:]
            for command in commands
            if command.startswith("end")
        }
        self.optional = {
            name for name in self.generic if commands[name] > sum(commands[e] for e in _ends(name))
        }
        self.foreign = any(
            library not in _DJANGO_LIBRARIES
            for t in tokens
            if t.kind is NodeKind.TAG and _command(t) == "load"
            for library in _loaded(t)
        )
        """Whether the template loads a library webwarden does not know, which may register
        a tag named as a middle tag (`{% plural count "file" "files" %}`)."""

    def error(self, token: Token, message: str) -> DjangoSyntaxError:
        column = token.start - self.line_starts[token.line - 1] + 1
        return DjangoSyntaxError(message, token.line, column)

    def run(self) -> None:
        index = 0
        while index < len(self.tokens):
            token = self.tokens[index]
            if token.kind is NodeKind.VAR:
                self.variable(token)
            elif token.kind is NodeKind.TAG:
                index = self.tag(token, index)
            index += 1
        self.stack = [entry for entry in self.stack if not entry.optional]
        if self.stack:
            top = self.stack[-1]
            until = ", ".join(top.until or (f"end{top.command}",))
            raise self.error(
                top.token,
                f"Unclosed tag on line {top.token.line}: '{top.command}'. "
                f"Looking for one of: {until}.",
            )

    def variable(self, token: Token) -> None:
        self.nontext = True
        if not token.contents:
            raise self.error(token, f"Empty variable tag on line {token.line}")
        try:
            parse_variable(token.contents)
        except ValueError as exc:
            raise self.error(token, str(exc)) from None

    def tag(self, token: Token, index: int) -> int:
        if not token.contents:
            raise self.error(token, f"Empty block tag on line {token.line}")
        command = _command(token)
        if command == "extends" and self.nontext:
            raise self.error(
                token, f"{{% {token.contents} %}} must be the first tag in the template."
            )
        self.nontext = True
        self.settle(command)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.until is not None and command in top.until:
            self.close_or_continue(top, command, token)
        elif top is not None and top.until is None and command in _ends(top.command):
            self.stack.pop()
        elif command in BLOCK_TAGS:
            return self.open(command, token, index)
        elif command in self.generic:
            self.stack.append(_Open(command, None, token, optional=command in self.optional))
        elif command.startswith("end") or command in _MIDDLE:
            if command in _MIDDLE and (self.foreign or (top is not None and top.until is None)):
                return index
            if self.foreign and self.closes_unknown(command):
                return index
            expected: list[str] = []
            if top is not None:
                expected = list(top.until or (f"end{top.command}",))
            suffix = "Did you forget to register or load this tag?"
            if expected:
                listed = _text_list([f"'{p}'" for p in expected])
                message = f"Invalid block tag on line {token.line}: '{command}', expected {listed}. {suffix}"
            else:
                message = f"Invalid block tag on line {token.line}: '{command}'. {suffix}"
            raise self.error(token, message)
        return index

    def settle(self, command: str) -> None:
        """Take off the stack the tags that may stand alone above the one `command` closes
        or continues: they were not blocks."""
        for depth in range(len(self.stack) - 1, -1, -1):
            entry = self.stack[depth]
            if _accepts(entry, command):
                del self.stack[depth + 1 :]
                return
            if not (entry.optional or (entry.until is None and command.startswith("end"))):
                return

    def closes_unknown(self, command: str) -> bool:
        """Whether `command` is the end of a block that a tag of a library webwarden does
        not load opened under another name: `{% recurse_children %}...{% endrecurse %}`,
        the library parsing up to an end tag of its own choosing (its `{% recurse %}`,
        standing alone inside, taken off the stack when a built-in block closed). Not
        while a tag of that name is open: the end is that block's, out of place."""
        return any(
            command in _ends(name) and not any(e.command == name for e in self.stack)
            for name in self.generic
        )

    def close_or_continue(self, top: _Open, command: str, token: Token) -> None:
        if command in _MIDDLE:
            top.until = _AFTER_MIDDLE.get((top.command, command), top.until)
            return
        self.stack.pop()
        if top.command == "block" and token.contents not in (
            "endblock",
            f"endblock {top.block_name}",
        ):
            acceptable = _text_list(["'endblock'", f"'endblock {top.block_name}'"])
            raise self.error(
                token,
                f"Invalid block tag on line {token.line}: 'endblock', expected {acceptable}. "
                "Did you forget to register or load this tag?",
            )

    def open(self, command: str, token: Token, index: int) -> int:
        bits = token.contents.split()
        entry = _Open(command, BLOCK_TAGS[command], token)
        if command == "block":
            if len(bits) != 2:
                raise self.error(token, "'block' tag takes only one argument")
            if bits[1] in self.blocks:
                raise self.error(token, f"'block' tag with name '{bits[1]}' appears more than once")
            self.blocks.add(bits[1])
            entry.block_name = bits[1]
        elif command == "autoescape":
            if len(bits) != 2:
                raise self.error(token, "'autoescape' tag requires exactly one argument.")
            if bits[1] not in ("on", "off"):
                raise self.error(token, "'autoescape' argument should be 'on' or 'off'")
        elif command == "filter":
            self.check_filter(token)
        elif command == "comment":
            return self.skip_past(index, "endcomment", entry)
        elif command in ("blocktrans", "blocktranslate"):
            return self.translation(index, entry)
        self.stack.append(entry)
        return index

    def check_filter(self, token: Token) -> None:
        rest = token.contents.split(None, 1)[1] if " " in token.contents.strip() else ""
        try:
            expression = parse_variable(f"var|{rest}")
        except ValueError as exc:
            raise self.error(token, str(exc)) from None
        for name in expression.filters:
            if name in ("escape", "safe"):
                raise self.error(
                    token, f'"filter {name}" is not permitted.  Use the "autoescape" tag instead.'
                )

    def skip_past(self, index: int, end: str, entry: _Open) -> int:
        for later in range(index + 1, len(self.tokens)):
            token = self.tokens[later]
            if token.kind is NodeKind.TAG and token.contents == end:
                return later
        self.stack.append(entry)
        self.stack[-1].until = (end,)
        return len(self.tokens)

    def translation(self, index: int, entry: _Open) -> int:
        later = index + 1
        while later < len(self.tokens):
            token = self.tokens[later]
            if token.kind in (NodeKind.VAR, NodeKind.TEXT):
                later += 1
                continue
            contents = token.contents.strip()
            if contents == "plural":
                later += 1
                continue
            if contents == f"end{entry.command}":
                return later
            raise self.error(
                token,
                f"'{entry.command}' doesn't allow other block tags (seen {token.contents!r}) "
                "inside it",
            )
        self.stack.append(entry)
        return len(self.tokens)


def _accepts(entry: _Open, command: str) -> bool:
    """Whether `command` closes or continues the open tag."""
    if entry.until is None:
        return command in _ends(entry.command)
    return command in entry.until


def _command(token: Token) -> str:
    parts = token.contents.split()
    return parts[0] if parts else ""


def _loaded(token: Token) -> list[str]:
    """The libraries `{% load a b %}` or `{% load tag from library %}` loads."""
    names = token.contents.split()[1:]
    return names[-1:] if len(names) >= 3 and names[-2] == "from" else names


def check_structure(tokens: list[Token], line_starts: list[int]) -> None:
    """Raise `DjangoSyntaxError` where Django's parser would reject the built-in tags."""
    _Checker(tokens, line_starts).run()
