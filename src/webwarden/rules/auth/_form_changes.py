"""Comparisons that tell whether a Django form's field changed (WW744): the value the
form started with (`form.initial`) against the one submitted (`form.cleaned_data`)."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_INITIAL, _CLEANED = "initial", "cleaned_data"
_REFUSALS = frozenset({"abort", "add_error"})


def form_field_changed(ctx: FileContext, node: ast.Compare, test_of: ast.If) -> bool:
    """`if old["password"] != new["password"]: save(new["password"])` with `old =
    form.initial` and `new = form.cleaned_data`: one field of the form as it was shown
    and as it came back, the `if` refusing nothing (no `return`, `raise`, `abort` or
    `add_error`), so it acts on a change and checks nobody. Or refusing, when the form
    compares its own hidden field (`self.initial`, also through locals: `initial =
    self.initial.get("secret")`), whose value it writes into its page (`_shown_field`):
    the requester is checked against a value it was sent."""
    left = _form_field(ctx, _bound(ctx, node.left))
    right = _form_field(ctx, _bound(ctx, node.comparators[0]))
    if left is None or right is None or left[1] != right[1]:
        return False
    if {left[0], right[0]} != {_INITIAL, _CLEANED}:
        return False
    if not any(_refuses(n) for statement in test_of.body for n in ast.walk(statement)):
        return True
    return left[2] and right[2] and _shown_field(ctx, node, left[1])


def _bound(ctx: FileContext, node: ast.expr) -> ast.expr:
    """The value a local holds when it is bound once (`secret = cleaned.get("secret")`)."""
    if isinstance(node, ast.Name):
        return ctx.lookup(node) or node
    return node


_HIDDEN_WIDGETS = frozenset({"HiddenInput"})
"""Django's widget whose field carries its initial value through the page and back: a
hidden field holds nothing a user types, so the form is built with its initial value
to be shown. (A text input's initial value may be given only to check what the user
types, `Form(request.POST, initial={"api_key": stored})`, never shown.)"""


def _shown_field(ctx: FileContext, node: ast.AST, field: str) -> bool:
    """The form class around `node` declares `field` with a hidden widget, which writes
    its initial value into the page (`forms.CharField(widget=forms.HiddenInput())`)."""
    form = next((a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef)), None)
    for statement in form.body if form is not None else ():
        if not (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == field for t in statement.targets)
            and isinstance(call := statement.value, ast.Call)
        ):
            continue
        widget = next((k.value for k in call.keywords if k.arg == "widget"), None)
        if isinstance(widget, ast.Call):
            widget = widget.func
        qualified = ctx.qualified(widget) if widget is not None else None
        return (qualified or "").rpartition(".")[2] in _HIDDEN_WIDGETS
    return False


def _form_field(ctx: FileContext, node: ast.expr) -> tuple[str, str, bool] | None:
    """`("initial", "key", False)` for `form.initial["key"]`, `initial.get("key")` past
    `initial = form.initial`, and the same of `cleaned_data`; True for the form's own
    (`self.initial["key"]`)."""
    match node:
        case ast.Subscript(value=container, slice=ast.Constant(value=str() as key)):
            pass
        case ast.Call(
            func=ast.Attribute(value=container, attr="get"),
            args=[ast.Constant(value=str() as key), *_],
        ):
            pass
        case _:
            return None
    if isinstance(container, ast.Name):
        container = ctx.lookup(container) or container
    if isinstance(container, ast.Attribute) and container.attr in (_INITIAL, _CLEANED):
        own = isinstance(container.value, ast.Name) and container.value.id == "self"
        return container.attr, key, own
    return None


def _refuses(node: ast.AST) -> bool:
    if isinstance(node, ast.Return | ast.Raise):
        return True
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in _REFUSALS
