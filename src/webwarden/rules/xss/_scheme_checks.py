"""Template `if` blocks that check a URL's scheme before writing it.

`{% if link.url.startswith(("http://", "https://")) %}<a href="{{ link.url }}">` writes
the URL only when it starts with a web scheme: no `javascript:` URL reaches the link.
Jinja's tests are Python expressions, which `ast` reads; Django's templates call no
method with arguments, so they never check so.
"""

from __future__ import annotations

import ast

from webwarden.model.templates.branches import conjuncts, open_blocks
from webwarden.parse.templates import Node, ParsedTemplate

_WEB_SCHEMES = ("http://", "https://")


def scheme_checked(template: ParsedTemplate, output: Node, path: str) -> bool:
    """Whether `output` is written only inside the branch of an `if` (or `elif`) whose
    test requires `path` to start with `http://` or `https://` (a conjunct of the test:
    `url and url.startswith(("http://", "https://"))`)."""
    if not path:
        return False
    return any(
        _starts_with_web_scheme(part, path)
        for block in open_blocks(template, output)
        if block is not None
        for part in conjuncts(block)
    )


def _starts_with_web_scheme(node: ast.expr, path: str) -> bool:
    """`path.startswith("https://")` or `path.startswith(("http://", "https://"))`."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "startswith"
        and len(node.args) == 1
        and ast.unparse(node.func.value) == path
    ):
        return False
    prefix = node.args[0]
    prefixes = prefix.elts if isinstance(prefix, ast.Tuple) else [prefix]
    return all(
        isinstance(p, ast.Constant)
        and isinstance(p.value, str)
        and p.value.lower().startswith(_WEB_SCHEMES)
        for p in prefixes
    )
