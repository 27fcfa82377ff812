"""Values set at deploy time: environment lookups and what they give when unset.

Settings are often read from the environment: `os.environ.get("DEBUG", "False") == "True"`,
`env.bool("DEBUG", default=False)` (django-environ, environs), `config("DEBUG",
cast=bool)` (python-decouple), `config("DEBUG", default="false", parser=bool)` (everett's
`ConfigManager`), `env("DEBUG", False)` (django-getenv), `dj_database_url.config(default=...)`; `os.environ`
or its lookups also through a name the module binds them to once (`env = os.environ.get`).
webwarden cannot know the deployed value, but it can say what happens when the variable
is missing: the default is what ships. `evaluate_setting` returns a `DeployTime` naming the variables and the value
the expression has when they are all unset.
"""

from __future__ import annotations

import ast
import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from typing import Final

from webwarden.analysis.config_files import (
    CONFIG_LOADERS,
    CONFIG_MODULE,
    INI_PARSERS,
    INI_READS,
    SECTION_READS,
    IniRead,
    ini_read,
    loaded_config,
    loaded_module,
)
from webwarden.analysis.constants import (
    NOT_HANDLED,
    TIMEDELTA_NAMES,
    UNKNOWN,
    Lookup,
    evaluate,
    timedelta_value,
)
from webwarden.analysis.env_helpers import (
    RAISES,
    Arguments,
    call_arguments,
    container_read,
    follow_helper,
    own_helper,
)
from webwarden.analysis.nested_config import ConfigMapping, nested_key_read, without_mappings
from webwarden.analysis.text_conversions import converted
from webwarden.model.module import FileContext
from webwarden.model.scopes import CHANGED_BINDING


class _NoDefault:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_DEFAULT"

    def __reduce__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Final = _NoDefault()
"""The lookup fails (KeyError, ImproperlyConfigured) when the variable is unset."""

_OS_LOOKUPS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault"})
_DECOUPLE = frozenset({"decouple.config", "decouple.AutoConfig", "prettyconf.config"})
_DJ_DATABASE_URL = frozenset({"dj_database_url.config"})
_GETENV = frozenset({"getenv.env", "getenv.env.env"})
"""django-getenv's `env(key, default=None, required=False)`: the variable's text read as
a Python literal when set, else the default as written; a falsy default with
`required=True` raises `ImproperlyConfigured` instead."""
_DOTENV_VALUES = frozenset({"dotenv.dotenv_values", "dotenv.main.dotenv_values"})
_ENVIRON_CASTS = frozenset(
    {
        "str",
        "bool",
        "int",
        "float",
        "list",
        "tuple",
        "dict",
        "json",
        "url",
        "path",
        "db",
        "db_url",
        "cache",
        "cache_url",
        "email",
        "email_url",
        "search_url",
        "bytes",
    }
)
_ENVIRON_CAST_SECOND = frozenset({"list", "tuple", "dict"})
_ENVIRONS_ENV = frozenset({"environs.Env", "environs.env"})
"""environs' `Env` class, and the instance the package makes (`from environs import env`)."""
_ENVIRONS_PARSERS = frozenset(
    {
        "str",
        "bool",
        "int",
        "float",
        "decimal",
        "list",
        "dict",
        "json",
        "url",
        "path",
        "datetime",
        "date",
        "time",
        "timedelta",
        "uuid",
        "log_level",
        "enum",
        "dj_db_url",
        "dj_email_url",
        "dj_cache_url",
    }
)
_TRUE_WORDS = frozenset({"true", "on", "ok", "y", "yes", "1", "t"})
Evaluate = Callable[[ast.AST | None], object]


@dataclass(frozen=True, slots=True)
class EnvLookup:
    """One read of an environment variable."""

    variable: str
    via: str
    """What reads it: `os.environ.get`, `environ.Env.bool`, `decouple.config`, ..."""
    default: object
    """The value when unset (after the lookup's cast), `NO_DEFAULT` or `UNKNOWN`."""
    cast: str = ""

    @property
    def from_file(self) -> bool:
        """What is read is a configuration file's key (or a configuration module's
        attribute), not an environment variable."""
        return self.via in CONFIG_LOADERS or self.via == CONFIG_MODULE

    @property
    def shown(self) -> str:
        """How a message names what is read: `$DEBUG`, or a configuration file's key."""
        if self.via == CONFIG_MODULE:
            return f"the configuration module's `{self.variable}`"
        if self.from_file:
            return f"the configuration file's `{self.variable}`"
        return f"${self.variable}"


