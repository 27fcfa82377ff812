"""What the form hooks of Django's generic editing views return, when the project does not
override them: `form_valid()` a redirect to `get_success_url()`, `form_invalid()` the page
rendered from a template."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import CLEAN, Value

if TYPE_CHECKING:
    from webwarden.analysis.taint.index import IndexView
    from webwarden.analysis.taint.interpret import Interpreter
    from webwarden.analysis.taint.state import Env

EDIT_VIEWS = (
    "django.views.generic.edit.",
    *(f"django.views.generic.{name}" for name in ("FormView", "CreateView", "UpdateView")),
    "django.views.generic.DeleteView",
)
"""Django's editing views and their mixins (`FormMixin`, `ModelFormMixin`, `DeletionMixin`
are in `django.views.generic.edit`)."""
FORM_HOOKS = frozenset({"form_valid", "form_invalid"})


def edit_view(index: IndexView, kind: str) -> bool:
    """Whether `kind` is `self` (or `super()`) in a class deriving from one of Django's
    editing views, or in a mixin of one."""
    if not kind.startswith(("cls:", "super:")):
        return False
    cls = kind.partition(":")[2]
    return index.inherits(cls, EDIT_VIEWS) or index.mixed_into(cls, EDIT_VIEWS)


def form_hook_result(
    interp: Interpreter, index: IndexView, method: str, self_node: ir.Expr, pos: ir.Pos, env: Env
) -> Value:
    """Django's own `form_valid(form)` (`FormMixin`'s, after `ModelFormMixin` saved the
    form): `HttpResponseRedirect(self.get_success_url())`, so what the project's
    `get_success_url()` returns, or nothing of the request when Django's own makes the URL
    (`success_url` formatted with the saved object's fields, the view's own text first);
    `form_invalid(form)`: a `TemplateResponse` of the view's template, whose variables the
    template escapes. The form's data is in neither."""
    if method != "form_valid":
        return CLEAN
    owner = env.get(self_node.name, CLEAN).kind if isinstance(self_node, ir.Local) else ""
    cls = owner.partition(":")[2] if owner.startswith("cls:") else ""
    if not cls or index.method(cls, "get_success_url") is None:
        return CLEAN
    success = ir.Call(ir.Attr(self_node, "get_success_url"), None, (), (), pos)
    return interp.expr(success, env)
