"""Gitignore-style matching: the joined expression agrees with pathspec, negations fall back."""

from __future__ import annotations

import pathspec
import pytest

from webwarden.config.model import DEFAULT_EXCLUDE
from webwarden.discover.patterns import PathMatcher

PATHS = (
    "build/",
    "build/lib/app.py",
    "app/build/",
    "app/views.py",
    "app/local_settings.py",
    "keep.py",
    "pkg.egg-info/",
    "docs/a (1)/x.py",
    "anchored.py",
    "app/anchored.py",
    "secret/",
    "app/secret/",
    "app/secret/key.py",
    ".git/",
    "x.log",
    "logs/keep.log",
)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        pytest.param(DEFAULT_EXCLUDE, True, id="defaults"),
        pytest.param(("secret/", "/anchored.py", "*.log", "# a comment", ""), True, id="mixed"),
        pytest.param(("app/**/key.py", "**/build"), True, id="double-star"),
        pytest.param((), True, id="empty"),
        pytest.param(("*.py", "!keep.py", "*.log", "!logs/"), False, id="negated"),
        pytest.param(("a (1)",), False, id="parenthesis"),
    ],
)
def test_agrees_with_pathspec(lines: tuple[str, ...], joined: bool) -> None:
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    matcher = PathMatcher.from_lines(lines)
    assert matcher.joined is joined
    for path in PATHS:
        assert matcher.match(path) is spec.match_file(path), path


def test_negation_re_includes() -> None:
    matcher = PathMatcher.from_lines(["*.py", "!keep.py"])
    assert matcher.match("app/views.py")
    assert not matcher.match("keep.py")


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/build/", id="leading-slash"),
        pytest.param("./build/", id="leading-dot"),
    ],
)
def test_paths_are_normalised_as_pathspec_does(path: str) -> None:
    matcher = PathMatcher.from_lines(["/build"])
    assert matcher.match(path) is pathspec.GitIgnoreSpec.from_lines(["/build"]).match_file(path)
    assert matcher.match(path)


@pytest.mark.parametrize(
    ("lines", "by_name"),
    [
        pytest.param(DEFAULT_EXCLUDE, True, id="defaults"),
        pytest.param(("secret/", "*.log", "x?y", "# a comment", ""), True, id="names"),
        pytest.param(("app/secret",), False, id="slash-inside"),
        pytest.param(("/anchored.py",), False, id="anchored"),
        pytest.param(("**/build",), False, id="double-star"),
        pytest.param(("[ab].py",), False, id="character-class"),
        pytest.param(("*.py", "!keep.py"), False, id="negated"),
    ],
)
def test_bare_names_match_a_path_by_its_parts(lines: tuple[str, ...], by_name: bool) -> None:
    matcher = PathMatcher.from_lines(lines)
    assert matcher.by_name is by_name
    if by_name:
        for path in PATHS:
            parts = path.rstrip("/").split("/")
            marks = ["/"] * (len(parts) - 1) + ["/" if path.endswith("/") else ""]
            by_parts = any(matcher.match(p + m) for p, m in zip(parts, marks, strict=True))
            assert matcher.match(path) is by_parts, path
