"""Collections of field names held under a credential's name.

`SIGNING_KEYS = ("Message", "MessageId", "SubscribeURL", "Type")` lists the fields of a
message its signature covers, in order: `keys` are a record's keys, and a member written
as a name (`SubscribeURL`) is one of them, not a key the app signs with. A dict may map
names to names too: a model's attributes to the LDAP attributes storing them
(`"one_time_password": "oathTokenPIN"`).
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


_MIN_TRANSLATIONS = 2


def in_name_map(mapping: ast.AST | None, node: ast.AST) -> bool:
    """Whether `node`, a value of the dict literal `mapping`, is a name the dict maps its
    key to: every value is a constant shaped as a name (`node` with twice as many small
    letters as capitals), and two other entries or more give a snake_case key its own
    name in camelCase (`"display_name": "displayName"`, `"given_name": "givenName"`):
    the dict translates a model's attribute names into a directory's or an API's
    (`"one_time_password": "oathTokenPIN"`). A dict of settings gives no key its own
    name, so a password among them is judged (passwords too, being made of words)."""
    if not isinstance(mapping, ast.Dict) or node not in mapping.values:
        return False
    pairs = [
        (key.value, value.value)
        for key, value in zip(mapping.keys, mapping.values, strict=True)
        if isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and isinstance(value, ast.Constant)
        and isinstance(value.value, str)
    ]
    if len(pairs) != len(mapping.values) or not all(_NAME_SHAPE.match(v) for _, v in pairs):
        return False
    judged = node.value if isinstance(node, ast.Constant) else None
    translations = sum(
        1 for key, value in pairs if value != judged and "_" in key and value == _camel(key)
    )
    return isinstance(judged, str) and _field_name(judged) and translations >= _MIN_TRANSLATIONS


def _camel(snake: str) -> str:
    first, *rest = snake.split("_")
    return first + "".join(word.capitalize() for word in rest)
