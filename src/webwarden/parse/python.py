"""Parse Python source into `ast` trees, turning every failure into a reason."""

from __future__ import annotations

import ast
import codecs
import dataclasses
import io
import re
import sys
import tokenize
import warnings
from dataclasses import dataclass
from pathlib import Path

from webwarden.parse.cookiecutter import generated_text, with_stand_ins
from webwarden.parse.except_lists import UNPARENTHESIZED, parenthesized
from webwarden.parse.fstrings import older_fstrings
from webwarden.parse.guards import Unreadable, decode_text, read_bytes
from webwarden.parse.python2_indents import TAB_MIXTURE, expand_indentation
from webwarden.parse.python2_literals import UNICODE_ESCAPE, read_python2_literals
from webwarden.parse.python2_statements import PRINT_STATEMENT, as_python3
from webwarden.parse.type_params import without_type_parameters

_PY2_LINE = re.compile(
    r"""^\s*(print\s+[^\s(=.]|exec\s+["'\w]|raise\s+\w+\s*,)"""
    r"""|except\s+[\w.]+\s*,\s*\w+\s*:"""
    r"""|`[^`]+`|<>|\b\d+[lL]\b|\bur["']|\b0\d+\b"""
)
_PY2_MESSAGES = (
    "Missing parentheses in call to",
    "multiple exception types must be parenthesized",
    "leading zeros in decimal integer literals",
    "parameters cannot be parenthesized",
    TAB_MIXTURE,
)
_TYPE_PARAMETERS = re.compile(
    r"^\s*(?:type\s+\w+\s*[\[=]|(?:async\s+)?def\s+\w+\s*\[|class\s+\w+\s*\[)"
)
_RESERVED_NAME = re.compile(r"(?<!\w)(?:async|await)\b(?!\s+(?:def|with|for)\b)")


@dataclass(frozen=True, slots=True)
class ParsedPython:
    """A Python file that parsed: its text, its lines and its tree."""

    source: str
    lines: tuple[str, ...]
    tree: ast.Module
    data: bytes = b""
    """The bytes read, when read from a file."""


def _python2_hint(message: str, line_text: str) -> bool:
    return any(m in message for m in _PY2_MESSAGES) or bool(_PY2_LINE.search(line_text))


def _reserved_name(text: str, column: int) -> str | None:
    """`async`/`await` used as a name where the error points (at it, or just after it)."""
    for match in _RESERVED_NAME.finditer(text):
        if match.start() < column and not text[match.end() : column - 1].strip():
            return match.group(0)
    return None


def _source_encoding(data: bytes) -> str | Unreadable:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if "invalid or missing encoding declaration" in (exc.msg or ""):
            # NOTE: no cookie and the first lines are not UTF-8: say where the bad byte is.
            return "utf-8"
        reason = exc.msg
        if data.startswith(codecs.BOM_UTF8) and reason.startswith("encoding problem"):
            reason = "the file starts with a UTF-8 byte-order mark but declares another encoding"
        return Unreadable(f"bad encoding declaration: {reason}", exc.lineno or 1)
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _newer_syntax(message: str, text: str) -> str | None:
    """What Python 3.12 accepts that the running, older Python rejects here, if anything."""
    if sys.version_info >= (3, 12):
        return None
    if message.startswith("f-string"):
        return "Python 3.12 f-strings may reuse their quotes, nest and hold backslashes"
    if _TYPE_PARAMETERS.match(text):
        return "type parameters and `type` aliases are Python 3.12 syntax"
    return None


def _syntax_reason(message: str, text: str, column: int) -> str:
    if _python2_hint(message, text):
        return f"Python 2 syntax ({message}); webwarden analyses Python 3 code only"
    reserved = _reserved_name(text, column) if message == "invalid syntax" else None
    if reserved is not None:
        return (
            f"syntax error: `{reserved}` is used as a name, which Python 3.7 and "
            "later reserve (code written for Python 2 or an older Python 3)"
        )
    newer = _newer_syntax(message, text)
    if newer is not None:
        running = f"{sys.version_info.major}.{sys.version_info.minor}"
        return (
            f"syntax error: {message} ({newer}; webwarden runs on Python {running} here: "
            "run it on 3.12 or later to analyse this file)"
        )
    return f"syntax error: {message}"


def _quiet_parse(source: str, filename: str = "<unknown>") -> ast.Module:
    """`ast.parse` with its warnings silenced; each caller handles the errors its own way."""
    with warnings.catch_warnings():
        # NOTE: invalid escape sequences warn at parse time; they are not our finding.
        warnings.simplefilter("ignore")
        return ast.parse(source, filename=filename)


def _read_as_older_python(source: str, text: str) -> ast.Module | None:
    """The tree of a file in newer syntax (3.12 f-strings, type parameters), read the way
    the running Python can; None when it is not such a file or cannot be read so."""
    if sys.version_info >= (3, 12):
        return None
    # NOTE: only a file that did not parse gets here, and an f-string of 3.12 can fail
    # with a message of its own or of the tokenizer ("unexpected character after line
    # continuation character"): any such file is given the rewrite.
    rewritten = older_fstrings(source)
    if rewritten is None and not _TYPE_PARAMETERS.match(text):
        return None
    if rewritten is not None:
        try:
            return _quiet_parse(rewritten)
        except SyntaxError:
            pass
        except (ValueError, RecursionError, MemoryError):
            return None
    return without_type_parameters(rewritten or source)


