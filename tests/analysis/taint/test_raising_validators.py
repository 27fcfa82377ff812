"""What a project validator that raises unless its parameter passes a check establishes."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _checks(source: str) -> tuple[ir.Guard, ...]:
    """`raises_unless` of the function `check` in `source`."""
    parsed = parse_source(textwrap.dedent(source), "views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return next(f for f in Lowering(ctx).module_ir().functions if f.name == "check").raises_unless


@pytest.mark.parametrize(
    ("source", "how"),
    [
        pytest.param(
            """
            def check(field):
                if field not in ALLOWED:
                    raise ValueError(field)
            """,
            "member",
            id="membership",
        ),
        pytest.param(
            """
            def check(self, path):
                '''Docstrings do not count.'''
                if self.user.is_superuser:
                    return
                for depth, part in enumerate(path.split("__")):
                    known = ALLOWED.get(depth, ())
                    if part not in known:
                        raise ValueError(part)
            """,
            "classes",
            id="each-part-with-privileged-skip",
        ),
        pytest.param(
            """
            def check(self, path):
                for model, part, _ in walk_path(self.model, path):
                    if not part in FIELDS:
                        raise ValueError(part)
                return True
            """,
            "classes",
            id="parts-a-helper-walks",
        ),
    ],
)
def test_a_raising_check_holds_for_its_caller(source: str, how: str) -> None:
    (guard,) = _checks(source)
    assert (guard.name, guard.how) in {("field", how), ("path", how)}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def check(field):
                if field not in ALLOWED:
                    log.warning("unknown %s", field)
            """,
            id="only-logs",
        ),
        pytest.param(
            """
            def check(field, strict):
                if not strict:
                    return
                if field not in ALLOWED:
                    raise ValueError(field)
            """,
            id="early-return",
        ),
        pytest.param(
            """
            def check(path):
                for part in path.split("__"):
                    if part.startswith("_"):
                        continue
                    if part not in ALLOWED:
                        raise ValueError(part)
            """,
            id="skipped-part",
        ),
        pytest.param(
            """
            def check(path):
                for part in range(len(path)):
                    if part not in ALLOWED:
                        raise ValueError(part)
            """,
            id="not-its-parts",
        ),
        pytest.param(
            """
            def check(field):
                field = field.strip()
                if field not in ALLOWED:
                    raise ValueError(field)
            """,
            id="rebound",
        ),
        pytest.param(
            """
            def check(field):
                if field not in ALLOWED:
                    raise ValueError(field)
                yield field
            """,
            id="generator",
        ),
        pytest.param(
            """
            async def check(field):
                if field not in ALLOWED:
                    raise ValueError(field)
            """,
            id="coroutine",
        ),
    ],
)
def test_no_check_that_can_fall_through(source: str) -> None:
    assert _checks(source) == ()
