"""Lists of the items that fail a membership test: `invalid = [f for f in fields if f not
in ALLOWED]`. Where such a list is empty (`if invalid: return error`), every item of
`fields` is a member of `ALLOWED`, as if each had been tested on its own. So with the
set of a mapping's keys less an allow-list (`set(updates.keys()) - ALLOWED`): where it is
empty, every key names an allowed field (the values are not checked); and so where a list
a loop fills with the keys or items refused is empty (`for f in data: if f not in
ALLOWED: invalid.append(f)`), past a loop that returns at the first one refused, and
where `all(f in ALLOWED for f in data)` holds."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import LOOKUPS
from webwarden.model.tree import walk

Local = Callable[[ast.expr], str | None]
"""The local an expression names, else None."""
Lower = Callable[[ast.expr], ir.Expr]
"""The IR of an expression, in the scope of the comprehension's function."""


def rejected_guards(
    found: ast.ListComp | ast.SetComp, local: Local, lower: Lower
) -> tuple[ir.Guard, ...]:
    """The guard an empty `found` establishes: the local it walks holds only members of
    the collection its one condition tests (judged as a membership test of that local).
    Not for a condition of more parts (`f not in ALLOWED and f != "id"`: an item may be
    kept out by the other part), nor for a collection made from the item itself."""
    if len(found.generators) != 1:
        return ()
    walked = found.generators[0]
    target = walked.target
    if not isinstance(target, ast.Name) or walked.is_async or len(walked.ifs) != 1:
        return ()
    container = _member(walked.ifs[0], target.id, wanted=False)
    if container is None or _mentions(container, target.id):
        return ()
    if any(isinstance(node, ast.Lambda) for node in walk(container)):
        return ()  # NOTE: lowered once already, with the comprehension
    name = local(walked.iter)
    return (ir.Guard(name, "member", container=lower(container)),) if name else ()


@dataclass(frozen=True, slots=True)
class LoopRejection:
    """What a loop that tests each item against an allow-list establishes: with
    `filled`, where that list of the items refused is empty; without, past the loop
    (which leaves the function at the first item refused)."""

    guards: tuple[ir.Guard, ...]
    filled: str | None = None


def loop_rejection(loop: ast.For | ast.AsyncFor, local: Local) -> LoopRejection | None:
    """What a loop whose first statement is `if item not in ALLOWED:` establishes when
    that `if` leaves the function (ends in `return` or `raise`), or first adds the item
    to a list (`invalid.append(item)`, `.add(item)`): each item the loop walks (`for f
    in fields`, the keys of `for k, v in data.items()` or `for k in data.keys()`) names
    an allowed field, for the kinds that choose fields (as `outside_guards`). Not a
    member guard, as the comprehension's: a walked mapping's values (`data["name"]`)
    are not checked, and the walk does not tell a mapping from a list. Not when a
    `break` may stop the loop before every item was tested, nor for a collection made
    from the item or the list."""
    if isinstance(loop, ast.AsyncFor) or not loop.body:
        return None
    walked = _walked(loop.target, loop.iter, local)
    first = loop.body[0]
    if walked is None or not isinstance(first, ast.If) or not first.body:
        return None
    item, name = walked
    container = _member(first.test, item, wanted=False)
    leaves = isinstance(first.body[-1], ast.Return | ast.Raise)
    filled = None if leaves else _filled(first.body[0], item)
    if container is None or not (leaves or filled):
        return None
    if filled is not None and local(ast.Name(filled, ast.Load())) is None:
        return None
    if _mentions(container, item, filled or item):
        return None
    stopping = (*first.orelse, *loop.body[1:])
    if any(isinstance(n, ast.Break) for s in stopping for n in walk(s)):
        return None
    return LoopRejection((ir.Guard(name, "classes", kinds=KEYS_CHECKED),), filled)


def quantified_guards(
    made: ast.expr, held: bool, local: Local
) -> tuple[tuple[ir.Guard, ...], tuple[ir.Guard, ...]] | None:
    """(guards where it holds, where it fails) of `all(f in ALLOWED for f in fields)`
    (`held`: every item names an allowed field where it holds) and `any(f not in ALLOWED
    for f in fields)` (where it fails), given the builtin's argument `made`, the items as
    in `loop_rejection`. Not when the generator skips items (`for f in fields if f !=
    "id"`)."""
    if not isinstance(made, ast.GeneratorExp | ast.ListComp):
        return None
    if len(made.generators) != 1:
        return None
    walked = made.generators[0]
    if walked.ifs or walked.is_async:
        return None
    found = _walked(walked.target, walked.iter, local)
    if found is None:
        return None
    item, name = found
    container = _member(made.elt, item, wanted=held)
    if container is None or _mentions(container, item):
        return None
    guard = ir.Guard(name, "classes", kinds=KEYS_CHECKED)
    return ((guard,), ()) if held else ((), (guard,))