def _read_python2_statements(source: str) -> ast.Module | SyntaxError | None:
    """The tree of a file whose Python 2 `print x` statements and `except E, e:` clauses
    are read as Python 3 writes them (and then any Python 3.14 `except A, B:` list); the
    error that still stops it (positions as written up to a `print`'s closing
    parenthesis: what else of Python 2 it holds), or None when it has neither."""
    rewritten = as_python3(source)
    if rewritten is None:
        return None
    try:
        return _quiet_parse(rewritten)
    except SyntaxError as exc:
        repaired = parenthesized(rewritten) if UNPARENTHESIZED in (exc.msg or "") else None
        return exc if repaired is None else repaired
    except (ValueError, RecursionError, MemoryError):
        return None


def _with_tabs_expanded(
    source: str, filename: str, message: str
) -> ParsedPython | Unreadable | None:
    """`source` parsed with its indentation read as Python 2 reads tabs (positions on
    such lines those of the expanded indentation), when `message` says a mixture of tabs
    and spaces stopped it and a line is indented with a tab; None otherwise."""
    expanded = expand_indentation(source) if TAB_MIXTURE in message else None
    if expanded is None:
        return None
    parsed = parse_source(expanded, filename)
    if isinstance(parsed, ParsedPython):
        return ParsedPython(source, source_lines(source), parsed.tree)
    return parsed


def parse_source(source: str, filename: str = "<source>") -> ParsedPython | Unreadable:
    """Parse Python 3 `source`; a syntax error says whether it looks like Python 2.
    Python 3.14's unparenthesized `except A, B:` and Python 3.12's type parameters and
    f-strings parse on older Pythons too, Python 2's plain literals holding `\\N`,
    `\\u` or `\\U` (a backslash and a letter there) are read as Python 2 reads them,
    and its `print x` statements and `except E, e:` clauses as Python 3 writes them; a
    cookiecutter template's module as it generates it with its default answers
    (`parse.cookiecutter.generated_text`), or at least its `{{cookiecutter.app_name}}`
    as the name `app_name`;
    an indentation mixing tabs and spaces is read with Python 2's eight-column tabs
    (columns on such lines are those of the expanded indentation)."""
    try:
        tree = _quiet_parse(source, filename)
    except SyntaxError as exc:
        message = exc.msg or ""
        expanded = _with_tabs_expanded(source, filename, message)
        if expanded is not None:
            return expanded
        repaired = parenthesized(source) if UNPARENTHESIZED in message else None
        if repaired is None and message.startswith(UNICODE_ESCAPE):
            repaired = read_python2_literals(source)
        if repaired is None and (PRINT_STATEMENT in message or UNPARENTHESIZED in message):
            read2 = _read_python2_statements(source)
            if isinstance(read2, SyntaxError):
                # NOTE: a Python 2 module may mix tabs and spaces below its first `print`
                # or `except E, e:`, which Python 3 reports first.
                expanded = _with_tabs_expanded(source, filename, read2.msg or "")
                if isinstance(expanded, ParsedPython):
                    return expanded
                exc = read2  # NOTE: report what still stops the file, not the `print`
            else:
                repaired = read2
        if repaired is None and (
            stand_ins := generated_text(filename, source) or with_stand_ins(source)
        ):
            rendered = parse_source(stand_ins, filename)
            if isinstance(rendered, ParsedPython):
                repaired = rendered.tree
        if repaired is not None:
            return ParsedPython(source, source_lines(source), repaired)
        line = exc.lineno or 1
        lines = source_lines(source)
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        read = _read_as_older_python(source, text)
        if read is not None:
            return ParsedPython(source, lines, read)
        column = max(exc.offset or 1, 1)
        reason = _syntax_reason(exc.msg or "invalid syntax", text, column)
        return Unreadable(reason, line, column)
    except (RecursionError, MemoryError):
        return Unreadable("too deeply nested to parse")
    except ValueError as exc:
        return Unreadable(f"cannot parse: {exc}")
    return ParsedPython(source, source_lines(source), tree)


_LINE_END = re.compile(r"\r\n|\r|\n")
_OTHER_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
"""Characters `str.splitlines` breaks lines on that Python's tokenizer does not: a form
feed (the old `^L` page break) is whitespace inside a line of code."""


def source_lines(source: str) -> tuple[str, ...]:
    """The lines of `source` as Python numbers them (`ast`'s `lineno`): broken only at
    `\n`, `\r\n` and `\r`."""
    if not any(other in source for other in _OTHER_BREAKS):
        return tuple(source.splitlines())
    lines = _LINE_END.split(source)
    if lines and not lines[-1]:
        lines.pop()
    return tuple(lines)


def read_python(path: Path, max_size: int) -> ParsedPython | Unreadable:
    """Read and parse one Python file with every guard (size, binary, encoding, syntax)."""
    data = read_bytes(path, max_size)
    if isinstance(data, Unreadable):
        return data
    encoding = _source_encoding(data)
    if isinstance(encoding, Unreadable):
        return encoding
    source = decode_text(data, encoding)
    if isinstance(source, Unreadable):
        return source
    parsed = parse_source(source, str(path))
    return dataclasses.replace(parsed, data=data) if isinstance(parsed, ParsedPython) else parsed
