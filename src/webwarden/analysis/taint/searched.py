"""A loop that searches an allow-list and leaves through its `else` when nothing matched.

```python
for allowed in settings.EXTERNAL_DOMAINS:
    if re.match(allowed, domain):
        break
else:
    return Response(status=400)
```

Past the loop `domain` matched an item of the list, as past `if domain not in
settings.EXTERNAL_DOMAINS: return ...`: the lowering gives the loop that test's guards.
"""

from __future__ import annotations

import ast

from webwarden.analysis.patterns import MATCHERS
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope, lower

_REGEX_MATCHERS = frozenset(f"re.{how}" for how in MATCHERS)


def searched_test(node: ast.For | ast.AsyncFor, scope: Scope) -> ast.Compare | None:
    """`subject in iterable` when the loop's whole body is an `if` that breaks as soon as
    the loop's item, taken as a regular expression, matches `subject`
    (`re.match(item, subject)`) and the loop has an `else` (what runs when no item did);
    else None. (A loop breaking on `subject == item` needs no such test: the guard of
    the equality holds where it breaks.)"""
    if not (isinstance(node.target, ast.Name) and node.orelse and len(node.body) == 1):
        return None
    found = node.body[0]
    if not isinstance(found, ast.If) or found.orelse or not isinstance(found.body[-1], ast.Break):
        return None
    subject = _matched(found.test, node.target.id, scope)
    if subject is None:
        return None
    test = ast.Compare(left=subject, ops=[ast.In()], comparators=[node.iter])
    return ast.copy_location(test, found.test)


def _matched(test: ast.expr, item: str, scope: Scope) -> ast.expr | None:
    """`subject` in `re.match(item, subject)` (or `fullmatch`, `search`)."""
    if not (
        isinstance(test, ast.Call)
        and len(test.args) == 2
        and not test.keywords
        and isinstance(test.args[0], ast.Name)
        and test.args[0].id == item
        and isinstance(callee := lower(test.func, scope), ir.Global)
        and callee.name in _REGEX_MATCHERS
    ):
        return None
    subject = test.args[1]
    mentions = any(isinstance(n, ast.Name) and n.id == item for n in ast.walk(subject))
    return None if mentions or isinstance(subject, ast.Starred) else subject
