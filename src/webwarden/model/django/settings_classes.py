"""Class-based settings: a class whose upper-case attributes are the settings, copied into
the module by a call given the module's name.

```python
class DockerSettings(CommunityBaseSettings):  # from .base import CommunityBaseSettings
    DEBUG = False

DockerSettings.load_settings(__name__)
```

The module then has the settings of the class, those of its bases first (the rightmost
base first, as Python's attribute lookup prefers the leftmost): a base of the same module
is read in place, an imported one as an `Import` of that class from its module.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.django.defaults import KNOWN
from webwarden.model.django.facts import Assign, Import, Op
from webwarden.model.module import FileContext

ReadBody = Callable[[list[ast.stmt]], tuple[Op, ...]]


def settings_classes(ctx: FileContext, read: ReadBody) -> dict[str, tuple[Op, ...]]:
    """The module-level classes of settings, each as the settings it gives (its bases'
    first), read with `read`: those assigning a known Django setting in their body, the
    one the module exports, and those derived from one of these."""
    classes = {stmt.name: stmt for stmt in ctx.tree.body if isinstance(stmt, ast.ClassDef)}
    exported = {exported_class(stmt) for stmt in ctx.tree.body}
    local = {
        name: node
        for name, node in classes.items()
        if name in exported or KNOWN.intersection(class_settings(node))
    }
    grown = True
    while grown:
        derived = {
            name: node
            for name, node in classes.items()
            if name not in local
            and any(isinstance(b, ast.Name) and b.id in local for b in node.bases)
        }
        local.update(derived)
        grown = bool(derived)
    found: dict[str, tuple[Op, ...]] = {}

    def expand(node: ast.ClassDef, seen: frozenset[str]) -> tuple[Op, ...]:
        ops: list[Op] = []
        for base in reversed(node.bases):
            if isinstance(base, ast.Name) and base.id in local and base.id not in seen:
                ops.extend(expand(local[base.id], seen | {base.id}))
            elif (imported := _imported_class(ctx, base)) is not None:
                module, _, name = imported.rpartition(".")
                ops.append(Import(module, None, ctx.location(base), of_class=name))
        return (*ops, *read(node.body), *_computed(ctx, node))

    for name, node in local.items():
        found[name] = expand(node, frozenset({name}))
    return found


def _computed(ctx: FileContext, node: ast.ClassDef) -> Iterator[Op]:
    """`def MIDDLEWARE(self): ...`: a setting the class computes, set to a value not known
    here (a list built item by item, or from other settings). django-configurations calls
    each upper-case method of the class it loads and takes what it returns as the setting
    (`@property` does the same for other loaders): either way the value of a base no
    longer ships."""
    for stmt in node.body:
        if (
            isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef)
            and stmt.name.isupper()
            and not stmt.name.startswith("_")
        ):
            yield Assign(stmt.name, UNKNOWN, ctx.location(stmt))


def class_settings(node: ast.ClassDef) -> Iterator[str]:
    """The upper-case names a class body assigns (or computes in a method)."""
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name.isupper():
            yield stmt.name
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        if isinstance(stmt, ast.AnnAssign):
            targets = [stmt.target]
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper():
                yield target.id


def exported_class(stmt: ast.stmt) -> str | None:
    """`Settings.load_settings(__name__)`: the class a module-level call hands the
    module's name, which copies the class's settings into the module."""
    match stmt:
        case ast.Expr(
            value=ast.Call(
                func=ast.Attribute(value=ast.Name(id=name)),
                args=[ast.Name(id="__name__")],
                keywords=[],
            )
        ):
            return name
    return None


def _imported_class(ctx: FileContext, base: ast.expr) -> str | None:
    """The qualified name of an imported base class (`from .base import Base`)."""
    if not isinstance(base, ast.Name) or base.id not in ctx.names.aliases:
        return None
    qualified = ctx.qualified(base)
    return qualified if qualified and "." in qualified else None
