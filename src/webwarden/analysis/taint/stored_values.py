"""A value some row of the project's own table holds: past a lookup that found the row.

A project predicate that answers whether a row matches the value it is given

```python
def plugin_registered(name):
    return Plugin.query.filter(Plugin.name == name).first() is not None
```

(also `filter_by(name=name)`, `where(...)`, `.count() > 0`, Django's
`filter(name=name).exists()`) is true only when the table registers that value: where it
held, the caller's value names one of the registered entries, as after a test against an
allow-list of the program's own (`if name in PLUGINS`). That guards the `dispatch` kind
(the module an import names, the function a name picks): only that kind, as a database
compares text by its collation (another case, trailing blanks still match) and MySQL
matches a number column with text that only starts with the number (`5"; x`), so the
value need not be the stored text itself, only a way to name it.
"""

from __future__ import annotations

import ast

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lookup_test import missing_branch

_FILTERS = frozenset({"filter", "where"})
"""Query methods given column comparisons (SQLAlchemy's `M.c == x`)."""
_KEYWORD_FILTERS = frozenset({"filter_by", "filter", "get"})
"""Query methods given field values by keyword (SQLAlchemy's `filter_by`, Django's)."""
_CONJUNCTIONS = frozenset({"and_"})
STORED_KINDS = frozenset({"dispatch"})


def stored_value_guards(test: ast.expr, names: set[str]) -> tuple[ir.Guard, ...]:
    """The parameters among `names` that `test` (a predicate's returned test) holds equal
    to a column of the one row its lookup finds when the test is true."""
    if missing_branch(test) != "else":
        return ()
    found: list[str] = []
    for node in ast.walk(test):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr in _FILTERS:
            for argument in node.args:
                found += _compared(argument, names)
        if node.func.attr in _KEYWORD_FILTERS:
            found += [
                keyword.value.id
                for keyword in node.keywords
                if keyword.arg is not None
                and "__" not in keyword.arg
                and isinstance(keyword.value, ast.Name)
                and keyword.value.id in names
            ]
    return tuple(ir.Guard(name, "classes", kinds=STORED_KINDS) for name in dict.fromkeys(found))


def _compared(condition: ast.expr, names: set[str]) -> list[str]:
    """`M.name == name` (either way round), or each such test `and_(...)` joins."""
    if (
        isinstance(condition, ast.Call)
        and isinstance(condition.func, ast.Name | ast.Attribute)
        and (condition.func.id if isinstance(condition.func, ast.Name) else condition.func.attr)
        in _CONJUNCTIONS
    ):
        return [name for argument in condition.args for name in _compared(argument, names)]
    if not (
        isinstance(condition, ast.Compare)
        and len(condition.ops) == 1
        and isinstance(condition.ops[0], ast.Eq)
    ):
        return []
    sides = (condition.left, condition.comparators[0])
    for value, column in (sides, sides[::-1]):
        if isinstance(value, ast.Name) and value.id in names and isinstance(column, ast.Attribute):
            return [value.id]
    return []
