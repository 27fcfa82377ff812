"""Settings given a constant another module of the project defines, or the value of a
function it defines.

`SECRET_KEY = DEFAULT_SECRET_KEY` after `from app.constants import DEFAULT_SECRET_KEY`
(Superset 2.0.1, CVE-2023-27524), or `SECRET_KEY = defaults.SECRET_KEY` after `from app
import defaults`: the per-file step records an `ImportedValue` naming the constant, and
the project step reads it in that module (Flask's config layers and Django's settings
alike), as a module of UPPERCASE constants is read for `from_object`; `DEBUG = env.DEBUG`
after `from config.env import env` reads the field of the pydantic-settings object that
module makes (`settings_objects`). A call of an
imported function (`DEBUG = get_env_bool("DEBUG", False)`) is recorded as an `ImportedCall`
and followed there the same way, so an edit of that module changes the result of a warm
scan as of a cold one: the per-file result of the settings module does not hold it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_guards import variables_set_at
from webwarden.analysis.env_imported import ImportedCall, follow_imported, reread
from webwarden.analysis.environment import evaluate_setting
from webwarden.model.module import FileContext
from webwarden.model.scopes import UNKNOWN_BINDING, scope_statements
from webwarden.model.settings_objects import settings_field

_MAX_DEPTH = 6

Constants = Callable[[str], Mapping[str, object] | None]
"""A module's dotted name -> its UPPERCASE module-level constants (values as a setting's,
which may be `ImportedValue`s again); None when it is not the project's, or its body may
bind names webwarden cannot list (a star import, `globals().update`)."""
Modules = Callable[[str], FileContext | None]
"""A module's dotted name -> the module, parsed; None when it is not the project's."""


MAX_HOPS = 4
"""How many modules deep a module-level name is followed through the modules importing
it in turn (`config.LOG_FILE` re-exported by a package's `__init__`)."""


def bound_values(
    read_module: Modules | None, qualified: str, hops: int = 0
) -> tuple[FileContext, list[ast.expr], int] | None:
    """The module of the project that binds `qualified` at its top level, the values it
    binds it to there, and how many modules were crossed, following a module that only
    imports the name to the one it imports it from (up to `MAX_HOPS`); None when a
    module is not the project's, the name is not bound there, or the chain is longer."""
    while hops <= MAX_HOPS:
        module, _, name = qualified.rpartition(".")
        ctx = read_module(module) if read_module is not None else None
        if ctx is None:
            return None
        values = ctx.scopes.bindings(ctx.tree).get(name)
        if not values:
            return None
        if values != [UNKNOWN_BINDING]:
            return ctx, values, hops
        further = ctx.names.aliases.get(name)
        if further is None:
            return None
        qualified, hops = further, hops + 1
    return None


def project_class(
    read_module: Modules | None, qualified: str
) -> tuple[FileContext, ast.ClassDef] | None:
    """The module of the project and its top-level `class` that `qualified` names,
    following a module that only imports the class from another (a package re-exporting
    it: `events.models.Event` defined in `events/models/event.py`), up to `MAX_HOPS`;
    None when a module is not the project's or defines no such class."""
    for _ in range(MAX_HOPS + 1):
        module, _, name = qualified.rpartition(".")
        ctx = read_module(module) if read_module is not None and module else None
        if ctx is None:
            return None
        classes = [s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name == name]
        if classes:
            return ctx, classes[-1]
        further = ctx.names.aliases.get(name)
        if further is None or further == qualified:
            return None
        qualified = further
    return None


@dataclass(frozen=True, slots=True)
class ImportedValue:
    """A config value that names a constant of another module
    (`SECRET_KEY = DEFAULT_SECRET_KEY` after `from app.constants import DEFAULT_SECRET_KEY`):
    building the config reads it there (`UNKNOWN` when it cannot)."""

    ref: str
    keys: tuple[str, ...] = ()
    """Keys looked up in the dict display the constant is bound to, in order
    (`DJANGO_CONFIG["secret_key"]` after `from config.app import DJANGO_CONFIG`)."""


def subscripted(node: ast.AST | None) -> tuple[ast.expr, tuple[str, ...]] | None:
    """The value a chain of lookups by written-out string keys starts from, and the keys
    (`CONFIG["db"]["host"]` -> `CONFIG`, `("db", "host")`); None for anything else."""
    keys: list[str] = []
    while (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, str)
    ):
        keys.append(node.slice.value)
        node = node.value
    if not keys or not isinstance(node, ast.expr):
        return None
    return node, tuple(reversed(keys))


