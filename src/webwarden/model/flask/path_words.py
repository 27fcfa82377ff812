"""Allow-lists of words a request hook looks for anywhere in the path, not at its start:
`if any(word in request.path for word in PUBLIC): return`, or a check made only when the
path holds none of them (`all(word not in request.path for word in PUBLIC)`, also spelt
`len(list(filter(lambda w: w not in request.path, PUBLIC))) == len(PUBLIC)`). Every path
in which one of the words appears is let through, wherever the word stands in it."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.tree import name_attribute

CONTAINS = "~"
"""The prefix of a word any path holding it is let through by (`~locale`)."""


def holding(ctx: FileContext, test: ast.expr) -> list[str]:
    """`CONTAINS` + each word when `test` is true for a path holding one of them and no
    other (`"static" in request.path`, `any(w in request.path for w in PUBLIC)`)."""
    if _compares_path(test, ast.In):
        assert isinstance(test, ast.Compare)  # noqa: S101 - checked above
        return _words(ctx, [test.left])
    if _called(test, "any"):
        assert isinstance(test, ast.Call)  # noqa: S101 - checked above
        return _each_word(ctx, test.args[0], ast.In)
    return []


def lacking(ctx: FileContext, test: ast.expr) -> list[str]:
    """`CONTAINS` + each word when `test` is true only for a path holding none of them
    (`"static" not in request.path`, `all(w not in request.path for w in PUBLIC)`, or
    every word kept by a filter for those not in the path:
    `len(list(filter(lambda w: w not in request.path, PUBLIC))) == len(PUBLIC)`)."""
    if _compares_path(test, ast.NotIn):
        assert isinstance(test, ast.Compare)  # noqa: S101 - checked above
        return _words(ctx, [test.left])
    if _called(test, "all"):
        assert isinstance(test, ast.Call)  # noqa: S101 - checked above
        return _each_word(ctx, test.args[0], ast.NotIn)
    return _all_kept(ctx, test)


def _compares_path(test: ast.expr, op: type[ast.cmpop], word: str | None = None) -> bool:
    """`<word> in request.path` (or `not in`), the word a name when `word` is given."""
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], op)
        and name_attribute(test.comparators[0], "request", "path")
        and (word is None or (isinstance(test.left, ast.Name) and test.left.id == word))
    )


def _called(node: ast.expr, name: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == name
        and len(node.args) == 1
        and not node.keywords
    )


def _each_word(ctx: FileContext, node: ast.expr, op: type[ast.cmpop]) -> list[str]:
    """The words of `(w in request.path for w in WORDS)` (a generator or a list built
    so), the test being `op`; none for any other comprehension."""
    if not isinstance(node, ast.GeneratorExp | ast.ListComp) or len(node.generators) != 1:
        return []
    loop = node.generators[0]
    if loop.ifs or not isinstance(loop.target, ast.Name):
        return []
    return _words(ctx, [loop.iter]) if _compares_path(node.elt, op, loop.target.id) else []


def _all_kept(ctx: FileContext, test: ast.expr) -> list[str]:
    """`len(list(filter(lambda w: w not in request.path, WORDS))) == len(WORDS)`."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return []
    if not isinstance(test.ops[0], ast.Eq):
        return []
    kept, total = _length_of(test.left), _length_of(test.comparators[0])
    if kept is None or total is None:
        return []
    if _called(kept, "list"):
        assert isinstance(kept, ast.Call)  # noqa: S101 - checked above
        kept = kept.args[0]
    if not (isinstance(kept, ast.Call) and isinstance(kept.func, ast.Name)):
        return []
    if kept.func.id != "filter" or len(kept.args) != 2 or kept.keywords:
        return []
    keep, words = kept.args
    if ast.unparse(words) != ast.unparse(total) or not isinstance(keep, ast.Lambda):
        return []
    parameters = keep.args.args
    if len(parameters) != 1 or not _compares_path(keep.body, ast.NotIn, parameters[0].arg):
        return []
    return _words(ctx, [words])


def _length_of(node: ast.expr) -> ast.expr | None:
    """X of `len(X)`."""
    return node.args[0] if _called(node, "len") and isinstance(node, ast.Call) else None


def _words(ctx: FileContext, nodes: list[ast.expr]) -> list[str]:
    """`CONTAINS` + each non-empty string a node's constant value is, or holds (a list,
    tuple or set of strings); none when anything else is among them."""
    found: list[str] = []
    for node in nodes:
        value = ctx.evaluate(node)
        items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        if not items or not all(isinstance(item, str) and item for item in items):
            return []
        if isinstance(value, set | frozenset):
            items.sort()  # NOTE: a set's order differs from run to run
        found += [CONTAINS + str(item) for item in items]
    return found
