"""Whether a Django view may act with the authority the user's cookies give it.

A forged cross-site post reaches a view with the victim's cookies; it gains something
only when the view acts on them: the logged-in user (`request.user`), the session, a
login or a permission check, or a base class or helper that may do either; for a
class, also a subclass of it, which inherits its exemption. A view that
reads none of them (a CSP report collector, a payment provider's notification, an OAuth
token endpoint authenticating its client by the request body) gives another site nothing
it could not do by calling the view itself.

Conservative: a `request` handed to anything but a response builder (or arguments passed
on with `*args`), a base class other than a plain `View` (or Django's `FormView`,
`TemplateView` or `RedirectView`, which read neither), and any decorator but Django's
own method, cache and header ones count as using them; a function the module imports
and hands the request to, or a decorator it imports by name, is left to the project
step (`session_use`), which judges it where the project defines it.
"""

from __future__ import annotations

import ast

from webwarden.model.django.harmless_decorators import harmless_decorator
from webwarden.model.django.session_use import (
    imported_callee,
    imported_name,
    passing_decorators,
    uses_authority,
)
from webwarden.model.tree import super_method
from webwarden.rules.context import FileContext
from webwarden.rules.decorators import applied

_SESSIONLESS_GENERIC = ("FormView", "BaseFormView", "ProcessFormView", "TemplateView")
_PLAIN_BASES = frozenset(
    {"django.views.View", "django.views.generic.View", "django.views.generic.base.View"}
    | {f"django.views.generic.{name}" for name in (*_SESSIONLESS_GENERIC, "RedirectView")}
    | {f"django.views.generic.edit.{name}" for name in _SESSIONLESS_GENERIC[:3]}
    | {"django.views.generic.base.TemplateView", "django.views.generic.base.RedirectView"}
    | {"django.views.generic.detail.SingleObjectMixin", "django.views.generic.base.ContextMixin"}
    | {"object"}
)
"""Django's `View`, and its generic views that read no user or session themselves:
`FormView` builds its form from the posted data alone (no request is handed to it),
`form_valid()` redirects and `form_invalid()` renders the page again; `TemplateView` and
`RedirectView` answer with a page or a redirect. What a view on them uses is its own
(its `form_valid()`, a `get_form_kwargs()` handing the form the request), judged with it."""


def session_use(ctx: FileContext, view: ast.AST) -> tuple[str, ...] | None:
    """None when the view (a function, or a class-based view or one of its methods) may
    act as the user its cookies name; otherwise the functions the module imports that it
    hands the request to (qualified names, sorted), which act so or not as the project
    step finds them (() when there are none: the view acts as no one). A base class or a
    function the view hands the request to, defined in the same module, is judged by its
    body (a mixin checking the origin of a tracking beacon, a helper queueing what the
    request carries)."""
    owner = ctx.parent(view)
    if isinstance(view, ast.FunctionDef | ast.AsyncFunctionDef) and isinstance(owner, ast.ClassDef):
        view = owner  # NOTE: `dispatch` exempted: the view is the whole class
    callees: set[str] = set()
    if _may_use(ctx, view, {}, callees, base=False):
        return None
    # NOTE: a subclass inherits the exempted `dispatch`, and `as_view()` copies the mark
    # from it: each subclass of the module is an exempt view too, judged by its own body.
    if isinstance(view, ast.ClassDef) and any(
        _may_use(ctx, heir, {view.name: False}, callees, base=True) for heir in _heirs(ctx, view)
    ):
        return None
    return tuple(sorted(callees))


def mixin_session_use(ctx: FileContext, view: ast.AST) -> tuple[str, ...] | None:
    """For a mixin of no base (`class UploadMixin:`) whose exempted `dispatch` only goes
    on through `super().dispatch()`: the functions the module imports that it and the
    module's classes deriving from it hand the request to, as `session_use` gives them,
    when each is judged as a base (its `super()` calls go on to classes judged too);
    None when one may act as the user, or for any other view. Classes of other modules
    deriving from the mixin are the project step's to find (`mixed_in_elsewhere`)."""
    owner = ctx.parent(view)
    if isinstance(view, ast.FunctionDef | ast.AsyncFunctionDef) and isinstance(owner, ast.ClassDef):
        view = owner
    if not isinstance(view, ast.ClassDef) or any(
        ctx.qualified(base) != "object" for base in view.bases
    ):
        return None
    callees: set[str] = set()
    if _may_use(ctx, view, {}, callees, base=True) or any(
        _may_use(ctx, heir, {view.name: False}, callees, base=True) for heir in _heirs(ctx, view)
    ):
        return None
    return tuple(sorted(callees))


def _heirs(ctx: FileContext, view: ast.ClassDef) -> list[ast.ClassDef]:
    """Classes of the module deriving from the view, directly or through one another."""
    classes = [node for node in ctx.nodes(ast.ClassDef) if isinstance(node, ast.ClassDef)]
    names, heirs = {view.name}, list[ast.ClassDef]()
    grown = True
    while grown:
        grown = False
        for cls in classes:
            if cls is view or cls in heirs:
                continue
            if any(isinstance(b, ast.Name) and b.id in names for b in cls.bases):
                heirs.append(cls)
                names.add(cls.name)
                grown = True
    return heirs


