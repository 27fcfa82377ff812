"""Whether a call writes a diff as HTML with the standard library's `difflib.HtmlDiff`,
which escapes the lines it compares."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

_HTML_DIFF = "HtmlDiff"
_MAKERS = frozenset({"make_table", "make_file"})
_DESCRIPTIONS = ("fromdesc", "todesc")
"""`make_table(fromlines, tolines, fromdesc, todesc, ...)`: the column headers, which
`HtmlDiff` writes as given."""


def diff_descriptions(
    call: ast.Call, held: Callable[[str], Sequence[ast.expr]]
) -> list[ast.expr] | None:
    """For `HtmlDiff(...).make_table(old, new, ...)` (or `make_file`), the differ made in
    the call or a local every assignment of which makes one (`diff = HtmlDiff(tabsize=4)`),
    the arguments whose text the result holds unescaped: the headers `fromdesc` and
    `todesc`. `HtmlDiff` writes each compared line with `&`, `<` and `>` escaped, inside
    its own table cells. None when the call is no such diff."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in _MAKERS):
        return None
    differ = func.value
    made = list(held(differ.id)) if isinstance(differ, ast.Name) else [differ]
    if not made or not all(_html_diff(value) for value in made):
        return None
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return [*call.args, *(k.value for k in call.keywords)]
    return [*call.args[2:4], *(k.value for k in call.keywords if k.arg in _DESCRIPTIONS)]


def _html_diff(value: ast.expr) -> bool:
    """`HtmlDiff(...)`, `difflib.HtmlDiff(...)`."""
    return isinstance(value, ast.Call) and ast.unparse(value.func).rsplit(".", 1)[-1] == _HTML_DIFF
