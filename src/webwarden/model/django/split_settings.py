"""django-split-settings: `include("components/base.py", optional("local.py"))`.

Each file `include` names is run in the namespace of the module that includes it, in
order: a component reads what earlier ones set (`if not DEBUG:`) and edits it
(`MIDDLEWARE += [...]`), unlike a star import, which runs the imported module on its own.
Paths are relative to the including file's folder and may be glob patterns (matched in
sorted order); a path wrapped in `optional()` may match nothing, any other must match.
The paths may come in a list given spread, `include(*components)`, built first and
added to by the module (`components.append(path)` for each plugin a variable turns on).

The older split settings of Django's wiki (Transifex's) do the same by hand: a loop over
the files a glob finds beside the module, each run with `exec` (`execfile` on Python 2)
in the module's namespace: `for f in sorted(glob.glob(os.path.join(os.path.dirname(
__file__), "*.conf"))): exec(compile(open(f).read(), f, "exec"))` (see `exec_includes`).
The wiki's single-file form runs one local settings file so: `exec(open(path).read())`,
`execfile(path)`, or `with open(path) as f: exec(compile(f.read(), path, "exec"))`
(see `exec_file`).
"""

from __future__ import annotations

import ast
import dataclasses
import glob
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from fnmatch import fnmatchcase

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Location
from webwarden.model.django.facts import Branch, Condition, Include, Op, Overlay, SettingsFacts
from webwarden.model.django.spread_lists import (
    SpreadEntry,
    Test,
    bound_at_module_level,
    spread_entries,
)
from webwarden.model.module import FileContext
from webwarden.model.roles import role_of_branch

_INCLUDE = frozenset({"split_settings.tools.include", "split_settings.include"})
_OPTIONAL = frozenset({"split_settings.tools.optional", "split_settings.optional"})
_EXEC = frozenset({"exec", "execfile"})
_GLOBS = frozenset({"glob.glob", "glob.iglob"})
_ORDERING = frozenset({"sorted", "list"})
_FOLDER = "os.path.dirname"
_SAME_PATH = frozenset({"os.path.abspath", "os.path.realpath", "os.path.normpath"})
_JOIN = "os.path.join"
_OPEN = frozenset({"open", "io.open", "codecs.open"})
_NAMESPACES = frozenset({"globals", "locals", "vars"})


