"""Template `if` blocks that check a URL's scheme before writing it.

`{% if link.url.startswith(("http://", "https://")) %}<a href="{{ link.url }}">` writes
the URL only when it starts with a web scheme: no `javascript:` URL reaches the link.
Jinja's tests are Python expressions, which `ast` reads; Django's templates call no
method with arguments, so they never check so.
"""

from __future__ import annotations

import ast

from webwarden.parse.templates import Node, NodeKind, ParsedTemplate

_WEB_SCHEMES = ("http://", "https://")
_OPENS = frozenset({"if", "for"})
_CLOSES = frozenset({"endif", "endfor"})


def scheme_checked(template: ParsedTemplate, output: Node, path: str) -> bool:
    """Whether `output` is written only inside the branch of an `if` (or `elif`) whose
    test requires `path` to start with `http://` or `https://` (a conjunct of the test:
    `url and url.startswith(("http://", "https://"))`)."""
    if not path:
        return False
    # NOTE: a `for` is kept on the stack too: its `else` is no branch of an `if`.
    open_tests: list[str | None] = []
    for node in template.nodes:
        if node.start >= output.start:
            break
        if node.kind is not NodeKind.TAG:
            continue
        if node.tag in _OPENS:
            open_tests.append(_test(node) if node.tag == "if" else None)
        elif node.tag in {"elif", "else"} and open_tests:
            open_tests[-1] = _test(node) if node.tag == "elif" else None
        elif node.tag in _CLOSES and open_tests:
            open_tests.pop()
    return any(test is not None and _requires_web_scheme(test, path) for test in open_tests)


def _test(node: Node) -> str:
    return node.content.removeprefix(node.tag).strip()


def _requires_web_scheme(test: str, path: str) -> bool:
    try:
        tree = ast.parse(f"({test})", mode="eval").body
    except SyntaxError:
        return False
    conjuncts = (
        tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    )
    return any(_starts_with_web_scheme(part, path) for part in conjuncts)


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
