"""Which saves fill a row's field only while it is unset (`writes.filled`)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.writes.filled import filled_when_unset
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _walk(block: ir.Block) -> Iterator[ir.Stmt]:
    for statement in block:
        yield statement
        if isinstance(statement, ir.If):
            yield from _walk(statement.body)
            yield from _walk(statement.orelse)


def _filled(body: str) -> set[int]:
    loaded = "row = load(request.user)\n" + textwrap.dedent(body)
    source = "def view(request, slug):\n" + textwrap.indent(loaded, "    ")
    parsed = parse_source(source, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    module = Lowering(ctx).module_ir()
    function = next(f for f in module.functions if f.name == "view")
    return {line for line, _ in filled_when_unset(function, _walk)}


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        pytest.param(
            """\
            if row.page is None:
                best = pick(request.user)
                if best:
                    row.page = best
                    row.save(update_fields=["page"])
            """,
            {7},
            id="default-from-the-user",
        ),
        pytest.param(
            """\
            if not row.page:
                row.page = f"{request.user.pk}-home"
                row.save(update_fields=["page"])
            """,
            {5},
            id="formatted-default",
        ),
        pytest.param(
            """\
            if row.page is not None:
                pass
            else:
                row.page = DEFAULTS["page"]
                row.save(update_fields=["page"])
            """,
            {7},
            id="else-arm",
        ),
        pytest.param(
            """\
            if row.page is None:
                row.page = request.GET["page"]
                row.save(update_fields=["page"])
            """,
            set(),
            id="query-string",
        ),
        pytest.param(
            """\
            if row.page is None:
                name = slug.lower()
                row.page = name
                row.save(update_fields=["page"])
            """,
            set(),
            id="url-part",
        ),
        pytest.param(
            """\
            if row.page is None:
                row.page = [p for p in PAGES][0]
                row.save(update_fields=["page"])
            """,
            set(),
            id="value-not-followed",
        ),
        pytest.param(
            """\
            if row.page is None:
                row.page = "home"
                row.owner = request.user
                row.save(update_fields=["page"])
            """,
            set(),
            id="other-field-set",
        ),
        pytest.param(
            """\
            if row.page is None:
                row = fresh()
                row.page = "home"
                row.save(update_fields=["page"])
            """,
            set(),
            id="row-rebound",
        ),
        pytest.param(
            """\
            if row.page is None:
                row.page = "home"
                row.save()
            """,
            set(),
            id="bare-save",
        ),
        pytest.param(
            """\
            if row.page is None:
                row.page = "home"
                row.save(update_fields=["page", "owner"])
            """,
            set(),
            id="save-naming-more",
        ),
    ],
)
def test_filled_when_unset(body: str, lines: set[int]) -> None:
    assert _filled(body) == lines