def is_include(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `call` is django-split-settings' `include()`."""
    return ctx.call_name(call) in _INCLUDE


def includes(
    ctx: FileContext,
    call: ast.Call,
    location: Location,
    guarded: bool,
    condition: Callable[[ast.expr], Condition],
) -> Iterator[Include | Branch]:
    """The files an `include()` call runs, each pattern as a path from the project's root.

    A path built from a value known only at run time (`f"{env}.py"`, the environment
    picking `dev.py` or `prod.py`) becomes a pattern with `*` for each unknown part, of
    which one file runs; a path with no known part is left out. A list given spread
    (`include(*components)`) names its files, and those the module adds to it before
    (see `spread_entries`); one added under a test runs in a `Branch` made by
    `condition` (see `_added_under`)."""
    folder = posixpath.dirname(ctx.relpath)
    named: list[tuple[str, bool, str, tuple[Test, ...]]] = []
    for entry in _entries(ctx, call):
        arg = entry.node
        optional = (
            isinstance(arg, ast.Call) and ctx.call_name(arg) in _OPTIONAL and len(arg.args) == 1
        )
        node = entry.bound(arg.args[0] if isinstance(arg, ast.Call) and optional else arg)
        path = ctx.evaluate(node)
        run_time = ""
        if not isinstance(path, str):
            path, run_time = _run_time_pattern(ctx, node), ast.unparse(node)
        if path and not posixpath.isabs(path):
            joined = posixpath.normpath(posixpath.join(folder, path))
            named.append((joined, optional or guarded, run_time, entry.tests))
    besides = tuple(pattern for pattern, _, run_time, _ in named if not run_time)
    for pattern, optional, run_time, tests in named:
        include = Include(pattern, location, optional, run_time, besides if run_time else ())
        yield Branch(_added_under(tests, condition), (include,), ()) if tests else include


def _added_under(tests: tuple[Test, ...], condition: Callable[[ast.expr], Condition]) -> Condition:
    """The condition under which an item was added to a spread list, decided as all its
    tests together, and labelled by the tests as written, each shortened as the module's
    own `if`s are: the item of `elif B:` by `` `B` `` (not `` `not (not A and B)` ``),
    keeping an earlier test's failing only when it tells a development or test arm
    (`` `not IS_PRODUCTION` ``), and the item of the closing `else:` by every test
    failing. It is left out when its own test fails (`` `not B` ``, for the `else:`
    item `` `C` ``, the last test of the chain), which reads as the code does; the
    others' holding (`A`) leaves it out too."""
    whole = tests[0].as_holding
    for inner in tests[1:]:
        whole = ast.copy_location(
            ast.BoolOp(op=ast.And(), values=[whole, inner.as_holding]), inner.node
        )
    decided = condition(whole)
    if len(tests) == 1:
        return decided
    labels = [
        (condition(test.node).text if test.holds else condition(test.node).otherwise, test.holds)
        for test in tests
    ]
    if any(holds for _, holds in labels):
        labels = [
            (label, holds)
            for label, holds in labels
            if holds or role_of_branch(label).is_development
        ]
    last = condition(tests[-1].node)
    return dataclasses.replace(
        decided,
        text=" and ".join(label for label, _ in labels),
        otherwise=last.otherwise if tests[-1].holds else last.text,
    )


def _entries(ctx: FileContext, call: ast.Call) -> Iterator[SpreadEntry]:
    for arg in call.args:
        if isinstance(arg, ast.Starred) and isinstance(arg.value, ast.Name):
            yield from spread_entries(ctx, arg.value, call.lineno)
        elif not isinstance(arg, ast.Starred):
            yield SpreadEntry(arg)


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
        if depth in {None, relpath.count("/")}
        and (
            fnmatchcase(relpath, pattern)
            # NOTE: `**/` also stands for no folder, as in a recursive glob.
            or (pattern.startswith("**/") and fnmatchcase(relpath, pattern[3:]))
        )
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


def exec_includes(ctx: FileContext, loop: ast.For) -> Op | None:
    """The files a module-level loop runs with `exec` in the module's namespace, as an
    `Include` of the glob it loops over (`for f in sorted(glob.glob(os.path.join(
    os.path.dirname(__file__), "*.conf"))): exec(...)`, the list possibly named first:
    `conffiles = glob.glob(...)`), matched in sorted order as the wiki's layout sorts
    them; None for any other loop. A glob of an absolute folder (`/etc/app/*.conf`,
    the deployment's overrides) runs files no tree holds: they may set any setting, an
    `Overlay`."""
    if not any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _EXEC
        for stmt in loop.body
        for node in ast.walk(stmt)
    ):
        return None
    listed = bound_at_module_level(ctx, loop.iter, loop.lineno)
    while isinstance(listed, ast.Call) and ctx.call_name(listed) in _ORDERING and listed.args:
        listed = bound_at_module_level(ctx, listed.args[0], loop.lineno)
    if not (isinstance(listed, ast.Call) and ctx.call_name(listed) in _GLOBS and listed.args):
        return None
    pattern = _path(ctx, listed.args[0], loop.lineno)
    if pattern is None:
        return None
    if posixpath.isabs(pattern):
        return Overlay(ctx.location(loop))
    return Include(pattern, ctx.location(loop), optional=True)


def exec_file(
    ctx: FileContext, call: ast.Call, opened: Mapping[str, ast.expr], guarded: bool
) -> Op | None:
    """The file a module-level `exec` of its code runs in the module's namespace:
    `exec(open(path).read())`, `execfile(path)`, `exec(compile(f.read(), path, "exec"))`
    with `f` opened by an enclosing `with open(path) as f` (`opened` maps such names to
    their paths). A path in the tree is an `Include` (optional when `guarded`: a `try`
    or a test that the file exists); one whose name the environment completes in a
    known folder (`os.path.join(os.path.dirname(__file__), f"env_{ENV}.py")`) is an
    `Include` of the files the name may be, one of which runs; one whose folder is
    known only at run time (`os.path.join(conf_dir, "local_settings.py")`, the folder
    picked from `sys.prefix`) is an `Include` of the tree's files ending so, one of
    which runs (the template a deployment copies and edits); an absolute path or an unknown one names the
    deployment's own file, an `Overlay` when the module cannot start without it.
    None for any other call, and for code run in a namespace of its own
    (`exec(code, {})`)."""
    path = _executed_path(ctx, call, opened)
    if path is None:
        return None
    location = ctx.location(call)
    known = _path(ctx, path, call.lineno)
    if known is not None and not posixpath.isabs(known):
        return Include(known, location, optional=guarded)
    chosen = None if known is not None else _chosen_file(ctx, path, call.lineno)
    if chosen is not None:
        pattern, name = chosen
        return Include(pattern, location, guarded, run_time=ast.unparse(name))
    tail = None if known is not None else _tail(ctx, path, call.lineno)
    if tail is not None:
        return Include(f"**/{tail}", location, guarded, run_time=ast.unparse(path))
    return None if guarded else Overlay(location)


