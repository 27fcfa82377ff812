"""A Django form's errors written into a string: the HTML list Django renders of them."""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.model.module import identifier_words


def rendered_form_errors(part: ir.Expr) -> bool:
    """Whether a part of a string built with an f-string, `%` or `+` is a Django form's
    errors as they render: `form.errors` (an `ErrorDict`), `form["title"].errors` and
    `form.non_field_errors()` (an `ErrorList`). Their `str()` is the `<ul
    class="errorlist">` Django builds with `format_html` or an autoescaping template, so
    the value an error message quotes (`Select a valid choice. <value> is not one of the
    available choices.`) is escaped. Not `{form.errors!r}` nor an error read out of them
    (`form.errors["title"][0]`), which are the messages as they are, nor a formset's
    `errors` (a list, written as its `repr()`)."""
    if isinstance(part, ir.Attr) and part.attr == "errors":
        receiver = part.value
        if isinstance(receiver, ir.Sub):
            receiver = receiver.value  # NOTE: a bound field's errors: `form["title"].errors`
    elif (
        isinstance(part, ir.Call)
        and isinstance(part.func, ir.Attr)
        and part.func.attr == "non_field_errors"
        and not part.args
        and not part.keywords
    ):
        receiver = part.func.value
    else:
        return False
    name = _name(receiver)
    words = identifier_words(name) if name else []
    return bool(words) and words[-1] == "form"


def _name(expr: ir.Expr) -> str | None:
    if isinstance(expr, ir.Local | ir.Free):
        return expr.name
    if isinstance(expr, ir.Attr):
        return expr.attr
    return None


def iterated_error_dict(callee: str | None, content: ir.Expr | None) -> bool:
    """Whether a Django response is given a form's `errors` itself as its content
    (`HttpResponseBadRequest(form.errors)`): an `ErrorDict`, which `HttpResponse`
    iterates like any iterable that is no string, writing its keys, the names of the
    form's fields, not its messages (a bound field's `errors` or `non_field_errors()`, an
    `ErrorList`, iterates over the messages, and is not this)."""
    if callee is None or not callee.startswith("django.http."):
        return False
    return (
        isinstance(content, ir.Attr)
        and content.attr == "errors"
        and rendered_form_errors(content)
        and not isinstance(content.value, ir.Sub)
    )
