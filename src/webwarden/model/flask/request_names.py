"""Which names of a module are Flask's request, when the project hands it on.

A project may re-export Flask's request from a module of its own (`from flask import
request` in `app/common.py`, then `from app.common import request` in the views), or make
a proxy of it there (CKAN's `request = CKANRequest(_get_request)`, a `LocalProxy` of a
function returning `flask.request`). The per-file step cannot see that other module, so
it takes such a name as a *candidate*: imported under the name `request` from a module of
the module's own package, and never called (a `LocalProxy` of a request is not callable;
weblate's `from weblate.utils.requests import request` is an HTTP client function it
calls). The Flask facts of a module are extracted with its candidates read as
`flask.request` (`reading_requests`), and record them (`FlaskFacts.request_candidates`);
the project step confirms each (`confirmed_request`) and extracts again, without the
ones it refutes, the facts of a module whose candidate is not Flask's request.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable, Mapping

from webwarden.analysis.taint.specs import REQUEST_OBJECTS
from webwarden.model.module import FileContext
from webwarden.model.project import ModuleSummary

FLASK_REQUEST = "flask.request"
_NAMES = frozenset({"request", "flask_request"})
_MAX_HOPS = 4

Modules = Callable[[str], FileContext | None]


def request_candidates(ctx: FileContext) -> dict[str, str]:
    """Local name -> qualified name of each name the module imports from its own package
    that may be Flask's request (see the module docstring)."""
    package = ctx.module.partition(".")[0]
    if not package:
        return {}
    prefix = f"{package}."
    found = {
        local: qualified
        for local, qualified in ctx.names.aliases.items()
        if qualified.startswith(prefix) and qualified.rpartition(".")[2] in _NAMES
    }
    if found:
        called = {
            node.func.id
            for node in ctx.nodes(ast.Call)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        found = {local: q for local, q in found.items() if local not in called}
    return found


def reading_requests(ctx: FileContext, candidates: Mapping[str, str]) -> FileContext:
    """`ctx` with the `candidates` (local names) read as Flask's request; `ctx` itself
    when there are none."""
    if not candidates:
        return ctx
    names = ctx.names.with_aliases(dict.fromkeys(candidates, FLASK_REQUEST))
    # NOTE: the answers `ctx` keeps of its names (call names, rules' memos) are not this
    # one's; the tree's structure is shared.
    return dataclasses.replace(ctx, names=names, _call_names={}, memo={}, _star_names=None)


def confirmed_request(
    candidate: str, imports: Mapping[str, Mapping[str, str]], read_module: Modules | None
) -> bool:
    """Whether the project's name `candidate` (`app.common.request`) is Flask's request:
    its module imports it from Flask (also through other modules of the project), or
    binds it at its top level to a proxy of a function returning Flask's request."""
    name = candidate
    for _ in range(_MAX_HOPS):
        if name in REQUEST_OBJECTS:
            return True
        module, _, attr = name.rpartition(".")
        if name in imports or module not in imports:
            return False  # NOTE: a module of the project (`app.utils.request`), or no one's
        imported = imports[module].get(attr)
        if imported is None:
            ctx = read_module(module) if read_module is not None else None
            return ctx is not None and _binds_proxy(ctx, attr)
        name = imported
    return False


def _binds_proxy(ctx: FileContext, name: str) -> bool:
    """`request = CKANRequest(_get_request)` (or `LocalProxy(lambda: flask.request)`) at
    the module's top level, with `_get_request` returning Flask's request only; bound
    there once."""
    values = [
        statement.value
        for statement in ctx.tree.body
        if isinstance(statement, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
    ]
    if len(values) != 1 or not isinstance(call := values[0], ast.Call):
        return False
    if len(call.args) != 1 or call.keywords:
        return False
    getter = call.args[0]
    if isinstance(getter, ast.Lambda):
        return _is_request(ctx, getter.body)
    function = ctx.module_function(getter.id) if isinstance(getter, ast.Name) else None
    if function is None or function.args.args:
        return False
    body = [s for s in function.body if not _docstring(s)]
    return (
        len(body) == 1
        and isinstance(body[0], ast.Return)
        and body[0].value is not None
        and _is_request(ctx, body[0].value)
    )


def _is_request(ctx: FileContext, node: ast.expr) -> bool:
    return ctx.qualified(node) in REQUEST_OBJECTS


def _docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def refuted_requests(
    summaries: Mapping[str, ModuleSummary], read_module: Modules | None
) -> dict[str, frozenset[str]]:
    """Relpath -> the request candidates of its Flask facts that are not Flask's request,
    for each module with some."""
    imports = {s.module: s.imports for s in summaries.values() if not s.is_test}
    answers: dict[str, bool] = {}
    found: dict[str, frozenset[str]] = {}
    for relpath, summary in summaries.items():
        facts = summary.facts.get("flask") if not summary.is_test else None
        candidates = getattr(facts, "request_candidates", ())
        for candidate in candidates:
            if candidate not in answers:
                answers[candidate] = confirmed_request(candidate, imports, read_module)
        refuted = frozenset(c for c in candidates if not answers[c])
        if refuted:
            found[relpath] = refuted
    return found
