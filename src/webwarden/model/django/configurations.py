"""django-configurations: settings as classes, one deployed per `DJANGO_CONFIGURATION`.

```python
from configurations import Configuration, values

class Common(Configuration):
    DEBUG = values.BooleanValue(False)     # $DJANGO_DEBUG, False when unset
    SECRET_KEY = values.SecretValue()      # $DJANGO_SECRET_KEY, required

class Dev(Common):
    DEBUG = True

class Prod(Common):
    ALLOWED_HOSTS = ["example.com"]
```

The settings module is loaded with the class `DJANGO_CONFIGURATION` names, whose
upper-case attributes (its bases' first) Django then reads. Each configuration no other
class of its module derives from is what some deployment runs, and so is one an entry
point selects (`os.environ.setdefault("DJANGO_CONFIGURATION", "Production")` in
`wsgi.py`) though others derive from it: each is judged as a settings module of its own,
named by its class (`Dev` is a development one). A value
class is an environment lookup (see `analysis.environment`). An upper-case method is a
setting too (`def MIDDLEWARE(self): return Core.MIDDLEWARE + self.EXTRA_MIDDLEWARE`):
the loader calls it and takes what it returns, a value not known here.

A class is a configuration when it derives from `Configuration`, from a configuration of
its module, or from a configuration of another settings module (`from .common import
Common`), which the project step confirms (`is_configuration`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Final

from webwarden.model.django.defaults import KNOWN
from webwarden.model.django.facts import ConfigurationClass, SettingsFacts
from webwarden.model.django.settings_classes import class_settings
from webwarden.model.module import FileContext

_CONFIGURATION: Final = frozenset(
    {"configurations.Configuration", "configurations.base.Configuration"}
)
_MAX_DEPTH = 8


def configuration_classes(
    ctx: FileContext, classes: list[ast.ClassDef]
) -> tuple[ConfigurationClass, ...]:
    """The module's classes of settings that are configurations, or may be one through
    an imported base (known to be when the module imports django-configurations)."""
    imports_package = ctx.names.imports("configurations")
    derived = {
        base.id
        for stmt in ctx.tree.body
        if isinstance(stmt, ast.ClassDef)
        for base in stmt.bases
        if isinstance(base, ast.Name)
    }
    found: dict[str, ConfigurationClass] = {}
    for node in classes:  # NOTE: in source order, so a local base comes first
        known, imported, local_bases = False, list[str](), list[str]()
        for base in node.bases:
            qualified = ctx.qualified(base)
            local = found.get(base.id) if isinstance(base, ast.Name) else None
            if qualified in _CONFIGURATION:
                known = True
            elif local is not None:
                local_bases.append(local.name)
                known = known or local.known
                imported += local.bases
            elif isinstance(base, ast.Name) and base.id in ctx.names.aliases and qualified:
                imported.append(qualified)
                known = known or imports_package
        if known or imported:
            leaf = node.name not in derived
            alias = len(node.bases) == len(local_bases) == 1 and _sets_nothing(node)
            found[node.name] = ConfigurationClass(
                node.name,
                ctx.location(node),
                leaf,
                known,
                tuple(imported),
                tuple(local_bases),
                alias,
            )
    return tuple(found.values())


def _sets_nothing(node: ast.ClassDef) -> bool:
    """A class body of a docstring, `pass` or `...` only, with no keyword or decorator."""
    if node.keywords or node.decorator_list:
        return False
    return all(
        isinstance(stmt, ast.Pass)
        or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))
        for stmt in node.body
    )


def may_be_configuration(ctx: FileContext, stmt: ast.stmt) -> bool:
    """Whether a module-level statement is a class deriving from `Configuration`, or from
    an imported class while setting a known Django setting (`class Production(Common)`
    in `config/production.py`)."""
    if not isinstance(stmt, ast.ClassDef) or not stmt.bases:
        return False
    if any(ctx.qualified(base) in _CONFIGURATION for base in stmt.bases):
        return True
    imported = any(isinstance(b, ast.Name) and b.id in ctx.names.aliases for b in stmt.bases)
    return imported and bool(KNOWN.intersection(class_settings(stmt)))


Find = Callable[[str, str], str | None]


def is_configuration(
    facts: dict[str, SettingsFacts], find: Find, relpath: str, name: str, depth: int = 0
) -> bool:
    """Whether class `name` of settings module `relpath` is a configuration: known to be
    there, or derived from one of another settings module."""
    if depth > _MAX_DEPTH or relpath not in facts:
        return False
    found = next((c for c in facts[relpath].configurations if c.name == name), None)
    if found is None:
        return False
    if found.known:
        return True
    for base in found.bases:
        module, _, cls = base.rpartition(".")
        target = find(module, relpath)
        if target is not None and is_configuration(facts, find, target, cls, depth + 1):
            return True
    return False
