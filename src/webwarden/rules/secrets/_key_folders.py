"""Folders holding many key files: a set of test keys, not a deployment's keys.

A crypto library's test data (OpenSSL's `test/certs/`, a TLS library's `data_files/`,
vendored with the library's sources) keeps dozens of keys side by side, one per case
its tests try (each curve, size and encryption of a key); a deployment keeps the key of
each service it runs, a handful at most.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections import Counter

from webwarden.discover.files import KEY_FILE_PATTERNS
from webwarden.model.project import ProjectModel

_MEMO = "key-folders"
CORPUS_SIZE = 12
"""How many files named like keys one folder holds from which they are read as test keys."""
_KEY_NAME = re.compile("|".join(fnmatch.translate(p) for p in KEY_FILE_PATTERNS))


def key_corpus(project: ProjectModel, relpath: str) -> str:
    """Why the key file at `relpath` is one of a set of test keys (its folder holds at
    least `CORPUS_SIZE` files named like keys), or "" when it is not."""
    counts = project.memo.get(_MEMO)
    if not isinstance(counts, Counter):
        counts = Counter(
            posixpath.dirname(f.relpath)
            for f in project.files
            if _KEY_NAME.match(posixpath.basename(f.relpath))
        )
        project.memo[_MEMO] = counts
    found = counts[posixpath.dirname(relpath)]
    return f"one of {found} key files in its folder: test keys" if found >= CORPUS_SIZE else ""
