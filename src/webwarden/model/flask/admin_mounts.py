"""Where `admin.add_view(View(...))` mounts a Flask-Admin view: the `endpoint=` and
`url=` its constructor is given (`BaseView.__init__`), which replace the defaults the
class name gives (`/admin/<classname>`, blueprint `<classname>`); and which view classes
the project adds at all (a class never added serves nothing)."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import AdminMountFact
from webwarden.model.flask.references import Namer

_KEYWORDS = ("endpoint", "url")
_ADDS = frozenset({"add_view", "add_views"})

UNKNOWN = AdminMountFact("", None, None)
"""A view added that is not made in the call (`admin.add_view(view)`): which class it is
is not known, so any class may be added."""


def admin_mounts(namer: Namer, call: ast.Call) -> list[AdminMountFact]:
    """`x.add_view(View(..., endpoint="files", url="/files"))` -> the view class's
    reference with the constant endpoint and URL (None for one not given or not
    constant); `x.add_views(A(), B())` -> one for each; `UNKNOWN` for a view not made in
    the call; nothing for any other call."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _ADDS or call.keywords:
        return []
    if not call.args or (func.attr == "add_view" and len(call.args) != 1):
        return []
    return [_mount(namer, view) for view in call.args]


def _mount(namer: Namer, view: ast.expr) -> AdminMountFact:
    if not isinstance(view, ast.Call):
        return UNKNOWN
    ref = namer.ref(view.func)
    if ref is None:
        return UNKNOWN
    given = {k.arg: k.value for k in view.keywords if k.arg in _KEYWORDS}
    values = {
        name: node.value
        for name, node in given.items()
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    if len(values) != len(given):
        # NOTE: a computed endpoint or URL: the defaults are no better a guess
        return AdminMountFact(ref, None, None)
    return AdminMountFact(ref, values.get("endpoint"), values.get("url"))
