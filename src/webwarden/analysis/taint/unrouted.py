"""Django code that runs for a request whatever its path: a middleware's hooks.

A view runs only for a path its URL pattern matched, and no pattern of the project's own
(one starting with a word) matches a path starting with two slashes. A middleware runs
before the URL is resolved, and its `process_response` also for a path nothing matched
(the 404 it answers), so there `request.path` and `request.get_full_path()` may be
`//evil.example/`: Django keeps the slashes the client sent, and a redirect to such a path
leaves the site (Django's own `CommonMiddleware` escapes them, CVE-2018-14574).
"""

from __future__ import annotations

import re

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.resolved_paths import RESOLVERS
from webwarden.analysis.taint.specs import OWN_PATH_NAMES

_HOOKS = frozenset({"process_request", "process_response", "process_exception"})
"""Django's middleware hooks that run before the URL is resolved or whatever it resolved
to (not `process_view`, which Django calls with the view the path matched)."""
_CALLS = frozenset({"__call__", "__acall__"})
_MIDDLEWARE_MIXIN = ("django.utils.deprecation.MiddlewareMixin",)
_LOCAL_PREFIX = re.compile(r"/\w")
"""A path of the site's own: a slash and a word character (`/orga`, `/api/`)."""
_FILE_URL_SETTINGS = frozenset(
    f"django.conf.settings.{name}" for name in ("MEDIA_URL", "STATIC_URL")
)
"""Where Django serves uploaded and static files: settings it requires to end in `/`, a
path of the site (`/media/`) or a URL naming the host that serves them
(`https://cdn.example.com/media/`, which no request's path starts with). A path starting
with one is a path below it, whatever slashes follow."""


def runs_unrouted(index: IndexView, function: ir.Function) -> bool:
    """Whether `function` is a Django middleware's hook handed every request: a method
    named for one of Django's hooks taking the request (`process_request(self,
    request)`), or the `__call__` of a middleware class (one deriving from
    `MiddlewareMixin`, or whose `__init__` takes `get_response`)."""
    owner = function.owner
    if function.kind != "method" or not owner:
        return False
    if _hook(index, function, owner):
        exempted = _exempting_tests(function.body)
        return not any(
            _routes(node)
            for node in ir.walk(function.body)
            if isinstance(node, ir.Call | ir.If | ir.Clean) and id(node) not in exempted
        )
    return False


def _exempting_tests(body: ir.Block) -> set[int]:
    """The nodes of the tests that let some of the site's paths through untouched before
    the hook acts on every other path (`if request.path.startswith("/api"): return
    self.get_response(request)`, `if request.path in ("/health",): return None`, as
    statements of the hook's body): they route nothing the code after them handles,
    which `//evil.example/` still reaches."""
    exempted: set[int] = set()
    for statement in body:
        if isinstance(statement, ir.If) and _passes_on(statement.body) and _matches(statement):
            exempted.update(id(node) for node in ir.walk((statement,)))
    return exempted


def _matches(test: ir.If) -> bool:
    """The test holds for paths of the site's own: one starts with (not `not`, which
    lowers to a `Clean`), equals or is one of them."""
    if any(g.how in _COMPARED and _local_paths(g.container) for g in test.then_guards):
        return True
    call = test.test
    return (
        isinstance(call, ir.Call)
        and isinstance(call.func, ir.Attr)
        and call.func.attr == "startswith"
        and _own_path(call.func.value)
        and len(call.args) == 1
        and _local_paths(call.args[0])
    )


def _passes_on(block: ir.Block) -> bool:
    """An arm that only hands the request on (`return self.get_response(request)`) or
    answers nothing of its own (`return None`, `return response`)."""
    if len(block) != 1 or not isinstance(block[0], ir.Return):
        return False
    value = block[0].value
    if value is None or value == ir.Const(None) or isinstance(value, ir.Local):
        return True
    return (
        isinstance(value, ir.Call)
        and isinstance(value.func, ir.Attr | ir.Local)
        and (value.func.attr if isinstance(value.func, ir.Attr) else value.func.name)
        == "get_response"
    )


def _hook(index: IndexView, function: ir.Function, owner: str) -> bool:
    positional = [p.name for p in function.params if p.kind == "pos"]
    if positional[1:2] != ["request"]:
        return False
    if function.name in _HOOKS:
        return True
    if function.name not in _CALLS:
        return False
    if index.inherits(owner, _MIDDLEWARE_MIXIN):
        return True
    init = index.method(owner, "__init__")
    if init is None:
        return False
    names = [p.name for p in init.function.params if p.kind == "pos"]
    return names[1:2] == ["get_response"]


def _routes(node: ir.Call | ir.If | ir.Clean) -> bool:
    """`resolve(request.path)` (Django raises `Resolver404` for a path no pattern
    matches), or a test that something starts with, equals or is one of the paths of the
    site's own (`request.path.startswith("/orga")`, `request.path in ("/old", "/legacy")`):
    the hook acts on paths it routed itself."""
    if isinstance(node, ir.If):
        guards = (*node.then_guards, *node.else_guards)
        return any(g.how in _COMPARED and _local_paths(g.container) for g in guards)
    if isinstance(node, ir.Clean):
        # NOTE: a comparison's operands (`request.path == "/shop"`).
        return any(_own_path(p) for p in node.parts) and any(_local_paths(p) for p in node.parts)
    if node.callee in RESOLVERS:
        return True
    if not (isinstance(node.func, ir.Attr) and node.func.attr == "startswith"):
        return False
    return len(node.args) == 1 and _local_paths(node.args[0])


_COMPARED = frozenset({"member", "equal"})


def _own_path(node: ir.Expr) -> bool:
    """`request.path`, `request.get_full_path()`: a read of a request's own path."""
    if isinstance(node, ir.Call):
        node = node.func
    return isinstance(node, ir.Attr) and node.attr in OWN_PATH_NAMES


def _local_paths(node: ir.Expr | None) -> bool:
    """A path of the site's own, or a list or tuple of some (`"/orga"`, `("/a", "/b")`),
    or the site's media or static URL (`settings.MEDIA_URL`)."""
    texts = node.elts if isinstance(node, ir.Seq) else (node,)
    return any(
        (
            isinstance(text, ir.Const)
            and isinstance(text.value, str)
            and _LOCAL_PREFIX.match(text.value) is not None
        )
        or (isinstance(text, ir.Global) and text.name in _FILE_URL_SETTINGS)
        for text in texts
    )
