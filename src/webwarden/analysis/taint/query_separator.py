"""The conditional separator a URL's query is continued with: `"&" if "?" in url else "?"`.

Appended right after `url`, that choice puts a `?` before what follows whatever `url`
holds: the one already in it, or the constant one the other arm starts with. What
follows is in the query, and cannot choose the scheme or host the URL leads to. The
same choice is also written as an `if` statement appending to `url` in each arm.
"""

from __future__ import annotations

import ast
import copy

from webwarden.analysis.taint.response_types import Assignments


def opens_query(part: ast.expr, subject: ast.expr, assignments: Assignments) -> bool:
    """Whether `part`, appended right after `subject`, is (or is a local bound only to) a
    choice on whether `subject` holds a `?` whose arm for when it does not starts with a
    constant `?`: `"&" if "?" in url else "?"`, `"?" + q if "?" not in url else "&" + q`."""
    if isinstance(part, ast.Name):
        assigns = assignments(part.id)
        return bool(assigns) and all(_chooses_separator(a.value, subject) for a in assigns or ())
    return _chooses_separator(part, subject)


def _chooses_separator(node: ast.expr, subject: ast.expr) -> bool:
    if not isinstance(node, ast.IfExp):
        return False
    test = node.test
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Constant)
        and test.left.value == "?"
        and _same(test.comparators[0], subject)
    ):
        return False
    if isinstance(test.ops[0], ast.In):
        return _starts_query(node.orelse)
    return isinstance(test.ops[0], ast.NotIn) and _starts_query(node.body)


def _same(read: ast.expr, subject: ast.expr) -> bool:
    """The same name or attribute chain (`url`, `self.url`), read or written."""
    if isinstance(read, ast.Name) and isinstance(subject, ast.Name):
        return read.id == subject.id
    if isinstance(read, ast.Attribute) and isinstance(subject, ast.Attribute):
        return read.attr == subject.attr and _same(read.value, subject.value)
    return False


def _starts_query(node: ast.expr) -> bool:
    """Whether a string expression starts with a constant `?`: `"?"`, `"?" + query`,
    `f"?next={url}"`, `"?{}".format(query)`."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.startswith("?")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _starts_query(node.left)
    if isinstance(node, ast.JoinedStr):
        return bool(node.values) and _starts_query(node.values[0])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _starts_query(node.func.value)
    return False


def as_read(written: ast.Name | ast.Attribute | ast.Subscript) -> ast.expr:
    """The target of `x += ...` as the expression that reads it, for `x = x + ...`."""
    read = copy.deepcopy(written)
    read.ctx = ast.Load()
    return read


def separator_statement(node: ast.If, assignments: Assignments) -> ast.AugAssign | None:
    """An `if` whose arms each only append to the same URL, choosing its separator
    (`if "?" not in url: url += "?"`, `else: url += "&"`), as the one statement it is,
    `url += "?" if "?" not in url else "&"`; None for any other `if`."""
    if len(node.body) != 1 or len(node.orelse) != 1:
        return None
    first, second = node.body[0], node.orelse[0]
    if not (
        isinstance(first, ast.AugAssign)
        and isinstance(second, ast.AugAssign)
        and isinstance(first.op, ast.Add)
        and isinstance(second.op, ast.Add)
        and isinstance(first.target, ast.Name | ast.Attribute)
        and _same(first.target, second.target)
    ):
        return None
    choice = ast.copy_location(ast.IfExp(node.test, first.value, second.value), node)
    if not opens_query(choice, first.target, assignments):
        return None
    return ast.copy_location(ast.AugAssign(first.target, ast.Add(), choice), node)
