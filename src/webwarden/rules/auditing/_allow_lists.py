"""Values held to a collection the developer wrote: chosen from it under an `if`, looped
over, or every other value refused first."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext


def chosen_from_constants(ctx: FileContext, at: ast.AST, value: ast.expr) -> bool:
    """`value` is one of a constant collection's where `at` runs: inside the body of an
    `if` that tests it against one (`if name in SCRIPTS:` or `SCRIPTS.keys()`, with
    `SCRIPTS` a literal dict, list, tuple or set of strings and numbers)."""
    wanted = ast.unparse(value)  # NOTE: not ast.dump, whose recursive closure is a cycle
    child = at
    for ancestor in ctx.ancestors(at):
        if isinstance(ancestor, ast.If) and any(child is s for s in ancestor.body):
            tests = (
                ancestor.test.values
                if isinstance(ancestor.test, ast.BoolOp) and isinstance(ancestor.test.op, ast.And)
                else [ancestor.test]
            )
            if any(_member_of_constants(ctx, test, wanted) for test in tests):
                return True
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        child = ancestor
    return False


def listed_code(ctx: FileContext, at: ast.AST, code: ast.expr) -> bool:
    """Code made of constants and names each held to a collection of the developer's
    where `at` runs (`"x" + op + "y"` after `if op not in OPERATORS: raise ...`, or
    inside `if op in OPERATORS:`), or drawn by the code itself from such a collection or
    as a number (`op = random.choice(["+", "-"])`, `n = random.randint(1, 100)`, joined
    by `+` or in an f-string): one of a few texts the source fixes."""
    parts: list[ast.expr] = [code]
    listed = False
    while parts:
        part = parts.pop()
        if isinstance(part, ast.BinOp) and isinstance(part.op, ast.Add):
            parts += [part.left, part.right]
        elif isinstance(part, ast.JoinedStr):
            parts += part.values
        elif isinstance(part, ast.FormattedValue) and part.format_spec is None:
            parts.append(part.value)
        elif isinstance(part, ast.Name) and (
            chosen_from_constants(ctx, at, part)
            or refused_unless_listed(ctx, at, part)
            or _drawn(ctx, part)
        ):
            listed = True
        elif not ctx.is_constant(part):
            return False
    return listed


_NUMBER_DRAWS = frozenset(
    {"random.randint", "random.randrange", "random.random", "random.uniform", "secrets.randbelow"}
)
_CHOICES = frozenset({"random.choice", "secrets.choice"})


def _drawn(ctx: FileContext, name: ast.Name) -> bool:
    """`name`, bound once, to a random number or a random member of a literal collection
    of strings and numbers: a value the code draws, which no caller chooses."""
    values = ctx.scopes.values_of(name)
    if values is None or len(values) != 1 or not isinstance(values[0], ast.Call):
        return False
    call = values[0]
    callee = ctx.call_name(call)
    if callee in _NUMBER_DRAWS:
        return True
    return (
        callee in _CHOICES and len(call.args) == 1 and constant_members(ctx.evaluate(call.args[0]))
    )


def refused_unless_listed(ctx: FileContext, at: ast.AST, name: ast.Name) -> bool:
    """`name`, bound once in its function, is one of a module-level collection's where
    `at` runs: an earlier statement refuses every other value (`if op not in OPERATORS:
    raise ValueError(op)`, also `OPERATORS.values()` or `.keys()`), with the collection
    the module's own or an import's, which no caller chooses."""
    function = ctx.scopes.enclosing_function(at)
    values = ctx.scopes.values_of(name)
    if function is None or values is None or len(values) != 1:
        return False
    child = at
    for ancestor in ctx.ancestors(at):
        for block in _blocks(ancestor):
            if any(child is statement for statement in block):
                before = block[: next(i for i, s in enumerate(block) if s is child)]
                if any(_refuses_unlisted(ctx, s, name.id) for s in before):
                    return True
        if ancestor is function:
            return False
        child = ancestor
    return False


def _blocks(node: ast.AST) -> list[list[ast.stmt]]:
    found = [getattr(node, field, None) for field in ("body", "orelse", "finalbody")]
    return [block for block in found if isinstance(block, list)]


def _refuses_unlisted(ctx: FileContext, statement: ast.stmt, name: str) -> bool:
    """`if name not in COLLECTION: raise ...` (or `return ...`)."""
    if not (
        isinstance(statement, ast.If)
        and statement.body
        and isinstance(statement.body[-1], ast.Raise | ast.Return)
    ):
        return False
    test = statement.test
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.NotIn)
        and isinstance(test.left, ast.Name)
        and test.left.id == name
    ):
        return False
    collection = _collection(ctx, test.comparators[0], {"keys", "values"})
    if constant_members(ctx.evaluate(collection)):
        return True
    while isinstance(collection, ast.Attribute):
        collection = collection.value
    return isinstance(collection, ast.Name) and ctx.scopes.binding_scope(collection) is ctx.tree


def looped_over_constants(ctx: FileContext, name: ast.Name, *, commands: bool = False) -> bool:
    """`name` is read in the body of the loop that is its only binding in the scope, over
    a literal collection of strings and numbers (`for policy in ["tls", "transport"]:`):
    each turn it holds one of the developer's constants. With `commands`, a collection
    of literal argument lists counts too (`for cmd in [["rm -rf dist"], ["npm ci"]]:`)."""
    values = ctx.scopes.values_of(name)
    if values is None or len(values) != 1:
        return False
    child: ast.AST = name
    for ancestor in ctx.ancestors(name):
        if isinstance(ancestor, ast.For | ast.AsyncFor):
            target = ancestor.target
            if isinstance(target, ast.Name) and target.id == name.id:
                members = ctx.evaluate(ancestor.iter)
                constant = constant_members(members) or (commands and _argument_lists(members))
                return any(child is s for s in ancestor.body) and constant
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return False
        child = ancestor
    return False


def _argument_lists(members: object) -> bool:
    """A non-empty literal collection of non-empty literal lists of strings."""
    return (
        isinstance(members, list | tuple)
        and bool(members)
        and all(isinstance(m, list | tuple) and constant_members(m) for m in members)
    )


def constant_members(members: object) -> bool:
    """A non-empty literal collection of strings and numbers."""
    return (
        isinstance(members, dict | list | tuple | set | frozenset)
        and bool(members)
        and all(isinstance(m, str | int) and not isinstance(m, bool) for m in members)
    )


def _member_of_constants(ctx: FileContext, test: ast.expr, wanted: str) -> bool:
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.In)
        and ast.unparse(test.left) == wanted
    ):
        return False
    collection = _collection(ctx, test.comparators[0], {"keys"})
    return constant_members(ctx.evaluate(collection))


_COPIES = frozenset(
    {"dict", "set", "frozenset", "list", "tuple", "sorted"}
    | {f"builtins.{name}" for name in ("dict", "set", "frozenset", "list", "tuple", "sorted")}
)
"""Builtins that copy a collection: a member of the copy is one of the original's (of
`dict(PAIRS)`, one of the first items of its pairs, `settings.EXPORT_FORMATS` as
Django's `choices` are written)."""


def _collection(ctx: FileContext, node: ast.expr, views: set[str]) -> ast.expr:
    """The collection a membership test reads: `COLLECTION` of `COLLECTION.keys()` (or
    another of `views`), of `dict(COLLECTION)`, `set(COLLECTION)`, or of both."""
    while isinstance(node, ast.Call) and not node.keywords:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in views and not node.args:
            node = func.value
        elif len(node.args) == 1 and ctx.call_name(node) in _COPIES:
            node = node.args[0]
        else:
            break
    return node
