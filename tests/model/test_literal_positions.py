"""Where a character of a string constant's value is written, for literals over lines."""

from __future__ import annotations

import ast
import warnings

import pytest

from webwarden.model.literal_positions import value_positions

MARK = "postgres://"


def _position(source: str) -> tuple[int, int] | None:
    """Where the first `postgres://` of the module's first string constant is written."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NOTE: `"\\q"`, an invalid escape, warns
        tree = ast.parse(source)
    node = next(n for n in ast.walk(tree) if MARK in _text(n))
    assert isinstance(node, ast.Constant)
    value = _text(node)
    found = value_positions(source.splitlines(), node, [value.index(MARK)])
    return None if found is None else found[0]


def _text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, bytes):
        return node.value.decode("latin-1")
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('X = """\nhost\n  postgres://u:p@h/d\n"""\n', (3, 3), id="triple-quoted"),
        pytest.param('X = "a\\n b postgres://u:p@h/d"\n', (1, 12), id="escapes-on-one-line"),
        pytest.param('X = """a\\n\\t\\\\\\\nb postgres://"""\n', (2, 3), id="continuation"),
        pytest.param(
            'X = """\\x41\\101\\u00e9\\N{EM DASH}\npostgres://"""\n', (2, 1), id="wide-escapes"
        ),
        pytest.param('X = r"""\\d\\n\n\\q postgres://"""\n', (2, 4), id="raw"),
        pytest.param('X = b"""\\u\n postgres://"""\n', (2, 2), id="bytes"),
        pytest.param('X = """\\q\n postgres://"""\n', (2, 2), id="unknown-escape-kept"),
        pytest.param(
            'X = (\n    "a\\n"  # why\n    \'b\'\n    "postgres://"\n)\n', (4, 6), id="adjacent"
        ),
        pytest.param('X = "a" \\\n  "postgres://"\n', (2, 4), id="adjacent-continued"),
        pytest.param('X = """é\n  é postgres://"""\n', (2, 5), id="non-ascii"),
        pytest.param('X = f"""\n{y}\npostgres://"""\n', None, id="f-string-unknown"),
    ],
)
def test_value_positions(source: str, expected: tuple[int, int] | None) -> None:
    assert _position(source) == expected


def test_lines_that_disagree_with_the_source_answer_none() -> None:
    source = 'X = """a\x0cb\npostgres://"""\n'
    node = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Constant))
    assert isinstance(node, ast.Constant)
    assert value_positions(source.splitlines(), node, [4]) is None
