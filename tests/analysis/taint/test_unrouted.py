"""Which Django middleware hooks are handed paths no URL pattern matched."""

from __future__ import annotations

import textwrap
from typing import cast

import pytest

from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.unrouted import runs_unrouted
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _runs_unrouted(body: str) -> bool:
    source = "class Hook:\n    def process_request(self, request):\n"
    source += textwrap.indent(textwrap.dedent(body), " " * 8)
    parsed = parse_source(source, "middleware.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("middleware.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    (hook,) = [f for f in Lowering(ctx).module_ir().functions if f.name == "process_request"]
    # NOTE: a hook named `process_request` asks the index nothing.
    return runs_unrouted(cast(IndexView, None), hook)


@pytest.mark.parametrize(
    ("body", "unrouted"),
    [
        pytest.param("return redirect(request.path)", True, id="every-path"),
        pytest.param(
            'if request.path.startswith("/orga"):\n    return redirect(request.path)',
            False,
            id="redirects-matched-paths",
        ),
        pytest.param(
            'if request.path.startswith("/api"):\n    return None\nreturn redirect(request.path)',
            True,
            id="lets-matched-paths-through",
        ),
        pytest.param(
            'if request.path in ("/a", "/b"):\n    return self.get_response(request)\n'
            "return redirect(request.path)",
            True,
            id="hands-matched-paths-on",
        ),
        pytest.param(
            'if request.path in ("/a", "/b"):\n    return redirect(request.path + "/")\n'
            "return None",
            False,
            id="redirects-listed-paths",
        ),
        pytest.param(
            'if not request.path.startswith("/orga"):\n    return None\n'
            "return redirect(request.path)",
            False,
            id="lets-other-paths-through",
        ),
    ],
)
def test_runs_unrouted(body: str, unrouted: bool) -> None:
    assert _runs_unrouted(body) is unrouted
