"""Reading and parsing Python files: every bad input becomes a reason, never an exception."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from webwarden.parse import ParsedPython, Unreadable, read_python, read_text
from webwarden.parse.guards import human_size
from webwarden.parse.python import parse_source

LIMIT = 1024 * 1024


def _read(tmp_path: Path, data: bytes, limit: int = LIMIT) -> ParsedPython | Unreadable:
    path = tmp_path / "module.py"
    path.write_bytes(data)
    return read_python(path, limit)


@pytest.mark.parametrize(
    ("data", "reason", "line"),
    [
        pytest.param(
            b'exec "x = 1"\n',
            "Python 2 syntax (Missing parentheses in call to 'exec'",
            1,
            id="exec",
        ),
        pytest.param(
            b'print"hello"\n',
            "Python 2 syntax (Missing parentheses in call to 'print'",
            1,
            id="print-without-space",
        ),
        pytest.param(
            b"try:\n    x = 1\nexcept ValueError, e: pass\n",
            "Python 2 syntax",
            3,
            id="except-comma-with-body-on-its-line",
        ),
        pytest.param(b"x = 0777\n", "Python 2 syntax", 1, id="octal"),
        pytest.param(b"x = `y`\n", "Python 2 syntax", 1, id="backticks"),
        pytest.param(
            b"class V:\n    def visit(self, node, (key, value)):\n        pass\n",
            "Python 2 syntax (Function parameters cannot be parenthesized)",
            2,
            id="tuple-parameter",
        ),
        pytest.param(
            b"pair = lambda (a, b): a\n",
            "Python 2 syntax (Lambda expression parameters cannot be parenthesized)",
            1,
            id="tuple-lambda-parameter",
        ),
        pytest.param(
            b"if x:\n        y = 1\n\tz = 2\nprint x, y\nw = 0777\n",
            "Python 2 syntax",
            5,
            id="tabs-read-then-octal",
        ),
        pytest.param(
            b"def fetch(url, async=True):\n    pass\n",
            "syntax error: `async` is used as a name, which Python 3.7 and later reserve",
            1,
            id="async-parameter",
        ),
        pytest.param(
            b"app = Fetcher(None, async=False)\n",
            "syntax error: `async` is used as a name",
            1,
            id="async-keyword-argument",
        ),
        pytest.param(b"await = 1\n", "syntax error: `await` is used as a name", 1, id="await-name"),
        pytest.param(
            b"async def f(:\n    pass\n", "syntax error: invalid syntax", 1, id="async-def"
        ),
        pytest.param(b"def f(:\n", "syntax error: invalid syntax", 1, id="syntax"),
        pytest.param(b"x = (\n", "syntax error: '(' was never closed", 1, id="unclosed"),
        pytest.param(b"\x00\x01\x02binary", "binary file (contains NUL bytes)", 1, id="binary"),
        pytest.param(
            b"# ok\nname = '\xe9t\xe9'\n",
            "not valid utf-8 text (byte 0xe9 at line 2)",
            2,
            id="latin1",
        ),
        pytest.param(
            b"# -*- coding: klingon -*-\nx = 1\n",
            "bad encoding declaration: unknown encoding",
            1,
            id="bad-cookie",
        ),
        pytest.param(
            b"\xef\xbb\xbf# -*- coding: latin-1 -*-\nx = 1\n",
            "bad encoding declaration: the file starts with a UTF-8 byte-order mark but "
            "declares another encoding",
            1,
            id="bom-and-other-cookie",
        ),
        pytest.param(b"x = " + b"1+" * 100000 + b"1\n", "too deeply nested", 1, id="recursion"),
        pytest.param(b"x = " + b"-" * 200000 + b"1\n", "too deeply nested", 1, id="memory"),
        pytest.param(
            b"x = " + b"(" * 300 + b")" * 300 + b"\n",
            "syntax error: too many nested",
            1,
            id="parens",
        ),
    ],
)
def test_unreadable_inputs(tmp_path: Path, data: bytes, reason: str, line: int) -> None:
    result = _read(tmp_path, data)
    assert isinstance(result, Unreadable)
    assert result.reason.startswith(reason)
    assert result.line == line


NEWER_PYTHON = [
    pytest.param(
        b"title = f'{names[f'{key['id']}']}'\n",
        "Python 3.12 f-strings may reuse their quotes",
        id="pep701-three-levels-of-one-quote",
    ),
    pytest.param(
        b"def first[T](items: list[T]) -> T:\n    return f'{items[f'{a['b']}']}'\n",
        "type parameters",
        id="pep695-with-pep701",
    ),
]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 parses this code")
@pytest.mark.parametrize(("data", "hint"), NEWER_PYTHON)
def test_newer_python_code_says_which_python_reads_it(
    tmp_path: Path, data: bytes, hint: str
) -> None:
    result = _read(tmp_path, data)
    assert isinstance(result, Unreadable)
    assert hint in result.reason
    assert result.reason.endswith("run it on 3.12 or later to analyse this file)")


@pytest.mark.skipif(sys.version_info < (3, 12), reason="Python 3.11 cannot parse this code")
@pytest.mark.parametrize(("data", "hint"), NEWER_PYTHON)
def test_newer_python_code_parses_on_a_newer_python(tmp_path: Path, data: bytes, hint: str) -> None:
    assert isinstance(_read(tmp_path, data), ParsedPython)


TYPE_PARAMETERS = b"""\
import ast


