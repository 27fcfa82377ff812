"""HTML that is safe to mark safe as a view writes it: escaped or cleaned by a call, the
author's own text, such parts joined or chosen between, or such HTML with white space
trimmed."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import TypeGuard

from webwarden.model.templates.safe_marking import (
    DATABASE_KEYS,
    REVERSERS,
    authored_text,
    cleans_html,
    renders_markdown,
)

Held = Callable[[str], Sequence[ast.expr]]
"""What a local of the view holds: every value assigned to it (none for a parameter)."""


def markable(value: ast.expr, held: Held | None = None) -> bool:
    """HTML safe to mark safe: escaped or cleaned by a call, or the author's own text, or
    such parts joined (`"https://example.com/install?" + urlencode(params)`), filled into
    the author's text (`'<a href="%s">admin</a>' % admin_url`, `.format(...)`), or chosen
    between (`'' if get_only else 'method="post"'`: the test writes nothing), or such
    HTML with whitespace taken out (`render_template("h.html", q=q).replace("  ", "")`).
    `None` or a number the author wrote (`otp_uri = None` on the branch with nothing to
    show) renders as its own plain text, as does an object's primary key (`obj.pk`,
    `obj.id`, `obj.uuid`: `reverse("users") + f"?group={group.pk}"`). With `held`, a local is judged by what it was
    assigned (one step: `admin_url = reverse("admin:index")`)."""

    def part(node: ast.expr) -> bool:
        return markable(node, held)

    if isinstance(value, ast.Constant) and isinstance(value.value, int | float | None):
        return True
    if isinstance(value, ast.Attribute) and value.attr in DATABASE_KEYS:
        return True  # NOTE: a key the database made (`self.object.pk`): a number or a UUID
    if isinstance(value, ast.Name) and held is not None:
        assigned = held(value.id)
        return bool(assigned) and all(markable(each) for each in assigned)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return part(value.left) and part(value.right)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
        return authored_text(value.left) and all(part(a) for a in _filled_in(value.right))
    if _formatted(value):
        return all(part(a) for a in [*value.args, *(k.value for k in value.keywords)])
    if isinstance(value, ast.IfExp):
        return part(value.body) and part(value.orelse)
    trimmed = whitespace_trimmed(value)
    if trimmed is not None:
        return part(trimmed)
    linked = linkified(value)
    if linked is not None:
        return part(linked)
    if isinstance(value, ast.JoinedStr):
        return all(
            part(each.value) if isinstance(each, ast.FormattedValue) else True
            for each in value.values
        )
    return (
        authored_text(value)
        or _constant_reverse(value)
        or _authored_markdown(value)
        or (isinstance(value, ast.Call) and cleans_html(value))
    )


_DOC_READERS = frozenset({"getdoc", "cleandoc", "dedent"})
"""`inspect.getdoc(cls)`, and `inspect.cleandoc` or `textwrap.dedent` of the author's
text: its indentation taken out, nothing put in."""


def _authored_markdown(value: ast.expr) -> bool:
    """`markdown(SearchEngine.__doc__)`, `markdown.markdown(_("**Note:** ..."))`: Markdown
    the code's author wrote (a string literal, a translated one, or a class's or
    function's docstring) rendered to HTML. The markup is the author's, as it would be
    written in HTML, whatever raw HTML the renderer lets through."""
    return (
        isinstance(value, ast.Call)
        and renders_markdown(value)
        and bool(value.args)
        and not isinstance(value.args[0], ast.Starred)
        and _authored_source(value.args[0])
    )


def _authored_source(node: ast.expr) -> bool:
    """The author's text: a literal, a translated literal, a docstring (`Cls.__doc__`,
    `inspect.getdoc(Cls)`), or one with its indentation taken out."""
    if authored_text(node):
        return True
    if isinstance(node, ast.Attribute):
        return node.attr == "__doc__"
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)):
        return False
    name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
    if name not in _DOC_READERS or len(node.args) != 1 or node.keywords:
        return False
    argument = node.args[0]
    return _authored_source(argument) or (
        name == "getdoc" and not isinstance(argument, ast.Starred)
    )


def _filled_in(right: ast.expr) -> list[ast.expr]:
    """The values `%` fills into a format string: a tuple's items, a dict's values."""
    if isinstance(right, ast.Tuple):
        return list(right.elts)
    if isinstance(right, ast.Dict) and None not in right.keys:
        return list(right.values)
    return [right]  # NOTE: a dict with `**more` is judged whole, and is no markup


def _formatted(value: ast.expr) -> TypeGuard[ast.Call]:
    """`"<a href='{}'>".format(...)` of a string literal, given no `*args`/`**kwargs`."""
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "format"
        and isinstance(value.func.value, ast.Constant)
        and isinstance(value.func.value.value, str)
        and not any(isinstance(a, ast.Starred) for a in value.args)
        and all(k.arg is not None for k in value.keywords)
    )


_TRIMS = frozenset({"replace", "strip", "lstrip", "rstrip"})
_LINKIFIERS = frozenset({"urlize", "linkify"})


def linkified(value: ast.expr) -> ast.expr | None:
    """`html` of `urlize(html)` or `bleach.linkify(html)`: links wrapped around the URLs
    of the text, each link's address escaped, the rest left as it was. Cleaned HTML stays
    clean (clean first, then linkify, as bleach's docs say); None for any other value."""
    if not isinstance(value, ast.Call) or not value.args or isinstance(value.args[0], ast.Starred):
        return None
    func = value.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return value.args[0] if name in _LINKIFIERS else None


def whitespace_trimmed(value: ast.expr) -> ast.expr | None:
    """`html` of `html.replace("\\n", "")` or `html.strip()`: whitespace replaced by
    whitespace or nothing. Escaped HTML stays escaped: no `<`, quote or `&` is taken out
    or put in (`.replace('"', "")` could unquote an attribute, `.replace("&lt;", "<")`
    unescape)."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _TRIMS
        and not value.keywords
    ):
        return None
    blank = all(
        isinstance(a, ast.Constant) and isinstance(a.value, str) and not a.value.strip()
        for a in value.args
    )
    return value.func.value if blank else None


def _constant_reverse(value: ast.expr) -> bool:
    """`reverse("admin:preview", args=["org_id"])`: a path of the project's URLconf filled
    with literals only, which no outside value chooses."""
    func = value.func if isinstance(value, ast.Call) else None
    if not isinstance(value, ast.Call) or not isinstance(func, ast.Name | ast.Attribute):
        return False
    last = func.attr if isinstance(func, ast.Attribute) else func.id
    given = [*value.args, *(k.value for k in value.keywords)]
    return last in REVERSERS and bool(value.args) and all(_literal(g) for g in given)


def _literal(node: ast.expr) -> bool:
    """A literal, or a list, tuple or dict display of literals."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.List | ast.Tuple):
        return all(_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _literal(k) for k in node.keys) and all(
            _literal(v) for v in node.values
        )
    return False