@dataclass(frozen=True, slots=True)
class DeployTime:
    """A value decided at deploy time by environment variables."""

    lookups: tuple[EnvLookup, ...]
    if_unset: object
    """The value when every variable is unset; `NO_DEFAULT` when start-up then fails."""
    text: bool = False
    """The value is the variable's text itself (a bare `os.environ.get`, or `bool()` of
    one): any value set, `"False"` and `"0"` included, is true."""
    false_when_set: frozenset[tuple[str, str]] = frozenset()
    """Pairs (variable, word) such that the value is false when that variable alone is set
    to that true word (`PROBE_WORDS`): `DEBUG = not env.bool("PRODUCTION")` is off when
    `PRODUCTION=1`. Worked out for Django's `DEBUG` only (`probe_false_when_set`)."""

    @property
    def variables(self) -> tuple[str, ...]:
        """The variable names, in order of appearance."""
        return tuple(dict.fromkeys(lookup.variable for lookup in self.lookups))

    @property
    def environment_variables(self) -> tuple[str, ...]:
        """The environment variables among `variables` (not a configuration file's keys)."""
        return tuple(
            dict.fromkeys(lookup.variable for lookup in self.lookups if not lookup.from_file)
        )

    @property
    def required_variables(self) -> tuple[str, ...]:
        """The environment variables start-up needs: those read with no default, when the
        value has none either (`os.environ["KEY"]`, `env("KEY")`); none otherwise."""
        if self.if_unset is not NO_DEFAULT:
            return ()
        return tuple(
            dict.fromkeys(
                lookup.variable
                for lookup in self.lookups
                if lookup.default is NO_DEFAULT and not lookup.from_file
            )
        )

    @property
    def shown_names(self) -> tuple[str, ...]:
        """How a message names each of `variables`: `$DEBUG`, or a configuration file's
        key."""
        named = {lookup.variable: lookup.shown for lookup in self.lookups}
        return tuple(named[name] for name in self.variables)

    def describe(self) -> str:
        """`set at deploy time from $DEBUG; if unset: True`."""
        names = ", ".join(self.shown_names)
        if self.if_unset is NO_DEFAULT:
            return f"set at deploy time from {names}; start-up fails if unset"
        if self.if_unset is UNKNOWN:
            return f"set at deploy time from {names}"
        unset = self.if_unset
        shown = str(unset) if isinstance(unset, datetime.timedelta) else repr(unset)
        return f"set at deploy time from {names}; if unset: {shown}"


def _cast(value: object, cast: str) -> object:
    """A django-environ / decouple cast applied to a default written as a string."""
    if value is UNKNOWN or value is NO_DEFAULT or not isinstance(value, str):
        return value
    if cast == "bool":
        return value.strip().lower() in _TRUE_WORDS
    if cast in {"int", "float"}:
        try:
            return int(value) if cast == "int" else float(value)
        except ValueError:
            return UNKNOWN
    if cast in {"list", "tuple", "csv"}:
        items = [item.strip() for item in value.split(",") if item.strip()]
        return items if cast != "tuple" else tuple(items)
    return value


def _decouple_cast(ctx: FileContext, node: ast.expr | None) -> str:
    if node is None:
        return ""
    name = ctx.qualified(node) or ""
    if name in {"bool", "int", "float", "str", "list", "tuple"}:
        return name
    if name.endswith("Csv") or (
        isinstance(node, ast.Call) and (ctx.call_name(node) or "").endswith("Csv")
    ):
        return "csv"
    return "other"


_ENVIRON_READERS = frozenset(
    {"environ.Env", "environ.environ.Env", "environ.FileAwareEnv", "environ.environ.FileAwareEnv"}
)
"""django-environ's readers: `FileAwareEnv` first reads the file `$NAME_FILE` names (a
container's secret), else `$NAME`, with the same casts and defaults as `Env`."""


def _environ_schemes(ctx: FileContext, receiver: ast.expr) -> dict[str, object] | None:
    """For `env = environ.Env(DEBUG=(bool, False))` (or `FileAwareEnv`): the per-variable
    defaults; None if `receiver` is not a django-environ `Env`."""
    # NOTE: as for decouple: `environ.Env` is named through an import of environ or the
    # name `environ`; without either, no `lookup` (the scope's bindings) is needed.
    if not ctx.names.imports("environ") and not ctx.mentions("environ"):
        return None
    # NOTE: the object made, whatever attributes are set on it since (`env.smart_cast =
    # False`): they change how values are cast, not the defaults the lookups give.
    made = ctx.scopes.made_by(receiver) if isinstance(receiver, ast.Name) else None
    if isinstance(receiver, ast.Call):
        made = receiver
    if not isinstance(made, ast.Call) or ctx.call_name(made) not in _ENVIRON_READERS:
        return None
    schemes: dict[str, object] = {}
    for keyword in made.keywords:
        if keyword.arg and isinstance(keyword.value, ast.Tuple) and len(keyword.value.elts) == 2:
            cast = ctx.qualified(keyword.value.elts[0]) or ""
            schemes[keyword.arg] = _cast(ctx.evaluate(keyword.value.elts[1]), cast)
    return schemes


def _variable(value: Evaluate, node: ast.expr | None) -> str | None:
    name = value(node)
    return name if isinstance(name, str) else None


def _is_os_environ(ctx: FileContext, node: ast.expr) -> bool:
    """`os.environ`, or a name assigned it once (`os_env = os.environ` at the top of a
    settings module, as cookiecutter-flask's settings read every variable)."""
    if ctx.qualified(node) == "os.environ":
        return True
    if not isinstance(node, ast.Name) or not ctx.mentions("environ"):
        return False
    value = ctx.lookup(node)
    return value is not None and ctx.qualified(value) == "os.environ"


