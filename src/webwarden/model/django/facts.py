"""Per-file facts of a Django project: small picklable data, never AST nodes.

A settings module becomes a list of operations in source order (assignments, list edits,
imports from other settings modules, `if`/`try` branches, guards refusing values); URLconfs become their
`urlpatterns` entries and routers; view modules their views. The project step
(`webwarden.model.django.project`) builds the model from these alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_imported import ImportedCall
from webwarden.findings import Location
from webwarden.model.roles import Role


@dataclass(frozen=True, slots=True)
class Alias:
    """A value that is another setting's, known only across modules: `X = not DEBUG`."""

    name: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Comparison:
    """A test comparing a setting with a constant: `ALLOWED_HOSTS != ["*"]`,
    `"*" in ALLOWED_HOSTS`."""

    operator: str
    """`==`, `!=`, `in` or `not in`."""
    constant: object
    setting_first: bool = True
    """Whether the setting is the left operand (`X in SETTING` has it right)."""

    def holds(self, value: object) -> object:
        """Whether the test holds for the setting's known `value` (`UNKNOWN` when a
        part of it is not known, or the operation fails)."""
        left, right = (value, self.constant) if self.setting_first else (self.constant, value)
        if _has_unknown(value):
            return UNKNOWN
        if isinstance(left, list | tuple) and isinstance(right, list | tuple):
            left, right = list(left), list(right)  # NOTE: a split list or a tuple display
        try:
            match self.operator:
                case "==":
                    return left == right
                case "!=":
                    return left != right
                case "in":
                    return left in right  # type: ignore[operator]
                case "not in":
                    return left not in right  # type: ignore[operator]
        except TypeError:
            return UNKNOWN
        return UNKNOWN


def _has_unknown(value: object) -> bool:
    """Whether `value` is, or holds, something other than text, numbers, `None` and
    lists, tuples and dicts of those (an `UNKNOWN`, a value read elsewhere)."""
    if isinstance(value, list | tuple):
        return any(map(_has_unknown, value))
    if isinstance(value, dict):
        return any(map(_has_unknown, value.values()))
    return not (value is None or isinstance(value, str | int | float | bool))


@dataclass(frozen=True, slots=True)
class Condition:
    """The test of a module-level `if` (or whether a `try` body succeeds)."""

    text: str
    truth: object
    """True/False when the file decides it (constants, or environment defaults), else
    `UNKNOWN`."""
    setting: str | None = None
    """`DEBUG` for `if DEBUG:` / `if not DEBUG:`, decided from the settings seen so far."""
    negated: bool = False
    otherwise: str = ""
    """How to say the test fails (default `not (<text>)`)."""
    compared: Comparison | None = None
    """For a test comparing `setting` with a constant: decided from the settings seen
    so far as `if DEBUG:` is."""
    imports: tuple[str, ...] = ()
    """For a `try` whose body only star-imports and whose handlers going on take only
    `ImportError`: the modules imported (absolute). When each is sure to import
    (`certain_imports`), the body runs."""
    unless: str = ""
    """For a test the file decides by environment defaults: how a deployment turns it the
    other way (`$HTTPS is set to true`, `flipped_tests.flipped_by`); empty when not known."""


@dataclass(frozen=True, slots=True)
class Assign:
    """`NAME = value` at module level (or in a module-level branch)."""

    name: str
    value: object
    """A constant, `DeployTime`, `UNKNOWN`, `Alias`, or a list/tuple/dict of those."""
    location: Location
    parts: tuple[tuple[str, Location], ...] = ()
    """Where the keys of a dict literal are: `("default.PASSWORD", location)`."""
    credential_urls: tuple[tuple[str, Location], ...] = ()
    """Literal URLs with a password in the value, masked, with their locations."""


@dataclass(frozen=True, slots=True)
class Edit:
    """A change to a setting defined earlier: `MIDDLEWARE += [...]`, `.append`, `[k] =`."""

    name: str
    op: str
    """`extend`, `prepend`, `append`, `insert`, `remove`, `setitem` or `update`."""
    items: tuple[object, ...]
    location: Location
    keys: tuple[str, ...] = ()
    """For `setitem`: the subscript path (`DATABASES["default"]["PASSWORD"]`)."""
    index: int = 0
    parts: tuple[tuple[str, Location], ...] = ()
    credential_urls: tuple[tuple[str, Location], ...] = ()


@dataclass(frozen=True, slots=True)
class Import:
    """`from module import *` (names None) or `from module import A, B`."""

    module: str
    names: tuple[str, ...] | None
    location: Location
    optional: bool = False
    """Inside a `try`, `with suppress(ImportError)` or an `if` testing that a file
    exists: a `local_settings` that may not exist."""
    of_class: str = ""
    """For class-based settings (`class Site(Base)`, `Base` imported from `module`): the
    class whose settings are taken, not the module's."""


