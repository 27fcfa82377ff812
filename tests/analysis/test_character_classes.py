"""Sink kinds a URL pattern of character classes cannot attack."""

from __future__ import annotations

import pytest

from webwarden.analysis.character_classes import (
    EVERY_KIND,
    admits,
    checked_inert_kinds,
    inert_kinds,
    substituted_inert_kinds,
    words_only_pattern,
)


@pytest.mark.parametrize(
    ("regex", "kinds"),
    [
        (r"[\w.+-]+", {"html", "template", "header", "redirect", "url", "ldap", "script_string"}),
        (
            r"[\w.]+",
            {"html", "template", "header", "redirect", "url", "ldap", "sql", "command", "script"}
            | {"option", "script_string"},
        ),
        # NOTE: a JSONP callback's name: `$` is a name's character in JavaScript.
        (
            r"[A-Za-z_$][\w$.]*",
            {"html", "template", "header", "redirect", "url", "ldap", "sql", "script", "option"}
            | {"path"},
        ),
        (r"[^/]+", set()),
        (r"[^/<>]+", set()),
        (r"[^/<>&\"'`]+", {"html"}),
        (
            r"[a-z0-9:]+",
            {"html", "template", "ldap", "sql", "command", "option", "script_string"},
        ),
        # NOTE: classes, escapes and characters in a row match what any of them does.
        (
            r"[\w.-]+\.json",
            {"html", "template", "header", "redirect", "url", "ldap", "path", "script_string"},
        ),
        # NOTE: a `-` after the first character starts no option (`db-1.example.org`).
        (
            r"~?[a-zA-Z0-9][a-zA-Z0-9_.-]*",
            {"html", "template", "header", "redirect", "url", "ldap", "option", "path"}
            | {"script_string"},
        ),
        (
            r"\d{4}-\d{2}",
            {"html", "template", "header", "redirect", "url", "ldap", "option", "graphql"}
            | {"path", "script_string"},
        ),
        (
            r"[a-z0-9]{1,3}[\w.-]*",
            {"html", "template", "header", "redirect", "url", "ldap"}
            | {"option", "path", "script_string"},
        ),
        (
            r"[a-z0-9]?[\w.-]+",
            {"html", "template", "header", "redirect", "url", "ldap", "script_string"},
        ),
        (
            r"[a-z0-9]*[\w.-]+",
            {"html", "template", "header", "redirect", "url", "ldap", "script_string"},
        ),
        # NOTE: an unescaped `.` matches anything, but only after a letter.
        (r"[a-z]+.[a-z]+", {"option"}),
        # NOTE: one path segment: no `/`, `\`, `:`, and never `.` or `..` alone.
        (
            r"[\w.]{3,}",
            {"html", "template", "header", "redirect", "url", "ldap", "sql"}
            | {"command", "script", "option", "path", "script_string"},
        ),
        (
            r"[\w.]{2,}",
            {"html", "template", "header", "redirect", "url", "ldap", "sql", "command", "script"}
            | {"option", "script_string"},
        ),
        (r"[^/]+/[^/]+", set()),
        (r"[a-z]+|[0-9]+", set()),  # NOTE: alternatives are not read
        (r"{slug}", set()),  # NOTE: a piece whose text is unknown
        (r"(?:a|b)+", set()),
        (r"[", set()),
    ],
)
def test_inert_kinds(regex: str, kinds: set[str]) -> None:
    assert inert_kinds(regex) == kinds


@pytest.mark.parametrize(
    ("pattern", "how", "kinds"),
    [
        # NOTE: `$` lets `match` and `search` pass a final newline: not for URLs, SQL,
        # commands or scripts (an option needs a `-`, not a newline; Django and Werkzeug
        # refuse a header value holding one).
        (r"^[\w.-]+$", "match", {"html", "template", "ldap", "header"}),
        (r"[\w.]+$", "match", {"html", "template", "ldap", "option", "header"}),
        (
            r"[\w.]+\Z",
            "match",
            {"html", "template", "header", "redirect", "url", "ldap", "sql", "command", "script"}
            | {"option", "script_string"},
        ),
        (
            r"[a-z0-9._-]{1,32}",
            "fullmatch",
            {"html", "template", "header", "redirect", "url", "ldap", "script_string"},
        ),
        (r"^[\w.-]+$", "search", {"html", "template", "ldap", "header"}),
        (r"[\w.-]+$", "search", set()),
        (r"^[\w.-]+", "match", set()),
        (r"^[\w.()-]+$", "match", {"html", "template", "header"}),
        (r"^[\w.-]+$", "sub", set()),
    ],
)
def test_checked_inert_kinds(pattern: str, how: str, kinds: set[str]) -> None:
    assert checked_inert_kinds(pattern, how) == kinds


@pytest.mark.parametrize(
    ("pattern", "replacement", "kinds"),
    [
        # NOTE: a negated class keeps only what it lists: no quote, `;` or `<` here.
        (r"[^\w\s\-\.]", "", {"html", "template", "ldap", "header"}),
        (
            r"[^A-Za-z0-9_.-]+",
            "",
            {"html", "template", "header", "redirect", "url", "ldap", "script_string"},
        ),
        (r"[^a-z]", "_", set(EVERY_KIND) | {"path"}),
        # NOTE: a `-` put in place of what is dropped may start an option.
        (r"[^a-z]", "-", set(EVERY_KIND) - {"option", "sql", "command", "script"} | {"path"}),
        (
            r"[^\w;]+",
            "",
            {"html", "template", "ldap", "redirect", "url", "option", "graphql", "path"}
            | {"script_string"},
        ),
        (r"[^\w]", "'", {"ldap", "redirect", "url", "option", "graphql", "path"}),
        (r"[<>]", "", set()),  # NOTE: a class of what is dropped keeps everything else
        (r"[^\w]+", r"\1", set()),
        (r"[^a-z]+|x", "", set()),
    ],
)
def test_substituted_inert_kinds(pattern: str, replacement: str, kinds: set[str]) -> None:
    assert substituted_inert_kinds(pattern, replacement) == kinds


def test_admits_and_words_only() -> None:
    assert not admits(r"[\w.-]+", "/")
    assert admits(r"[\w.-]+", "/.")
    assert not admits(r"\w+\.\w+", "/")  # NOTE: a row of classes matches what they do
    assert admits(r"(\w+)?\w+", "/")  # NOTE: a group: anything may be admitted
    assert words_only_pattern(r"[\w-]+")
    assert words_only_pattern(r"png|jpg")
    assert not words_only_pattern(r"[\w.+-]+")
