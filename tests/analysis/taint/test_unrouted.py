"""Which functions are Django middleware hooks handed every request, whatever its path:
there the request's own path may start with `//`, which no view's pattern matches."""

from __future__ import annotations

import textwrap
from typing import Any, cast

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView, Located
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.specs import source_cleansed
from webwarden.analysis.taint.unrouted import runs_unrouted
from webwarden.analysis.taint.values import Label, Origin, Trace, placed_after_start, reaching
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source

_MIXIN = "django.utils.deprecation.MiddlewareMixin"


class _Index:
    """The little of `ProjectIndex` the judgement reads: bases and `__init__` methods."""

    def __init__(self, module: ir.ModuleIR) -> None:
        self.functions = {f.qualname: f for f in module.functions}
        self.bases = {c.qualname: c.bases for c in module.classes}

    def inherits(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        return any(base.startswith(prefixes) for base in self.bases.get(qualname, ()))

    def method(self, qualname: str, name: str, *, skip_first: bool = False) -> Located | None:
        found = self.functions.get(f"{qualname}.{name}")
        return None if found is None else Located(found, "middleware.py")


def _judged(source: str, qualname: str) -> bool:
    parsed = parse_source(textwrap.dedent(source), "middleware.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("middleware.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    module = Lowering(ctx).module_ir()
    index = _Index(module)
    function = next(f for f in module.functions if f.qualname.endswith(qualname))
    return runs_unrouted(cast(IndexView, cast(Any, index)), function)


@pytest.mark.parametrize(
    ("source", "qualname", "expected"),
    [
        pytest.param(
            """
            from django.utils.deprecation import MiddlewareMixin
            class Handoff(MiddlewareMixin):
                def process_request(self, request):
                    return None
            """,
            "Handoff.process_request",
            True,
            id="process-request",
        ),
        pytest.param(
            """
            class Slashes:
                def __init__(self, get_response):
                    self.get_response = get_response
                def __call__(self, request):
                    return self.get_response(request)
            """,
            "Slashes.__call__",
            True,
            id="new-style-call",
        ),
        pytest.param(
            """
            from django.utils.deprecation import MiddlewareMixin
            class NotFound(MiddlewareMixin):
                def process_response(self, request, response):
                    return response
            """,
            "NotFound.process_response",
            True,
            id="process-response",
        ),
        pytest.param(
            """
            class Resolved:
                def process_view(self, request, view, args, kwargs):
                    return None
            """,
            "Resolved.process_view",
            False,
            id="process-view-after-routing",
        ),
        pytest.param(
            """
            class Widget:
                def __call__(self, request):
                    return None
            """,
            "Widget.__call__",
            False,
            id="call-of-no-middleware",
        ),
        pytest.param(
            """
            from django.urls import resolve
            class Events:
                def process_request(self, request):
                    match = resolve(request.path)
                    return None
            """,
            "Events.process_request",
            False,
            id="resolved-by-hand",
        ),
        pytest.param(
            """
            class Orga:
                def process_request(self, request):
                    if request.path.startswith(("/orga", "/api/")):
                        return None
            """,
            "Orga.process_request",
            False,
            id="own-prefix-tested",
        ),
        pytest.param(
            """
            class Moved:
                def process_request(self, request):
                    if request.path == "/shop":
                        return None
            """,
            "Moved.process_request",
            False,
            id="own-path-compared",
        ),
        pytest.param(
            """
            class Slash:
                def process_request(self, request):
                    if request.path.startswith("/"):
                        return None
            """,
            "Slash.process_request",
            True,
            id="bare-slash-tested",
        ),
        pytest.param(
            """
            from django.conf import settings
            class Media:
                def process_response(self, request, response):
                    if request.path.startswith(settings.MEDIA_URL):
                        return None
                    return response
            """,
            "Media.process_response",
            False,
            id="media-url-tested",
        ),
        pytest.param(
            """
            from django.conf import settings
            class Legacy:
                def process_response(self, request, response):
                    if request.path.startswith(settings.LEGACY_PREFIX):
                        return None
                    return response
            """,
            "Legacy.process_response",
            True,
            id="other-setting-tested",
        ),
    ],
)
def test_runs_unrouted(source: str, qualname: str, expected: bool) -> None:
    assert _judged(source, qualname) is expected


def test_a_middleware_path_is_safe_for_a_redirect_only_after_something() -> None:
    origin = Origin("source", "middleware.py:3:4:`request.path`", text="`request.path`")
    read = {Label(origin, source_cleansed("path", unrouted=True)): Trace(())}
    assert reaching(read, "redirect")
    assert not reaching(placed_after_start(read), "redirect")
    # NOTE: in a view the path matched a pattern: safe wherever it stands.
    routed = {Label(origin, source_cleansed("path")): Trace(())}
    assert not reaching(routed, "redirect")
