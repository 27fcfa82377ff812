"""Which files are dotenv files, and which of those are examples meant to be committed."""

from __future__ import annotations

import fnmatch
import re

_EXAMPLE_WORDS = ("example", "sample", "template", "dist")

EXAMPLE_PATTERNS = tuple(
    pattern
    for word in (*_EXAMPLE_WORDS, *(word.upper() for word in _EXAMPLE_WORDS))
    for pattern in (
        f".env.{word}",
        f".env.*.{word}",
        f"*.env.{word}",
        f"{word}.env",
        f"env.{word}",
    )
)
"""Files that document which variables to set; they are meant to be committed
(`.env.example`, `.env.production.sample`, `shop.env.dist`, `example.env`, and the
same with the word in capitals: Shynet's `TEMPLATE.env`)."""


_EXAMPLE = re.compile("|".join(fnmatch.translate(pattern) for pattern in EXAMPLE_PATTERNS))
"""The example patterns as one expression (every file name of a scan is asked)."""


def is_env_example(name: str) -> bool:
    """Whether a file name is an example env file (`.env.example`, `example.env`,
    `.env_sample`, `example_env`)."""
    if _EXAMPLE.match(name) is not None:
        return True
    words = re.split(r"[._-]+", name.lower())
    return "env" in words and any(word in _EXAMPLE_WORDS for word in words)


_SEPARATED = (".env.", ".env_", ".env-")
_SUFFIXES = ("_env", "-env")


def is_env_file(name: str) -> bool:
    """Whether a file name is a real dotenv file: `.env`, `.env.production`, `prod.env`,
    `.env_local`, Docker's `env.list` (its `--env-file` example) or a name without an
    extension ending in `_env` (`docker_env`, `prod-env`).

    `.flaskenv` (public Flask CLI settings, committed by design) and examples are not.
    """
    # NOTE: the plain string tests first: nearly every file name of a scan fails them,
    # and only the few that pass need the example patterns.
    dotenv = (
        name in {".env", "env.list"}
        or name.startswith(_SEPARATED)
        or (name.endswith(".env") and len(name) > 4)
        or (name.endswith(_SUFFIXES) and len(name) > 4 and "." not in name)
    )
    return dotenv and not is_env_example(name)
