"""The `if`, `for` and `with` blocks around a template output, and the parts of an `if`
test: what holds where the output is written.

Both dialects write an `if` test as a Python expression of names, literals, `==`, `in`,
`and`, `or` and `not`, which `ast` reads.
"""

from __future__ import annotations

import ast
import re

from webwarden.parse.templates import Node, NodeKind, ParsedTemplate

_OPENS = frozenset({"if", "for", "with"})
_CLOSES = frozenset({"endif", "endfor", "endwith"})
_NAME = re.compile(r"[A-Za-z_]\w*")
_ASSIGNED = re.compile(r"([A-Za-z_][\w,\s]*?)\s*=(?!=)")
"""The names before an `=` (`with a=b`, Jinja's `set a, b = ...`)."""


def open_blocks(template: ParsedTemplate, output: Node) -> list[Node | None]:
    """The `if`, `for` and `with` blocks holding `output`, outermost first: an `if`
    block as the `if` or `elif` tag of the branch the output is in (None in its
    `else`)."""
    blocks: list[Node | None] = []
    for node in template.nodes:
        if node.start >= output.start:
            break
        if node.kind is not NodeKind.TAG:
            continue
        if node.tag in _OPENS:
            blocks.append(node)
        elif node.tag in {"elif", "else"} and blocks:
            blocks[-1] = node if node.tag == "elif" else None
        elif node.tag in _CLOSES and blocks:
            blocks.pop()
    return blocks


def conjuncts(node: Node) -> list[ast.expr]:
    """The parts an `if` or `elif` tag's test joins with `and` (the whole test when it
    joins none); none for another tag or a test `ast` cannot read."""
    if node.tag not in {"if", "elif"}:
        return []
    test = node.content.removeprefix(node.tag).strip()
    try:
        tree = ast.parse(f"({test})", mode="eval").body
    except SyntaxError:
        return []
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And):
        return list(tree.values)
    return [tree]


def binds(block: Node, root: str) -> bool:
    """Whether a `for`, `with` or `set` tag binds `root` (`for message in ...`, `with
    message=...`, `with ... as message`, `set message = ...`)."""
    if block.tag == "for":
        bound = block.args[: block.args.index("in")] if "in" in block.args else block.args
    elif block.tag in {"with", "set"}:
        written = " ".join(block.args)
        bound = tuple(_ASSIGNED.findall(written))
        bound += block.args[block.args.index("as") + 1 :] if "as" in block.args else ()
    else:
        return False
    return any(root in _NAME.findall(word) for word in bound)


def held_tests(template: ParsedTemplate, output: Node, root: str) -> list[ast.expr]:
    """The test parts that hold where `output` is written, of the `if` and `elif`
    branches around it in which no block inside (nor a `set` since) binds `root` anew:
    what they say of `root` is still true of what the output reads."""
    found: list[ast.expr] = []
    blocks = open_blocks(template, output)
    for index, block in enumerate(blocks):
        if block is None:
            continue
        inner = [b for b in blocks[index + 1 :] if b is not None]
        sets = (n for n in template.tags("set") if block.start < n.start < output.start)
        if not any(binds(other, root) for other in (*inner, *sets)):
            found.extend(conjuncts(block))
    return found
