"""Config as the source writes it: config classes, config modules and `app.config` calls."""

from __future__ import annotations

import ast

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import DeployTime
from webwarden.model.flask.config_branches import alternative_loads
from webwarden.model.flask.config_files import file_op
from webwarden.model.flask.config_names import ANY_CLASS, INSTANCE_MARK, named_in_module
from webwarden.model.flask.facts import ConfigClassFact, ConfigMapFact, ConfigOp, SettingFact
from webwarden.model.flask.references import Namer
from webwarden.model.flask.unset_choices import mapping_key
from webwarden.model.namespace_update import updates_namespace
from webwarden.model.roles import role_of_branch


def is_setting_name(name: str) -> bool:
    """Flask copies only UPPERCASE names (`from_object`, `from_pyfile`, `from_mapping`)."""
    return name.isupper()


def _assigned(statement: ast.stmt) -> list[tuple[str, ast.expr, ast.expr]]:
    if isinstance(statement, ast.Assign):
        return [(t.id, t, statement.value) for t in statement.targets if isinstance(t, ast.Name)]
    if (
        isinstance(statement, ast.AnnAssign)
        and isinstance(statement.target, ast.Name)
        and statement.value is not None
    ):
        return [(statement.target.id, statement.target, statement.value)]
    return []


def _settings(namer: Namer, body: list[ast.stmt]) -> tuple[SettingFact, ...]:
    return tuple(_body_settings(namer, body).values())


def _body_settings(namer: Namer, body: list[ast.stmt], depth: int = 0) -> dict[str, SettingFact]:
    found: dict[str, SettingFact] = {}
    for statement in body:
        if isinstance(statement, ast.If) and depth < _MAX_DEPTH:
            found.update(_branch_settings(namer, statement, depth))
            continue
        for name, target, value in _assigned(statement):
            if is_setting_name(name):
                # NOTE: a list or dict changed in place after it is written (`.append(x)`)
                # is not the one written.
                changed = isinstance(target, ast.Name) and namer.ctx.scopes.bound_then_changed(
                    target, value
                )
                setting = UNKNOWN if changed else namer.setting_value(value)
                found[name] = SettingFact(name, setting, namer.ctx.location(target))
        if isinstance(statement, ast.FunctionDef) and is_setting_name(statement.name):
            # NOTE: `@property def SQLALCHEMY_DATABASE_URI(self)` - copied as a property.
            found[statement.name] = SettingFact(
                statement.name, UNKNOWN, namer.ctx.location(statement)
            )
    return found


_MAX_DEPTH = 4


def _branch_settings(namer: Namer, statement: ast.If, depth: int) -> dict[str, SettingFact]:
    """What the arms of an `if` a deployment may take set (`if not LOCALHOST:
    SESSION_COOKIE_SECURE = True`, `if PRODUCTION:`), in place of what was set before;
    not what an arm only a developer's machine or a test run takes sets (`if DEBUG:`, `if
    not PRODUCTION:`, `if TESTING:`), which the deployed app never gets. A key two such
    arms set to different values is the deployment's choice: its value is unknown."""
    test = ast.unparse(statement.test)
    merged: dict[str, SettingFact] = {}
    for arm, condition in ((statement.body, test), (statement.orelse, f"not ({test})")):
        if not arm or role_of_branch(f"`{condition}`").is_development:
            continue
        for key, fact in _body_settings(namer, arm, depth + 1).items():
            known = merged.get(key)
            if known is None:
                merged[key] = fact
            elif not _same(known.value, fact.value):
                merged[key] = SettingFact(key, UNKNOWN, known.location)
    return merged


def _same(first: object, second: object) -> bool:
    """`True` and `1` differ here: a config's flag is read as written."""
    return type(first) is type(second) and first == second


