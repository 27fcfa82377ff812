"""Imported names a module rebinds at its top level to an object of its own."""

from __future__ import annotations

import ast


def rebound_imports(tree: ast.Module) -> dict[str, int]:
    """Name -> the last line of the top-level assignment that rebinds a name an earlier
    top-level import bound (`from flask_talisman import talisman`, then `talisman =
    talisman.Talisman()`): from there on, and in the module's functions, which run later,
    the name is the module's own object, not what was imported. Only statements of the
    module body count: a name bound in a `try`/`if` may still be the import."""
    imported: set[str] = set()
    rebound: dict[str, int] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            for alias in statement.names:
                if alias.name != "*":
                    imported.add(alias.asname or alias.name.split(".")[0])
                    rebound.pop(alias.asname or alias.name.split(".")[0], None)
        elif isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in imported:
                    rebound[target.id] = statement.end_lineno or statement.lineno
    return rebound
