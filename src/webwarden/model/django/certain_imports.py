"""Whether a settings module's guarded star import of a module of the tree succeeds.

`with suppress(ImportError): from ee.sso.sso_settings import *` (or `try: ... except
ImportError: pass`) guards an import that may fail; when the module is one of the tree's
and everything it imports is Python's standard library, Django, or such a module of the
tree in turn, nothing can raise `ImportError` there: the settings it sets are in effect
in every deployment, not only "when the import succeeds". A module importing anything
else (`sentry_sdk`, an optional extra) may be missing, and keeps both outcomes; so does
a host's override beside the settings module, which the resolver leaves out before asking
(`Resolver._imports_certain`).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterator

from webwarden.model.module import FileContext
from webwarden.model.names import absolute_module

Find = Callable[[str, str], str | None]
"""(dotted name as imported, importing relpath) -> the relpath of that module, or None."""
Parse = Callable[[str], FileContext | None]
"""Dotted name -> the project's module parsed, or None."""

_CAUGHT = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
"""Exceptions whose handler takes an `ImportError` raised in its `try`."""
_ALWAYS_THERE = frozenset({"django"})
"""Packages a Django project's settings module is only ever imported with."""


def imports_succeed(modules: tuple[str, ...], origin: str, find: Find, parse: Parse) -> bool:
    """Whether importing every module of `modules` (absolute) from the module at `origin`
    cannot raise `ImportError`: each is the tree's, and what it imports outside guards
    of its own is the standard library's, Django's or, recursively, such a module."""
    seen: set[str] = set()
    return bool(modules) and all(_succeeds(m, origin, find, parse, seen) for m in modules)


def _succeeds(dotted: str, origin: str, find: Find, parse: Parse, seen: set[str]) -> bool:
    if dotted in seen:
        return True  # NOTE: an import cycle: judged where it started
    seen.add(dotted)
    relpath = find(dotted, origin)
    context = parse(dotted) if relpath is not None else None
    if relpath is None or context is None:
        return False
    package = relpath.endswith("__init__.py")
    for node in _unguarded_imports(context.tree.body):
        for name in _imported(node, context.module, package):
            top = name.partition(".")[0]
            if top in sys.stdlib_module_names or top in _ALWAYS_THERE:
                continue
            if isinstance(node, ast.ImportFrom) and not _star(node):
                return False  # NOTE: a name the tree's module may not bind
            if not _succeeds(name, relpath, find, parse, seen):
                return False
    return True


def _unguarded_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The module-level imports an `ImportError` of which reaches the importer: not
    those in a function or class, nor in a `try` with a handler that takes it."""
    for statement in body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            yield statement
        elif isinstance(statement, ast.If | ast.For | ast.While):
            yield from _unguarded_imports(statement.body + statement.orelse)
        elif isinstance(statement, ast.With):
            yield from _unguarded_imports(statement.body)
        elif isinstance(statement, ast.Try):
            if not any(map(_takes_import_error, statement.handlers)):
                yield from _unguarded_imports(statement.body)
            yield from _unguarded_imports(statement.orelse + statement.finalbody)
            for handler in statement.handlers:
                yield from _unguarded_imports(handler.body)


def _takes_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    if caught is None:
        return True
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(n, ast.Name) and n.id in _CAUGHT for n in names)


def _imported(node: ast.Import | ast.ImportFrom, module: str, package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    name = absolute_module(module, node.level, node.module, is_package=package)
    if name:
        yield name


def _star(node: ast.ImportFrom) -> bool:
    return any(alias.name == "*" for alias in node.names)