class Box[T: (int, str)](Base):  # a constrained type parameter
    type Alias[K] = dict[
        K, T
    ]

    def get[U](self, key: U) -> U:
        return eval(key)


type Pair[T] = tuple[T, T]; type Plain = int
"""


def test_type_parameters_parse_on_any_python(tmp_path: Path) -> None:
    result = _read(tmp_path, TYPE_PARAMETERS)
    assert isinstance(result, ParsedPython)
    box = result.tree.body[1]
    assert isinstance(box, ast.ClassDef)
    assert [ast.unparse(b) for b in box.bases] == ["Base"]
    alias, get = box.body
    assert type(alias).__name__ in {"Assign", "TypeAlias"}  # an assignment before 3.12
    assert isinstance(get, ast.FunctionDef)
    call = get.body[0].value  # type: ignore[attr-defined]
    assert (call.lineno, call.col_offset) == (10, 15)
    assert [type(s).__name__ for s in result.tree.body[2:]] == [type(alias).__name__] * 2
    named = alias.targets[0] if isinstance(alias, ast.Assign) else alias.name  # type: ignore[attr-defined]
    assert (named.lineno, named.col_offset) == (5, 9)


PEP701 = b"""\
def greeting(user, data):
    end = f'(Ends {format(user.when, 'SHORT_DATE_FORMAT')})'
    line = f"{data.rstrip("\\n")} {user["name"]:>{user["width"]}} {'a' if user else "b"}"
    return eval(f'{end} and {line}')


def first[T](items: list[T]) -> str:
    return f'{items[0]['key']}'
"""


def test_python_3_12_f_strings_parse_on_any_python(tmp_path: Path) -> None:
    result = _read(tmp_path, PEP701)
    assert isinstance(result, ParsedPython)
    assert result.source == PEP701.decode()
    greeting = result.tree.body[0]
    assert isinstance(greeting, ast.FunctionDef)
    call = greeting.body[2].value  # type: ignore[attr-defined]
    assert (call.lineno, call.col_offset, call.func.id) == (4, 11, "eval")
    assert [type(s).__name__ for s in result.tree.body] == ["FunctionDef", "FunctionDef"]


MULTILINE_FIELD = b"""html = (
    '<a href="'
    f'{
        reverse(
            "detail", kwargs={"pk": pk},
        )
    }">Edit</a>'
)
after = eval(html)
"""


def test_a_python_3_12_field_over_several_lines_parses_on_any_python(tmp_path: Path) -> None:
    # NOTE: a one-quote f-string may span lines inside a replacement field since 3.12.
    result = _read(tmp_path, MULTILINE_FIELD)
    assert isinstance(result, ParsedPython)
    assert result.source == MULTILINE_FIELD.decode()
    call = result.tree.body[1].value  # type: ignore[attr-defined]
    assert (call.lineno, call.col_offset, call.func.id) == (9, 8, "eval")


def test_f_strings_nested_past_any_limit_are_a_notice(tmp_path: Path) -> None:
    source = "x = f'" + "{x:" * 3000 + "}" * 3000 + "'\n"
    result = _read(tmp_path, source.encode())
    assert isinstance(result, Unreadable)
    assert result.reason.startswith("syntax error")


def test_too_big(tmp_path: Path) -> None:
    result = _read(tmp_path, b"x = 1\n" * 1000, limit=1000)
    assert isinstance(result, Unreadable)
    assert result.reason == "file is 5.9 KiB, larger than max-file-size (1000 B)"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"x = 1\n", id="plain"),
        pytest.param(b"\xef\xbb\xbfx = 1\n", id="utf8-bom"),
        pytest.param(b"# -*- coding: latin-1 -*-\nname = '\xe9'\n", id="latin1-cookie"),
        pytest.param(b"x = '\\d'\n", id="invalid-escape-warns-only"),
        pytest.param(b"", id="empty"),
    ],
)
def test_readable_inputs(tmp_path: Path, data: bytes) -> None:
    assert isinstance(_read(tmp_path, data), ParsedPython)


def test_unreadable_path(tmp_path: Path) -> None:
    result = read_python(tmp_path, LIMIT)
    assert isinstance(result, Unreadable)
    assert result.reason == "not a regular file"
    missing = read_python(tmp_path / "missing.py", LIMIT)
    assert isinstance(missing, Unreadable)
    assert missing.reason.startswith("cannot read")


def test_text_files(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_bytes("KEY=v\n".encode("utf-16"))
    assert read_text(path, LIMIT) == "KEY=v\n"
    path.write_bytes(b"KEY=\xff\n")
    result = read_text(path, LIMIT)
    assert isinstance(result, Unreadable)
    assert "byte 0xff at line 1" in result.reason
    # NOTE: configuration text is searched for ASCII keys: a stray byte is replaced.
    assert read_text(path, LIMIT, lenient=True) == "KEY=\ufffd\n"
    path.write_bytes(b"KEY=v\x00\n")
    assert isinstance(read_text(path, LIMIT, lenient=True), Unreadable)


@pytest.mark.parametrize(
    ("size", "text"),
    [(10, "10 B"), (2048, "2.0 KiB"), (3 * 1024 * 1024, "3.0 MiB"), (5 * 1024**3, "5.0 GiB")],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


PEP_758 = """\
def lookup(pk):
    try:
        return get(pk)
    except ObjectDoesNotExist, ValueError, TypeError:
        fail("does_not_exist")
    try:
        pass
    except* OSError, KeyError:
        pass
    try:
        pass
    except (A, B) as error:
        raise error
    except A, B: note = "é" + detail
