"""Regular expressions: request data as a pattern (WW1130), and request data searched by
a constant pattern that backtracks catastrophically (WW1139).

`re` and the `regex` package take the pattern first; the text searched comes next
(`re.search(pattern, string)`), after the replacement for `sub` and `subn`, and first
for the methods of a compiled pattern (`PATTERN.match(string)`). A Django query's
`__regex` and `__iregex` lookups hand their value to the database's regular expression
engine as a pattern. A compiled pattern is known by its text where it is compiled in the
function (`re.compile(r"...")` then gives a value of kind `BACKTRACKING`) or at module
level (`ProjectIndex.compiled_pattern`), whose flags are not kept: such a pattern is
judged with and without `re.VERBOSE`, and reported only if both readings backtrack.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from webwarden.analysis.regex_backtracking import backtracks_catastrophically
from webwarden.analysis.regex_groups import REGEX_FLAGS
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import OTHERS, Value, extend, union

if TYPE_CHECKING:
    from webwarden.analysis.taint.interpret import Interpreter

PATTERN_RULE = "WW1130"
BACKTRACKING_RULE = "WW1139"
BACKTRACKING = "<backtracking pattern>"
"""The kind of a pattern compiled from a constant that backtracks catastrophically."""

SEARCHED_AT = {
    "search": 1,
    "match": 1,
    "fullmatch": 1,
    "findall": 1,
    "finditer": 1,
    "split": 1,
    "sub": 2,
    "subn": 2,
}
"""Where the module function's text searched is (a compiled pattern's method: one less)."""
REGEX_FUNCTIONS = frozenset(
    f"{module}.{name}" for module in ("re", "regex") for name in (*SEARCHED_AT, "compile")
)
_LOOKUPS = ("__regex", "__iregex")
_SEARCHED_NOTE = "searched by a pattern that backtracks catastrophically in"


def regex_call(
    interp: Interpreter,
    node: ir.Call,
    name: str,
    args: list[tuple[ir.Expr, Value]],
    keywords: list[tuple[str | None, ir.Expr, Value]],
) -> Value | None:
    """Judge a call of `re` or `regex` (one of `REGEX_FUNCTIONS`): what it returns when
    that is a compiled pattern that backtracks, else None."""
    function = name.rsplit(".", 1)[1]
    pattern = _given(args, keywords, 0, "pattern")
    if pattern is not None:
        _report(interp, PATTERN_RULE, node, pattern[1], "used as the regular expression of")
    if pattern is None or not isinstance(pattern[0], ir.Const):
        return None
    text = pattern[0].value
    whole = function == "fullmatch"
    if not isinstance(text, str) or not backtracks_catastrophically(
        text, _flags(args, keywords), whole=whole
    ):
        return None
    if function == "compile":
        return Value(kind=BACKTRACKING)
    searched = _given(args, keywords, SEARCHED_AT[function], "string")
    if searched is not None:
        _report(interp, BACKTRACKING_RULE, node, searched[1], _SEARCHED_NOTE)
    return None


def compiled_search(
    interp: Interpreter,
    node: ir.Call,
    method: str,
    args: list[tuple[ir.Expr, Value]],
    keywords: list[tuple[str | None, ir.Expr, Value]],
    receiver: Value | None,
    base: str = "",
) -> None:
    """`PATTERN.match(string)` with a pattern that backtracks: compiled in the function
    (`receiver`) or at module level (`base`, a qualified name)."""
    at = SEARCHED_AT.get(method)
    if at is None:
        return
    if receiver is None or receiver.kind != BACKTRACKING:
        text = interp.engine.index.compiled_pattern(base) if base else None
        if text is None or not all(
            backtracks_catastrophically(text, flags, whole=method == "fullmatch")
            for flags in (0, re.VERBOSE)
        ):
            return
    searched = _given(args, keywords, at - 1, "string")
    if searched is not None:
        _report(interp, BACKTRACKING_RULE, node, searched[1], _SEARCHED_NOTE)


def check_regex_lookups(
    interp: Interpreter, node: ir.Call, keywords: list[tuple[str | None, ir.Expr, Value]]
) -> None:
    """A Django lookup's `__regex` / `__iregex` value: `filter(name__regex=q)`, and the
    values of a dict display spread into it (`**{f"{field}__regex": q}`)."""
    note = "used as the regular expression of a `__regex` lookup in"
    for key, expr, value in keywords:
        if key is not None:
            if key.endswith(_LOOKUPS):
                _report(interp, PATTERN_RULE, node, value, note)
            continue
        shown = expr.value if isinstance(expr, ir.Star) else expr
        if not isinstance(shown, ir.DictE):
            continue
        for named in shown.keys:
            text = _key_text(named)
            if text is None or not text.endswith(_LOOKUPS):
                continue
            if isinstance(named, ir.Const):
                part = value.part(f"[{text}]")
                if part is not None:
                    _report(interp, PATTERN_RULE, node, part, note)
            else:
                # NOTE: a value under a key the code builds is in the dict's `OTHERS`.
                others = value.part(OTHERS)
                held = value.taint if others is None else union(value.taint, others.whole())
                _report(interp, PATTERN_RULE, node, Value(held), note)


def _key_text(key: ir.Expr | None) -> str | None:
    """The constant text a dict display's key is or ends with (`f"{field}__regex"`)."""
    if isinstance(key, ir.Const) and isinstance(key.value, str):
        return key.value
    if isinstance(key, ir.Fmt) and key.parts:
        last = key.parts[-1]
        if isinstance(last, ir.Const) and isinstance(last.value, str):
            return last.value
    return None


def _given(
    args: list[tuple[ir.Expr, Value]],
    keywords: list[tuple[str | None, ir.Expr, Value]],
    at: int,
    keyword: str,
) -> tuple[ir.Expr, Value] | None:
    if at < len(args) and not isinstance(args[at][0], ir.Star):
        return args[at]
    for key, expr, value in keywords:
        if key == keyword:
            return expr, value
    return None


def _flags(
    args: list[tuple[ir.Expr, Value]], keywords: list[tuple[str | None, ir.Expr, Value]]
) -> int:
    """The flags named among the arguments (`re.VERBOSE`, `re.I`), as far as they show."""
    flags = 0
    for expr in [a for a, _ in args[1:]] + [e for _, e, _ in keywords]:
        if isinstance(expr, ir.Global):
            flags |= REGEX_FLAGS.get(expr.name.rsplit(".", 1)[-1], 0)
    return flags


def _report(interp: Interpreter, rule: str, node: ir.Call, value: Value, note: str) -> None:
    taint = value.whole()
    if not taint:
        return
    text = interp.callee_text(node) + "()"
    step = interp.step(f"{note} `{text}`")
    interp.reached(rule, interp.relpath, node.pos, text, extend(taint, step))
