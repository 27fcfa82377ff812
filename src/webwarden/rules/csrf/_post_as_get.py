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
    """The `post` the class has (its own, or a base's of the same module) does only what
    a GET does: hands the request on to `get` (`return self.get(request, *args,
    **kwargs)`), renders the page as a `TemplateView`'s `get` does (`context =
    self.get_context_data(**kwargs)`, then `return self.render_to_response(context)`), or
    redirects to the very address posted to (`return
    redirect(request.build_absolute_uri())`: the browser follows with a GET), and no code
    of the class or of those bases reads what was posted or which method came
    (`request.POST`, `self.request.body`, `request.method`). A forged post then gains
    nothing that a link to the page, which no CSRF check guards, would not: the cancel or
    error page a payment processor posts the buyer back to, a single-page app's shell
    answering a stray post. Only a class on Django's own views (`TemplateView`, `View`),
    through bases of the module alone: a base of another module could read the post in
    the methods the page is rendered with."""
    chain = _module_chain(ctx, view, set())
    if chain is None:
        return False
    post = next(
        (s for c in chain for s in c.body if isinstance(s, _Function) and s.name == "post"),
        None,
    )
    if post is None:
        return False
    body = after_docstring(post.body)
    if not (_renders_as_get(body) or _redirects_to_itself(ctx, body)):
        return False
    return not any(_reads_posted(node) for c in chain for node in ast.walk(c))


def _module_chain(
    ctx: FileContext, view: ast.ClassDef, seen: set[str]
) -> list[ast.ClassDef] | None:
    """The class and its bases defined in the module, in Python's lookup order for single
    chains (the class first), when every other base is one of Django's views; None when
    a base is anything else (a class of another module, a mixin of a library)."""
    if not view.bases or view.name in seen:
        return None
    seen.add(view.name)
    chain = [view]
    for base in view.bases:
        if (ctx.qualified(base) or "").startswith(_DJANGO_VIEWS):
            continue
        defined = _module_class(ctx, base)
        inner = _module_chain(ctx, defined, seen) if defined is not None else None
        if inner is None:
            return None
        chain += [c for c in inner if c not in chain]
    return chain


def _module_class(ctx: FileContext, base: ast.expr) -> ast.ClassDef | None:
    """The module-level class a base names (`class DashboardView(ReactView)`)."""
    if not isinstance(base, ast.Name):
        return None
    return next(
        (
            statement
            for statement in ctx.tree.body
            if isinstance(statement, ast.ClassDef) and statement.name == base.id
        ),
        None,
    )


_REDIRECTS = frozenset(
    {
        "django.shortcuts.redirect",
        "django.http.HttpResponseRedirect",
        "django.http.response.HttpResponseRedirect",
    }
)
_OWN_ADDRESS = frozenset({"build_absolute_uri", "get_full_path", "get_full_path_info"})
_OWN_PATH = frozenset({"path", "path_info"})


def _redirects_to_itself(ctx: FileContext, body: list[ast.stmt]) -> bool:
    """`return redirect(request.build_absolute_uri())` (or `HttpResponseRedirect` of
    `request.get_full_path()`, `self.request.path`): a 302 (or `redirect`'s 301) to the
    address posted to, which the browser follows with a GET."""
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return False
    call = body[0].value
    if not isinstance(call, ast.Call) or ctx.call_name(call) not in _REDIRECTS:
        return False
    if len(call.args) != 1 or any(k.arg != "permanent" for k in call.keywords):
        return False
    target = call.args[0]
    if isinstance(target, ast.Call) and not target.args and not target.keywords:
        target, names = target.func, _OWN_ADDRESS
    else:
        names = _OWN_PATH
    return isinstance(target, ast.Attribute) and target.attr in names and _is_request(target.value)


def _is_request(node: ast.expr) -> bool:
    """`request` or `self.request`."""
    if isinstance(node, ast.Name):
        return node.id == "request"
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "request"
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


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
