"""Functions whose every result is a number, a boolean or a plain word.

A dashboard view hands its template what a helper of another module counts
(`"open": stats.open_issues(project_id)`, where `open_issues` returns
`int(rows.aggregate(n=Sum("open"))["n__sum"])` or `0`): written into a script, such a
value ends no string and starts no code. Each module tells which of its top-level
functions return only values a view's own would be inert for (see
`CollectedContext._inert`), with the functions of the project that judgement leaves
to be told (a helper summing what other helpers count); the template model settles
those across modules (`settle`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator, Sequence

from webwarden.model.function_returns import function_returns
from webwarden.model.module import FileContext
from webwarden.model.templates.collected_context import CollectedContext
from webwarden.model.templates.feeds import Feeds, FunctionScope
from webwarden.model.templates.inert_reads import number_constants, returned_dict_values
from webwarden.model.templates.returned_items import returned_items

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_NOT_NUMBERS = (
    ast.Dict,
    ast.Set,
    ast.JoinedStr,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.Attribute,
    ast.Await,
)
"""Returned values that are not a number, or that this module does not follow."""


def number_functions(
    ctx: FileContext, results: dict[int, list[ast.expr]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The module's top-level functions (not generators, nor decorated but to cache what
    they return) every `return` of which gives
    an inert value in the function's own scope (a number, a boolean, a plain word, or a
    local every assignment of which gives one), at least one `return` giving a value;
    each with the qualified names of the project's functions that judgement assumes
    return only such values too; and the module's constants of such values, which
    assume nothing; and the items of a dict a function builds and returns that are
    always such values (`returned_items`). `results` is the module's `returned_values`."""
    functions = judged_functions(ctx, results, CollectedContext.inert_assuming, _maybe_numbers)
    constants = tuple((name, ()) for name in number_constants(ctx))
    building = [f for f in _top_functions(ctx) if _returns_a_name(results.get(id(f), []))]
    items = tuple(returned_items(ctx, results, building))
    return functions + constants + items + tuple(_dict_value_functions(ctx, results))


def _dict_value_functions(
    ctx: FileContext, results: dict[int, list[ast.expr]]
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The module's top-level functions every `return` of which gives a dict display of
    inert values (`return {"high": 0, "low": 0}`), or whose one `return` gives a local
    dict holding only such values, only read and stepped but for that return (`counts =
    zero_counts()`, `counts[row["level"]] += 1`, `return counts`; see
    `CollectedContext.values_inert_assuming`): every value of what they return is inert,
    whatever key a template reads. Named by `returned_dict_values`, each with the
    project's functions that judgement assumes."""
    for function in _top_functions(ctx):
        returned = results.get(id(function), [])
        displays = bool(returned) and all(isinstance(value, ast.Dict) for value in returned)
        if not displays and not (len(returned) == 1 and isinstance(returned[0], ast.Name)):
            continue
        collected = CollectedContext(
            ctx, Feeds(ctx, FunctionScope.in_module(ctx, function, view=False))
        )
        judged = [collected.values_inert_assuming(value) for value in returned]
        if all(passed for passed, _ in judged):
            assumed = [need for _, needs in judged for need in needs]
            yield returned_dict_values(function.name), tuple(dict.fromkeys(assumed))


def _top_functions(ctx: FileContext) -> Iterator[_Function]:
    """The module's top-level functions, not decorated but to cache what they return."""
    for function in ctx.tree.body:
        if isinstance(function, _Function) and all(
            caching(ctx, d) for d in function.decorator_list
        ):
            yield function


def _returns_a_name(returned: Sequence[ast.expr]) -> bool:
    """A cheap screen: every returned value is a bare name (a dict the function built)."""
    return bool(returned) and all(isinstance(value, ast.Name) for value in returned)


def _maybe_numbers(returned: Sequence[ast.expr]) -> bool:
    """Whether no returned value is one `inert_assuming` cannot find a number."""
    return not any(isinstance(value, _NOT_NUMBERS) for value in returned)


Judge = Callable[[CollectedContext, ast.expr], tuple[bool, Sequence[str]]]
"""Whether a returned value passes in its function's own scope, and the qualified names of
the project's functions it passes only if they do too."""


def judged_functions(
    ctx: FileContext,
    results: dict[int, list[ast.expr]],
    judge: Judge,
    screen: Callable[[Sequence[ast.expr]], bool] | None = None,
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The module's top-level functions (not generators, nor decorated but to cache what
    they return) at least one `return` of which gives a value, every returned value
    passing `screen` (all together) and `judge` (each in the function's own scope); each
    with the project's functions the judgement assumes. `results` is the module's
    `returned_values`."""
    found: list[tuple[str, tuple[str, ...]]] = []
    # NOTE: another decorator than a cache's may hand back something else
    for function in _top_functions(ctx):
        returned = results.get(id(function), [])
        if not returned or (screen is not None and not screen(returned)):
            continue
        collected = CollectedContext(
            ctx, Feeds(ctx, FunctionScope.in_module(ctx, function, view=False))
        )
        assumed: list[str] = []
        for value in returned:
            passed, needs = judge(collected, value)
            if not passed:
                break
            assumed += needs
        else:
            found.append((function.name, tuple(dict.fromkeys(assumed))))
    return tuple(found)


_CACHING = frozenset({"cache", "lru_cache", "cached", "memoize", "cached_function"})
"""Last names of decorators that hand back what the function returned, remembered."""


def caching(ctx: FileContext, decorator: ast.expr) -> bool:
    """Whether `decorator` hands back what the function returned, remembered."""
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = ctx.qualified(called) or ""
    return name.rpartition(".")[2] in _CACHING


def returned_values(ctx: FileContext) -> dict[int, list[ast.expr]]:
    """For each top-level function (by `id`), the values its `return` statements give;
    none for a generator (a nested function's count as its own: that can only refuse
    it)."""
    found = function_returns(ctx)
    return {
        key: [r.value for r in returns if r.value is not None]
        for key, returns in found.returns.items()
        if key not in found.generators
    }


def settle(functions: Iterable[tuple[str, tuple[str, ...]]]) -> frozenset[str]:
    """The functions that return only inert values once what each assumes of others is
    told: those assuming nothing, then those assuming only functions already told (a
    function assuming itself, or one never told, is not)."""
    pending = dict(functions)
    told: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, needs in pending.items():
            if name not in told and all(need in told for need in needs):
                told.add(name)
                changed = True
    return frozenset(told)
