"""`globals().update(mapping)`: a module binding names no statement of it spells out.

Open edX services end their production settings with `vars().update(config_from_yaml)`,
the deployment's YAML file read at start-up; other projects lay a JSON file or a
function's result over `globals()` the same way. Whatever the mapping holds is set in
the module's namespace, and only the deployment knows what that is. So does a loop over
the environment (or another mapping) setting each name it finds, `for key, value in
os.environ.items(): globals()[key[len("DJANGO_"):]] = value`.
"""

from __future__ import annotations

import ast
from typing import Final

from webwarden.analysis.environment import env_lookup
from webwarden.model.module import FileContext

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


def loop_sets_unlisted_names(loop: ast.For) -> bool:
    """Whether the module-level `loop` sets names of the module's namespace that the code
    does not list: `globals()[key] = value` (or `vars()`, `locals()`) with a key that is
    not a constant, in a loop over something other than a display the reader sees
    (`os.environ.items()`, a mapping read at run time; not `for name, var in (("A",
    "X"), ...)`, whose names are listed). Not when the loop's own test narrows the key to
    names under a prefix: `if name.startswith("APP_RATELIMIT_"): globals()[name[4:]] =
    ...` sets `RATELIMIT_...` names alone, while `globals()[key[len("DJANGO_"):]]` of
    a key starting with `DJANGO_` may be any name."""
    if isinstance(loop.iter, ast.Tuple | ast.List | ast.Set | ast.Dict):
        return False
    prefixes = _tested_prefixes(loop)
    return any(
        isinstance(node, ast.Assign)
        and any(
            isinstance(target, ast.Subscript)
            and namespace_call(target.value)
            and not isinstance(target.slice, ast.Constant)
            and not _narrowed(target.slice, prefixes)
            for target in node.targets
        )
        for statement in loop.body
        for node in ast.walk(statement)
    )


def _tested_prefixes(loop: ast.For) -> dict[str, list[str]]:
    """The prefixes the loop's body tests its names for: `name.startswith("X_")`."""
    found: dict[str, list[str]] = {}
    for node in (n for statement in loop.body for n in ast.walk(statement)):
        match node:
            case ast.Call(
                func=ast.Attribute(value=ast.Name(id=name), attr="startswith"), args=[tested]
            ):
                values = tested.elts if isinstance(tested, ast.Tuple) else [tested]
                for value in values:
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        found.setdefault(name, []).append(value.value)
    return found


def _narrowed(key: ast.expr, prefixes: dict[str, list[str]]) -> bool:
    """Whether `key` (`name`, `name[8:]`, `name[len("X_"):]`) keeps some of every prefix
    the loop tests `name` for: the names it makes all start with that rest."""
    cut: object = 0
    if isinstance(key, ast.Subscript) and isinstance(key.slice, ast.Slice):
        bounds = key.slice
        if bounds.upper is not None or bounds.step is not None:
            return False
        cut = _length(bounds.lower)
        key = key.value
    if not isinstance(key, ast.Name) or not isinstance(cut, int):
        return False
    tested = prefixes.get(key.id, [])
    return bool(tested) and all(len(prefix) > cut for prefix in tested)


def _length(node: ast.expr | None) -> int | None:
    """A slice's lower bound: a number, or `len("X_")` of a literal."""
    match node:
        case None:
            return 0
        case ast.Constant(value=int() as number):
            return number
        case ast.Call(func=ast.Name(id="len"), args=[ast.Constant(value=str() as text)]):
            return len(text)
    return None


MAIL_URL_SETTINGS: Final = (
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "EMAIL_HOST",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_HOST_USER",
    "EMAIL_PORT",
    "EMAIL_TIMEOUT",
    "EMAIL_USE_SSL",
    "EMAIL_USE_TLS",
)
"""The settings django-environ's `email_url()` gives (its documented use is
`vars().update(env.email_url("EMAIL_URL"))`): the deployment's values of these, no
other name."""
_MAIL_URL_CASTS = frozenset({"email_url", "email", "dj_email_url"})


def mail_url_update(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `call` lays the dict of an environment reader's mail URL over the module's
    namespace (django-environ's `email_url()`, environs' `dj_email_url()`): given
    directly, or through a name the module binds to it once."""
    if not (updates_namespace(call) and len(call.args) == 1 and not call.keywords):
        return False
    given: ast.expr | None = call.args[0]
    if isinstance(given, ast.Name):
        given = ctx.scopes.single_value(given)
    lookup = env_lookup(ctx, given) if given is not None else None
    return lookup is not None and lookup.cast in _MAIL_URL_CASTS
