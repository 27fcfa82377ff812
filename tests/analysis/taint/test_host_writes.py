"""`writes_host`: a module rewriting the Host a Django request holds."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint.host_writes import writes_host
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _writes(source: str) -> bool:
    parsed = parse_source(textwrap.dedent(source), "app/middleware.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/middleware.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return writes_host(ctx)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            'request.META["HTTP_HOST"] = request.META["HTTP_X_FORWARDED_HOST"]\n',
            True,
            id="item-assigned",
        ),
        pytest.param(
            'meta = request.META\nmeta["HTTP_HOST"] += ".example.org"\n', True, id="augmented"
        ),
        pytest.param('request.META.update({"HTTP_HOST": host})\n', True, id="update-dict"),
        pytest.param("request.environ.update(HTTP_HOST=host)\n", True, id="update-keyword"),
        pytest.param('request.META.setdefault("HTTP_HOST", "localhost")\n', True, id="setdefault"),
        pytest.param('host = request.META["HTTP_HOST"]\n', False, id="read-only"),
        pytest.param('if request.META.get("HTTP_HOST") == "a":\n    pass\n', False, id="compared"),
        pytest.param('request.META["HTTP_X_HOST"] = host\n', False, id="another-key"),
    ],
)
def test_writes_host(source: str, expected: bool) -> None:
    assert _writes(source) is expected
