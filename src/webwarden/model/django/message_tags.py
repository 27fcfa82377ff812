"""The extra tags the project's code gives the Django messages it stores.

`messages.info(request, text, extra_tags="safe")`, `messages.add_message(request, level,
text, "safe")`, a model admin's `self.message_user(request, text, extra_tags="safe")`:
a template may write only messages carrying a tag unescaped (see
`model.templates.message_gates`). Each call is kept with its line and its tags as
written (`""` for none), or None when they are not a string webwarden can read (a
variable, `**kwargs`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from webwarden.model.django_messages import ADD_MESSAGE_FUNCTIONS, LEVEL_FUNCTIONS
from webwarden.model.module import FileContext

if TYPE_CHECKING:
    from webwarden.model.project import ProjectModel

MESSAGE_TAG_FACTS = "django-message-tags"

MessageTags = tuple[tuple[int, str | None], ...]
"""(line, extra tags) of each call storing a message or naming `extra_tags`."""

_POSITION = {
    **dict.fromkeys(LEVEL_FUNCTIONS, 2),
    **dict.fromkeys(ADD_MESSAGE_FUNCTIONS, 3),
}
"""Where the extra tags are given by position: after the request and the message (and
the level, for `add_message`)."""
_MESSAGE_USER = ("message_user", 3)
"""`ModelAdmin.message_user(request, message, level, extra_tags)`."""


def extract_message_tags(ctx: FileContext) -> MessageTags | None:
    """The module's calls storing a Django message, or given `extra_tags`, with the
    tags they give."""
    if not (ctx.holds("messages") or ctx.holds("extra_tags") or ctx.holds("message_user")):
        return None
    found = tuple(
        (node.lineno, _tags(ctx, node, position))
        for node in ctx.nodes(ast.Call)
        if isinstance(node, ast.Call) and (position := _position(ctx, node)) is not None
    )
    return found or None


def _position(ctx: FileContext, node: ast.Call) -> int | None:
    """The position of the call's extra tags, when it stores a message or names them
    (-1: by keyword only)."""
    name = ctx.call_name(node) or ""
    if name in _POSITION:
        return _POSITION[name]
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == _MESSAGE_USER[0]:
        return _MESSAGE_USER[1]
    return -1 if any(k.arg == "extra_tags" for k in node.keywords) else None


def _tags(ctx: FileContext, node: ast.Call, position: int) -> str | None:
    given = next((k.value for k in node.keywords if k.arg == "extra_tags"), None)
    if given is None and 0 <= position < len(node.args):
        given = node.args[position]
    if given is None:
        starred = any(isinstance(a, ast.Starred) for a in node.args)
        return None if starred or any(k.arg is None for k in node.keywords) else ""
    value = ctx.evaluate(given)
    return value if isinstance(value, str) else "" if value is None else None


def given_tags(project: ProjectModel) -> Iterator[tuple[str, int, str | None]]:
    """(module, line, extra tags) of every call of the project storing a message or
    given `extra_tags`."""
    for relpath, summary in project.modules.items():
        facts = summary.facts.get(MESSAGE_TAG_FACTS)
        if isinstance(facts, tuple):
            for line, tags in facts:
                yield relpath, line, tags


def carries(tags: str | None, gates: tuple[str, ...]) -> bool:
    """Whether a message given these extra tags (None: any) holds every gate's literal
    in its tags."""
    return tags is None or all(gate in tags for gate in gates)
