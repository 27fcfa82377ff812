"""Tests of what kind of address an IP is (`ip.is_private`), and the module's own
functions that make them: a predicate (`def is_blocked(ip): return ip.is_private or
...`) and a check that raises on one (`def check_host(host): ... if is_blocked(ip):
raise ...`), which an SSRF validator calls on the host of the URL it splits."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.analysis.taint.specs import ADDRESS_KINDS


@dataclass(frozen=True, slots=True)
class AddressChecks:
    """The module's top-level functions that test or refuse internal addresses."""

    predicates: frozenset[str] = frozenset()
    """Return a test that holds for an address of the network's own."""
    refusers: frozenset[str] = frozenset()
    """Raise under such a test (their argument is the host checked)."""


def holds_for_internal(node: ast.AST, predicates: frozenset[str], negated: bool = False) -> bool:
    """A test that holds when an address is the network's own: `ip.is_private` (or
    `is_loopback`, ...), `not ip.is_global`, or a call of one of the module's
    `predicates`; not `not ip.is_private`."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return holds_for_internal(node.operand, predicates, not negated)
    if isinstance(node, ast.Attribute) and node.attr in ADDRESS_KINDS:
        return negated == (node.attr == "is_global")
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in predicates
    ):
        return not negated
    return any(
        holds_for_internal(child, predicates, negated) for child in ast.iter_child_nodes(node)
    )


def refuses(test: ast.If, predicates: frozenset[str]) -> bool:
    """`if <internal address test>: raise ...`."""
    raises = any(isinstance(s, ast.Raise) for s in test.body)
    return raises and holds_for_internal(test.test, predicates)


def address_checks(tree: ast.Module) -> AddressChecks:
    """The predicates and refusing checks among the module's top-level functions."""
    functions = {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    if not any(_mentions_address_kind(node) for node in functions.values()):
        return AddressChecks()
    predicates: set[str] = set()
    grown = True
    while grown:
        found = {
            name for name, node in functions.items() if _predicate(node, frozenset(predicates))
        }
        grown = found != predicates
        predicates = found
    known = frozenset(predicates)
    refusers = {
        name for name, node in functions.items() if any(refuses(test, known) for test in _ifs(node))
    }
    return AddressChecks(known, frozenset(refusers))


def _mentions_address_kind(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr in ADDRESS_KINDS for n in ast.walk(node))


def _predicate(node: ast.FunctionDef | ast.AsyncFunctionDef, predicates: frozenset[str]) -> bool:
    """Every `return` gives a test of an internal address (constants aside), one at least."""
    returned = [
        r.value
        for r in _own_nodes(node)
        if isinstance(r, ast.Return)
        and r.value is not None
        and not isinstance(r.value, ast.Constant)
    ]
    return bool(returned) and all(holds_for_internal(value, predicates) for value in returned)


def _ifs(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.If]:
    return (n for n in _own_nodes(node) if isinstance(n, ast.If))


def _own_nodes(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of the function's body, not those of functions or classes inside it."""
    pending: list[ast.AST] = list(node.body)
    while pending:
        current = pending.pop()
        yield current
        if not isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            pending.extend(ast.iter_child_nodes(current))