def _chosen_file(ctx: FileContext, node: ast.expr, before: int) -> tuple[str, ast.JoinedStr] | None:
    """`os.path.join(os.path.dirname(__file__), f"env_{ENV}.py")`: a known folder of the
    tree and a file name the environment completes at run time -> the pattern of the
    files it may name (`site/settings/env_*.py`) and the name as written; one of them
    runs, as one of the files `include("base.py", f"{env}.py")` names does. None when
    the folder is not known or the name has no known part."""
    node = bound_at_module_level(ctx, node, before)
    if not (isinstance(node, ast.Call) and ctx.call_name(node) == _JOIN and len(node.args) >= 2):
        return None
    if node.keywords or not isinstance(name := node.args[-1], ast.JoinedStr):
        return None
    start = _path(ctx, node.args[0], before)
    middle = [ctx.evaluate(arg) for arg in node.args[1:-1]]
    pattern = _run_time_pattern(ctx, name)
    if start is None or pattern is None or "/" in pattern:
        return None
    if posixpath.isabs(start) or not all(isinstance(part, str) for part in middle):
        return None
    joined = posixpath.normpath(posixpath.join(start, *(str(part) for part in middle), pattern))
    return None if joined.startswith("../") or joined == ".." else (joined, name)


def _executed_path(
    ctx: FileContext, call: ast.Call, opened: Mapping[str, ast.expr]
) -> ast.expr | None:
    """The path of the file whose code `call` runs in the module's own namespace."""
    if not isinstance(call.func, ast.Name) or call.func.id not in _EXEC or not call.args:
        return None
    if not all(_namespace(arg) for arg in call.args[1:]) or call.keywords:
        return None
    code = call.args[0]
    if call.func.id == "execfile":
        return code
    if isinstance(code, ast.Call) and ctx.call_name(code) == "compile" and code.args:
        code = code.args[0]
    if not (isinstance(code, ast.Call) and isinstance(code.func, ast.Attribute)):
        return None
    reader, method = code.func.value, code.func.attr
    if method == "read" and isinstance(reader, ast.Name):
        return opened.get(reader.id)
    if method == "read" and isinstance(reader, ast.Call) and ctx.call_name(reader) in _OPEN:
        return reader.args[0] if reader.args else None
    return None


def _namespace(node: ast.expr) -> bool:
    """`globals()` (or `locals()`, `vars()`): the module's own namespace."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _NAMESPACES
        and not node.args
    )


def opened_files(ctx: FileContext, items: Iterable[ast.withitem]) -> dict[str, ast.expr]:
    """The names a `with` binds to files it opens, each with the file's path."""
    return {
        item.optional_vars.id: item.context_expr.args[0]
        for item in items
        if isinstance(item.optional_vars, ast.Name)
        and isinstance(item.context_expr, ast.Call)
        and ctx.call_name(item.context_expr) in _OPEN
        and item.context_expr.args
    }


def _tail(ctx: FileContext, node: ast.expr, before: int) -> str | None:
    """`os.path.join(conf_dir, "patchman", "local_settings.py")` with `conf_dir` known
    only at run time -> `patchman/local_settings.py`: the known parts after the last
    unknown one (a relative literal is relative to the working directory, itself known
    only at run time); None when the last part is unknown or climbs out (`..`)."""
    node = bound_at_module_level(ctx, node, before)
    if isinstance(node, ast.Call) and ctx.call_name(node) == _JOIN:
        parts = node.args
    elif isinstance(node, ast.Constant):
        parts = [node]
    else:
        return None
    known: list[str] = []
    for arg in reversed(parts):
        part = ctx.evaluate(arg)
        if not isinstance(part, str) or posixpath.isabs(part):
            break
        known.insert(0, part)
    tail = posixpath.normpath("/".join(known)) if known else ""
    if not tail or tail == "." or tail.startswith(".."):
        return None
    return glob.escape(tail)


def _path(ctx: FileContext, node: ast.expr, before: int, depth: int = 0) -> str | None:
    """A path as a relpath from the project's root (absolute when written so), from a
    literal or from the module's own folder (`os.path.dirname(__file__)`) joined to
    literals; None when it is relative to the working directory or not known."""
    node = bound_at_module_level(ctx, node, before)
    if depth > 8:
        return None
    if isinstance(node, ast.Name) and node.id == "__file__":
        return ctx.relpath
    if isinstance(node, ast.Constant):
        text = node.value
        return text if isinstance(text, str) and posixpath.isabs(text) else None
    if not isinstance(node, ast.Call) or node.keywords or not node.args:
        return None
    name = ctx.call_name(node)
    if name in _SAME_PATH and len(node.args) == 1:
        return _path(ctx, node.args[0], before, depth + 1)
    if name == _FOLDER and len(node.args) == 1:
        inner = _path(ctx, node.args[0], before, depth + 1)
        return None if inner is None else posixpath.dirname(inner)
    if name != _JOIN:
        return None
    start = _path(ctx, node.args[0], before, depth + 1)
    rest = [ctx.evaluate(arg) for arg in node.args[1:]]
    if start is None or not all(isinstance(part, str) for part in rest):
        return None
    joined = posixpath.normpath(posixpath.join(start, *(str(part) for part in rest)))
    return None if joined.startswith("../") or joined == ".." else joined.removeprefix("./")