def _aliased_lookup(ctx: FileContext, call: ast.Call) -> str | None:
    """`os.environ.get` for `os_env.get(...)` with `os_env` such a name (`setdefault`
    too), or for `env(...)` with `env` a name assigned the lookup itself once
    (`env = os.environ.get`, `getenv = os.getenv`); None for any other call."""
    func = call.func
    if isinstance(func, ast.Name):
        if not (ctx.mentions("environ") or ctx.mentions("getenv")):
            return None
        value = ctx.lookup(func)
        name = None if value is None else ctx.qualified(value)
        return name if name in _OS_LOOKUPS else None
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    if func.attr not in {"get", "setdefault"} or not _is_os_environ(ctx, func.value):
        return None
    return f"os.environ.{func.attr}"


def _os_lookup(ctx: FileContext, value: Evaluate, call: ast.Call, name: str) -> EnvLookup | None:
    variable = _variable(value, ctx.argument(call, 0, "key"))
    if variable is None:
        return None
    default_node = ctx.argument(call, 1, "default")
    default = None if default_node is None else value(default_node)
    return EnvLookup(variable, name, default)


def _getenv_lookup(ctx: FileContext, value: Evaluate, call: ast.Call) -> EnvLookup | None:
    """django-getenv's `env("DEBUG", False)`: the default as written, not cast (a set
    variable is read as a Python literal, `"True"` giving `True`)."""
    variable = _variable(value, ctx.argument(call, 0, "key"))
    if variable is None:
        return None
    default_node = ctx.argument(call, 1, "default")
    default = None if default_node is None else value(default_node)
    required = value(ctx.argument(call, 2, "required")) is True
    if required and not default and default is not UNKNOWN:
        return EnvLookup(variable, "getenv.env", NO_DEFAULT)
    return EnvLookup(variable, "getenv.env", default)


def _decouple_lookup(
    ctx: FileContext, value: Evaluate, call: ast.Call, name: str
) -> EnvLookup | None:
    variable = _variable(value, ctx.argument(call, 0, "option"))
    if variable is None:
        return None
    if name == "prettyconf.config":
        # NOTE: prettyconf's `config(item, cast=..., **kwargs)`: the default by keyword.
        default_node = ctx.keyword(call, "default")
        cast = _decouple_cast(ctx, ctx.argument(call, 1, "cast"))
    else:
        # NOTE: decouple's `config(option, default=undefined, cast=undefined)`, whose
        # default and cast may be given by position: `config("DEBUG", False, cast=bool)`.
        default_node = ctx.argument(call, 1, "default")
        cast = _decouple_cast(ctx, ctx.argument(call, 2, "cast"))
    if default_node is None:
        return EnvLookup(variable, name, NO_DEFAULT, cast)
    return EnvLookup(variable, name, _cast(value(default_node), cast), cast)


