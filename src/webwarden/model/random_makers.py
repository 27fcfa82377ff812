"""Functions of a module that return what the `random` module drew, and the signing
secrets a module sets from calls, so that a secret key made by a helper of another
module (`SECRET_KEY = random_string(16)`) can be judged by what the helper does."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext, identifier_words
from webwarden.model.project import ProjectModel

RANDOM_MAKER_FACTS = "random_makers"
PREDICTABLE_DRAWS = frozenset(
    f"random.{name}"
    for name in ("random", "randint", "randrange", "choice", "choices", "sample", "getrandbits")
) | frozenset({"random.randbytes", "numpy.random.choice", "numpy.random.bytes"})
"""Draws of a Mersenne Twister (the `random` module's and NumPy's global generators)."""
_MAX_CALLS = 4


@dataclass(frozen=True, slots=True)
class KeySet:
    """A secret key set from calls: where, the key's name, and the callees' names."""

    line: int
    column: int
    end_line: int
    end_column: int
    key: str
    callees: tuple[str, ...]
    holder: str
    """The class whose body sets it (`DevelopmentConfig`), or ""."""


@dataclass(frozen=True, slots=True)
class RandomMakerFacts:
    """The module's top-level functions returning a draw, and the keys it sets."""

    makers: frozenset[str]
    keys: tuple[KeySet, ...]


def extract_random_makers(ctx: FileContext) -> RandomMakerFacts | None:
    """The module's draw-returning functions and its secret keys set from calls."""
    draws = any(_draw(ctx, call) for call in ctx.nodes(ast.Call))
    makers = frozenset(
        statement.name
        for statement in (ctx.tree.body if draws else [])
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
        and _returns_draw(ctx, statement)
    )
    keys = tuple(_keys_set(ctx))
    return RandomMakerFacts(makers, keys) if makers or keys else None


def _returns_draw(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`return "".join(random.choice(chars) for _ in range(n))`, also through a local
    bound once to such a value (`key = random.getrandbits(128)`, `return hex(key)`)."""
    for node in ast.walk(function):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        for part in ast.walk(node.value):
            if isinstance(part, ast.Name):
                bound = ctx.lookup(part)
                part = bound if bound is not None else part
            if any(_draw(ctx, inner) for inner in ast.walk(part)):
                return True
    return False


def _draw(ctx: FileContext, node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and ctx.call_name(node) in PREDICTABLE_DRAWS):
        return False
    root = node.func
    while isinstance(root, ast.Attribute):
        root = root.value
    # NOTE: `random = SystemRandom()` then `random.choice(...)`: another generator.
    return not (isinstance(root, ast.Name) and ctx.lookup(root) is not None)


def secret_key_name(name: str) -> bool:
    """`SECRET_KEY`, `secret_key`, `JWT_SECRET_KEY`: a name ending in "secret key"."""
    return identifier_words(name)[-2:] == ["secret", "key"]


def _keys_set(ctx: FileContext) -> list[KeySet]:
    found = []
    for node in ctx.nodes(ast.Assign):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        key = _key_name(node.targets[0])
        if key is None or not secret_key_name(key):
            continue
        callees = tuple(
            callee
            for call in ast.walk(node.value)
            if isinstance(call, ast.Call) and (callee := _callee(ctx, call)) is not None
        )[:_MAX_CALLS]
        if not callees:
            continue
        owner = ctx.parent(node)
        holder = owner.name if isinstance(owner, ast.ClassDef) else ""
        end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
        found.append(KeySet(node.lineno, node.col_offset + 1, *end, key, callees, holder))
    return sorted(found, key=lambda k: (k.line, k.column))


def _key_name(target: ast.expr) -> str | None:
    """`SECRET_KEY`, `app.secret_key`, `app.config["SECRET_KEY"]`."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return target.slice.value if isinstance(target.slice.value, str) else None
    return None


def _callee(ctx: FileContext, call: ast.Call) -> str | None:
    """The qualified name of a function the call may run, a top-level one of this
    module qualified with the module's name."""
    if isinstance(call.func, ast.Name) and ctx.module_function(call.func.id) is not None:
        return f"{ctx.module}.{call.func.id}"
    name = ctx.call_name(call)
    return name if name is not None and "." in name else None


def returns_draw(project: ProjectModel, qualified: str) -> bool:
    """Whether the project's function `qualified` returns what `random` drew."""
    module, _, name = qualified.rpartition(".")
    summary = project.modules_named(module) if module else None
    facts = summary.facts.get(RANDOM_MAKER_FACTS) if summary is not None else None
    return isinstance(facts, RandomMakerFacts) and name in facts.makers


EXTRACTORS.append(FactExtractor(RANDOM_MAKER_FACTS, extract_random_makers))
