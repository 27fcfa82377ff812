"""Where the literal text of a `<script>` block leaves its reader: in a string literal,
a comment, a regular expression literal or code.

The text comes in pieces, between the template's outputs and statements; the state
carries over from one piece to the next.
"""

from __future__ import annotations

_REGEX_AFTER = frozenset("(,=:[!&|?{};")
"""Characters after which a `/` starts a regular expression rather than divides."""
_REGEX_AFTER_WORDS = frozenset(
    {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw"}
)
_BLANK = " \t\r\n"
VALUE = "0"
"""What a template output stands for in code: a value, after which `/` divides."""


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_$"


class ScriptText:
    """Follows string literals, comments and regular expression literals of JavaScript.

    A `/` after an operator, an opening bracket or a keyword such as `return` starts a
    regular expression (`s.replace(/"/g, "&quot;")`): the quote inside it opens no string.
    """

    def __init__(self) -> None:
        self.quote = ""
        """The quote of the string literal the text is in, or ""."""
        self.comment = ""
        self.regex = ""
        """`/` inside a regular expression literal, `[` inside one of its classes."""
        self.last = ""
        """The last character (or word) of code read before this piece."""

    def reset(self) -> None:
        """A new `<script>` block starts."""
        self.quote = self.comment = self.regex = self.last = ""

    def read(self, code: str) -> None:
        """Follow one piece of literal text."""
        index = 0
        while index < len(code):
            char = code[index]
            if self.comment:
                end = "\n" if self.comment == "//" else "*/"
                found = code.find(end, index)
                if found < 0:
                    return
                self.comment = ""
                index = found + len(end)
                continue
            if self.quote or self.regex:
                index = self._inside(code, index, char)
                continue
            if char in "\"'`":
                self.quote = char
            elif code.startswith(("//", "/*"), index):
                self.comment = code[index : index + 2]
                index += 2
                continue
            elif char == "/" and self._regex_may_start(code, index):
                self.regex = "/"
            index += 1
        self._remember_last(code)

    def _inside(self, code: str, index: int, char: str) -> int:
        """Read one character of a string or regular expression literal."""
        if char == "\\":
            return index + 2
        if self.quote:
            if char == self.quote:
                self.quote = ""
        elif char == "\n":
            self.regex = ""  # NOTE: no literal spans lines: it was a division after all
        elif char == "[":
            self.regex = "["
        elif char == "]" and self.regex == "[":
            self.regex = "/"
        elif char == "/" and self.regex == "/":
            self.regex = ""
        return index + 1

    def _regex_may_start(self, code: str, index: int) -> bool:
        back = index - 1
        while back >= 0 and code[back] in _BLANK:
            back -= 1
        if back < 0:
            previous = self.last
        elif _word_char(code[back]):
            start = back
            while start > 0 and _word_char(code[start - 1]):
                start -= 1
            previous = code[start : back + 1]
        else:
            previous = code[back]
        return previous in _REGEX_AFTER or previous in _REGEX_AFTER_WORDS or not previous

    def _remember_last(self, code: str) -> None:
        end = len(code)
        while end > 0 and code[end - 1] in _BLANK:
            end -= 1
        if end == 0:
            return
        if not _word_char(code[end - 1]):
            self.last = code[end - 1]
            return
        start = end - 1
        while start > 0 and _word_char(code[start - 1]):
            start -= 1
        self.last = code[start:end]
