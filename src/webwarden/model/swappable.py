"""Module-level names bound to a class a setting may swap, read as its default.

dj-rest-auth and the apps modelled on it (`app_settings.py`) bind each serializer as
`LoginSerializer = import_callable(serializers.get("LOGIN_SERIALIZER",
DefaultLoginSerializer))`; Django apps write `Backend = import_string(getattr(settings,
"APP_BACKEND", "app.backends.Default"))`. Unless the deployment's settings name another
class, the name is that default: the class the project ships and the code was written
against.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

_LOADER_WORDS = frozenset({"import", "load", "loader"})
"""Words of a loader's name (`import_callable`, `import_string`, `load_class`)."""


def swappable_classes(
    targets: list[ast.expr], call: ast.Call, aliases: Mapping[str, str]
) -> dict[str, str]:
    """`{name: qualified default}` for `name = loader(mapping.get("KEY", Default))` or
    `name = loader(getattr(settings, "KEY", Default))`, the loader a one-argument call
    named for importing or loading, the default an imported class (a name starting with
    a capital letter) or, for the loader, a dotted path to one."""
    if len(targets) != 1 or not isinstance(targets[0], ast.Name):
        return {}
    if len(call.args) != 1 or call.keywords or not _loader(call.func):
        return {}
    default = _default(call.args[0])
    if isinstance(default, ast.Name) and default.id in aliases:
        qualified = aliases[default.id]
    elif isinstance(default, ast.Constant) and isinstance(default.value, str):
        qualified = default.value
    else:
        return {}
    module, dot, name = qualified.rpartition(".")
    if not (module and dot and name[:1].isupper() and name.isidentifier()):
        return {}
    return {targets[0].id: qualified}


def _loader(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    words = re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower())
    return not _LOADER_WORDS.isdisjoint(words)


def _default(lookup: ast.expr) -> ast.expr | None:
    """The default of `mapping.get(key, default)` or `getattr(obj, key, default)`, the key
    a constant string."""
    if not isinstance(lookup, ast.Call) or lookup.keywords:
        return None
    func = lookup.func
    if isinstance(func, ast.Attribute) and func.attr == "get" and len(lookup.args) == 2:
        key, default = lookup.args
    elif isinstance(func, ast.Name) and func.id == "getattr" and len(lookup.args) == 3:
        key, default = lookup.args[1:]
    else:
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return default
    return None