@dataclass(frozen=True, slots=True)
class Include:
    """A file django-split-settings' `include()` runs in this module's namespace (see
    `webwarden.model.django.split_settings`)."""

    pattern: str
    """Its path from the project's root, possibly a glob pattern."""
    location: Location
    optional: bool = False
    run_time: str = ""
    """The expression of a path built from a value known only at run time (`f"{env}.py"`):
    one of the files the pattern matches runs, not all of them."""
    besides: tuple[str, ...] = ()
    """For a chosen path: the patterns the same call names literally, which are other
    components, never the one chosen."""


@dataclass(frozen=True, slots=True)
class Branch:
    """A module-level `if` or `try`: either body or alternative runs."""

    condition: Condition
    body: tuple[Op, ...]
    orelse: tuple[Op, ...]


@dataclass(frozen=True, slots=True)
class Refusal:
    """A module-level `if` that stops the module (raises, exits) when a setting has one of
    some values: `if not SECRET_KEY or SECRET_KEY in INSECURE_KEYS: raise
    ImproperlyConfigured(...)`. A deployment never runs with those values."""

    name: str
    empty: bool = False
    """`not SECRET_KEY`: an empty or missing value stops the module."""
    values: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    """`SECRET_KEY.startswith("django-insecure")`."""

    def refuses(self, value: object) -> bool:
        """Whether the module stops when the setting has `value`."""
        if isinstance(value, str) and (value in self.values or value.startswith(self.prefixes)):
            return True
        return self.empty and value in (None, "", False)


@dataclass(frozen=True, slots=True)
class Overlay:
    """`vars().update(config)` (or `globals()`, `locals()`) with a mapping read at run
    time: a deployment's file, which may set any setting (see
    `webwarden.model.namespace_update`)."""

    location: Location


Op = Assign | Edit | Import | Include | Branch | Refusal | Overlay


@dataclass(frozen=True, slots=True)
class SettingsFacts:
    """What one settings-like module does to the settings, in order."""

    ops: tuple[Op, ...]
    strong: bool
    """Whether it assigns a setting only Django settings modules have (INSTALLED_APPS, ...)."""
    classes: tuple[tuple[str, tuple[Op, ...]], ...] = ()
    """Its classes of settings (`class Base(Settings): DEBUG = False`), each as what it
    sets, its bases' settings first: what a module exporting one, or a class derived from
    one, takes."""
    configurations: tuple[ConfigurationClass, ...] = ()
    """Its classes of settings that are, or may be, django-configurations classes."""
    debug_flags: tuple[tuple[str, Location], ...] = ()
    """Its statements setting a setting to `DEBUG` or `DEBUG and ...`, by the setting's
    name (see `webwarden.model.django.debug_flags`)."""
    required: tuple[str, ...] = ()
    """Environment variables its top-level statements read without a default, outside
    any branch (`ANYMAIL = {"MAILGUN_API_KEY": env("MAILGUN_API_KEY")}`): importing it
    fails where one is unset."""
    required_calls: tuple[ImportedCall, ...] = ()
    """Calls in those statements of a reader another module makes (`env("X")` after
    `from .base import env`): the project step tells which require their variable."""
    described: Role = Role.UNSPECIFIED
    """What its docstring, or those of its classes of settings, say it is for
    (`webwarden.model.described_roles`): a module whose name says nothing is judged so."""


@dataclass(frozen=True, slots=True)
class ConfigurationClass:
    """A class of settings that is a django-configurations `Configuration` by what its
    module shows (`known`), or may be one through a base imported from another module."""

    name: str
    location: Location
    leaf: bool
    """No class of the module derives from it: what some deployment runs."""
    known: bool
    bases: tuple[str, ...] = ()
    """Its bases imported from other modules, qualified (`proj.settings.common.Common`)."""
    local_bases: tuple[str, ...] = ()
    """Its bases that are configurations of its own module, first base first."""
    alias: bool = False
    """Its body sets nothing (a docstring, `pass`) and it has one base, of its module:
    the base's settings under another name (`class Staging(Production): pass`)."""


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "...")` in manage.py, wsgi.py, ..."""

    settings_modules: tuple[tuple[str, Location], ...]
    configurations: tuple[str, ...] = ()
    """`os.environ.setdefault("DJANGO_CONFIGURATION", "Production")`: the classes run."""
    calls: tuple[tuple[str, Location], ...] = ()
    """The qualified names an entry file calls as statements (`setup_env()` of
    `from shop.setup import setup_env`), where: a function of the project among them
    may set the variable for it (see `setters`)."""
    setters: tuple[tuple[str, str], ...] = ()
    """(function, settings module) for each top-level function of any module that sets
    DJANGO_SETTINGS_MODULE: a default only when an entry file calls it."""