def _may_use(
    ctx: FileContext,
    view: ast.AST,
    verdicts: dict[str, bool],
    callees: set[str],
    *,
    base: bool,
) -> bool:
    """`base`: a class judged as a base of the view, whose `super()` calls go on to the
    view's other bases and handlers, judged too. So do those of a view whose only base
    is Django's `View` (`super().dispatch(request, *args, **kwargs)` in an exempted
    `dispatch`): it hands the request to the class's own handlers alone. The imported
    functions handed the request are added to `callees`."""
    if isinstance(view, ast.ClassDef):
        for written in view.bases:
            if ctx.qualified(written) in _PLAIN_BASES:
                continue
            if _judged(ctx, written, ast.ClassDef, verdicts, callees) is not False:
                return True  # NOTE: inherited handlers the file does not show
    decorators = [d for node in ast.walk(view) for d in getattr(node, "decorator_list", ())]
    if not all(_harmless(ctx, d, callees) for d in decorators):
        return True
    own = _own_methods(view)
    for node in ast.walk(view):
        passed_on = (base or _plain_view(ctx, view, verdicts)) and super_method(node) is not None
        if not uses_authority(ctx, node) or _own_call(node, own) or passed_on:
            continue
        if not isinstance(node, ast.Call):
            return True
        judged = _judged(ctx, node.func, ast.FunctionDef, verdicts, callees)
        if judged is None and (imported := imported_callee(ctx, node)) is not None:
            callees.add(imported)
        elif judged is not False:
            return True  # NOTE: a callee of no module, or one that may use it
    return False


def _judged(
    ctx: FileContext,
    name: ast.expr,
    kind: type[ast.AST],
    verdicts: dict[str, bool],
    callees: set[str],
) -> bool | None:
    """Whether the class (as a base) or function of the module's top level that `name`
    names may use the session; None when the module defines no such thing."""
    if not isinstance(name, ast.Name):
        return None
    if name.id in verdicts:
        return verdicts[name.id]
    found = [s for s in ctx.tree.body if isinstance(s, kind) and getattr(s, "name", "") == name.id]
    if len(found) != 1:
        return None
    verdicts[name.id] = True  # NOTE: met again while judging it: a cycle counts as use
    verdicts[name.id] = _may_use(ctx, found[0], verdicts, callees, base=kind is ast.ClassDef)
    return verdicts[name.id]


def _plain_view(ctx: FileContext, view: ast.AST, verdicts: dict[str, bool]) -> bool:
    """A class deriving from Django's `View` (or a generic view of `_PLAIN_BASES`), also
    beside mixins of the module judged already to act as no one (`class
    Discover(SettingsMixin, TemplateView)`: its `super()` calls go through the mixin's
    methods, judged as a base's, on to Django's); not a mixin (`class Exempt:`), whose
    `super()` goes on to classes it is mixed into, which this module may not show."""
    if not isinstance(view, ast.ClassDef) or not view.bases:
        return False
    plain = [ctx.qualified(b) in _PLAIN_BASES - {"object"} for b in view.bases]
    return any(plain) and all(
        is_plain or (isinstance(b, ast.Name) and verdicts.get(b.id) is False)
        for b, is_plain in zip(view.bases, plain, strict=True)
    )


def _own_methods(view: ast.AST) -> frozenset[str]:
    """Methods the class-based view defines itself: their bodies are judged with it."""
    if not isinstance(view, ast.ClassDef):
        return frozenset()
    methods = ast.FunctionDef | ast.AsyncFunctionDef
    return frozenset(s.name for s in view.body if isinstance(s, methods))


def _own_call(node: ast.AST, own: frozenset[str]) -> bool:
    """`self.create_response(request, ...)`, a method of the same view: handing it the
    request uses nothing the method's own body (judged too) does not."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
        and node.func.attr in own
    )


def _harmless(ctx: FileContext, decorator: ast.expr, callees: set[str]) -> bool:
    """A decorator changing no one's authority; one the module imports by name from
    another (`@ratelimiter_3_per_m`) is added to `callees`, for the project step to judge
    what the name stands for (`harmless_decorators.harmless_aliases`,
    `session_use.passing_decorators`); one the module defines that hands the request only
    to the view it wraps adds the functions it hands the request to."""
    wrapped = applied(ctx, decorator)
    if wrapped != [decorator]:
        return all(_harmless(ctx, item, callees) for item in wrapped)
    if harmless_decorator(ctx, decorator):
        return True
    imported = imported_name(ctx, decorator)
    if imported is not None:
        callees.add(imported)
        return True
    if isinstance(decorator, ast.Name) and ctx.scopes.binding_scope(decorator) in (ctx.tree, None):
        passing = passing_decorators(ctx).get(decorator.id)
        if passing is not None:
            callees.update(passing)  # NOTE: the module's own, handing the request on
            return True
    return False
