"""Class-based views that answer a POST as they answer a GET."""

from __future__ import annotations

import ast

from webwarden.model.caller_checks import after_docstring
from webwarden.rules.context import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_DJANGO_VIEWS = "django.views."
_POSTED = frozenset({"POST", "body", "FILES", "data", "method", "stream", "read"})
"""What a request carries only when posted, or tells the method by: `request.POST`,
`request.body`, `request.FILES`, DRF's `request.data`, `request.method`, and reading the
body as a stream."""


def answers_post_as_get(ctx: FileContext, view: ast.ClassDef) -> bool:
    """The class's own `post` does only what a GET does: hands the request on to `get`
    (`return self.get(request, *args, **kwargs)`), or renders the page as a
    `TemplateView`'s `get` does (`context = self.get_context_data(**kwargs)`, then `return
    self.render_to_response(context)`), and no code of the class reads what was posted or
    which method came (`request.POST`, `self.request.body`, `request.method`). A forged
    post then gains nothing that a link to the page, which no CSRF check guards, would
    not: the cancel or error page a payment processor posts the buyer back to. Only a
    class on Django's own views (`TemplateView`, `View`): a base of the project could
    read the post in the methods the page is rendered with."""
    if not view.bases or not all(
        (ctx.qualified(base) or "").startswith(_DJANGO_VIEWS) for base in view.bases
    ):
        return False
    post = next((s for s in view.body if isinstance(s, _Function) and s.name == "post"), None)
    if post is None or not _renders_as_get(after_docstring(post.body)):
        return False
    return not any(_reads_posted(node) for node in ast.walk(view))


def _renders_as_get(body: list[ast.stmt]) -> bool:
    """`return self.get(...)`, `return self.render_to_response(self.get_context_data())`,
    or the context named first and then rendered."""
    if len(body) == 1 and isinstance(body[0], ast.Return):
        value = body[0].value
        return _self_call(value, "get") or (
            _self_call(value, "render_to_response")
            and _self_call(_first_argument(value), "get_context_data")
        )
    if len(body) != 2 or not isinstance(body[1], ast.Return):
        return False
    first, value = body[0], body[1].value
    if not (isinstance(first, ast.Assign) and _self_call(first.value, "get_context_data")):
        return False
    rendered = _first_argument(value) if _self_call(value, "render_to_response") else None
    return (
        isinstance(rendered, ast.Name)
        and len(first.targets) == 1
        and isinstance(first.targets[0], ast.Name)
        and first.targets[0].id == rendered.id
    )


def _first_argument(node: ast.expr | None) -> ast.expr | None:
    return node.args[0] if isinstance(node, ast.Call) and len(node.args) == 1 else None


def _self_call(node: ast.expr | None, method: str) -> bool:
    """`self.method(...)` or `super().method(...)` (`super(View, self)` too)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    owner = node.func.value
    if node.func.attr != method:
        return False
    if isinstance(owner, ast.Name):
        return owner.id == "self"
    return (
        isinstance(owner, ast.Call)
        and isinstance(owner.func, ast.Name)
        and owner.func.id == "super"
    )


def _reads_posted(node: ast.AST) -> bool:
    """`request.POST`, `self.request.method`: what only a post carries, or the method."""
    if not (isinstance(node, ast.Attribute) and node.attr in _POSTED):
        return False
    owner = node.value
    name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
    return isinstance(name, str) and "request" in name.lower()