def dict_entry(ctx: FileContext, name: str, keys: tuple[str, ...]) -> ast.expr | None:
    """The expression the module-level `name` maps `keys` to, when the module binds it
    once, at its top level, to a dict display (nested displays for further keys), every
    key written out, and changes it in place nowhere (`CONFIG["debug"] = ...`,
    `CONFIG.update(...)`, also in a function); None otherwise."""
    bound = [
        statement.value
        for statement in ctx.tree.body
        if isinstance(statement, ast.Assign | ast.AnnAssign)
        and any(isinstance(t, ast.Name) and t.id == name for t in _assigned_targets(statement))
    ]
    if len(bound) != 1 or len(ctx.scopes.bindings(ctx.tree).get(name, [])) != 1:
        return None
    if ctx.scopes.changed_in_place(name, ctx.tree):
        return None
    node = bound[0]
    for key in keys:
        if not isinstance(node, ast.Dict) or any(k is None for k in node.keys):
            return None
        found = [
            value
            for k, value in zip(node.keys, node.values, strict=True)
            if isinstance(k, ast.Constant) and k.value == key
        ]
        if len(found) != 1:
            return None
        node = found[0]
    return node


def _assigned_targets(statement: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return statement.targets if isinstance(statement, ast.Assign) else [statement.target]


def imported_name(ctx: FileContext, node: ast.expr) -> str | None:
    """The qualified name an imported module-level name stands for (`INSTALL_DIR` of
    `from app.config import INSTALL_DIR`), or an attribute of an imported module
    (`config.LOG_FILE` of `from app import config`), None for any other expression."""
    if isinstance(node, ast.Attribute):
        owner = imported_name(ctx, node.value) if isinstance(node.value, ast.Name) else None
        return None if owner is None else f"{owner}.{node.attr}"
    if not isinstance(node, ast.Name):
        return None
    return _import_of(ctx, node, dotted=True)


def package_attribute(ctx: FileContext, node: ast.expr) -> str | None:
    """The qualified name of an attribute of a module imported whole by its top-level
    name (`app.__version__` after `import app`, the module being the package's
    `__init__`), None for any other expression; `imported_name` takes the attributes of
    modules imported from a package (`from app import config`)."""
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
        return None
    qualified = _import_of(ctx, node.value, dotted=False)
    return None if qualified is None else f"{qualified}.{node.attr}"


def _import_of(ctx: FileContext, name: ast.Name, *, dotted: bool) -> str | None:
    """The qualified name `name` stands for when only imports bind it in its scope: the
    module's own top-level import, or absolute imports of that one name inside the
    function reading it (`def upgrade(): from app.config import INSTALL_DIR`, as a script
    run before the package is set up may import), the name being dotted (`from app
    import config`: `app.config`) or not (`import app`: `app`) as `dotted` says; None
    otherwise."""
    qualified = ctx.names.aliases.get(name.id)
    if qualified is None or ("." in qualified) is not dotted:
        return None
    scope = ctx.scopes.binding_scope(name)
    values = ctx.scopes.values_of(name) or []
    if not values or not all(v is UNKNOWN_BINDING for v in values):
        return None
    if scope is ctx.tree:
        return qualified
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        found = _local_imports(scope, name.id)
        return qualified if len(found) == len(values) and set(found) == {qualified} else None
    return None


def _local_imports(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> list[str]:
    """The qualified names of the absolute imports binding `name` in the function's own
    scope (not in a function or class nested in it)."""
    found: list[str] = []
    for node in scope_statements(function):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found += [f"{node.module}.{a.name}" for a in node.names if (a.asname or a.name) == name]
        elif isinstance(node, ast.Import):
            found += [
                a.name if a.asname else a.name.split(".")[0]
                for a in node.names
                if (a.asname or a.name.split(".")[0]) == name
            ]
    return found


def import_rooted(ctx: FileContext, node: ast.expr) -> str | None:
    """The qualified name of a name or attribute chain whose first name is one of the
    module's imports (`A_WETH`, `signal.SIGINT` after `import signal`), None for any
    other expression. Unlike `imported_name`, it takes an attribute of a top-level module
    too, and does not ask whether a function rebinds the name."""
    if not isinstance(node, ast.Name | ast.Attribute):
        return None
    head: ast.expr = node
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name) or head.id not in ctx.names.aliases:
        return None
    return ctx.qualified(node) or ""


def imported_ref(ctx: FileContext, node: ast.AST | None) -> str | None:
    """The qualified name of the UPPERCASE constant a module-level value reads from an
    import: `DEFAULT_KEY` (`from app.constants import DEFAULT_KEY`) or `defaults.KEY`
    (`from app import defaults`), or of a field of an imported lowercase object
    (`env.debug`, `from config.env import env`: a pydantic-settings object, whose
    fields are read from the environment whatever their case); None for anything else."""
    attribute = None
    if isinstance(node, ast.Attribute):
        attribute, node = node.attr, node.value
    if not isinstance(node, ast.Name):
        return None
    if not (attribute or node.id).isupper() and not (attribute and node.id.islower()):
        return None
    imported = ctx.names.aliases.get(node.id)
    if imported is None or ctx.scopes.enclosing_function(node) is not None:
        return None
    return imported if attribute is None else f"{imported}.{attribute}"


def resolve_imported(
    value: object, constants: Constants, modules: Modules | None = None, depth: int = 0
) -> object:
    """The constant an `ImportedValue` names, read from its module (`UNKNOWN` when the
    module is not the project's or does not set it as a constant); the value an
    `ImportedCall` gives, its function followed in `modules`; other values as given."""
    if isinstance(value, ImportedCall):
        if value.at is not None and modules is not None:
            value = reread(modules, value)
        module = value.ref.rpartition(".")[0]
        return follow_imported(modules(module) if modules and module else None, value)
    if not isinstance(value, ImportedValue):
        return value
    module, _, name = value.ref.rpartition(".")
    if value.keys:
        return _entry_value(value, modules, depth)
    found = constants(module) if module and depth <= _MAX_DEPTH and name.isupper() else None
    if found is None and modules is not None:
        # NOTE: `env.DEBUG` after `from config.env import env`: a field of an object the
        # module makes, read as that object reads it (`settings_objects`).
        return settings_field(modules, value.ref)
    if found is None or name not in found:
        return UNKNOWN
    return resolve_imported(found[name], constants, modules, depth + 1)


def _entry_value(value: ImportedValue, modules: Modules | None, depth: int) -> object:
    """What `DJANGO_CONFIG["secret_key"]` is when its module binds `DJANGO_CONFIG` to a
    dict display (see `dict_entry`): the entry read as a setting of that module
    (`env.str("KEY", default=...)` a `DeployTime`), `UNKNOWN` when it cannot be."""
    module, _, name = value.ref.rpartition(".")
    ctx = modules(module) if modules is not None and module and depth <= _MAX_DEPTH else None
    entry = dict_entry(ctx, name, value.keys) if ctx is not None else None
    if ctx is None or entry is None:
        return UNKNOWN
    return evaluate_setting(ctx, entry, variables_set_at(ctx, entry))


def string_constant(modules: Modules, ref: str) -> str | None:
    """The text the module-level name `ref` (`core.models.slug_pattern`) is bound to,
    when its module of the project binds it once, to a string known without running
    the code (`"~?" + slug_pattern` too); None otherwise."""
    module, _, name = ref.rpartition(".")
    ctx = modules(module) if module else None
    if ctx is None:
        return None
    targets = [
        target
        for statement in ctx.tree.body
        if isinstance(statement, ast.Assign)
        for target in statement.targets
        if isinstance(target, ast.Name) and target.id == name
    ]
    value = ctx.evaluate(ctx.lookup(targets[0])) if len(targets) == 1 else None
    return value if isinstance(value, str) else None