def _init_settings(namer: Namer, body: list[ast.stmt]) -> tuple[SettingFact, ...]:
    """`self.DEBUG = False` in the body of the class's `__init__`: an instance's settings,
    which `from_object` copies as it copies class attributes."""
    found: dict[str, SettingFact] = {}
    for function in body:
        if not isinstance(function, ast.FunctionDef) or function.name != "__init__":
            continue
        for statement in function.body:
            if not isinstance(statement, ast.Assign):
                continue
            for target in statement.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                    and is_setting_name(target.attr)
                ):
                    value = namer.setting_value(statement.value)
                    found[target.attr] = SettingFact(target.attr, value, namer.ctx.location(target))
    return tuple(found.values())


def module_settings(namer: Namer) -> tuple[SettingFact, ...]:
    """The module-level UPPERCASE assignments (last one wins, as at import)."""
    return _settings(namer, namer.ctx.tree.body)


def settings_open(tree: ast.Module) -> bool:
    """Whether the module body binds names no statement spells out: a star import
    (`from config_local import *`) or `locals()`/`globals()`/`vars()` updated."""
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and any(a.name == "*" for a in statement.names):
            return True
        if (
            isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Call)
            and updates_namespace(statement.value)
        ):
            return True
    return False


def config_classes(namer: Namer) -> tuple[ConfigClassFact, ...]:
    """Module-level classes with UPPERCASE attributes (also set on `self` in `__init__`),
    or deriving from one."""
    found = []
    for statement in namer.ctx.tree.body:
        if not isinstance(statement, ast.ClassDef):
            continue
        own = {
            f.key: f
            for f in (*_settings(namer, statement.body), *_init_settings(namer, statement.body))
        }
        settings = tuple(own.values())
        bases = tuple(namer.ref(b) or "" for b in statement.bases)
        if settings or (bases and any(b and b != "object" for b in bases)):
            found.append(
                ConfigClassFact(
                    namer.function_ref(statement), bases, settings, namer.ctx.location(statement)
                )
            )
    return tuple(found)


def config_maps(namer: Namer) -> tuple[ConfigMapFact, ...]:
    """`config = {"development": DevelopmentConfig, ...}` at module level."""
    found = []
    for statement in namer.ctx.tree.body:
        for name, target, value in _assigned(statement):
            if not isinstance(value, ast.Dict) or not value.keys:
                continue
            entries = []
            instances = False
            for key, item in zip(value.keys, value.values, strict=True):
                key_value = _key_name(namer, key)
                made = isinstance(item, ast.Call) and not item.args and not item.keywords
                held = item.func if isinstance(item, ast.Call) and made else item
                ref = namer.ref(held) if isinstance(held, ast.Name | ast.Attribute) else None
                if isinstance(key_value, str) and ref is not None:
                    entries.append((key_value, ref))
                    instances = instances or made
            if entries and len(entries) == len(value.keys):
                found.append(ConfigMapFact(namer.ref(target) or name, tuple(entries), instances))
    return tuple(found)


def _key_name(namer: Namer, key: ast.expr | None) -> object:
    """A mapping key's string, or, for a constant of another module (`KEY_ENV_DEV`), its
    name: what the project calls the key says which config it selects."""
    value = namer.ctx.evaluate(key)
    if value is UNKNOWN and isinstance(key, ast.Name | ast.Attribute):
        return key.id if isinstance(key, ast.Name) else key.attr
    return value


def _mapping_settings(namer: Namer, call: ast.Call) -> tuple[tuple[SettingFact, ...], bool]:
    """Settings passed as a dict literal and/or keywords; True when some are unknowable."""
    return _mapping(namer, call.args[:1], call.keywords)


