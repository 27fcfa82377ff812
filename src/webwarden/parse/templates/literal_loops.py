"""Loops a template writes over its own literal values (`{% for attr in ['username',
'email'] %}`): the loop variable holds the author's text."""

from __future__ import annotations

import ast
import re

_LOOP = re.compile(r"for\s+[\w\s,()]+?\s+in\s+(?P<source>.+)", re.DOTALL)
_PLAIN = re.compile(r"[\w\-. ]*")
"""Words, numbers and the marks between them: no quote, bracket, `<` or `=`."""


def plain_words_display(content: str) -> bool:
    """Whether a `for` tag's content loops over a list or tuple display of string
    literals of plain words and numbers, and nothing after it (`for attr in
    ['RELATIVE_PATH']`; not a loop filter or `recursive`, nor a variable)."""
    found = _LOOP.fullmatch(content.strip().strip("-").strip())
    if found is None:
        return False
    try:
        tree = ast.parse(found["source"].strip(), mode="eval")
    except SyntaxError:
        return False
    display = tree.body
    if not isinstance(display, ast.List | ast.Tuple) or not display.elts:
        return False
    return all(_plain(item) for item in display.elts)


def _plain(item: ast.expr) -> bool:
    if not isinstance(item, ast.Constant) or isinstance(item.value, bool):
        return False
    if isinstance(item.value, int | float):
        return True
    return isinstance(item.value, str) and _PLAIN.fullmatch(item.value) is not None
