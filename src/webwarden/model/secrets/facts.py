"""Per-file facts about secrets in a Python module: small picklable records, no AST.

The extractor (`webwarden.model.secrets.extract`) records every literal that is, or
carries, a credential; the project rules decide which rule reports it and whether a
framework model owns it (see `webwarden.model.secrets.ownership`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from webwarden.findings import Location


class Category(enum.StrEnum):
    """Which rule family judges a secret site."""

    TOKEN = "token"  # noqa: S105 - a category name
    """A well-known credential format, or a non-database URL with a password (WW240)."""
    NAMED = "named"
    """A literal given to a credential-named target (WW241)."""
    DEFAULT = "default"
    """The literal default of an environment lookup of a credential-named variable (WW242)."""
    DRIVER = "driver"
    """A password passed to a database driver (WW340)."""
    URL = "url"
    """A database, cache or broker URL with a password (WW341)."""


class Holder(enum.StrEnum):
    """How the value is set, for deciding whether a framework model owns it."""

    MODULE = "module"
    """A module-level assignment (`SECRET_KEY = ...`, `DATABASES = {...}`)."""
    CLASS = "class"
    """A class attribute (`class Config: SECRET_KEY = ...`)."""
    CONFIG = "config"
    """A Flask-style config write: `app.config[...]`, `.config.update(...)`, `.secret_key`."""
    OTHER = "other"
    """Anywhere else: a local variable, a call argument, a comparison."""


@dataclass(frozen=True, slots=True)
class SecretSite:
    """One literal secret in a module."""

    category: Category
    kind: str
    """What it is: `an AWS access key ID`, `a password`, `a database URL with a password`."""
    target: str
    """What receives it: `API_KEY`, `password=`, `"token"`, `os.getenv("API_KEY")`; or ""."""
    location: Location
    masked: str
    """The value with the secret masked (a masked URL keeps everything but its password)."""
    snippet: str
    """The source line with the secret masked."""
    holder: Holder = Holder.OTHER
    setting: str = ""
    """The upper-case setting or config key the value belongs to (`DATABASES`), or ""."""
    via: str = ""
    """The call that receives it (`psycopg2.connect`, `os.getenv`), or ""."""
    local: bool = False
    """For URLs: the host is this machine (a development database)."""
    placeholder: bool = False
    """The value is a placeholder (`changeme`): for defaults, which ship whatever they are;
    for URLs, a login whose password is the account's name (`guest:guest`)."""
    docstring: bool = False
    """The literal is (in) a docstring: documentation of the code, usually an example."""
    function: str = ""
    """The name of the function the literal is written in, or "" at module level."""
    word: bool = False
    """For defaults: the value is a plain word (`ralph_ng`), which is a credential only as
    the default of a framework's credential-named setting (`setting_word`)."""


@dataclass(frozen=True, slots=True)
class ModuleSecrets:
    """The secret sites of a module."""

    sites: tuple[SecretSite, ...]
    development_command: str = ""
    """The name of the Django management command the module is when its `help` says it
    is made for development or tests (`dev_db`: "Creates a database for local
    development"), else ""."""
