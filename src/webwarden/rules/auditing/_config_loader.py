"""A function loading a Python config file: `def read_config(filename): config = {};
exec(compile(fh.read(), filename, "exec"), config); return config`."""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words
from webwarden.rules.context import FileContext

_CONFIG_WORDS = frozenset({"config", "configuration", "conf", "cfg", "settings"})


def loads_config(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `exec(code, namespace)` runs in a function named for configuration
    (`read_config`, `load_settings`) that returns the namespace: the loader of a Python
    config file, as Flask's `Config.from_pyfile` is, whose caller names the file."""
    function = ctx.scopes.enclosing_function(call)
    namespace = ctx.argument(call, 1, "globals")
    if function is None or not isinstance(namespace, ast.Name):
        return False
    if not _CONFIG_WORDS.intersection(identifier_words(function.name)):
        return False
    return any(
        isinstance(node, ast.Return)
        and isinstance(node.value, ast.Name)
        and node.value.id == namespace.id
        for node in ast.walk(function)
    )
