"""Comparisons of an item with the object it was drawn from."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_Comprehension = ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp


def drawn_from(ctx: FileContext, item: ast.expr, whole: ast.expr) -> bool:
    """`for token in head.subtree: if token != head`: `item` is the variable of a loop
    (or comprehension) around the comparison over a part of `whole` itself (an attribute
    of it, or what a method of it returns). Such a comparison tells a node of a parse
    tree or a graph from the node it was reached from (spaCy's tokens, an AST's
    children), by identity: no string is compared character by character."""
    if not (isinstance(item, ast.Name) and isinstance(whole, ast.Name)):
        return False
    for ancestor in ctx.ancestors(item):
        for target, iterable in _loops(ancestor):
            if isinstance(target, ast.Name) and target.id == item.id:
                return _part_of(iterable, whole.id)
    return False


def _loops(node: ast.AST) -> list[tuple[ast.expr, ast.expr]]:
    if isinstance(node, ast.For | ast.AsyncFor):
        return [(node.target, node.iter)]
    if isinstance(node, _Comprehension):
        return [(g.target, g.iter) for g in node.generators]
    return []


def _part_of(iterable: ast.expr, name: str) -> bool:
    """`head.subtree`, `head.children`, `node.walk()`: an attribute of the variable
    `name`, or a call of one of its methods."""
    if isinstance(iterable, ast.Call):
        iterable = iterable.func
    return (
        isinstance(iterable, ast.Attribute)
        and isinstance(iterable.value, ast.Name)
        and iterable.value.id == name
    )
