"""What a value matched by a pattern another module compiled is safe for.

`if not NAME_RX.match(name): abort(400)`, with `NAME_RX = re.compile(r"^[\\w.-]{4,64}$")`
in the project's `utils` module: the check is lowered as a call of `utils.NAME_RX.match`,
and the project index keeps every module's compiled patterns (`ir.ModuleIR.patterns`),
so the pattern is judged as one compiled in the view's own module is
(`lower_guards._matched_guards`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.character_classes import checked_inert_kinds
from webwarden.analysis.patterns import MATCHERS, host_under_domain, local_path_only, words_only
from webwarden.analysis.taint.specs import URL_CHECKED
from webwarden.analysis.taint.values import ALL_KINDS

if TYPE_CHECKING:
    from webwarden.analysis.taint.index import IndexView


def matched_kinds(pattern: str, how: str) -> frozenset[str]:
    """The sink kinds a value is safe for once `re.<how>(pattern, value)` matched it."""
    if words_only(pattern, how):
        return ALL_KINDS
    if local_path_only(pattern, how):
        return URL_CHECKED
    kinds = checked_inert_kinds(pattern, how)
    return kinds | URL_CHECKED if host_under_domain(pattern, how) else kinds


def imported_pattern_kinds(index: IndexView, callee: str) -> frozenset[str]:
    """The sink kinds `callee` (`utils.NAME_RX.match`) makes its argument safe for when it
    matched: none unless it is a matching method of a pattern the project compiled."""
    owner, _, how = callee.rpartition(".")
    if how not in MATCHERS or not owner:
        return frozenset()
    pattern = index.compiled_pattern(owner)
    return matched_kinds(pattern, how) if pattern is not None else frozenset()