def _walked(target: ast.expr, walked: ast.expr, local: Local) -> tuple[str, str] | None:
    """(the item's name, the local walked) of a loop over a local (`for f in fields`) or its keys (`for k, v in data.items()`,
    `for k in data.keys()`)."""
    owner = _keys_owner(walked)
    if owner is not None:
        walked = owner  # NOTE: `for k in data.keys()` walks the keys, as `for k in data`
    items = _items_owner(walked)
    name = local(walked if items is None else items)
    if name is None:
        return None
    if items is None and isinstance(target, ast.Name):
        return target.id, name
    if (
        items is not None
        and isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and isinstance(target.elts[0], ast.Name)
    ):
        return target.elts[0].id, name
    return None


def _member(test: ast.expr, item: str, *, wanted: bool) -> ast.expr | None:
    """The collection of `item in C` (`wanted`; `not item not in C` too), or of `item not
    in C` (`not item in C` too)."""
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    compared = test.operand if isinstance(test, ast.UnaryOp) and negated else test
    if not (
        isinstance(compared, ast.Compare)
        and len(compared.ops) == 1
        and isinstance(compared.left, ast.Name)
        and compared.left.id == item
    ):
        return None
    member = ast.NotIn if negated == wanted else ast.In
    return compared.comparators[0] if isinstance(compared.ops[0], member) else None


def _mentions(node: ast.expr, *names: str) -> bool:
    """Whether `node` reads one of the `names` (a collection made from the item, or from
    the local walked)."""
    return any(isinstance(n, ast.Name) and n.id in names for n in walk(node))


def _filled(statement: ast.stmt, item: str) -> str | None:
    """The list `statement` adds `item` to: `invalid.append(item)`, `invalid.add(item)`."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return None
    call = statement.value
    if not (
        isinstance(call.func, ast.Attribute)
        and call.func.attr in {"append", "add"}
        and isinstance(call.func.value, ast.Name)
        and len(call.args) == 1
        and not call.keywords
        and isinstance(call.args[0], ast.Name)
        and call.args[0].id == item
    ):
        return None
    return call.func.value.id


KEYS_CHECKED = frozenset({"fields", LOOKUPS})
"""The sink kinds a mapping whose keys are all allowed field names cannot choose: which
fields it sets (as `fields.FIELDS_CHECKED`)."""

_SETS = frozenset({"set", "frozenset"})


def outside_guards(found: ast.expr, local: Local) -> tuple[ir.Guard, ...]:
    """The guard an empty `found` establishes when it is the keys of a local less a
    collection (`set(updates) - ALLOWED`, `set(updates.keys()) - ALLOWED`,
    `updates.keys() - ALLOWED`, `set(updates).difference(ALLOWED)`): the local names only
    allowed fields, for the kinds that choose fields (its values and, were it a list,
    its items may still be anything). Not for a collection made from the local itself."""
    if isinstance(found, ast.BinOp) and isinstance(found.op, ast.Sub):
        keys, allowed = found.left, found.right
    elif (
        isinstance(found, ast.Call)
        and isinstance(found.func, ast.Attribute)
        and found.func.attr == "difference"
        and len(found.args) == 1
        and not found.keywords
    ):
        keys, allowed = found.func.value, found.args[0]
    else:
        return ()
    name = _keys_of(keys, local)
    if name is None or _mentions(allowed, name):
        return ()
    return (ir.Guard(name, "classes", kinds=KEYS_CHECKED),)


def _keys_of(node: ast.expr, local: Local) -> str | None:
    """The local whose keys `node` holds: `set(x)`, `frozenset(x)`, `set(x.keys())` or
    `x.keys()`."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _SETS
        and len(node.args) == 1
        and not node.keywords
    ):
        node = node.args[0]
        owner = _keys_owner(node)
        return local(node) if owner is None else local(owner)
    owner = _keys_owner(node)
    return None if owner is None else local(owner)


def _keys_owner(node: ast.expr) -> ast.expr | None:
    """`x` of `x.keys()`."""
    return _method_owner(node, "keys")


def _items_owner(node: ast.expr) -> ast.expr | None:
    """`x` of `x.items()`."""
    return _method_owner(node, "items")


def _method_owner(node: ast.expr, method: str) -> ast.expr | None:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == method
        and not node.args
        and not node.keywords
    ):
        return node.func.value
    return None
