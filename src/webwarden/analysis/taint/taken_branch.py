"""A local set only in the arm of an `if` that has no `else`, after starting out empty.

```python
model = None
if kind in settings.MODELS:
    model = load(settings.MODELS[kind])
if not model:
    return HttpResponse("unknown", status=404)
response["Content-Disposition"] = f'attachment; filename="{kind}.csv"'
```

Past `if not model: return`, `model` holds what the arm gave it, so the arm ran and its
test held: `kind` is one of the keys of `settings.MODELS`, as after `if kind not in
settings.MODELS: return`. The test's verdict is the local's (as `ok = kind in MODELS`
makes it), kept while neither the local nor a name the test judged is bound again.
"""

from __future__ import annotations

import ast

from webwarden.analysis.taint import ir
from webwarden.model.tree import walk

_WINDOW = 4
"""Statements after `model = None` within which the `if` setting it is looked for: the
pattern is written in one run of lines, and a name is followed no further (each
statement it passes is walked)."""


class EmptyStarts:
    """The locals a statement list set to an empty constant lately (`model = None`), each
    with whether the constant is `None`, and how many statements ago."""

    def __init__(self) -> None:
        self._started: dict[str, tuple[bool, int]] = {}

    def taken_verdicts(
        self, node: ast.stmt, then: tuple[ir.Guard, ...]
    ) -> dict[str, tuple[tuple[ir.Guard, ...], bool]]:
        """For an `if` with no `else` setting locals that started empty: each such local
        -> (the guards its test's truth holds, the local started as `None`). `then`: the
        guards of the test's truth, taken before the arm was lowered."""
        if not self._started or not isinstance(node, ast.If) or node.orelse or not then:
            return {}
        stored, emptied = _stores(node.body)
        set_here = [name for name in self._started if name in stored and name not in emptied]
        if not set_here:
            return {}
        # NOTE: a name the arm binds again holds another value than the one tested.
        held = tuple(guard for guard in then if guard.name not in stored)
        if not held:
            return {}
        return {name: (held, self._started[name][0]) for name in set_here}

    def wants(self, node: ast.stmt) -> bool:
        """Whether `taken_verdicts` may find something at `node` (so its test's guards are
        worth working out)."""
        return bool(self._started) and isinstance(node, ast.If) and not node.orelse

    def passed(self, node: ast.stmt) -> None:
        """Note a statement of the list: names it binds are forgotten (and remembered
        again when it sets one to an empty constant)."""
        if self._started:
            aged = {name: (none, age + 1) for name, (none, age) in self._started.items()}
            stored, _ = _stores([node])
            self._started = {
                name: noted
                for name, noted in aged.items()
                if noted[1] <= _WINDOW and name not in stored
            }
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and not node.value.value
        ):
            self._started[node.targets[0].id] = (node.value.value is None, 0)


def _stores(body: list[ast.stmt]) -> tuple[set[str], set[str]]:
    """The names the statements bind, and those of them bound to an empty constant
    somewhere (`model = None` in the arm tells nothing of its test) or declared
    `global`/`nonlocal`."""
    stored: set[str] = set()
    emptied: set[str] = set()
    for statement in body:
        for node in walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
                stored.add(node.id)
            elif isinstance(node, ast.Global | ast.Nonlocal):
                stored.update(node.names)
                emptied.update(node.names)
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and not node.value.value
            ):
                emptied.update(
                    name.id
                    for t in node.targets
                    for name in ast.walk(t)
                    if isinstance(name, ast.Name)
                )
    return stored, emptied
