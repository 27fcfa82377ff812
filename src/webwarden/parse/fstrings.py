"""Python 3.12's f-strings (PEP 701) on an older Python.

Python 3.12 lets a replacement field reuse its f-string's quotes
(`f'{name.decode('ascii')}'`) and hold backslashes (`f"{text.rstrip("\\n")}"`); older
Pythons reject the file. webwarden reads it with each string inside a replacement field
written the way they accept: its quotes switched to the kind no enclosing f-string uses,
and each backslash escape written as two underscores. Every character keeps its place, so
the tree's positions are those of the file; only the text of such inner strings changes,
which no rule reads for what it means. A one-quote f-string whose replacement field spans
lines (allowed since 3.12) is written with three quotes, which moves the columns after its
quotes on their two lines.
"""

from __future__ import annotations

_PREFIXES = frozenset({"", "r", "u", "b", "f", "br", "rb", "fr", "rf"})
_OTHER = {'"': "'", "'": '"'}


class _Unfixable(Exception):
    """An f-string that cannot be written the way an older Python reads it."""


def older_fstrings(source: str) -> str | None:
    """`source` as an older Python reads it, or None when nothing had to change or an
    f-string cannot be rewritten so."""
    text = list(source)
    try:
        _Scanner(source, text).module()
    except (_Unfixable, IndexError, RecursionError):
        # NOTE: RecursionError: format specs nested past the recursion limit, which no
        # Python parses either; the file keeps its notice.
        return None
    rewritten = "".join(text)
    return None if rewritten == source else rewritten


class _Scanner:
    def __init__(self, source: str, text: list[str]) -> None:
        self.source = source
        self.text = text

    def module(self) -> None:
        """Scan the module's code: comments, strings, and the characters between."""
        i, end = 0, len(self.source)
        while i < end:
            char = self.source[i]
            if char == "#":
                newline = self.source.find("\n", i)
                i = end if newline < 0 else newline
            elif char in _OTHER:
                i = self.string(i, ())
            else:
                i += 1

    def string(self, i: int, enclosing: tuple[str, ...]) -> int:
        """Move past the string literal whose quote is at `i`."""
        start = i
        while start > 0 and self.source[start - 1].isalpha() and i - start < 2:
            start -= 1
        prefix = self.source[start:i].lower()
        if prefix not in _PREFIXES or (start > 0 and _identifier(self.source[start - 1])):
            prefix = ""
        char = self.source[i]
        quote = char * 3 if self.source.startswith(char * 3, i) else char
        written = self.requote(i, quote, enclosing) if enclosing else quote
        body = i + len(quote)
        if "f" in prefix:
            return self.fstring(body, quote, (*enclosing, written), raw="r" in prefix)
        return self.plain(body, quote, inner=bool(enclosing))

    def requote(self, i: int, quote: str, enclosing: tuple[str, ...]) -> str:
        """The quote an inner string at `i` is written with: its own, or the other kind
        when an enclosing f-string would end at its own (only Python 3.12 tells them
        apart). The scan goes on reading the file's own quotes."""
        if not _clashes(quote, enclosing):
            return quote
        other = _OTHER[quote[0]] * len(quote)
        end = self.end_of(i + len(quote), quote)
        if _clashes(other, enclosing) or other[0] in self.source[i + len(quote) : end]:
            raise _Unfixable
        for position in (*range(i, i + len(quote)), *range(end, end + len(quote))):
            self.text[position] = other[0]
        return other

    def end_of(self, i: int, quote: str) -> int:
        """Where the string whose body starts at `i` ends (its closing quote)."""
        while not self.source.startswith(quote, i):
            i += 2 if self.source[i] == "\\" else 1
        return i

    def plain(self, i: int, quote: str, *, inner: bool) -> int:
        while not self.source.startswith(quote, i):
            if self.source[i] == "\\":
                i = self.escape(i, inner=inner)
            elif self.source[i] == "\n" and len(quote) == 1:
                raise _Unfixable
            else:
                i += 1
        return i + len(quote)

    def escape(self, i: int, *, inner: bool) -> int:
        """Move past the backslash escape at `i`, written as two underscores in a string
        inside a replacement field (where an older Python allows no backslash)."""
        if inner:
            self.text[i] = self.text[i + 1] = "_"
        return i + 2

    def fstring(self, i: int, quote: str, enclosing: tuple[str, ...], *, raw: bool) -> int:
        inner = len(enclosing) > 1
        opening, lines = i - len(quote), False
        while not self.source.startswith(quote, i):
            char = self.source[i]
            if char == "\\" and not raw:
                i = self.escape(i, inner=inner)
            elif self.source.startswith(("{{", "}}"), i):
                i += 2
            elif char == "{":
                start, i = i, self.field(i + 1, enclosing)
                lines = lines or "\n" in self.source[start:i]
            else:
                i += 1
        if lines and len(quote) == 1:
            # NOTE: a replacement field over several lines of a one-quote f-string: older
            # Pythons allow that in three-quote ones. Each quote becomes three; the lines
            # keep their numbers, the columns after them on those two lines move by two.
            if inner:
                raise _Unfixable
            self.text[opening] = self.text[i] = quote * 3
        return i + len(quote)

    def field(self, i: int, enclosing: tuple[str, ...]) -> int:
        """Move past a replacement field whose expression starts at `i`."""
        depth = 0
        while True:
            char = self.source[i]
            if char in "([{":
                depth += 1
            elif char in ")]" or (char == "}" and depth > 0):
                depth -= 1
            elif char == "}":
                return i + 1
            elif char == ":" and depth == 0 and not self.source.startswith(":=", i):
                return self.spec(i + 1, enclosing)
            elif char == "\\":
                self.text[i] = " "  # NOTE: a line continuation; no other backslash is code
            elif char in _OTHER:
                i = self.string(i, enclosing)
                continue
            i += 1

    def spec(self, i: int, enclosing: tuple[str, ...]) -> int:
        """Move past a format spec (`:>{width}`) and the field's closing brace."""
        while self.source[i] != "}":
            i = self.field(i + 1, enclosing) if self.source[i] == "{" else i + 1
        return i + 1


def _clashes(quote: str, enclosing: tuple[str, ...]) -> bool:
    """Whether an older Python would end an enclosing f-string at `quote`: any use of a
    one-character quote, and the same three quotes of a triple-quoted one."""
    return any(q[0] == quote[0] and (len(q) == 1 or len(quote) == 3) for q in enclosing)


def _identifier(char: str) -> bool:
    return char.isalnum() or char == "_"