"""


def test_python_3_14_except_lists_parse_with_positions_as_written(tmp_path: Path) -> None:
    # Read the Docs: `except A, B:` without `as` is Python 3.14 (PEP 758), on any Python.
    result = _read(tmp_path, PEP_758.encode())
    assert isinstance(result, ParsedPython)
    lines = PEP_758.splitlines()
    spans = [
        (node.lineno, lines[node.lineno - 1].encode()[node.col_offset : node.end_col_offset])
        for node in ast.walk(result.tree)
        if isinstance(node, ast.Tuple | ast.BinOp) and node.end_col_offset is not None
    ]
    assert spans == [
        (4, b"ObjectDoesNotExist, ValueError, TypeError"),
        (8, b"OSError, KeyError"),
        (12, b"(A, B)"),
        (14, b"A, B"),
        (14, '"é" + detail'.encode()),
    ]


def test_python_2_except_binding_is_read_as_a_binding(tmp_path: Path) -> None:
    result = _read(tmp_path, b"try:\n    pass\nexcept A, e:\n    print 'x'\n")
    assert isinstance(result, ParsedPython)
    handler = next(n for n in ast.walk(result.tree) if isinstance(n, ast.ExceptHandler))
    assert isinstance(handler.type, ast.Name)
    assert handler.name == "e"


def test_python_2_except_binding_without_a_space_is_read_as_a_binding(tmp_path: Path) -> None:
    # `except Exception,e:`: the name right after the comma must not run into `as`.
    result = _read(tmp_path, b"try:\n    pass\nexcept Exception,e:  # why\n    log(e)\n")
    assert isinstance(result, ParsedPython)
    handler = next(n for n in ast.walk(result.tree) if isinstance(n, ast.ExceptHandler))
    assert isinstance(handler.type, ast.Name)
    assert handler.name == "e"
    call = handler.body[0]
    assert isinstance(call, ast.Expr)
    assert (call.lineno, call.col_offset) == (4, 4)


def test_python_2_statements_above_tabs_mixed_with_spaces(tmp_path: Path) -> None:
    # Python 3 stops at the `except E, e:` first; the tabs further down stop it next.
    source = b"try:\n    pass\nexcept ValueError, e:\n    pass\nif x:\n        y = 1\n\tz = 2\n"
    result = _read(tmp_path, source)
    assert isinstance(result, ParsedPython)
    branch = result.tree.body[1]
    assert isinstance(branch, ast.If)
    assert [s.lineno for s in branch.body] == [6, 7]
    assert result.lines[6] == "\tz = 2"


PYTHON_2_STATEMENTS = """import sys
import requests

def fetch(url, debug=False):
    if debug: print "fetching", url
    print >>sys.stderr, "token:", url
    try:
        return requests.get(url, verify=False)
    except (IOError, ValueError), error:
        print error
        return None
    except KeyError, TypeError:
        print
