"""The labelled taint corpus: which case each line belongs to, and the ground truth.

A case is every function or class (any module of the app) whose name starts with its id
(`c12_search`, `C10Search`, `d19_...`); `cases.toml` says which rule each case must raise,
or "" when it must stay silent. Shared by the tests and `bench/taint_compare.py`.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
APPS = ("flask_app", "django_app")
_CASE = re.compile(r"^([cd]\d\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Score:
    """Recall and false positives of one tool on the labelled cases."""

    vulnerable: int
    safe: int
    found: int
    false_positives: int
    missed: tuple[str, ...]
    flagged_safe: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.found / self.vulnerable if self.vulnerable else 1.0


def labels(app: Path) -> dict[str, str]:
    """Case id -> expected code ("" for a safe case)."""
    return tomllib.loads((app / "cases.toml").read_text(encoding="utf-8"))


def spans(app: Path) -> dict[str, list[tuple[int, int, str]]]:
    """Relative path -> (first line, last line, case id) of every case definition."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    for path in sorted(app.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relpath = path.relative_to(app).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                match = _CASE.match(node.name)
                if match:
                    end = node.end_lineno or node.lineno
                    found.setdefault(relpath, []).append((node.lineno, end, match[1].lower()))
    return found


def case_at(app_spans: dict[str, list[tuple[int, int, str]]], relpath: str, line: int) -> str:
    """The case a line belongs to ("" for none): the innermost definition holding it."""
    best = ("", 0)
    for first, last, case in app_spans.get(relpath, ()):
        if first <= line <= last and (not best[0] or first >= best[1]):
            best = (case, first)
    return best[0]


def score(app: Path, hits: Iterable[tuple[str, int, str]], *, any_code: bool = False) -> Score:
    """Score (relpath, line, code) hits against the labels.

    A vulnerable case counts as found when a hit in it has its code (any hit with
    `any_code`, for tools whose codes do not map onto ours); a safe case with any hit
    is a false positive.
    """
    truth = labels(app)
    app_spans = spans(app)
    seen: dict[str, set[str]] = {}
    for relpath, line, code in hits:
        case = case_at(app_spans, relpath, line)
        if case:
            seen.setdefault(case, set()).add(code)
    vulnerable = [c for c, code in truth.items() if code]
    safe = [c for c, code in truth.items() if not code]
    found = [c for c in vulnerable if (seen.get(c) if any_code else truth[c] in seen.get(c, ()))]
    flagged = [c for c in safe if seen.get(c)]
    return Score(
        len(vulnerable),
        len(safe),
        len(found),
        len(flagged),
        tuple(sorted(set(vulnerable) - set(found))),
        tuple(sorted(flagged)),
    )
