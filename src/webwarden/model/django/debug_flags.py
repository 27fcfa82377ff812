"""Settings of the project's own that are on only when `DEBUG` is.

`USE_SILK = DEBUG and HAS_SILK` in a settings module, then `if settings.USE_SILK:` in a
URLconf: the routes added there are a development server's, as under `if
settings.DEBUG:` (see `webwarden.model.debug_branches`). And `DEBUG` itself set in the
arms of an `if` reading a development flag from the environment (`debug_read_in_test`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import DeployTime
from webwarden.findings import Location
from webwarden.model.django.facts import Assign, Branch, Op, SettingsFacts
from webwarden.model.django.settings import SettingsModule
from webwarden.model.module import FileContext

_DEBUG = "DEBUG"


def debug_flag_assignments(
    ctx: FileContext, body: list[ast.stmt]
) -> tuple[tuple[str, Location], ...]:
    """The statements of a settings module's top level (also in its `if`s) that set a
    setting to `DEBUG` or to `DEBUG and ...`, each with the setting's name: true only
    when `DEBUG` is."""
    found: list[tuple[str, Location]] = []
    for stmt in body:
        if isinstance(stmt, ast.If):
            found.extend(debug_flag_assignments(ctx, stmt.body))
            found.extend(debug_flag_assignments(ctx, stmt.orelse))
            continue
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            continue
        if not _implies_debug(ctx, value):
            continue
        found.extend(
            (target.id, ctx.location(stmt))
            for target in targets
            if isinstance(target, ast.Name) and target.id.isupper() and target.id != _DEBUG
        )
    return tuple(found)


def _implies_debug(ctx: FileContext, node: ast.expr, follow: bool = True) -> bool:
    """`DEBUG` itself (the module's setting, or `settings.DEBUG`), or `DEBUG and ...`;
    also, with `follow`, a call of a function of the module returning that
    (`show_toolbar()` with `def show_toolbar(*args): return DEBUG and USE_TOOLBAR`)."""
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return any(_implies_debug(ctx, value, follow) for value in node.values)
    if isinstance(node, ast.Name):
        return node.id == _DEBUG
    if follow and isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        returned = _returned(ctx.tree.body, node.func.id)
        return returned is not None and _implies_debug(ctx, returned, follow=False)
    return isinstance(node, ast.Attribute) and ctx.qualified(node) == "django.conf.settings.DEBUG"


def _returned(body: list[ast.stmt], name: str) -> ast.expr | None:
    """What the module's one top-level function `name` returns when its body is that
    `return` alone (after a docstring) and no parameter of its is named `DEBUG`; None
    for any other function, or a name bound otherwise too."""
    bound = [
        stmt
        for stmt in body
        if (
            isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and stmt.name == name
        )
        or (
            isinstance(
                stmt, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.Import | ast.ImportFrom
            )
            and name in _bound_names(stmt)
        )
    ]
    if len(bound) != 1 or not isinstance(function := bound[0], ast.FunctionDef):
        return None
    statements = function.body
    if (
        statements
        and isinstance(first := statements[0], ast.Expr)
        and isinstance(first.value, ast.Constant)
    ):
        statements = statements[1:]
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
    if any(a.arg == _DEBUG for a in every) or len(statements) != 1:
        return None
    returned = statements[0]
    return returned.value if isinstance(returned, ast.Return) else None


def _bound_names(stmt: ast.stmt) -> set[str]:
    """The names a top-level assignment or import binds."""
    if isinstance(stmt, ast.Import | ast.ImportFrom):
        return {(a.asname or a.name).partition(".")[0] for a in stmt.names}
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, ast.AnnAssign | ast.AugAssign):
        targets = [stmt.target]
    else:
        return set()
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def debug_flags(judged: Iterable[SettingsModule], facts: Iterable[SettingsFacts]) -> frozenset[str]:
    """The settings that every judged settings module giving them a value sets only as
    `DEBUG` or `DEBUG and ...` (a module giving none leaves `settings.NAME` undefined,
    so nothing it guards is served)."""
    places: dict[str, set[Location]] = {}
    for found in facts:
        for name, location in found.debug_flags:
            places.setdefault(name, set()).add(location)
    flags = set(places)
    for module in judged:
        for name in list(flags):
            given = module.values.get(name, ())
            if (not given and not module.complete) or any(
                p.location not in places[name] for p in given
            ):
                flags.discard(name)
    return frozenset(flags)


def debug_read_in_test(branch: Branch, tested: object) -> Iterator[Op]:
    """The branch, and `DEBUG` itself when the test is a development flag read from the
    environment, left undecided (`Condition.truth`), and the arms set `DEBUG` to it:
    `True` in the arm the variable's default takes, `False` in the other (`if
    os.environ.get("DEBUG", "true").lower() == "false": DEBUG = False else: DEBUG =
    True`). That is `DEBUG` read at deploy time, on when unset, as `DEBUG =
    env.bool("DEBUG", True)` is: one value, whichever arm runs (the flag's default is
    reported itself), the other settings of each arm kept under its condition."""
    if (
        branch.condition.truth is not UNKNOWN
        or not isinstance(tested, DeployTime)
        or not isinstance(tested.if_unset, bool)
    ):
        yield branch
        return
    default_arm, other_arm = (
        (branch.body, branch.orelse) if tested.if_unset else (branch.orelse, branch.body)
    )
    on = [op for op in default_arm if isinstance(op, Assign) and op.name == _DEBUG]
    off = [op for op in other_arm if isinstance(op, Assign) and op.name == _DEBUG]
    if not (len(on) == len(off) == 1 and on[0].value is True and off[0].value is False):
        yield branch
        return
    yield Assign(_DEBUG, DeployTime(tested.lookups, if_unset=True), on[0].location)
    body = tuple(op for op in branch.body if op not in (on[0], off[0]))
    orelse = tuple(op for op in branch.orelse if op not in (on[0], off[0]))
    yield Branch(branch.condition, body, orelse)
