"""Whether a Django filter marks its input unescaped only when its argument is one of
a few literals (WW552).

A filter may take an option that turns its cleaning off: `{{ text|markdown }}` cleans
the rendered HTML, `{{ page|markdown:"safe" }}` leaves it as it is, chosen by `if mode
== "safe": html = rendered` against `else: html = bleach.clean(rendered)`. The filter's
body is judged again with the option bound to each value a template may give it: its
default, each literal it is compared with, and any other literal. A filter may also
leave the HTML raw by default and escape it under an option (`{{ text|markdown }}`
against `{{ text|markdown:True }}`, chosen by `if escape_html: html = escape(html)`):
`option_literals` gives the literals that turn the cleaning off and those that turn
the escaping on.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable

from webwarden.model.scopes import parameter_defaults

Function = ast.FunctionDef | ast.AsyncFunctionDef
Marks = Callable[[Function], bool]
"""Whether a (pruned copy of a) filter function marks its input unescaped."""

_UNDECIDED = None
_OTHER = "\x00other"
"""A literal the filter compares its option with nowhere."""


def option_literals(
    function: Function, marks: Marks
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The literals of the option (the filter's second parameter) that turn its cleaning
    off (`raw_options`) and those that turn it on (`clean_options`); each None when the
    option decides nothing of the kind, both when the function has no such option or
    rebinds it. The filter's body is judged once for each value the option is bound to."""
    positional = [*function.args.posonlyargs, *function.args.args]
    if len(positional) != 2 or function.args.vararg or function.args.kwarg:
        return None, None
    option = positional[1].arg
    if _rebound(function, option):
        return None, None
    judged: dict[tuple[type, object], bool] = {}

    def marks_given(value: object) -> bool:
        key = (type(value), value)
        if key not in judged:
            judged[key] = marks(bind(function, option, value))
        return judged[key]

    literals = _compared(function, option)
    default = parameter_defaults(function.args).get(option)
    raw = _raw_options(literals, default, marks_given)
    clean = _clean_options(function, option, literals, default, marks_given)
    return raw, clean


def _raw_options(
    literals: set[str], default: ast.expr | None, marks_given: Callable[[object], bool]
) -> tuple[str, ...] | None:
    """The literals under which the filter marks its input unescaped, when it escapes or
    cleans it given no argument (its default) and given any literal it does not compare
    the option with."""
    if not literals or (default is not None and not isinstance(default, ast.Constant)):
        return None
    given: object = default.value if isinstance(default, ast.Constant) else _OTHER
    if marks_given(given) or marks_given(_OTHER):
        return None
    raw = tuple(sorted(v for v in literals if marks_given(v)))
    return raw or None


def _clean_options(
    function: Function,
    option: str,
    literals: set[str],
    default: ast.expr | None,
    marks_given: Callable[[object], bool],
) -> tuple[str, ...] | None:
    """The literals (written as Python writes them: `True`, `'escape'`) under which the
    filter marks nothing unescaped, when it does so given no argument (its default, a
    constant); None when no literal it tests the option against, nor `True` for a test of
    its truth, makes it clean."""
    if not isinstance(default, ast.Constant) or not marks_given(default.value):
        return None
    candidates: list[object] = [*sorted(literals)]
    if _tested(function, option):
        candidates.append(True)
    clean = tuple(repr(v) for v in candidates if not marks_given(v))
    return clean or None


def _tested(function: Function, option: str) -> bool:
    """Whether an `if` (or inline `if`) of the function tests the option's truth alone
    (`if escape_html:`, `if not raw:`)."""
    for node in ast.walk(function):
        if isinstance(node, ast.If | ast.IfExp):
            test = node.test
            while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
                test = test.operand
            if isinstance(test, ast.Name) and test.id == option:
                return True
    return False


def bind(function: Function, option: str, value: object) -> Function:
    """A copy of `function` with each `if` (and inline `if`) whose test reads only
    `option` and constants replaced by the branch `value` takes."""
    copied = copy.deepcopy(function)
    pruned = _Pruner(option, value).visit(copied)
    return pruned if isinstance(pruned, ast.FunctionDef | ast.AsyncFunctionDef) else function


class _Pruner(ast.NodeTransformer):
    def __init__(self, option: str, value: object) -> None:
        self.option = option
        self.value = value

    def visit_If(self, node: ast.If) -> ast.AST | list[ast.stmt]:
        taken = _decide(node.test, self.option, self.value)
        if taken is _UNDECIDED:
            return self.generic_visit(node)
        branch = node.body if taken else node.orelse
        kept: list[ast.stmt] = []
        for statement in branch:
            result = self.visit(statement)
            kept += result if isinstance(result, list) else [result]
        return kept or [ast.Pass()]

    def visit_IfExp(self, node: ast.IfExp) -> ast.AST:
        taken = _decide(node.test, self.option, self.value)
        if taken is _UNDECIDED:
            return self.generic_visit(node)
        result: ast.AST = self.visit(node.body if taken else node.orelse)
        return result


def _decide(test: ast.expr, option: str, value: object) -> bool | None:
    """The truth of `test` with `option` holding `value` (None: it reads more than that;
    `_OTHER` equals no constant and is true)."""
    match test:
        case ast.Name(id=name) if name == option:
            return bool(value)
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            inner = _decide(operand, option, value)
            return None if inner is None else not inner
        case ast.BoolOp(op=op, values=values):
            decided = [_decide(v, option, value) for v in values]
            if any(d is None for d in decided):
                return None
            return all(decided) if isinstance(op, ast.And) else any(decided)
        case ast.Compare(left=left, ops=[op], comparators=[right]):
            return _compare(left, op, right, option, value)
    return None


def _compare(
    left: ast.expr, op: ast.cmpop, right: ast.expr, option: str, value: object
) -> bool | None:
    if isinstance(right, ast.Name) and right.id == option and isinstance(op, ast.Eq | ast.NotEq):
        left, right = right, left
    if not (isinstance(left, ast.Name) and left.id == option):
        return None
    constants = _constants(right)
    if constants is None:
        return None
    equal = value in constants and value is not _OTHER
    if isinstance(op, ast.Eq | ast.Is | ast.In):
        return equal
    if isinstance(op, ast.NotEq | ast.IsNot | ast.NotIn):
        return not equal
    return None


def _constants(node: ast.expr) -> list[object] | None:
    if isinstance(node, ast.Constant):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set) and all(
        isinstance(e, ast.Constant) for e in node.elts
    ):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    return None


def _compared(function: Function, option: str) -> set[str]:
    """The string literals `option` is compared with in the function's tests."""
    found: set[str] = set()
    for node in ast.walk(function):
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1):
            continue
        sides = [node.left, node.comparators[0]]
        if not any(isinstance(s, ast.Name) and s.id == option for s in sides):
            continue
        for side in sides:
            found |= {c for c in _constants(side) or () if isinstance(c, str)}
    return found


def _rebound(function: Function, option: str) -> bool:
    return any(
        isinstance(node, ast.Name) and node.id == option and not isinstance(node.ctx, ast.Load)
        for node in ast.walk(function)
    )