def _mapping(
    namer: Namer, args: list[ast.expr], keywords: list[ast.keyword]
) -> tuple[tuple[SettingFact, ...], bool]:
    found: list[SettingFact] = []
    opaque = False
    for argument in args:
        if isinstance(argument, ast.Dict):
            for key, value in zip(argument.keys, argument.values, strict=True):
                name = namer.ctx.evaluate(key)
                if isinstance(name, str) and key is not None:
                    found.append(
                        SettingFact(name, namer.setting_value(value), namer.ctx.location(key))
                    )
                else:
                    opaque = True
        elif _is_dict_call(namer, argument):
            # NOTE: `update(dict(DEBUG=False))`, `update(dict({...}, X=1))`.
            assert isinstance(argument, ast.Call)  # noqa: S101 - checked just above
            settings, unknown = _mapping(namer, argument.args, argument.keywords)
            found += settings
            opaque = opaque or unknown or len(argument.args) > 1
        else:
            opaque = True
    for keyword in keywords:
        if keyword.arg is None:
            opaque = True
        else:
            location = namer.ctx.location(keyword)
            found.append(SettingFact(keyword.arg, namer.setting_value(keyword.value), location))
    return tuple(found), opaque


def _returning_functions(namer: Namer, call: ast.Call) -> tuple[tuple[str, ...], bool]:
    """The functions whose returned dict the call is given (`from_mapping(load_config())`,
    or a local bound to such a call: `config = load_config()`), as `pkg.mod.load_config()`
    references, and whether the name may hold something else too (a parameter of the
    app factory a caller passes); ((), False) for any other argument."""
    if len(call.args) != 1 or call.keywords:
        return (), False
    argument = call.args[0]
    values: list[ast.expr] = [argument]
    if isinstance(argument, ast.Name):
        values = list(namer.ctx.scopes.values_of(argument) or [])
    refs = [
        f"{ref}()"
        for value in values
        if isinstance(value, ast.Call) and not _is_dict_call(namer, value)
        if (ref := namer.ref(value.func)) is not None
    ]
    others = len(refs) < len(values) or not values
    return tuple(dict.fromkeys(refs)), others


