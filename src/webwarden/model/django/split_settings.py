"""django-split-settings: `include("components/base.py", optional("local.py"))`.

Each file `include` names is run in the namespace of the module that includes it, in
order: a component reads what earlier ones set (`if not DEBUG:`) and edits it
(`MIDDLEWARE += [...]`), unlike a star import, which runs the imported module on its own.
Paths are relative to the including file's folder and may be glob patterns (matched in
sorted order); a path wrapped in `optional()` may match nothing, any other must match.
"""

from __future__ import annotations

import ast
import glob
import posixpath
from collections.abc import Iterable, Iterator, Mapping
from fnmatch import fnmatchcase

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model.django.facts import Branch, Include, Op, SettingsFacts
from webwarden.model.module import FileContext

_INCLUDE = frozenset({"split_settings.tools.include", "split_settings.include"})
_OPTIONAL = frozenset({"split_settings.tools.optional", "split_settings.optional"})


def is_include(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `call` is django-split-settings' `include()`."""
    return ctx.call_name(call) in _INCLUDE


def includes(
    ctx: FileContext, call: ast.Call, location: Location, guarded: bool
) -> Iterator[Include]:
    """The files an `include()` call runs, each pattern as a path from the project's root.

    A path built from a value known only at run time (`f"{env}.py"`, the environment
    picking `dev.py` or `prod.py`) becomes a pattern with `*` for each unknown part, of
    which one file runs; a path with no known part is left out."""
    folder = posixpath.dirname(ctx.relpath)
    named: list[tuple[str, bool, str]] = []
    for arg in call.args:
        optional = (
            isinstance(arg, ast.Call) and ctx.call_name(arg) in _OPTIONAL and len(arg.args) == 1
        )
        node = arg.args[0] if isinstance(arg, ast.Call) and optional else arg
        path = ctx.evaluate(node)
        run_time = ""
        if not isinstance(path, str):
            path, run_time = _run_time_pattern(ctx, node), ast.unparse(node)
        if path and not posixpath.isabs(path):
            joined = posixpath.normpath(posixpath.join(folder, path))
            named.append((joined, optional or guarded, run_time))
    besides = tuple(pattern for pattern, _, run_time in named if not run_time)
    for pattern, optional, run_time in named:
        yield Include(pattern, location, optional, run_time, besides if run_time else ())


def _run_time_pattern(ctx: FileContext, node: ast.expr) -> str | None:
    """`f"{env}.py"` -> `*.py`: the known parts kept, each unknown one any name."""
    if not isinstance(node, ast.JoinedStr):
        return None
    parts: list[str] = []
    for value in node.values:
        known = ctx.evaluate(value.value if isinstance(value, ast.FormattedValue) else value)
        if isinstance(value, ast.FormattedValue) and (value.format_spec or value.conversion > 0):
            known = UNKNOWN
        parts.append(glob.escape(known) if isinstance(known, str) else "*")
    pattern = "".join(parts)
    return pattern if pattern.strip("*/") else None


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
                if target != relpath and not _besides(include, target):
                    found.setdefault(target, set()).add(relpath)
    return found


def _includes(ops: Iterable[Op]) -> Iterator[Include]:
    for op in ops:
        if isinstance(op, Include):
            yield op
        elif isinstance(op, Branch):
            yield from _includes(op.body)
            yield from _includes(op.orelse)


def chosen_among(include: Include, relpaths: Iterable[str]) -> list[str]:
    """The files a run-time path may name: those its pattern matches but no path the same
    call names literally (`include("base.py", f"{env}.py")` never picks `base.py`)."""
    return [t for t in matching(include.pattern, relpaths) if not _besides(include, t)]


def _besides(include: Include, target: str) -> bool:
    return any(matching(pattern, [target]) for pattern in include.besides)
