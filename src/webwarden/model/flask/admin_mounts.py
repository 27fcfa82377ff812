"""Where `admin.add_view(View(...))` mounts a Flask-Admin view: the `endpoint=` and
`url=` its constructor is given (`BaseView.__init__`), which replace the defaults the
class name gives (`/admin/<classname>`, blueprint `<classname>`)."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import AdminMountFact
from webwarden.model.flask.references import Namer

_KEYWORDS = ("endpoint", "url")


def admin_mount(namer: Namer, call: ast.Call) -> AdminMountFact | None:
    """`x.add_view(View(..., endpoint="files", url="/files"))` -> the view class's
    reference with the constant endpoint and URL (None for one not given or not
    constant); None for any other call, or a view given neither."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr != "add_view" or len(call.args) != 1:
        return None
    view = call.args[0]
    if not isinstance(view, ast.Call):
        return None
    ref = namer.ref(view.func)
    if ref is None:
        return None
    given = {k.arg: k.value for k in view.keywords if k.arg in _KEYWORDS}
    if not given:
        return None
    values = {
        name: node.value
        for name, node in given.items()
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    if len(values) != len(given):
        return None  # NOTE: a computed endpoint or URL: the defaults are no better a guess
    return AdminMountFact(ref, values.get("endpoint"), values.get("url"))
