"""django-split-settings: `include("components/base.py", optional("local.py"))`.

Each file `include` names is run in the namespace of the module that includes it, in
order: a component reads what earlier ones set (`if not DEBUG:`) and edits it
(`MIDDLEWARE += [...]`), unlike a star import, which runs the imported module on its own.
Paths are relative to the including file's folder and may be glob patterns (matched in
sorted order); a path wrapped in `optional()` may match nothing, any other must match.
"""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Iterable, Iterator, Mapping
from fnmatch import fnmatchcase

from webwarden.model.django.facts import Branch, Include, Op, SettingsFacts
from webwarden.model.module import FileContext

_INCLUDE = frozenset({"split_settings.tools.include", "split_settings.include"})
_OPTIONAL = frozenset({"split_settings.tools.optional", "split_settings.optional"})


def is_include(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `call` is django-split-settings' `include()`."""
    return ctx.call_name(call) in _INCLUDE


def included_paths(ctx: FileContext, call: ast.Call) -> Iterator[tuple[str, bool]]:
    """The patterns an `include()` call names, each as a path from the project's root,
    and whether it is optional; a path not known without running the code is left out."""
    folder = posixpath.dirname(ctx.relpath)
    for arg in call.args:
        optional = (
            isinstance(arg, ast.Call) and ctx.call_name(arg) in _OPTIONAL and len(arg.args) == 1
        )
        node = arg.args[0] if isinstance(arg, ast.Call) and optional else arg
        path = ctx.evaluate(node)
        if isinstance(path, str) and path and not posixpath.isabs(path):
            yield posixpath.normpath(posixpath.join(folder, path)), optional


def matching(pattern: str, relpaths: Iterable[str]) -> list[str]:
    """The relpaths a pattern names, sorted as split-settings runs them."""
    depth = None if "**" in pattern else pattern.count("/")
    return sorted(
        relpath
        for relpath in relpaths
        if fnmatchcase(relpath, pattern) and depth in {None, relpath.count("/")}
    )


def includers(facts: Mapping[str, SettingsFacts]) -> dict[str, set[str]]:
    """Relpath of each settings file some `include()` runs -> the relpaths including it."""
    found: dict[str, set[str]] = {}
    for relpath, module in facts.items():
        for include in _includes(module.ops):
            for target in matching(include.pattern, facts):
                if target != relpath:
                    found.setdefault(target, set()).add(relpath)
    return found


def _includes(ops: Iterable[Op]) -> Iterator[Include]:
    for op in ops:
        if isinstance(op, Include):
            yield op
        elif isinstance(op, Branch):
            yield from _includes(op.body)
            yield from _includes(op.orelse)