"""


def test_python_2_print_statements_are_read_as_calls(tmp_path: Path) -> None:
    # A Django 1.x view module: one `print x` would leave its views unread.
    result = _read(tmp_path, PYTHON_2_STATEMENTS.encode())
    assert isinstance(result, ParsedPython)
    lines = PYTHON_2_STATEMENTS.splitlines()
    calls = [
        (node.lineno, lines[node.lineno - 1][node.col_offset : node.end_col_offset])
        for node in ast.walk(result.tree)
        if isinstance(node, ast.Call)
    ]
    assert sorted(calls) == [
        (5, 'print "fetching", url'),
        (6, 'print >>sys.stderr, "token:", url'),
        (8, "requests.get(url, verify=False)"),
        (10, "print error"),
    ]
    handlers = [n for n in ast.walk(result.tree) if isinstance(n, ast.ExceptHandler)]
    assert [(h.name, ast.unparse(h.type) if h.type else "") for h in handlers] == [
        ("error", "(IOError, ValueError)"),
        (None, "(KeyError, TypeError)"),
    ]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(b'print "a"; x = 1\n', id="statement-after-semicolon"),
        pytest.param(b'print "a"\nx = `y`\n', id="other-python-2-syntax"),
    ],
)
def test_python_2_print_statements_that_cannot_be_read_so(tmp_path: Path, source: bytes) -> None:
    result = _read(tmp_path, source)
    assert isinstance(result, Unreadable)
    assert result.reason.startswith("Python 2 syntax")


PYTHON_2_LITERALS = r"""import urlparse

def unescape(text):
    # RFC 5545's escapes: in Python 2 `'\N'` is a backslash and an `N`.
    return text.replace('\N', '\n').replace(";", "\\;")

HOME = ('C:\Users'
        "\\me")
NAME = u'caf\u00e9'
"""


def test_python_2_plain_literals_keep_their_backslashes(tmp_path: Path) -> None:
    # Mozilla Reps-like helpers: one `'\N'` would leave the whole module unread.
    result = _read(tmp_path, PYTHON_2_LITERALS.encode())
    assert isinstance(result, ParsedPython)
    strings = [
        (node.lineno, node.col_offset, node.value)
        for node in ast.walk(result.tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    assert sorted(strings) == [
        (5, 24, "\\N"),
        (5, 30, "\n"),
        (5, 44, ";"),
        (5, 49, "\\;"),
        (7, 8, "C:\\Users\\me"),
        (9, 7, "café"),
    ]


def test_an_escape_python_2_rejects_too_stays_a_syntax_error(tmp_path: Path) -> None:
    result = _read(tmp_path, b"PATH = '\\N \\x'\n")
    assert isinstance(result, Unreadable)
    assert "unicodeescape" in result.reason


def test_tabs_mixed_with_spaces_read_as_python2(tmp_path: Path) -> None:
    result = _read(tmp_path, b"if x:\n        y = 1\n\tz = 2\nw = 3\n")
    assert isinstance(result, ParsedPython)
    branch = result.tree.body[0]
    assert isinstance(branch, ast.If)
    assert [s.lineno for s in branch.body] == [2, 3]
    assert result.lines[2] == "\tz = 2"


def test_cookiecutter_placeholders_read_as_the_names_they_stand_for(tmp_path: Path) -> None:
    path = tmp_path / "app.py"
    source = (
        'from {{cookiecutter.app_name}}.user import views\nNAME = "{{ cookiecutter.app_name }}"\n'
    )
    path.write_text(source, encoding="utf-8")
    parsed = read_python(path, 10_000)
    assert isinstance(parsed, ParsedPython)
    assert parsed.lines[0] == "from {{cookiecutter.app_name}}.user import views"
    imported = parsed.tree.body[0]
    assert isinstance(imported, ast.ImportFrom)
    assert imported.module == "app_name.user"
    # NOTE: the whole file is read as generated: a string's placeholder too.
    assigned = parsed.tree.body[1]
    assert isinstance(assigned, ast.Assign)
    assert ast.literal_eval(assigned.value) == "app_name"


def test_cookiecutter_control_blocks_without_template_answers_stay_unread(tmp_path: Path) -> None:
    # NOTE: no `{{cookiecutter.*}}` folder beside a cookiecutter.json: nothing says
    # which branch the project has.
    path = tmp_path / "app.py"
    path.write_text("{% if cookiecutter.x %}\nimport a\n{% endif %}\n", encoding="utf-8")
    assert isinstance(read_python(path, 10_000), Unreadable)


@pytest.mark.parametrize(
    "separator", ["\x0c", "\x0b", "\x1c", "\x85", "\u2028"], ids=["ff", "vt", "fs", "nel", "ls"]
)
def test_lines_are_numbered_as_python_numbers_them(separator: str) -> None:
    """A form feed (`^L`, the old page break) and the other characters `str.splitlines`
    breaks on are inside a line for Python: the line a node's `lineno` names is its own."""
    source = f"import os\n\x0c\ndef f():\n    # {separator} note\n    return '{separator}'\n"
    parsed = parse_source(source, "app.py")
    assert isinstance(parsed, ParsedPython)
    returned = next(n for n in ast.walk(parsed.tree) if isinstance(n, ast.Return))
    assert parsed.lines[returned.lineno - 1] == f"    return '{separator}'"
    assert len(parsed.lines) == 5