def _is_dict_call(namer: Namer, node: ast.expr) -> bool:
    """`dict(...)`, the builtin."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and namer.ctx.qualified(node.func) == "dict"
    )


def _object_references(namer: Namer, node: ast.expr | None) -> tuple[tuple[str, ...], bool]:
    """Candidates for `from_object(node)` and whether deploy time may pick another."""
    if node is None:
        return (), True
    if isinstance(node, ast.Name) and node.id == "__name__" and namer.ctx.module:
        # NOTE: `app.config.from_object(__name__)`: the module's own UPPERCASE names.
        return (namer.ctx.module,), False
    module = named_in_module(namer.ctx, node)
    if module:
        return (f"{module}.{ANY_CLASS}",), False
    value = namer.value(node)
    if isinstance(value, str):
        return (value,), False
    if isinstance(value, DeployTime):
        unset = value.if_unset
        return ((unset,) if isinstance(unset, str) else ()), True
    if isinstance(node, ast.Subscript):
        mapping = namer.ref(node.value)
        return ((f"{mapping}[]",) if mapping else ()), mapping is None
    if isinstance(node, ast.Call) and not node.args and not node.keywords:
        # NOTE: `from_object(DefaultConfig())`: an instance made in place, whose class
        # attributes `from_object` copies as the class's (marked `()`, see `Layers`).
        made_by = namer.ref(node.func)
        return ((f"{made_by}{INSTANCE_MARK}",) if made_by else ()), made_by is None
    ref = namer.ref(node)
    return ((ref,) if ref else ()), ref is None


def _naming_variables(namer: Namer, node: ast.expr | None) -> tuple[str, ...]:
    """The environment variables whose value is the object `from_object(node)` loads
    (`os.getenv("APP_SETTINGS", "app.config.DevelopmentConfig")`, also through a local)."""
    value = None if node is None else namer.value(node)
    return tuple(value.variables) if isinstance(value, DeployTime) else ()


def _config_holder(namer: Namer, call: ast.Call) -> str | None:
    """`app.config.update(self.config)`: what holds the config copied (`self` of a
    project's config manager, whose `self.config[...] = ...` are then the app's)."""
    if len(call.args) != 1 or call.keywords:
        return None
    argument = call.args[0]
    if isinstance(argument, ast.Attribute) and argument.attr == "config":
        return namer.ref(argument.value)
    return None


def config_op(namer: Namer, owner: str, method: str, call: ast.Call) -> ConfigOp | None:
    """One `app.config.<method>(...)` call as data; the `from_object` calls of the arms of
    one `if` as a single one with every arm's candidates (None for those of later arms:
    see `config_branches`)."""
    ctx = namer.ctx
    location = ctx.location(call)
    holder = _config_holder(namer, call) if method == "update" else None
    if holder is not None:
        # NOTE: opaque, as the holder may be given keys webwarden cannot list.
        return ConfigOp(owner, "copy", location, references=(holder,), opaque=True)
    if method in {"update", "from_mapping"}:
        settings, opaque = _mapping_settings(namer, call)
        functions, handed = _returning_functions(namer, call) if opaque else ((), False)
        if functions:
            # NOTE: the dict a project function returns, read where it is defined; a
            # mapping a caller hands in instead (a test's) may hold anything.
            return ConfigOp(owner, method, location, settings, references=functions, opaque=handed)
        return ConfigOp(owner, method, location, settings, opaque=opaque)
    if method == "setdefault":
        key = ctx.evaluate(ctx.argument(call, 0))
        if not isinstance(key, str):
            return ConfigOp(owner, method, location, opaque=True)
        setting = SettingFact(key, namer.setting_value(ctx.argument(call, 1)), location)
        return ConfigOp(owner, method, location, (setting,))
    if method == "from_object":
        others = alternative_loads(ctx, call)
        if others is None:
            return None
        references: tuple[str, ...] = ()
        opaque = False
        unset_keys: tuple[tuple[str, str], ...] = ()
        parameter = ""
        variables: tuple[str, ...] = ()
        for loading in (call, *others):
            loaded = ctx.argument(loading, 0, "obj")
            candidates, unknown = _object_references(namer, loaded)
            keys, named = mapping_key(namer, loaded)
            references += tuple(c for c in candidates if c not in references)
            opaque, unset_keys, parameter = opaque or unknown, unset_keys + keys, parameter or named
            variables += _naming_variables(namer, loaded)
        return ConfigOp(
            owner,
            method,
            location,
            references=references,
            opaque=opaque,
            unset_keys=unset_keys,
            key_parameter=parameter,
            variables=variables,
        )
    if method in {"from_pyfile", "from_file"}:
        return file_op(ctx, owner, method, call)
    if method == "from_prefixed_env":
        prefix = ctx.evaluate(ctx.argument(call, 0, "prefix"))
        prefix = "FLASK" if prefix is None or not isinstance(prefix, str) else prefix
        return ConfigOp(owner, method, location, references=(prefix,), opaque=True)
    return ConfigOp(owner, method, location, opaque=True)


def handed_config_ops(namer: Namer, call: ast.Call) -> list[ConfigOp]:
    """`init_app(application, configs[config_name], ...)`: a function handed the app
    first and a config object after it, each such object a candidate `from_object` of
    the app. A shared library's set-up (digitalmarketplace-utils' `init_app`) loads the
    config it is given where webwarden cannot read it; the project step keeps only those
    whose function is not the project's (whose own `from_object` is seen) and whose object
    is a config class or mapping setting Flask's own keys."""
    if not call.args or not isinstance(call.args[0], ast.Name):
        return []
    app = namer.ref(call.args[0])
    loader = namer.ref(call.func)
    if app is None or loader is None:
        return []
    location = namer.ctx.location(call)
    ops = []
    for node in (*call.args[1:], *(k.value for k in call.keywords if k.arg)):
        if not isinstance(node, ast.Name | ast.Attribute | ast.Subscript):
            continue
        references, opaque = _object_references(namer, node)
        if references and not opaque:
            unset_keys, parameter = mapping_key(namer, node)
            ops.append(
                ConfigOp(
                    app,
                    "from_object",
                    location,
                    references=references,
                    loader=loader,
                    unset_keys=unset_keys,
                    key_parameter=parameter,
                )
            )
    return ops
