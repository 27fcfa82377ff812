"""Reads a view's code makes that give a number or plain words whatever the request: a
module constant the module binds once (`GOAL = 500`), an item the function set on its
own dict before reading it back (`context["done"] = qs.count()`, then `context["done"]
* 100`), the ISO text of a date (`day.isoformat()`), and the names a comprehension
binds, which say nothing of the function's locals of the same name."""

from __future__ import annotations

import ast
import re

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.module import FileContext

PLAIN_WORDS = re.compile(r"[\w./-]*", re.ASCII)
"""Text that ends no string and starts no tag, in HTML or in JavaScript."""
_ISO_KEYWORDS = frozenset({"timespec"})
"""`isoformat(timespec="minutes")` only picks the precision; `sep` may be any text."""


def module_value_inert(ctx: FileContext, name: ast.Name) -> bool:
    """Whether `name` reads a constant the module binds once to a number, a boolean or
    plain words (`OBJECTIF_COMMUNES = 5000`), as Python resolves it where it is read."""
    value = ctx.evaluate(name)
    return value is not UNKNOWN and _inert(value)


def number_constants(ctx: FileContext) -> tuple[str, ...]:
    """The names the module binds once, at its top level, to a literal number, boolean or
    plain words (`OBJECTIF_COMMUNES = 10000`): inert wherever a module importing them
    reads them (see `number_functions`, whose judgement such a read assumes)."""
    bound: dict[str, int] = {}
    inert: set[str] = set()
    for statement in ctx.tree.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    bound[name.id] = bound.get(name.id, 0) + 1
        if len(targets) == 1 and isinstance(targets[0], ast.Name) and _literal_inert(value):
            inert.add(targets[0].id)
    return tuple(sorted(name for name in inert if bound[name] == 1))


def _literal_inert(value: ast.expr) -> bool:
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub | ast.UAdd):
        value = value.operand
    return isinstance(value, ast.Constant) and _inert(value.value)


def _inert(value: object) -> bool:
    """A number, a boolean, `None` or plain words (`PLAIN_WORDS`)."""
    if isinstance(value, str):
        return PLAIN_WORDS.fullmatch(value) is not None
    return isinstance(value, int | float) or value is None


def iso_date_text(call: ast.Call) -> bool:
    """`day.isoformat()`: a date's, time's or datetime's ISO text, digits, `-`, `:`,
    `T`, `.` and `+`, none of which ends a string or starts a tag or code."""
    return (
        isinstance(call.func, ast.Attribute)
        and call.func.attr == "isoformat"
        and not call.args
        and all(k.arg in _ISO_KEYWORDS for k in call.keywords)
    )


def own_item_read(
    read: ast.Subscript, items: dict[str, list[tuple[str, ast.expr]]]
) -> tuple[str, str, list[ast.expr]] | None:
    """`(variable, key, values)` when `read` is `variable["key"]` and the function set
    that key on that dict on an earlier line (`context["nb"] = ...`, then
    `max(context["nb"] - goal, 0)`): every value the function sets it to, which the
    read gives unless a caller's item under that key is read before the first set."""
    if not (
        isinstance(read.value, ast.Name)
        and isinstance(read.slice, ast.Constant)
        and isinstance(read.slice.value, str)
    ):
        return None
    variable, key = read.value.id, read.slice.value
    values = [held for each, held in items.get(variable, []) if each == key]
    if not any(held.lineno < read.lineno for held in values):
        return None
    return variable, key, values


DICT_READS = frozenset({"get", "values", "keys", "items", "copy"})
"""Methods that read a dict and change nothing in it."""
_NUMBER_FACTORIES = frozenset({"int", "float"})
"""`defaultdict(int)`: a missing key reads as 0, and `+=` keeps a number (or raises)."""


def returned_dict_values(function: str) -> str:
    """The name of every value of the dict `function` returns (`zero_counts()[*]`), as
    `number_functions` lists it when each is always inert, whatever its key."""
    return f"{function}()[*]"


def number_defaultdict(ctx: FileContext, made: ast.expr) -> bool:
    """`defaultdict(int)` (or `float`): a dict whose missing keys read as 0."""
    return (
        isinstance(made, ast.Call)
        and ctx.call_name(made) == "collections.defaultdict"
        and len(made.args) == 1
        and not made.keywords
        and isinstance(made.args[0], ast.Name)
        and made.args[0].id in _NUMBER_FACTORIES
    )


_COUNTED = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.List, ast.Tuple, ast.Set)
"""What `Counter(...)` counts the items of (not a mapping, whose values it copies)."""


def number_counter(ctx: FileContext, made: ast.expr) -> bool:
    """`Counter([a.name for a in authors])`, `Counter()`: a dict whose every value is
    how many times its key was counted (not `Counter(mapping)`, which copies values)."""
    return (
        isinstance(made, ast.Call)
        and ctx.call_name(made) == "collections.Counter"
        and not made.keywords
        and (not made.args or (len(made.args) == 1 and isinstance(made.args[0], _COUNTED)))
    )


def dict_only_read(function: ast.AST, name: str, handed: ast.expr | None = None) -> bool:
    """Whether the function uses its local dict `name` only to bind it, to set, step or
    read items (`d[k] = v`, `d[k] += 1`, `d[k]`), to test keys (`k in d`) and through
    methods that change nothing (`d.get(k, 0)`, `d.values()`): no `update()`, no
    `setdefault()`, not handed to another function, which might add any value; but for
    `handed`, the one use of it that hands it to a template's context."""
    allowed: set[int] = {id(handed)} if handed is not None else set()
    for node in ast.walk(function):
        match node:
            case ast.Attribute(value=ast.Name(id=held) as used, attr=attr) if held == name:
                if attr not in DICT_READS:
                    return False
                allowed.add(id(used))
            case ast.Subscript(value=ast.Name(id=held) as used) if held == name:
                allowed.add(id(used))
            case ast.Compare(comparators=[ast.Name(id=held) as used]) if held == name:
                allowed.add(id(used))
            case ast.Assign(targets=[ast.Name(id=held) as used]) if held == name:
                allowed.add(id(used))
    return all(
        id(node) in allowed
        for node in ast.walk(function)
        if isinstance(node, ast.Name) and node.id == name
    )


def comprehension_names(
    node: ast.ListComp | ast.GeneratorExp | ast.DictComp,
) -> frozenset[str]:
    """The names the comprehension's loops bind (`w` of `[f(w) for w in weeks]`)."""
    return frozenset(
        target.id
        for generator in node.generators
        for target in ast.walk(generator.target)
        if isinstance(target, ast.Name)
    )
