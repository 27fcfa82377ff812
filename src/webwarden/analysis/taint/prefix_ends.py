"""Whether the prefix a path is checked to start with ends in a path separator.

`os.path.realpath(path).startswith(base)` keeps a path inside `base` only when `base`
ends in a separator: `/srv/exports-evil/data` starts with `/srv/exports` too. A prefix
written to end in one keeps it there: `base + os.sep`, `base + "/"`, `f"{base}/"`,
`os.path.join(base, "")` (which appends the separator), a text ending in `/`, a module
constant holding one, or a local given one of these (`prefix = root + os.sep`), also
past an `if` appending one unless it is there (`if not root.endswith(os.sep): root +=
os.sep`). Any other
prefix (a setting, a parameter, a loop's item, `os.path.realpath(root)`) may not.
"""

from __future__ import annotations

import ast

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope, known_text, lower

_SEPARATORS = frozenset({"os.sep", "os.path.sep", "posixpath.sep", "ntpath.sep", "os.altsep"})
_JOINS = frozenset({"os.path.join", "posixpath.join", "ntpath.join"})


def ends_in_separator(node: ast.expr, scope: Scope) -> bool:
    """Whether the prefix `node` is written to end in a path separator (every prefix of a
    tuple of them, `startswith((a + "/", b + "/"))`)."""
    if isinstance(node, ast.Tuple):
        return bool(node.elts) and all(ends_in_separator(e, scope) for e in node.elts)
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value.endswith(("/", "\\"))
    if isinstance(node, ast.JoinedStr):
        return bool(node.values) and ends_in_separator(node.values[-1], scope)
    if isinstance(node, ast.FormattedValue):
        # NOTE: `f"{base}{os.sep}"`: the separator itself, as it is
        plain = node.format_spec is None and node.conversion == -1
        return plain and ends_in_separator(node.value, scope)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return ends_in_separator(node.right, scope)
    if isinstance(node, ast.Name) and node.id in scope.prefixes:
        return True
    if isinstance(node, ast.Call):
        return _joined_empty(node, scope)
    if not isinstance(node, ast.Name | ast.Attribute):
        return False
    lowered = lower(node, scope)
    if isinstance(lowered, ir.Global) and lowered.name in _SEPARATORS:
        return True
    text = known_text(lowered, scope)
    return (
        isinstance(text, ir.Const)
        and isinstance(text.value, str)
        and text.value.endswith(("/", "\\"))
    )


def _joined_empty(call: ast.Call, scope: Scope) -> bool:
    """`os.path.join(base, "")`: a join ending in an empty part ends in a separator."""
    if len(call.args) < 2 or call.keywords:
        return False
    callee = lower(call.func, scope)
    last = call.args[-1]
    return (
        isinstance(callee, ir.Global)
        and callee.name in _JOINS
        and isinstance(last, ast.Constant)
        and last.value == ""
    )


def ensured_separator(node: ast.If, scope: Scope) -> str | None:
    """`base` of `if not base.endswith(os.sep): base += os.sep` (or `base = base + "/"`),
    with no `else`: past the `if`, the local ends in a separator on either arm; else
    None."""
    test = node.test
    if node.orelse or len(node.body) != 1:
        return None
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return None
    tested = test.operand
    if not (
        isinstance(tested, ast.Call)
        and isinstance(tested.func, ast.Attribute)
        and tested.func.attr == "endswith"
        and isinstance(tested.func.value, ast.Name)
        and len(tested.args) == 1
        and not tested.keywords
        and ends_in_separator(tested.args[0], scope)
    ):
        return None
    name = tested.func.value.id
    appended = _appended(node.body[0], name)
    return name if appended is not None and ends_in_separator(appended, scope) else None


def _appended(statement: ast.stmt, name: str) -> ast.expr | None:
    """What `name += x` or `name = name + x` appends to the local; None for any other
    statement."""
    if (
        isinstance(statement, ast.AugAssign)
        and isinstance(statement.op, ast.Add)
        and isinstance(statement.target, ast.Name)
        and statement.target.id == name
    ):
        return statement.value
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return None
    written, value = statement.targets[0], statement.value
    if (
        isinstance(written, ast.Name)
        and written.id == name
        and isinstance(value, ast.BinOp)
        and isinstance(value.op, ast.Add)
        and isinstance(value.left, ast.Name)
        and value.left.id == name
    ):
        return value.right
    return None


def note_prefix(target: str, value: ast.expr, scope: Scope) -> None:
    """Remember that the local `target` holds a prefix ending in a separator (and forget
    it when it is given anything else)."""
    if ends_in_separator(value, scope):
        scope.prefixes.add(target)
    else:
        scope.prefixes.discard(target)
