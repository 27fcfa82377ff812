"""Database URLs of a test database: `DATABASE_TEST_URL = postgresql://app:pw@$(HOST)/app_test`.

The setting is named for tests and so is the database it reaches: the one a test suite
creates, fills with made-up rows and drops, on a developer's machine or a CI job. Its
login guards nothing of anyone's. Both must say so: a database named for tests behind
the app's own setting (`DATABASE_URL`), or a test setting reaching the app's database,
is still reported.
"""

from __future__ import annotations

import re

from webwarden.model.module import identifier_words
from webwarden.rules.secrets._text_secrets import TextSecret

_TEST_WORDS = frozenset({"test", "tests", "testing", "ci"})
"""Also `ci`: the database a CI job creates for the suite (`app_ci`, `CI_DATABASE_URL`)."""
_ASSIGNED = re.compile(r"([A-Za-z_][\w.-]*)[\"']?\s*(?:[:?+]?=|:)\s*[\"']?$")
"""The name a line sets before the value (`export DATABASE_TEST_URL = `, `key: `)."""


def test_database(text: str, secret: TextSecret) -> bool:
    """Whether the database URL `secret` of the file `text` is set under a name that
    says test and names a database that does too."""
    key = secret.key
    if not key:
        lines = text.split("\n")
        before = lines[secret.line - 1][: secret.start] if secret.line <= len(lines) else ""
        found = _ASSIGNED.search(before)
        key = found.group(1) if found else ""
    database = secret.masked.partition("@")[2].partition("/")[2]
    database = re.split(r"[?#]", database, maxsplit=1)[0]
    return _says_test(key) and _says_test(database)


def _says_test(name: str) -> bool:
    return not _TEST_WORDS.isdisjoint(identifier_words(name))
