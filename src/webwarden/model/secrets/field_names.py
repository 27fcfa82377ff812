"""Collections of field names held under a credential's name.

`SIGNING_KEYS = ("Message", "MessageId", "SubscribeURL", "Type")` lists the fields of a
message its signature covers, in order: `keys` are a record's keys, and a member written
as a name (`SubscribeURL`) is one of them, not a key the app signs with.
"""

from __future__ import annotations

import ast
import re

from webwarden.analysis.secrets import looks_like_secret

_MIN_SIBLINGS = 2
_MADE_OF_WORDS = "a password"
_NAME_SHAPE = re.compile(r"^[A-Za-z][A-Za-z_]*$")


def among_field_names(collection: ast.AST, node: ast.AST, kind: str) -> bool:
    """Whether `node`, a string of the tuple, list or set `collection`, is shaped as a
    field's name and so is every other member (two or more), none of which looks like
    `kind` of credential itself: a list of names. Keys kept side by side for rotation look
    like keys, passphrases too (`("SparkleAndShine", "GlitterAndGlow")`), and a key
    beside a number (`("k3y...", "primary", 3)`) is in no list of names. Not for a
    password, which people make of words: `("admin", "root", "SuperSecret")` lists
    passwords to try, each shaped as a name."""
    if kind == _MADE_OF_WORDS or not isinstance(collection, ast.Tuple | ast.List | ast.Set):
        return False
    texts = [
        item.value
        for item in collection.elts
        if isinstance(item, ast.Constant) and isinstance(item.value, str)
    ]
    if len(texts) != len(collection.elts) or len(texts) <= _MIN_SIBLINGS:
        return False
    own = [text for item, text in zip(collection.elts, texts, strict=True) if item is node]
    siblings = [text for item, text in zip(collection.elts, texts, strict=True) if item is not node]
    return (
        len(own) == 1
        and _field_name(own[0])
        and all(_field_name(text) and not looks_like_secret(text, kind) for text in siblings)
    )


def _field_name(text: str) -> bool:
    """Letters (and `_`) with twice as many small letters as capitals: `SubscribeURL`,
    `MessageId`, `topic_arn`; random letters put a capital every other one or so
    (`XkQpLmNvRtYw`)."""
    if not _NAME_SHAPE.match(text):
        return False
    capitals = sum(c.isupper() for c in text)
    return sum(c.islower() for c in text) >= 2 * capitals
