"""The tags a Django message must carry for a template output to write it.

Django's messages carry tags: the level's (`error`, `success`) and the `extra_tags` the
code gave (`messages.info(request, text, extra_tags="safe")`), joined by a space in
`message.tags`. A template that writes markup only for messages tagged so (`{% if
'safe' in message.tags %}{{ message|safe }}{% else %}{{ message }}{% endif %}`, the
pattern Django's documentation and django-oscar use) writes every other message
escaped: only what the code stored with that tag reaches the unescaped output.
"""

from __future__ import annotations

import ast

from webwarden.model.django_messages import LEVEL_TAGS
from webwarden.model.templates.branches import held_tests
from webwarden.parse.templates import Node, ParsedTemplate

_TAG_ATTRIBUTES = frozenset({"tags", "extra_tags"})
MESSAGE_PATHS = frozenset({"messages", "messages.message"})
"""What a template writes of the messages Django's context processor lists: a message
itself (`{{ message }}` in a `{% for message in messages %}`) or its text
(`message.message`)."""


def tag_gates(template: ParsedTemplate, output: Node, root: str) -> tuple[str, ...]:
    """The literals an `if` around `output` requires the tags of the message `root`
    to hold (`'safe' in message.tags`, `message.extra_tags == 'safe'`), leaving out any
    that a level's own tag may hold (`'error' in message.tags` holds for every error)."""
    text = template.text
    if not root or (f"{root}.tags" not in text and f"{root}.extra_tags" not in text):
        return ()
    gates: list[str] = []
    for test in held_tests(template, output, root):
        literal = _tag(test, root) or ""
        # NOTE: `message.tags == "safe success"` holds the level's tag beside the extra ones.
        gate = " ".join(word for word in literal.split() if word not in LEVEL_TAGS)
        if gate and not any(gate in level for level in LEVEL_TAGS) and gate not in gates:
            gates.append(gate)
    return tuple(gates)


def _tag(test: ast.expr, root: str) -> str | None:
    """The literal `test` requires the tags of `root` to hold, if any."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    left, right, op = test.left, test.comparators[0], test.ops[0]
    if isinstance(op, ast.In) and _tags_of(right, root):
        return _literal(left)
    if isinstance(op, ast.Eq):
        if _tags_of(left, root):
            return _literal(right)
        if _tags_of(right, root):
            return _literal(left)
    return None


def _tags_of(node: ast.expr, root: str) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr in _TAG_ATTRIBUTES
        and isinstance(node.value, ast.Name)
        and node.value.id == root
    )


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
        return node.value.strip()
    return None