def _parser_call(call: ast.Call, parsers: Collection[str]) -> tuple[ast.expr, str] | None:
    """(the env object, the parser's name) of `env.bool(...)` (a name in `parsers`), or
    (the env object, "") of `env(...)` itself."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in parsers:
        return func.value, func.attr
    if isinstance(func, ast.Name | ast.Call):
        return func, ""
    return None


def _environ_lookup(ctx: FileContext, value: Evaluate, call: ast.Call) -> EnvLookup | None:
    called = _parser_call(call, _ENVIRON_CASTS)
    if called is None:
        return None
    receiver, cast = called
    schemes = _environ_schemes(ctx, receiver)
    if schemes is None:
        return None
    variable = _variable(value, ctx.argument(call, 0, "var"))
    if variable is None:
        return None
    default_node = _environ_default(ctx, call, cast)
    if default_node is not None:
        default = _cast(value(default_node), cast)
    else:
        default = schemes.get(variable, NO_DEFAULT)
    return EnvLookup(variable, f"environ.Env.{cast}" if cast else "environ.Env", default, cast)


def _environ_default(ctx: FileContext, call: ast.Call, cast: str) -> ast.expr | None:
    """The default of a django-environ lookup: `default=`, or the second argument of a
    cast method (`env.str("X", "...")`), but of `list`, `tuple` and `dict`, whose
    second parameter is the items' cast, and of `env("X", ...)`, whose is the cast: their
    default is the third (`env.tuple("X", str, None)`)."""
    if cast and cast not in _ENVIRON_CAST_SECOND:
        return ctx.argument(call, 1, "default")
    return ctx.argument(call, 2, "default")


def _is_dotenv_values(ctx: FileContext, node: ast.expr) -> bool:
    """`dotenv_values(".env")`, or a name assigned it (`config = dotenv_values()`)."""
    if isinstance(node, ast.Name):
        return ctx.origin(node) in _DOTENV_VALUES
    return isinstance(node, ast.Call) and ctx.call_name(node) in _DOTENV_VALUES


def _dotenv_loaded(ctx: FileContext, node: ast.expr) -> str | None:
    """`dotenv.dotenv_values` when the mapping `node` is the `.env` file's (see
    `_is_dotenv_values`), None otherwise."""
    return "dotenv.dotenv_values" if _is_dotenv_values(ctx, node) else None


def _file_key(
    ctx: FileContext,
    value: Evaluate,
    node: ast.Subscript | ast.Call,
    loaded_by: Callable[[FileContext, ast.expr], str | None],
) -> EnvLookup | None:
    """A key of a mapping read from a file, `loaded_by` telling which file loaded it
    (`.env` through `dotenv_values`, or a configuration file, see `config_files`):
    `config["DEBUG"]` (start-up fails without it), `config.get("DEBUG", True)` or
    `config.pop("DEBUG", True)`, the default when the file lacks the key."""
    if isinstance(node, ast.Subscript):
        via = loaded_by(ctx, node.value)
        variable = None if via is None else _variable(value, node.slice)
        return None if via is None or variable is None else EnvLookup(variable, via, NO_DEFAULT)
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in SECTION_READS | INI_READS):
        return None
    via = loaded_by(ctx, func.value)
    if via in INI_PARSERS:
        return _ini_option(ctx, value, ini_read(ctx, node, func.value), via)
    if func.attr not in SECTION_READS:
        return None
    variable = None if via is None else _variable(value, ctx.argument(node, 0))
    if via is None or variable is None:
        return None
    default_node = ctx.argument(node, 1)
    if default_node is None:
        return EnvLookup(variable, via, NO_DEFAULT if func.attr == "pop" else None)
    return EnvLookup(variable, via, _default(ctx, value, default_node))


def _ini_option(ctx: FileContext, value: Evaluate, read: IniRead, via: str) -> EnvLookup | None:
    """An INI file's option read through `configparser`: its fallback when the file
    lacks it (as written: the parser casts only what the file holds), else None or a
    failed start-up (`IniRead.required`)."""
    variable = _variable(value, read.option)
    if variable is None:
        return None
    if read.fallback is None:
        return EnvLookup(variable, via, NO_DEFAULT if read.required else None)
    return EnvLookup(variable, via, _default(ctx, value, read.fallback))


def _default(ctx: FileContext, value: Evaluate, node: ast.expr) -> object:
    """A file key's default: its value, or, for the name the statement rebinds, the value
    it held before (`DEBUG = section.getboolean("debug", DEBUG)` after `DEBUG = True`:
    a file leaving the option out keeps the module's own setting)."""
    found = value(node)
    if found is UNKNOWN and isinstance(node, ast.Name):
        before = ctx.scopes.value_before(node)
        return UNKNOWN if before is None else value(before)
    return found


def setting_lookup(
    ctx: FileContext, node: ast.AST, value: Evaluate | None = None
) -> EnvLookup | None:
    """The deploy-time read `node` is, for a setting's value: an environment lookup
    (`env_lookup`), or a key of a dict the module loads from a configuration file."""
    found = env_lookup(ctx, node, value)
    if found is None and isinstance(node, ast.Subscript | ast.Call):
        found = _file_key(ctx, value or ctx.evaluate, node, loaded_config)
    if found is None and isinstance(node, ast.Call):
        found = _module_attribute(ctx, value or ctx.evaluate, node)
    return found


def _module_attribute(ctx: FileContext, value: Evaluate, call: ast.Call) -> EnvLookup | None:
    """`getattr(configuration, "SESSION_COOKIE_SECURE", False)` of the deployment's
    configuration module (see `loaded_module`): the default is what a deployment whose
    module leaves the name out runs with; without one, start-up fails."""
    if ctx.call_name(call) not in {"getattr", "builtins.getattr"} or len(call.args) < 2:
        return None
    if call.keywords or loaded_module(ctx, call.args[0]) is None:
        return None
    variable = _variable(value, call.args[1])
    if variable is None:
        return None
    default = NO_DEFAULT if len(call.args) < 3 else _default(ctx, value, call.args[2])
    return EnvLookup(variable, CONFIG_MODULE, default)


def env_lookup(ctx: FileContext, node: ast.AST, value: Evaluate | None = None) -> EnvLookup | None:
    """The environment lookup `node` is, if it is one. `value` evaluates its arguments
    (the variable's name, the default); by default as constants of the module."""
    value = value or ctx.evaluate
    if isinstance(node, ast.Subscript):
        if _is_os_environ(ctx, node.value):
            variable = _variable(value, node.slice)
            return None if variable is None else EnvLookup(variable, "os.environ", NO_DEFAULT)
        return _file_key(ctx, value, node, _dotenv_loaded)
    if not isinstance(node, ast.Call):
        return None
    dotenv = _file_key(ctx, value, node, _dotenv_loaded)
    if dotenv is not None:
        return dotenv
    name = ctx.call_name(node) or ""
    if name not in _OS_LOOKUPS:
        name = _aliased_lookup(ctx, node) or name
    if name in _OS_LOOKUPS:
        return _os_lookup(ctx, value, node, name)
    if name in _DECOUPLE or _is_decouple_object(ctx, node.func):
        via = name if name in _DECOUPLE else "decouple.config"
        return _decouple_lookup(ctx, value, node, via)
    if name in _GETENV:
        return _getenv_lookup(ctx, value, node)
    if _is_everett_manager(ctx, node.func):
        return _everett_lookup(ctx, value, node)
    if name in _DJ_DATABASE_URL:
        variable = _variable(value, ctx.keyword(node, "env")) or "DATABASE_URL"
        default_node = ctx.keyword(node, "default")
        default = NO_DEFAULT if default_node is None else value(default_node)
        return EnvLookup(variable, name, default, "db_url")
    environs = _environs_lookup(ctx, value, node)
    if environs is not None:
        return environs
    if name.startswith(CONFIGURATIONS_VALUES) and name.endswith("Value"):
        return _configurations_value(ctx, value, node, name)
    return _environ_lookup(ctx, value, node)


CONFIGURATIONS_VALUES: Final = "configurations.values."
"""Where django-configurations' value classes live (`values.BooleanValue`)."""
_REQUIRED_VALUES = frozenset({"SecretValue"})


def _configurations_value(
    ctx: FileContext, value: Evaluate, call: ast.Call, name: str
) -> EnvLookup | None:
    """A django-configurations value (`DEBUG = values.BooleanValue(False)` in a
    configuration class): it reads `$DJANGO_DEBUG` (`environ_prefix`, `environ_name`)
    and gives its default when that is unset; a `SecretValue`, or one with
    `environ_required=True`, fails start-up instead. None when it reads no variable
    (`environ=False`) or the setting it gives is not known."""
    setting = ctx.assigned_name(call)
    options = {k.arg: value(k.value) for k in call.keywords if k.arg}
    if setting is None or options.get("environ", True) is not True:
        return None
    variable = options.get("environ_name", setting)
    prefix = options.get("environ_prefix", "DJANGO")
    if not isinstance(variable, str) or not (prefix is None or isinstance(prefix, str)):
        return None
    if prefix:
        variable = f"{prefix}_{variable}"
    required = options.get("environ_required") is True
    if required or name.rpartition(".")[2] in _REQUIRED_VALUES:
        return EnvLookup(variable, name, NO_DEFAULT)
    default = ctx.argument(call, 0, "default")
    return EnvLookup(variable, name, None if default is None else value(default))


def _is_environs_env(ctx: FileContext, receiver: ast.expr) -> bool:
    """`env` made by `env = Env()` (environs), or the package's own `env`."""
    # NOTE: as for django-environ: without an import of environs no lookup is needed.
    if not ctx.names.imports("environs"):
        return False
    if isinstance(receiver, ast.Name):
        made = ctx.qualified(receiver), ctx.origin(receiver)
        return any(name in _ENVIRONS_ENV for name in made)
    return isinstance(receiver, ast.Call) and ctx.call_name(receiver) in _ENVIRONS_ENV


def _environs_lookup(ctx: FileContext, value: Evaluate, call: ast.Call) -> EnvLookup | None:
    """An environs lookup: `env("X", "default")`, `env.bool("X", False)`,
    `env.list("X", [], subcast=int)`; unlike django-environ's, every parser's second
    argument is the default, and the default is parsed as a set value would be."""
    called = _parser_call(call, _ENVIRONS_PARSERS)
    if called is None:
        return None
    receiver, cast = called
    if not _is_environs_env(ctx, receiver):
        return None
    variable = _variable(value, ctx.argument(call, 0, "name"))
    if variable is None:
        return None
    default_node = ctx.argument(call, 1, "default")
    default = NO_DEFAULT if default_node is None else _cast(value(default_node), cast)
    return EnvLookup(variable, f"environs.Env.{cast}" if cast else "environs.Env", default, cast)


ENV_OBJECT_METHODS: Final = _ENVIRON_CASTS | _ENVIRONS_PARSERS
"""The parsers of a django-environ or environs object (`env.bool`, `env.list`...)."""


@dataclass(frozen=True, slots=True)
class EnvObject:
    """What a module binds to a name it reads the environment with: a django-environ
    `Env` (with its per-variable defaults) or an environs `Env`."""

    library: str
    """`environ` or `environs`."""
    schemes: tuple[tuple[str, object], ...] = ()


def env_object(ctx: FileContext, name: str) -> EnvObject | None:
    """The environment reader the module binds `name` to at its top level (`env =
    environ.Env(DEBUG=(bool, False))`, `env = Env()`, `from environs import env`)."""
    if ctx.names.aliases.get(name) in _ENVIRONS_ENV:
        return EnvObject("environs")
    values = [v for v in ctx.scopes.bindings(ctx.tree).get(name, ()) if v is not CHANGED_BINDING]
    made = values[0] if len(values) == 1 else None
    if not isinstance(made, ast.Call):
        return None
    schemes = _environ_schemes(ctx, made)
    if schemes is not None:
        return EnvObject("environ", tuple(schemes.items()))
    return EnvObject("environs") if _is_environs_env(ctx, made) else None


def object_lookup(reader: EnvObject, cast: str, arguments: Arguments) -> EnvLookup | None:
    """The lookup `env.<cast>(...)` (`env(...)` for cast "") of `reader` makes with these
    argument values (a lookup among them standing for its default)."""
    keywords = dict(arguments.keywords)
    positional = arguments.positional
    environs = reader.library == "environs"
    variable = positional[0] if positional else keywords.get("name" if environs else "var")
    if not isinstance(variable, str) or cast not in ENV_OBJECT_METHODS | {""}:
        return None
    second = environs or (cast and cast not in _ENVIRON_CAST_SECOND)
    given = positional[1] if second and len(positional) > 1 else keywords.get("default", NO_DEFAULT)
    if given is NO_DEFAULT and not environs:
        given = dict(reader.schemes).get(variable, NO_DEFAULT)
    elif given is not NO_DEFAULT:
        given = _cast(given, cast)
    via = f"{reader.library}.Env.{cast}" if cast else f"{reader.library}.Env"
    return EnvLookup(variable, via, given, cast)


PROBE_WORDS = ("1", "true", "True", "TRUE", "yes", "on")
"""The true words a deployment file most often sets a flag to, each tried alone."""


def probe_false_when_set(
    ctx: FileContext, node: ast.AST, value: DeployTime, set_variables: frozenset[str]
) -> DeployTime:
    """`value` (what `node` evaluates to, `set_variables` known set there) with the pairs
    (variable, word) of its variables and `PROBE_WORDS` known to make it false
    (`false_when_set`)."""
    found = frozenset(
        (variable, word)
        for variable in value.environment_variables
        for word in PROBE_WORDS
        if _known_false(evaluate_setting(ctx, node, set_variables, {variable: word}))
    )
    return replace(value, false_when_set=found) if found else value


def _known_false(value: object) -> bool:
    if isinstance(value, DeployTime):
        return not value.text and _known_false(value.if_unset)
    return value is not UNKNOWN and value is not NO_DEFAULT and not value


def evaluate_setting(
    ctx: FileContext,
    node: ast.AST | None,
    set_variables: frozenset[str] = frozenset(),
    given: Mapping[str, str] | None = None,
) -> object:
    """A constant, a `DeployTime` (when environment lookups decide it), or `UNKNOWN`.

    A call of the module's own helper (`envbool("DEBUG", "True")`) is evaluated as the
    lookups its body makes for these arguments (see `env_helpers`). A lookup of one of
    `set_variables` (known set where `node` is: `if "X" in os.environ:`) has no default
    that can be used; one of `given` has the text given (cast as the lookup casts it)."""
    if node is None:
        return UNKNOWN
    reads = EnvReads(ctx, set_variables, given or {})
    value = evaluate(node, ctx.lookup, hook=reads.hook)
    if not reads.found:
        return value
    return reads.deploy_time(value, reads.is_text(node))


def _membership(ctx: FileContext, node: ast.AST, value: Evaluate) -> EnvLookup | None:
    """`name in os.environ` (or `not in`), which is false when every variable is unset;
    `key in CONFIG` of a mapping the module loads from a configuration file at start-up
    (`CONFIG = load_config(path)` over `yaml.safe_load`), false as well when the
    deployment's file leaves the key out."""
    match node:
        case ast.Compare(left=left, ops=[ast.In() | ast.NotIn()], comparators=[mapping]):
            via = "os.environ" if _is_os_environ(ctx, mapping) else _module_config(ctx, mapping)
            variable = None if via is None else _variable(value, left)
            return None if via is None or variable is None else EnvLookup(variable, via, None)
    return None


def _module_config(ctx: FileContext, node: ast.expr) -> str | None:
    """The loader of the configuration dict the module-level name `node` holds (see
    `loaded_config`); None for any other value."""
    if not isinstance(node, ast.Name) or ctx.scopes.binding_scope(node) is not ctx.tree:
        return None
    return loaded_config(ctx, node)


_MAX_HELPERS = 3
"""Helper calls followed inside one another's arguments (`parse_boolean(os.environ.get("X",
str(OTHER)))`, `OTHER` read through `parse_boolean` too); deeper ones are not known."""


class EnvReads:
    """The environment lookups met while evaluating one value, with the nodes read."""

    def __init__(
        self,
        ctx: FileContext,
        set_variables: frozenset[str] = frozenset(),
        given: Mapping[str, str] | None = None,
        depth: int = 0,
    ) -> None:
        self.ctx = ctx
        self.set_variables = set_variables
        self.given = given or {}
        self.depth = depth
        """How many helper calls this evaluation is nested in (see `_MAX_HELPERS`)."""
        self.imports_met = False
        """A call of a name imported from another module was met and left unknown."""
        self.reading: set[int] = set()
        """The reads whose arguments are being read (see `_lookup`)."""
        self.found: list[tuple[ast.AST, EnvLookup]] = []
        self.fails = False
        """A helper's path raises when the environment is unset."""
        self.text_calls: set[int] = set()
        """Helper calls whose value is the text of the one variable they read."""
        self.returns_text = False
        """The helper followed returns the text of the one variable it reads."""

    def hook(self, expr: ast.expr) -> object:
        """Evaluation hook: a lookup stands for its default, a helper call for the value
        its path returns."""
        start = len(self.found)
        found = self._lookup(expr, self._value)
        if found is UNKNOWN:
            return UNKNOWN
        if isinstance(found, EnvLookup):
            if found.variable in self.set_variables:
                found = replace(found, default=UNKNOWN)
            # NOTE: before the lookups its default made (`os.environ.get("X", str(Y))`)
            self.found.insert(start, (expr, found))
            return self._stands_for(found)
        if not isinstance(expr, ast.Call):
            return NOT_HANDLED
        name = self.ctx.call_name(expr)
        if name in TIMEDELTA_NAMES:
            return timedelta_value(expr, self._value)
        value = converted(name, expr, self._value)
        return value if value is not NOT_HANDLED else self._helper(expr)

    def _lookup(self, node: ast.expr, value: Evaluate) -> object:
        """The deploy-time read `node` is, its arguments read by `value` (a default may
        read the environment too: `os.environ.get("X", os.environ.get("Y"))`); `UNKNOWN`
        for a read met again while its own arguments are read (`KEY =
        os.environ.get("KEY", KEY)`)."""
        if id(node) in self.reading:
            return UNKNOWN
        self.reading.add(id(node))
        try:
            return setting_lookup(self.ctx, node, value)
        finally:
            self.reading.discard(id(node))

    def _value(self, node: ast.AST | None) -> object:
        return evaluate(node, self.ctx.lookup, hook=self.hook)

    def _helper(self, call: ast.Call) -> object:
        callee = self.callee(call)
        if callee is None or self.depth >= _MAX_HELPERS:
            return NOT_HANDLED
        where, function = callee
        inner = self.nested()
        arguments = call_arguments(call, inner.argument)
        self.imports_met = self.imports_met or inner.imports_met
        if arguments is None:
            return NOT_HANDLED
        follower = inner if where is self.ctx else inner.moved_to(where)
        value = follower.follow(function, arguments)
        if value is NOT_HANDLED:
            return NOT_HANDLED
        self.found.extend(follower.found)
        self.fails = self.fails or follower.fails
        if follower.returns_text:
            self.text_calls.add(id(call))
        return value

    def callee(self, call: ast.Call) -> tuple[FileContext, ast.FunctionDef] | None:
        """The helper `call` calls, with the module it is followed in: the module's own
        (`own_helper`). A call of a name imported from another module is not followed
        here (`imports_met`: the project step can, see `env_imported`)."""
        function = own_helper(self.ctx, call)
        if function is not None:
            return self.ctx, function
        if isinstance(call.func, ast.Name) and call.func.id in self.ctx.names.aliases:
            self.imports_met = True
        return None

    def nested(self) -> EnvReads:
        """The reads of a helper call's arguments, one helper deeper."""
        return EnvReads(self.ctx, given=self.given, depth=self.depth + 1)

    def moved_to(self, ctx: FileContext) -> EnvReads:
        """Reads following a helper of the module of `ctx`, the lookups of its arguments
        (read here) already found."""
        moved = EnvReads(ctx, given=self.given, depth=self.depth)
        moved.found = list(self.found)
        return moved

    def argument(self, node: ast.expr) -> object:
        """An argument of a helper's call, read in the module as the setting itself is: an
        environment lookup in it stands for its default, a helper's call for what it
        returns (`parse_boolean(os.environ.get("X", str(ENFORCE_HTTPS)))`, whose default
        is another setting read through the same helper)."""
        if isinstance(node, ast.Name) and (loader := _module_config(self.ctx, node)):
            return ConfigMapping(loader)  # NOTE: for a helper walking keys down it
        return evaluate(node, self.ctx.lookup, hook=self.hook)

    def follow(self, function: ast.FunctionDef, arguments: Arguments) -> object:
        """The value `function` (of this module) returns for `arguments` when the
        environment is unset, its lookups added to `found`; `NOT_HANDLED` when the path
        cannot be followed or reads no environment. A helper walking keys down a
        configuration file's dict it is handed reads that key path (`nested_config`)."""
        nested = nested_key_read(function, arguments)
        if nested is not None:
            lookup = EnvLookup(".".join(nested.keys), nested.loader, nested.default)
            self.found.append((function, lookup))
            return nested.default
        arguments = without_mappings(arguments)
        path = follow_helper(self.ctx, function, arguments, self.evaluate_in)
        if path is None or not self.found:
            # NOTE: only helpers that read the environment, or are handed what it
            # gives: other functions of the module are not evaluated.
            return NOT_HANDLED
        if path.value is RAISES or self.fails:
            self.fails = True
            return NO_DEFAULT
        self.returns_text = path.returned is not None and self.is_text(path.returned)
        return path.value

    def evaluate_in(self, expr: ast.expr, lookup: Lookup) -> object:
        """An expression of a helper's body, its names read through `lookup`; helpers
        are followed one level deep, so a helper's own calls of helpers are not."""

        def value(node: ast.AST | None) -> object:
            return evaluate(node, lookup)

        def hooked(node: ast.AST | None) -> object:
            return evaluate(node, lookup, hook=hook)

        def hook(node: ast.expr) -> object:
            start = len(self.found)
            found = self._lookup(node, hooked)
            if found is UNKNOWN:
                return UNKNOWN
            found = found or _membership(self.ctx, node, value)
            if not isinstance(found, EnvLookup):
                if isinstance(node, ast.Call):
                    text = converted(self.ctx.call_name(node), node, hooked)
                    if text is not NOT_HANDLED:
                        return text
                return container_read(self.ctx, node, value)
            self.found.insert(start, (node, found))
            if isinstance(node, ast.Compare):
                return isinstance(node.ops[0], ast.NotIn) != (found.variable in self.given)
            return self._stands_for(found)

        return evaluate(expr, lookup, hook=hook)

    def _stands_for(self, found: EnvLookup) -> object:
        """What a lookup gives here: the text `given` for its variable, cast as the lookup
        casts it, else its default."""
        if found.variable in self.given:
            return _cast(self.given[found.variable], found.cast)
        return found.default

    def deploy_time(self, value: object, text: bool) -> DeployTime:
        """The `DeployTime` of a value whose evaluation made the lookups in `found`."""
        lookups = tuple(lookup for _, lookup in self.found)
        if self.fails or any(lookup.default is NO_DEFAULT for lookup in lookups):
            value = NO_DEFAULT
        return DeployTime(lookups, value, text)

    def is_text(self, node: ast.AST) -> bool:
        """`os.getenv("DEBUG", False)` or `bool(os.environ.get("DEBUG"))`: the text read
        (also through a helper that returns it), or an INI file's option read uncast
        (`parser.get("server", "debug")`, not `getboolean`), also through a name bound
        to such a read alone (`debug = parser.get(...)`, then `run(debug=debug)`)."""
        if (
            isinstance(node, ast.Call)
            and self.ctx.call_name(node) == "bool"
            and len(node.args) == 1
            and not node.keywords
        ):
            node = node.args[0]
        if not self.found:
            return False
        node = self._bound_alone(node)
        # NOTE: the first lookup found is the outermost: `os.environ.get("X",
        # os.environ.get("Y"))` is the text of one of them.
        read, lookup = self.found[0]
        if read is node and (lookup.via in _OS_LOOKUPS or _ini_text(read, lookup)):
            return True
        return len(self.found) == 1 and id(node) in self.text_calls

    def _bound_alone(self, node: ast.AST) -> ast.AST:
        """The value a name is bound to, when that is its one binding (followed through a
        few names); `node` itself otherwise."""
        for _ in range(_MAX_HELPERS):
            if not isinstance(node, ast.Name):
                return node
            values = self.ctx.scopes.values_of(node) or []
            if len(values) != 1 or values[0] is CHANGED_BINDING:
                return node
            node = values[0]
        return node


def _ini_text(read: ast.AST, lookup: EnvLookup) -> bool:
    """An INI file's option read as text: `parser.get(...)` or `section["debug"]`,
    which give the string the file holds (`"False"` included), where `getboolean`,
    `getint` and `getfloat` cast it."""
    if lookup.via not in INI_PARSERS:
        return False
    if isinstance(read, ast.Subscript):
        return True
    return isinstance(read, ast.Call) and getattr(read.func, "attr", None) == "get"


_EVERETT_MANAGERS = frozenset(
    {"everett.manager.ConfigManager", "everett.manager.ConfigManager.basic_config"}
)


def _is_everett_manager(ctx: FileContext, func: ast.expr) -> bool:
    """`config = ConfigManager([ConfigOSEnv()])` (or `ConfigManager.basic_config()`,
    everett's) then `config("X")`."""
    if not isinstance(func, ast.Name):
        return False
    # NOTE: as for decouple: without an import of everett no lookup is needed.
    if not ctx.names.imports("everett"):
        return False
    return ctx.origin(func) in _EVERETT_MANAGERS


def _everett_parser(ctx: FileContext, node: ast.expr | None) -> str:
    """The cast an everett `parser=` applies: `bool` (everett's `parse_bool` takes the
    same words), `int`, `float`, `str` (also when none is given), `ListOf(...)` (a
    comma-separated list); "other" for anything else."""
    if node is None:
        return "str"
    if isinstance(node, ast.Call) and ctx.call_name(node) == "everett.manager.ListOf":
        return "list"
    name = ctx.qualified(node) or ""
    if name == "everett.manager.parse_bool":
        return "bool"
    return name if name in {"bool", "int", "float", "str"} else "other"


def _everett_lookup(ctx: FileContext, value: Evaluate, call: ast.Call) -> EnvLookup | None:
    """`config("DEBUG", default="false", parser=bool)`: everett reads `$DEBUG`
    (`$<NAMESPACE>_DEBUG` with `namespace=`, upper-cased) and, when it is unset, parses
    its default (a string) as a set value; without a default it fails start-up, or gives
    None with `raise_error=False`."""
    key = _variable(value, ctx.argument(call, 0, "key"))
    if key is None:
        return None
    namespace_node = ctx.keyword(call, "namespace")
    if namespace_node is not None:
        namespace = _variable(value, namespace_node)
        if namespace is None:
            return None
        key = f"{namespace}_{key}"
    cast = _everett_parser(ctx, ctx.keyword(call, "parser"))
    default_node = ctx.keyword(call, "default")
    if default_node is None:
        raises = ctx.keyword(call, "raise_error")
        if raises is not None and value(raises) is False:
            return EnvLookup(key.upper(), "everett.ConfigManager", None, cast)
        return EnvLookup(key.upper(), "everett.ConfigManager", NO_DEFAULT, cast)
    default = _cast(value(default_node), cast)
    return EnvLookup(key.upper(), "everett.ConfigManager", default, cast)


def _is_decouple_object(ctx: FileContext, func: ast.expr) -> bool:
    """`config = AutoConfig(search_path=BASE_DIR)` then `config("X")`."""
    if not isinstance(func, ast.Name):
        return False
    # NOTE: `origin` works out the bindings of the enclosing scopes, and this runs on
    # every call named by a plain name. A callee named `decouple.*` comes from an import
    # of decouple or from the name `decouple` itself, so a module without either is done.
    if not ctx.names.imports("decouple") and not ctx.mentions("decouple"):
        return False
    return ctx.origin(func) in {"decouple.AutoConfig", "decouple.Config"}
