"""Literals a module keeps to recognise its own configuration's insecure values.

`DEFAULT_SECRET_KEYS = {"jm8f..."}` read only as `settings.SECRET_KEY in
DEFAULT_SECRET_KEYS` (a deployment check warning that the shipped key is still in use)
holds keys the code refuses, not one it presents: comparing a setting with literals
tests what the operator configured and authenticates nobody.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.configured import configuration

_COLLECTIONS = (ast.Set, ast.List, ast.Tuple)


def refused_configuration_values(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` is an element of a collection a module-level name holds, every read
    of which is the container of a membership test of a configuration value
    (`settings.SECRET_KEY in NAME`, `app.config["API_KEY"] not in NAME`)."""
    collection = ctx.parent(node)
    if not isinstance(collection, _COLLECTIONS):
        return False
    holder = ctx.parent(collection)
    if not (
        isinstance(holder, ast.Assign)
        and isinstance(ctx.parent(holder), ast.Module)
        and len(holder.targets) == 1
        and isinstance(target := holder.targets[0], ast.Name)
    ):
        return False
    reads = [
        name
        for name in ctx.nodes(ast.Name)
        if isinstance(name, ast.Name) and name.id == target.id and name is not target
    ]
    return bool(reads) and all(_tests_configuration(ctx, read) for read in reads)


def _tests_configuration(ctx: FileContext, read: ast.Name) -> bool:
    compare = ctx.parent(read)
    return (
        isinstance(read.ctx, ast.Load)
        and isinstance(compare, ast.Compare)
        and len(compare.ops) == 1
        and isinstance(compare.ops[0], ast.In | ast.NotIn)
        and compare.comparators[0] is read
        and configuration(ctx, compare.left)
    )
