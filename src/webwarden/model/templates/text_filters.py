"""Django's text-to-HTML template filters called from Python (`linebreaksbr(text)`):
unlike `django.utils.html`'s helpers of the same work, they escape the text they mark
up unless told not to (`autoescape=False`), so what they give holds none of its markup."""

from __future__ import annotations

import ast
from collections.abc import Iterable

FILTERS_MODULE = "django.template.defaultfilters"
_VALUE_ARGUMENTS = {"linebreaksbr": 1, "linebreaks_filter": 1, "urlize": 1, "urlizetrunc": 2}
"""Each filter's arguments before `autoescape` (`urlizetrunc(value, limit, autoescape)`)."""
ESCAPING_FILTERS = frozenset(f"{FILTERS_MODULE}.{name}" for name in _VALUE_ARGUMENTS)


def escaping_text_filters(imports: Iterable[ast.AST]) -> frozenset[str]:
    """The names the module's `from django.template.defaultfilters import ...` binds to
    those filters."""
    return frozenset(
        alias.asname or alias.name
        for node in imports
        if isinstance(node, ast.ImportFrom) and node.module == FILTERS_MODULE
        for alias in node.names
        if alias.name in _VALUE_ARGUMENTS
    )


def told_to_escape(call: ast.Call, name: str) -> bool:
    """Whether a call of the filter `name` (its last part: `urlizetrunc`) leaves escaping
    on: `autoescape`, given by position or keyword, is the constant `True`, and no
    `*args` or `**options` may hand it another value."""
    return _autoescape_on(call, _VALUE_ARGUMENTS.get(name.rpartition(".")[2], 1))


def _autoescape_on(call: ast.Call, before: int, *, default: bool = True) -> bool:
    """Whether `autoescape`, the argument after the first `before`, is the constant
    `True` (`default` when it is not given), and no `*args` or `**options` may hand it
    another value."""
    given = call.args[before:]
    for keyword in call.keywords:
        if keyword.arg is None:
            return False
        if keyword.arg == "autoescape":
            given.append(keyword.value)
    if any(isinstance(a, ast.Starred) for a in call.args):
        return False
    if not given:
        return default
    return all(isinstance(a, ast.Constant) and a.value is True for a in given)


_HTML_HELPERS = {"django.utils.html.linebreaks": 1, "django.utils.html.urlize": 3}
"""`django.utils.html`'s helpers of the filters' work, and their arguments before
`autoescape`: they escape only when told to (`linebreaks(text, autoescape=True)`)."""


def helper_told_to_escape(call: ast.Call, qualified: str | None) -> bool:
    """Whether `call`, of such a helper by its qualified name, is given `autoescape` as
    the constant `True` (by position or keyword)."""
    before = _HTML_HELPERS.get(qualified or "")
    return before is not None and _autoescape_on(call, before, default=False)
