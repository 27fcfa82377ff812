"""Django's `resolve(path)` as a check of a redirect target.

`django.urls.resolve()` matches the text against the root URL resolver, whose pattern is
`^/`, and raises `Resolver404` (an `Http404`) unless one of the project's patterns
matches the rest: past the call the text starts with `/`, and the project's patterns,
each starting with a word (`threads/<int:pk>/`), match no second `/` (as `unrouted`
holds of a middleware's `resolve(request.path)`). That is a path of this site
(`values.SINGLE_SLASH`) once the redirect encodes the `\\` and tabs a browser reads as a
host: Django's redirects do, htmx's `HX-Redirect` header does not. The check holds of the
whole target when only its head up to the query's `?` or the fragment's `#` was resolved
(`path = url.split("?")[0]`, `url[: url.index("?")]`): the rest follows that path.
"""

from __future__ import annotations

import ast

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope, lower

RESOLVERS = frozenset({"django.urls.resolve", "django.urls.base.resolve"})
"""Django's `resolve()`, under the names code imports it by."""
_ENDS = frozenset({"?", "#"})
"""Where a URL's path ends: cut there, the head starts as the whole does."""


def resolved_path_guards(call: ast.Call, scope: Scope) -> tuple[ir.Guard, ...]:
    """`resolve(path)` as a statement (or kept: `match = resolve(path)`): past it, the
    local `path` starts with one `/`, and so does the target it is the head of."""
    func = call.func
    written = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if written != "resolve" and written not in scope.aliases:
        return ()
    first = call.args[0] if len(call.args) == 1 and not call.keywords else None
    if not (isinstance(first, ast.Name) and scope.is_local(first.id)):
        return ()
    callee = lower(func, scope)
    if not (isinstance(callee, ir.Global) and callee.name in RESOLVERS):
        return ()
    names = [first.id]
    whole = _whole(first.id, scope)
    if whole is not None:
        names.append(whole)
    return tuple(ir.Guard(name, "single_slash") for name in names)


def _whole(name: str, scope: Scope) -> str | None:
    """The local `name` is a head of: every binding of `name` copies that local or cuts
    it (or `name` itself) at a `?` or `#`, and that local is bound only before them,
    outside any loop, so it is the text it was cut from whenever `name` is checked."""
    assigns = scope.assignments(name)
    if not assigns:
        return None
    found: set[str] = set()
    for assign in assigns:
        cut = _cut_of(assign.value)
        if cut is None or not scope.is_local(cut):
            return None
        if cut != name:
            found.add(cut)
    if len(found) != 1:
        return None
    whole = found.pop()
    bound = scope.assignments(whole)
    if bound is None:
        return None
    looped = scope.looped()
    cut_at = min(_position(a) for a in assigns)
    kept = all(id(a) not in looped and _position(a) < cut_at for a in bound)
    return whole if kept else None


def _position(node: ast.stmt) -> tuple[int, int]:
    return node.lineno, node.col_offset


def _cut_of(value: ast.expr) -> str | None:
    """The local `value` copies (`path = url`) or cuts at a `?` or `#` from its start
    (`url[: url.index("?")]`, `url.split("?")[0]`, `url.partition("#")[0]`)."""
    if isinstance(value, ast.Name):
        return value.id
    if not isinstance(value, ast.Subscript):
        return None
    held, index = value.value, value.slice
    if isinstance(index, ast.Slice) and index.lower is None and index.step is None:
        upper = index.upper
        if (
            isinstance(held, ast.Name)
            and isinstance(upper, ast.Call)
            and isinstance(upper.func, ast.Attribute)
            and upper.func.attr == "index"
            and isinstance(upper.func.value, ast.Name)
            and upper.func.value.id == held.id
            and _end_given(upper)
        ):
            return held.id
        return None
    if not (isinstance(index, ast.Constant) and index.value == 0):
        return None
    if (
        isinstance(held, ast.Call)
        and isinstance(held.func, ast.Attribute)
        and held.func.attr in {"split", "partition"}
        and isinstance(held.func.value, ast.Name)
        and _end_given(held)
    ):
        return held.func.value.id
    return None


def _end_given(call: ast.Call) -> bool:
    """The call's first argument is a `?` or `#` (`index("?")`, `split("?", 1)`)."""
    first = call.args[0] if call.args else None
    return isinstance(first, ast.Constant) and first.value in _ENDS and not call.keywords
