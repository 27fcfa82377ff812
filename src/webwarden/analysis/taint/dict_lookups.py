"""Where a module looks a key up in a dict it writes: the screen before `looked_up_guards`."""

from __future__ import annotations

import ast
import bisect

from webwarden.model.module import FileContext


class DictLookups:
    """The lines of a module's `{...}[k]` and `table[k]` reads, `table` being a name some
    assignment of the module binds to a dict display. `looked_up_guards` finds a guard
    only in such a read, so a statement spanning none of these lines has none (most
    statements: walking each one's value was a tenth of the lowering)."""

    def __init__(self, ctx: FileContext) -> None:
        self._ctx = ctx
        self._lines: list[int] | None = None

    def may_hold(self, value: ast.expr) -> bool:
        """Whether a dict lookup may start on a line `value` spans."""
        first = getattr(value, "lineno", None)
        if first is None:
            return True  # NOTE: a node the lowering made itself: walk it
        lines = self._lines if self._lines is not None else self._find()
        last = value.end_lineno or first
        at = bisect.bisect_left(lines, first)
        return at < len(lines) and lines[at] <= last

    def _find(self) -> list[int]:
        tables = {
            written.id
            for node in self._ctx.nodes(ast.Assign)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
            for written in node.targets
            if isinstance(written, ast.Name)
        }
        self._lines = sorted(
            node.lineno
            for node in self._ctx.nodes(ast.Subscript)
            if isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and (
                isinstance(node.value, ast.Dict)
                or (isinstance(node.value, ast.Name) and node.value.id in tables)
            )
        )
        return self._lines
