"""Gitignore-style patterns matched fast: one regular expression for the whole spec.

`pathspec.GitIgnoreSpec.match_file` tries every pattern in turn, in Python, to work out
which one decides (a later `!negation` may re-include a path). Discovery asks tens of
thousands of times per scan, so a spec without negations, where any matching pattern
decides, is joined into one compiled expression; a spec with negations keeps pathspec's
exact gitignore semantics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pathspec

_GROUP = "(?P<ps_d>"
"""The one named group pathspec puts in its expressions (the directory mark); names
must be unique in one expression, and the joined one does not need it."""
_ANY_FOLDER = "^(?:.+/)?"
"""How pathspec starts the expression of a pattern that matches in any folder."""
_BARE_NAME = re.compile(r"(?!.*\*\*)[\w.*?@%+=,~-]+/?")
"""A pattern that names a file or folder in any folder (no `/` inside, no `**`, no
character class or escape): it matches a path exactly when it matches one of its parts."""


def _joined(spec: pathspec.GitIgnoreSpec) -> re.Pattern[str] | None:
    """One expression matching what `spec` matches, or None when it cannot be joined."""
    parts: list[str] = []
    anywhere: list[str] = []
    for pattern in spec.patterns:
        if pattern.include is None:
            continue  # a blank line or a comment
        regex = getattr(pattern, "regex", None)
        source = getattr(pattern, "pattern", None)
        if (
            pattern.include is False
            or not isinstance(regex, re.Pattern)
            or not isinstance(regex.pattern, str)
            or regex.flags != re.UNICODE
            # NOTE: a literal parenthesis in the pattern could put "(?P<" inside a
            # character class, where rewriting the group would change its meaning.
            or not isinstance(source, str)
            or "(" in source
        ):
            return None
        rewritten = regex.pattern.replace(_GROUP, "(?:")
        if "(?P" in rewritten:
            return None
        if rewritten.startswith(_ANY_FOLDER):
            anywhere.append(f"(?:{rewritten.removeprefix(_ANY_FOLDER)})")
        else:
            parts.append(f"(?:{rewritten})")
    if anywhere:
        # NOTE: `^(?:.+/)?a|^(?:.+/)?b` is `^(?:.+/)?(?:a|b)`; factored, the folder prefix
        # is searched for once instead of once per pattern (most patterns are bare names).
        parts.insert(0, f"{_ANY_FOLDER}(?:{'|'.join(anywhere)})")
    return re.compile("|".join(parts) or "(?!)")


class PathMatcher:
    """Whether POSIX paths match a gitignore-style spec (a directory ends with `/`)."""

    __slots__ = ("by_name", "joined", "spec", "test")

    spec: pathspec.GitIgnoreSpec
    joined: bool
    """Whether the spec is matched as one expression (it has no negations)."""
    by_name: bool
    """Whether every pattern is a bare name, so that a path matches exactly when one of its
    parts does (a walk that tested each folder on the way down need only test the name)."""
    test: Callable[[str], object]
    """Truthy when a normalised path (no leading `/` or `./`) matches; the walk's hot path."""

    def __init__(self, spec: pathspec.GitIgnoreSpec) -> None:
        self.spec = spec
        joined = _joined(spec)
        self.joined = joined is not None
        self.by_name = self.joined and all(
            isinstance(source, str) and _BARE_NAME.fullmatch(source) is not None
            for pattern in spec.patterns
            if pattern.include is not None
            for source in (getattr(pattern, "pattern", None),)
        )
        self.test = spec.match_file if joined is None else joined.search

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> PathMatcher:
        """A matcher for gitignore lines."""
        return cls(pathspec.GitIgnoreSpec.from_lines(lines))

    def match(self, path: str) -> bool:
        """Whether `path` matches, normalised as pathspec does (leading `/` or `./`)."""
        if path.startswith("/"):
            path = path[1:]
        elif path.startswith("./"):
            path = path[2:]
        return bool(self.test(path))
