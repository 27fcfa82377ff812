"""`globals().update(mapping)`: a module binding names no statement of it spells out.

Open edX services end their production settings with `vars().update(config_from_yaml)`,
the deployment's YAML file read at start-up; other projects lay a JSON file or a
function's result over `globals()` the same way. Whatever the mapping holds is set in
the module's namespace, and only the deployment knows what that is.
"""

from __future__ import annotations

import ast
from typing import Final

NAMESPACES: Final = frozenset({"locals", "globals", "vars"})
"""The builtins returning the module's own namespace when called at module level."""


def namespace_call(node: ast.expr) -> bool:
    """Whether `node` is `globals()`, `vars()` or `locals()`: the module's namespace."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in NAMESPACES
        and not node.args
    )


def updates_namespace(call: ast.Call) -> bool:
    """Whether `call` is `globals().update(...)`, `vars().update(...)` or
    `locals().update(...)`."""
    func = call.func
    return isinstance(func, ast.Attribute) and func.attr == "update" and namespace_call(func.value)


def lays_unlisted_names(call: ast.Call) -> bool:
    """Whether `call` updates the module's namespace from a mapping whose keys the code
    does not show (`vars().update(config)`): not a dict literal nor keywords, whose
    names a reader could list."""
    return (
        updates_namespace(call)
        and len(call.args) == 1
        and not call.keywords
        and not isinstance(call.args[0], ast.Dict | ast.Starred)
    )
