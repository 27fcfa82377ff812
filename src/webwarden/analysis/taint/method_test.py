"""Which arm of an `if` a GET request takes, when its test compares the request method."""

from __future__ import annotations

import ast


def get_branch(test: ast.expr) -> str:
    """The arm of an `if` on `test` that a GET request takes (`then` or `else`), or `""`
    when the test does not compare the request method: `request.method == "GET"` and
    `request.method in ("GET", "HEAD")` give `then`, `request.method != "GET"` and
    `request.method == "POST"` give `else`. The method may be upper- or lower-cased
    first (`request.method.lower() == "get"`). In a conjunction the method test decides
    the arm: `request.method == "GET" and request.args.get("id")` gives `then` (only a GET
    gets there, though a GET may also take `else`), `request.method == "POST" and
    form.validate()` gives `else`; a disjunction gives `""`. A variable named for the
    method and compared with HTTP verbs (`method == "DELETE"`, in a helper handed
    `request.method`) counts as the method too."""
    if isinstance(test, ast.BoolOp):
        return _conjunction_branch(test)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return ""
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if _constants(left) is not None:
        left, right = right, left
    methods = _constants(right)
    if methods is None or not (_is_method(left) or _names_method(left, methods)):
        return ""
    match op:
        case ast.Eq() | ast.In():
            matched = True
        case ast.NotEq() | ast.NotIn():
            matched = False
        case _:
            return ""
    if "GET" in methods:
        return "then" if matched else "else"
    return "else" if matched else "then"


def _conjunction_branch(test: ast.BoolOp) -> str:
    if not isinstance(test.op, ast.And):
        return ""
    arms = {get_branch(value) for value in test.values} - {""}
    return arms.pop() if len(arms) == 1 else ""


def _is_method(node: ast.expr) -> bool:
    """`request.method`, or it upper- or lower-cased."""
    node = _case_folded(node)
    return isinstance(node, ast.Attribute) and node.attr == "method"


_VERBS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _names_method(node: ast.expr, methods: frozenset[str]) -> bool:
    """A variable named for the method (`method`, `http_method`) compared with HTTP verbs
    only: a helper handed `request.method` (`if method == "DELETE": client.delete(...)`)."""
    node = _case_folded(node)
    return isinstance(node, ast.Name) and node.id.lower().endswith("method") and methods <= _VERBS


def _case_folded(node: ast.expr) -> ast.expr:
    """What `x.upper()` or `x.lower()` folds (`x`); `node` itself otherwise."""
    if (
        isinstance(node, ast.Call)
        and not node.args
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"upper", "lower"}
    ):
        return node.func.value
    return node


def _constants(node: ast.expr) -> frozenset[str] | None:
    """The upper-cased method names a string or a tuple, list or set of strings holds."""
    items = node.elts if isinstance(node, ast.Tuple | ast.List | ast.Set) else [node]
    names = [
        i.value.upper() for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)
    ]
    return frozenset(names) if names and len(names) == len(items) else None
