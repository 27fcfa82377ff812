"""Django's text-to-HTML helpers: `linebreaks`, `linebreaksbr` and `urlize` escape the
text they mark up when told to (`autoescape=True`), so what they give holds none of the
text's own markup.

`library` asks here before it treats such a call as unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import HTML_CLEANSED
from webwarden.analysis.taint.values import Value, cleanse, given_taint

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords

_AUTOESCAPE = "autoescape"
ESCAPING_WHEN_TOLD: dict[str, tuple[int, bool]] = {
    # NOTE: `django.utils.html`'s helpers leave escaping off unless told.
    "django.utils.html.linebreaks": (1, False),
    "django.utils.html.urlize": (3, False),
    # NOTE: the template filters, called from Python, escape unless told not to.
    "django.template.defaultfilters.linebreaks_filter": (1, True),
    "django.template.defaultfilters.linebreaksbr": (1, True),
    "django.template.defaultfilters.urlize": (1, True),
    "django.template.defaultfilters.urlizetrunc": (2, True),
}
"""Each helper's position of `autoescape` and its default."""


def django_text_call(name: str, args: Args, keywords: Keywords) -> Value | None:
    """The HTML an escaping helper makes of its text, None when escaping may be off."""
    position, default = ESCAPING_WHEN_TOLD[name]
    given = [node for node, _ in args[position : position + 1]]
    for key, node, _ in keywords:
        if key is None:
            return None  # NOTE: `**options` may turn escaping off
        if key == _AUTOESCAPE:
            given.append(node)
    if len(args) > position + 1 or not all(_is_true(node) for node in given):
        return None
    if not given and not default:
        return None
    taint = given_taint(args, keywords)
    return Value(cleanse(taint, HTML_CLEANSED), kind=name)


def _is_true(node: ir.Expr) -> bool:
    return isinstance(node, ir.Const) and node.value is True
