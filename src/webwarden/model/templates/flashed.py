"""Whether the messages a module flashes are its author's text.

Flask's `flash(message, category)` keeps a message in the session until a page lists it
with `get_flashed_messages()`: a template writing those messages with `|safe` writes
what the `flash()` calls were given. A message (and category) that is a string literal,
a translation of one given nothing to fill in (`flash(_("Saved"))`; `gettext("Hi
%(name)s", name=...)` fills in what it is given), `Markup` of one, or literals joined,
is text the developer wrote; anything else may hold what a user sent. An extension that
flashes messages built from user data (Flask-Security's and Flask-User's
`"... sent to %(email)s"`, Flask-Admin's and Flask-AppBuilder's record and error
messages) counts as one message that is not.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

FLASH_CALLS = frozenset({"flask.flash", "flask.helpers.flash"})
FLASHING_EXTENSIONS = ("flask_security", "flask_user", "flask_admin", "flask_appbuilder")
"""Extensions that flash messages made of the data they handle (an e-mail address, a
record's fields, an error's text)."""
_TRANSLATIONS = frozenset({"_", "_l", "gettext", "lazy_gettext", "ugettext", "lazy_ugettext"})
_MARKUP = frozenset({"markupsafe.Markup", "flask.Markup", "jinja2.Markup"})


def flashed_messages(ctx: FileContext) -> tuple[bool, ...]:
    """For each `flash()` call of the module, whether what it is given is the author's
    text (see the module docstring); one `False` more when it imports an extension that
    flashes user data."""
    found = [False] if any(ctx.names.imports(e) for e in FLASHING_EXTENSIONS) else []
    if not ctx.holds("flash"):
        return tuple(found)
    for node in ctx.nodes(ast.Call):
        if isinstance(node, ast.Call) and ctx.call_name(node) in FLASH_CALLS:
            given = [*node.args, *(k.value for k in node.keywords)]
            found.append(all(_authored(ctx, value) for value in given))
    return tuple(found)


def _authored(ctx: FileContext, node: ast.expr) -> bool:
    """A literal, literals joined with `+`, a translation of a literal given nothing to
    fill in, or `Markup` of one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | bool) or node.value is None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _authored(ctx, node.left) and _authored(ctx, node.right)
    if not isinstance(node, ast.Call) or len(node.args) != 1 or node.keywords:
        return False
    name = ctx.call_name(node) or ""
    if name.rpartition(".")[2] not in _TRANSLATIONS and name not in _MARKUP:
        return False
    return isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
